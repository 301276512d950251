import { FlowError } from "../../errors.ts";
import type { NodeOf } from "../../schema/flow.ts";
import { readPath, renderTemplate } from "../../template.ts";
import type { NodeImplementation } from "../node-runner.ts";
import { hostChecker } from "./check-http-target.ts";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./http-policy.ts";
import { readLimitedText } from "./read-limited-text.ts";
import { renderBody } from "./render-body.ts";
import { renderUrl } from "./render-url.ts";

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && error.name === "TimeoutError";
}

export const httpImplementation: NodeImplementation<NodeOf<"http">> = {
  needsUserMessage: () => false,
  compile: (node, context) => {
    const checkHost = hostChecker(context.http);
    const maxBytes = context.http.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    return async (_state, run) => {
      const { method, url, headers = {}, body, timeoutMs, map } = node.config;
      const target = renderUrl(url, run.scope);
      const describe = `${method} ${target.origin}`;
      await checkHost(target);
      const rendered =
        body === undefined || method === "GET" ? undefined : renderBody(body, run.scope);
      const requestHeaders = new Headers(
        Object.entries(headers).map(([k, v]): [string, string] => [
          k,
          renderTemplate(v, run.scope),
        ]),
      );
      if (rendered?.json && !requestHeaders.has("content-type"))
        requestHeaders.set("content-type", "application/json");
      let text: string;
      try {
        const response = await context.fetch(target, {
          method,
          headers: requestHeaders,
          body: rendered?.text,
          // A redirect could lead anywhere, a private address included: the node calls one URL.
          redirect: "manual",
          signal: AbortSignal.any([
            AbortSignal.timeout(timeoutMs),
            ...(run.config.signal ? [run.config.signal] : []),
          ]),
        });
        if (response.status >= 300 && response.status < 400)
          throw new FlowError(
            "node_failed",
            `${describe} answered a redirect (${response.status}); http nodes do not follow redirects, so call the final URL.`,
          );
        if (!response.ok)
          throw new FlowError("node_failed", `${describe} answered ${response.status}`);
        text = await readLimitedText(response, maxBytes, describe);
      } catch (error) {
        if (!isTimeout(error)) throw error;
        throw new FlowError("node_failed", `${describe} did not answer within ${timeoutMs} ms.`, {
          cause: error,
        });
      }
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        throw new FlowError("node_failed", `${describe} did not answer JSON`);
      }
      return {
        vars: Object.fromEntries(
          map.map(({ variable, path }) => [variable, readPath(json, path) ?? null]),
        ),
      };
    };
  },
};
