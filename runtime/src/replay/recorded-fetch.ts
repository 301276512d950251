import { ReplayMissError } from "./replay-error.ts";
import { currentRecordings } from "./replay-recordings.ts";

/**
 * The fetch a replay gives `http` nodes: the recorded response to the same request, and never a
 * call out. A request the recording does not have fails the node, saying so.
 */
export const recordedFetch = Object.assign(
  async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const method = init?.method ?? "GET";
    const url = input instanceof Request ? input.url : String(input);
    const response = currentRecordings.getStore()?.takeResponse(method, url);
    if (!response)
      throw new ReplayMissError(
        `No recorded response to ${method} ${url}: a replay never calls out, and this request was not made in the recorded conversation.`,
      );
    if (response.truncated)
      throw new ReplayMissError(
        `The recorded response to ${method} ${url} was longer than the recording keeps, so it cannot be replayed.`,
      );
    return new Response(response.body, { status: response.status });
  },
  { preconnect: () => {} },
) as typeof fetch;
