import { join, normalize, sep } from "node:path";
import { Elysia } from "elysia";

/** Where `bun run --cwd studio build` writes the studio. */
const STUDIO_DIST = join(import.meta.dir, "..", "..", "..", "studio", "dist");

/** The page's own scripts and styles only, and API calls to this server. */
const HEADERS = {
  "content-security-policy":
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
};

/**
 * The studio at `/studio/`: the files Vite built, and `index.html` for every other path of
 * the single-page app. The page is public; everything it shows comes from the API, behind the
 * admin token it asks for.
 *
 * @example
 * new Elysia().use(studioRoutes()) // or studioRoutes(dir) for a build elsewhere
 */
export function studioRoutes(dist = STUDIO_DIST) {
  const root = normalize(dist);
  const page = async (set: {
    headers: Record<string, string | number>;
    status?: number | string;
  }) => {
    Object.assign(set.headers, HEADERS, { "cache-control": "no-cache" });
    const index = Bun.file(join(root, "index.html"));
    if (await index.exists()) return index;
    set.status = 503;
    return "The studio is not built: run `bun run --cwd studio build`, then reload.";
  };
  return (
    new Elysia({ detail: { hide: true } })
      // Elysia matches `/studio/` here too; the page's asset URLs are absolute, so both work.
      .get("/studio", ({ set }) => page(set))
      .get("/studio/*", async ({ params, set }) => {
        const path = normalize(join(root, params["*"]));
        if (path.startsWith(`${root}${sep}`) && params["*"] !== "") {
          const file = Bun.file(path);
          if (await file.exists()) {
            Object.assign(set.headers, HEADERS, {
              // Built assets carry a content hash in their names, so they never change.
              "cache-control": path.includes(`${sep}assets${sep}`)
                ? "public, max-age=31536000, immutable"
                : "no-cache",
            });
            return file;
          }
        }
        return page(set);
      })
  );
}
