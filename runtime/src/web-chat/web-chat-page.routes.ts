import { join } from "node:path";
import { Elysia } from "elysia";

const PUBLIC = join(import.meta.dir, "..", "..", "public");

/** Scripts and styles from this server only, and sockets to it: a message can never run code. */
const HEADERS = {
  "content-security-policy":
    "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; frame-ancestors *",
  "x-content-type-options": "nosniff",
  "cache-control": "no-cache",
};

const FILES = {
  "/": "index.html",
  "/chat.js": "chat.js",
  "/chat.css": "chat.css",
  "/embed.js": "embed.js",
} as const;

/** The web chat page at `/`, its assets, and `embed.js`, which puts it on any site. */
export function webChatRoutes() {
  const app = new Elysia({ detail: { hide: true } });
  for (const [path, file] of Object.entries(FILES)) {
    app.get(path, ({ set }) => {
      Object.assign(set.headers, HEADERS);
      return Bun.file(join(PUBLIC, file));
    });
  }
  return app;
}
