import { FlowError } from "../../errors.ts";
import { renderTemplate, type TemplateScope } from "../../template.ts";

/** A path segment URL parsers resolve (`..` climbs one level), `%2e` being a dot too. */
const DOT_SEGMENT = /^(\.|%2e){1,2}$/i;

/**
 * Renders an http node's URL template with each value percent-encoded, so user text stays one
 * value: it cannot add a path segment, a query parameter or a fragment. A value that would make
 * a whole path segment `.` or `..` is refused, since encoding does not stop a URL parser from
 * resolving it (`/orders/{{id}}/status` with `..` would call `/status`).
 *
 * @throws FlowError "node_failed" for such a value, or when the result is not an http(s) URL.
 * @example
 * renderUrl("https://api.test/orders/{{id}}?q={{q}}", { id: "a/b", q: "x&y" })
 * // https://api.test/orders/a%2Fb?q=x%26y
 */
export function renderUrl(template: string, scope: TemplateScope): URL {
  const queryAt = template.search(/[?#]/);
  const pathEnd = queryAt === -1 ? template.length : queryAt;
  const segments = template.slice(0, pathEnd).split("/");
  for (const segment of segments) {
    if (!segment.includes("{{")) continue;
    const rendered = renderTemplate(segment, scope, encodeURIComponent);
    if (DOT_SEGMENT.test(rendered))
      throw new FlowError(
        "node_failed",
        `A value placed in the URL path "${template}" cannot be "." or ".." (it was "${rendered}"), since it would change which path is called.`,
      );
  }
  const text = renderTemplate(template, scope, encodeURIComponent);
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw new FlowError("node_failed", `"${text}" is not a valid URL.`, { cause });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new FlowError(
      "node_failed",
      `http nodes call http: and https: URLs, not ${url.protocol}`,
    );
  return url;
}
