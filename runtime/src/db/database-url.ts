import { join } from "node:path";

/** Where the data lives, as named by `DATABASE_URL` (or its absence). */
export type DatabaseLocation =
  | { dialect: "sqlite"; path: string }
  | { dialect: "postgres"; connectionString: string };

/**
 * Reads `DATABASE_URL`: unset means the embedded SQLite file `<dataDir>/switchboard.db`,
 * `sqlite:<path>` another file (or `:memory:`), `postgres://…` or `postgresql://…` a server.
 *
 * @example
 * parseDatabaseUrl("sqlite:/var/lib/switchboard/chat.db", { dataDir: "data" });
 * // { dialect: "sqlite", path: "/var/lib/switchboard/chat.db" }
 */
export function parseDatabaseUrl(
  url: string | undefined,
  { dataDir }: { dataDir: string },
): DatabaseLocation {
  const trimmed = url?.trim();
  if (!trimmed) return { dialect: "sqlite", path: join(dataDir, "switchboard.db") };
  if (trimmed.startsWith("sqlite:")) {
    // Accept both `sqlite:path` and the URL-looking `sqlite://path`.
    const path = trimmed.slice("sqlite:".length).replace(/^\/\//, "");
    if (!path) throw new TypeError("DATABASE_URL=sqlite: names no file; write sqlite:<path>");
    return { dialect: "sqlite", path };
  }
  if (/^postgres(ql)?:\/\//.test(trimmed))
    return { dialect: "postgres", connectionString: trimmed };
  throw new TypeError(
    `DATABASE_URL must start with sqlite: or postgres:// (got "${trimmed.split(":")[0]}:…")`,
  );
}

/** `host:port` of a PostgreSQL URL without its credentials, for error messages. */
export function describePostgresServer(connectionString: string): string {
  const url = new URL(connectionString);
  return `${url.hostname || "localhost"}:${url.port || "5432"}`;
}
