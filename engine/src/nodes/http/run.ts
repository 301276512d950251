import { FlowError } from "../../errors.ts";
import type { NodeOf } from "../../schema/flow.ts";
import { readPath, renderTemplate } from "../../template.ts";
import type { NodeImplementation } from "../node-runner.ts";

export const httpImplementation: NodeImplementation<NodeOf<"http">> = {
  needsUserMessage: () => false,
  compile: (node, context) => async (_state, run) => {
    const { method, url, headers = {}, body, timeoutMs, map } = node.config;
    // Values placed into the URL are encoded so user text cannot change its shape.
    const target = renderTemplate(url, run.scope, encodeURIComponent);
    const response = await context.fetch(target, {
      method,
      headers: Object.fromEntries(
        Object.entries(headers).map(([k, v]) => [k, renderTemplate(v, run.scope)]),
      ),
      body: body === undefined || method === "GET" ? undefined : renderTemplate(body, run.scope),
      signal: AbortSignal.any([
        AbortSignal.timeout(timeoutMs),
        ...(run.config.signal ? [run.config.signal] : []),
      ]),
    });
    if (!response.ok) {
      throw new FlowError(
        "node_failed",
        `${method} ${new URL(target).origin} answered ${response.status}`,
        {
          nodeId: node.id,
        },
      );
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      throw new FlowError(
        "node_failed",
        `${method} ${new URL(target).origin} did not answer JSON`,
        {
          nodeId: node.id,
        },
      );
    }
    return {
      vars: Object.fromEntries(
        map.map(({ variable, path }) => [variable, readPath(json, path) ?? null]),
      ),
    };
  },
};
