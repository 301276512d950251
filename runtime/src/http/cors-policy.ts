import { cors } from "@elysiajs/cors";
import { Elysia } from "elysia";
import { CHAT_ID_HEADER } from "../openai-api/index.ts";

/** How long a browser may reuse a preflight's answer. */
const PREFLIGHT_MAX_AGE_S = 600;

/**
 * Cross-origin access for the configured origins (none: no cross-origin access; the web chat is
 * served from here). Preflights are answered here rather than by the plugin, which answers one
 * that asks for no headers with `Access-Control-Allow-Headers: undefined`.
 */
export function corsPolicy(origins: string[]) {
  return new Elysia({ name: "cors-policy" })
    .use(
      cors({
        origin: origins.length > 0 ? origins : false,
        preflight: false,
        // Browsers may read the chat id an answer names.
        exposeHeaders: [CHAT_ID_HEADER],
        // What the chat clients send; a preflight is answered with the headers it asks for.
        allowedHeaders: ["content-type", "authorization", "accept", CHAT_ID_HEADER],
      }),
    )
    .options(
      "/*",
      ({ request, set }) => {
        const method = request.headers.get("access-control-request-method");
        const headers = request.headers.get("access-control-request-headers");
        if (method) set.headers["access-control-allow-methods"] = method;
        if (headers) set.headers["access-control-allow-headers"] = headers;
        set.headers["access-control-max-age"] = String(PREFLIGHT_MAX_AGE_S);
        return new Response(null, { status: 204 });
      },
      { detail: { hide: true } },
    );
}
