import { t } from "elysia";

/**
 * A `VersionRef` with the default a route means when it is left out. Elysia's own integer type,
 * so `?version=3` arrives as a number; the default is explicit because Elysia would otherwise
 * fill in its members' defaults (0, or the first name).
 */
export function versionRef(defaultRef: "draft" | "published") {
  return t.Union([t.Integer({ minimum: 1 }), t.UnionEnum(["draft", "published", "latest"])], {
    default: defaultRef,
    description: `A version number, or draft, published or latest (default: ${defaultRef})`,
  });
}
