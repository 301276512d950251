/**
 * A stand-in for vLLM's `GET /v1/models` on a local port: 503 until the test says which models
 * it serves (as a server still loading answers nothing useful), then a list shaped like vLLM's;
 * 401 without the key when one is required, as vLLM started with `--api-key` answers.
 */
import recorded from "../fixtures/vllm-models-response.json";

export interface ModelsServer {
  /** The API's address without `/v1`. */
  readonly url: string;
  /** Starts listing these model ids. */
  serve(ids: string[]): void;
  /** Requires `Authorization: Bearer <key>` from now on. */
  requireKey(key: string): void;
  readonly requests: number;
  stop(): Promise<void>;
}

export function startModelsServer(): ModelsServer {
  let ids: string[] | undefined;
  let key: string | undefined;
  let requests = 0;
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch(request) {
      requests++;
      if (new URL(request.url).pathname !== "/v1/models") {
        return new Response("not found", { status: 404 });
      }
      if (key && request.headers.get("authorization") !== `Bearer ${key}`) {
        return Response.json({ error: "Unauthorized" }, { status: 401 });
      }
      if (!ids) return new Response("loading", { status: 503 });
      const [model] = recorded.data;
      return Response.json({ ...recorded, data: ids.map((id) => ({ ...model, id, root: id })) });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    serve: (served) => {
      ids = served;
    },
    requireKey: (required) => {
      key = required;
    },
    get requests() {
      return requests;
    },
    stop: () => server.stop(true),
  };
}
