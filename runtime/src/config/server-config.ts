import { readFile } from "node:fs/promises";
import { type Static, Type as T, type TSchema } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";

/** The server's settings, each with the environment variable that sets it and what it accepts. */
export const ServerConfig = T.Object({
  port: T.Integer({ minimum: 0, maximum: 65535, default: 8181, env: "PORT" }),
  host: T.String({ minLength: 1, default: "0.0.0.0", env: "HOST" }),
  /** Unset: the SQLite file in `dataDir`; else `sqlite:<path>` or `postgres://…`. */
  databaseUrl: T.Optional(T.String({ env: "DATABASE_URL" })),
  dataDir: T.String({ minLength: 1, default: "./data", env: "DATA_DIR" }),
  /** The example flows imported on first start, and the folder knowledge paths are relative to. */
  flowsDir: T.String({ minLength: 1, default: "./flows", env: "FLOWS_DIR" }),
  /** The flow a new chat talks to when the client names none. */
  defaultFlow: T.String({ minLength: 1, default: "support", env: "DEFAULT_FLOW" }),
  adminTokens: T.Array(T.String({ minLength: 16 }), { default: [], env: "ADMIN_TOKEN" }),
  /** The first staff account's email, created with a generated password on first start. */
  firstAdminEmail: T.String({ minLength: 3, default: "admin@localhost", env: "FIRST_ADMIN_EMAIL" }),
  /** When set, chat clients (WebSocket and /api/chats) must present it (or an admin token). */
  clientToken: T.Optional(T.String({ minLength: 8, env: "CLIENT_TOKEN" })),
  /**
   * Tokens of trusted backends calling `POST /api/chat` and the OpenAI-compatible API `/v1`: they
   * may name the end user. Admin tokens work there too.
   */
  apiTokens: T.Array(T.String({ minLength: 16 }), { default: [], env: "API_TOKENS" }),
  /** Site login: HS256 tokens signed with this secret identify chat users by `sub`. */
  chatJwtSecret: T.Optional(T.String({ minLength: 32, env: "CHAT_JWT_SECRET" })),
  /** Site login: RS256/ES256 tokens checked against the public keys served here. */
  chatJwksUrl: T.Optional(T.String({ pattern: "^https?://", env: "CHAT_JWKS_URL" })),
  /** Signs anonymous visitors' tokens; unset: a secret generated in `dataDir` on first start. */
  visitorTokenSecret: T.Optional(T.String({ minLength: 32, env: "VISITOR_TOKEN_SECRET" })),
  corsOrigins: T.Array(T.String({ minLength: 1 }), { default: [], env: "CORS_ORIGINS" }),
  /**
   * The hosts flows' http nodes may call (comma-separated: names, `*.domain`, IPs, CIDR ranges,
   * `*` for any public host). Empty: public hosts only, never loopback or private addresses.
   */
  httpAllowedHosts: T.Array(T.String({ minLength: 1 }), {
    default: [],
    env: "HTTP_ALLOWED_HOSTS",
  }),
  rateLimitPerMinute: T.Integer({ minimum: 1, default: 10, env: "RATE_LIMIT_PER_MINUTE" }),
  /** New anonymous visitors and their messages, per client address (see `trustedProxies`). */
  rateLimitPerAddressPerMinute: T.Integer({
    minimum: 1,
    default: 120,
    env: "RATE_LIMIT_PER_ADDRESS_PER_MINUTE",
  }),
  /** Proxies whose `X-Forwarded-For` names the client's address; others' is ignored. */
  trustedProxies: T.Array(T.String({ minLength: 1 }), { default: [], env: "TRUSTED_PROXIES" }),
  /** Turns one WebSocket may have running or queued; past that, `busy`. */
  maxTurnsPerSocket: T.Integer({ minimum: 1, default: 3, env: "MAX_TURNS_PER_SOCKET" }),
  /** Chat turns the process runs or queues at once, every socket together; past that, `busy`. */
  maxTurnsInFlight: T.Integer({ minimum: 1, default: 64, env: "MAX_TURNS_IN_FLIGHT" }),
  maxConnections: T.Integer({ minimum: 1, default: 1000, env: "MAX_WS_CONNECTIONS" }),
  maxQuestionLength: T.Integer({ minimum: 1, default: 2000, env: "MAX_QUESTION_LENGTH" }),
  maxBodyBytes: T.Integer({ minimum: 1024, default: 1024 * 1024, env: "MAX_BODY_BYTES" }),
  /** How long a shutdown waits for running turns before closing the sockets anyway. */
  shutdownTimeoutMs: T.Integer({ minimum: 0, default: 10_000, env: "SHUTDOWN_TIMEOUT_MS" }),
  /** Closed conversations' checkpoints are pruned after this many days; messages are kept. */
  checkpointRetentionDays: T.Integer({ minimum: 1, default: 30, env: "CHECKPOINT_RETENTION_DAYS" }),
});

export type ServerConfig = Static<typeof ServerConfig>;

/** Settings given on the command line, which win over the file and the environment. */
export type ConfigOverrides = Partial<Pick<ServerConfig, "port">>;

type Key = keyof ServerConfig;
type Source = "environment" | "file" | "command line";

/** A configuration that can't be used; the message is one sentence naming the setting. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

const properties = ServerConfig.properties as Record<Key, TSchema>;
const LISTS = new Set<Key>([
  "adminTokens",
  "apiTokens",
  "corsOrigins",
  "httpAllowedHosts",
  "trustedProxies",
]);
/** Never echoed in error messages, which end up in logs. */
const SECRETS = new Set<Key>([
  "adminTokens",
  "apiTokens",
  "clientToken",
  "chatJwtSecret",
  "visitorTokenSecret",
]);

/**
 * Reads the settings: defaults, then the config file (`CONFIG_FILE`, default
 * `switchboard.config.json` when it exists), then environment variables, then `overrides`.
 *
 * @throws ConfigError naming the first bad setting and where it came from.
 * @example
 * const config = await loadServerConfig(process.env, { port: 0 });
 */
export async function loadServerConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: ConfigOverrides = {},
): Promise<ServerConfig> {
  const sources = new Map<Key, Source>();
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(await readConfigFile(env))) {
    if (!(key in properties))
      throw new ConfigError(
        `The config file has an unknown setting "${key}"; known settings are ${Object.keys(properties).join(", ")}.`,
      );
    raw[key] = value;
    sources.set(key as Key, "file");
  }
  for (const key of Object.keys(properties) as Key[]) {
    const text = env[envName(key)];
    if (text === undefined || text.trim() === "") continue;
    raw[key] = LISTS.has(key)
      ? text
          .split(",")
          .map((item) => item.trim())
          .filter(Boolean)
      : Value.Convert(properties[key], text.trim());
    sources.set(key, "environment");
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    raw[key] = value;
    sources.set(key as Key, "command line");
  }
  const config = Value.Default(ServerConfig, raw);
  const error = Value.Errors(ServerConfig, config).First();
  if (error) {
    const key = error.path.split("/")[1] as Key;
    const source = sources.get(key) ?? "file";
    const name = source === "environment" ? envName(key) : key;
    const item = error.path.split("/").length > 2 ? " (one of its items)" : "";
    const got = SECRETS.has(key)
      ? `a value of ${String(error.value).length} characters`
      : JSON.stringify(error.value);
    throw new ConfigError(
      `The setting ${name} from the ${source} is invalid${item}: ${lowerFirst(error.message)}, got ${got}.`,
    );
  }
  return config as ServerConfig;
}

/** The environment variable that sets a key. */
export function envName(key: Key): string {
  return (properties[key] as TSchema & { env: string }).env;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

async function readConfigFile(env: Record<string, string | undefined>): Promise<object> {
  const path = env.CONFIG_FILE?.trim() || "switchboard.config.json";
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (!env.CONFIG_FILE) return {};
    throw new ConfigError(
      `CONFIG_FILE names ${path}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      `The config file ${path} is not valid JSON: ${(error as Error).message}.`,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new ConfigError(`The config file ${path} must hold a JSON object of settings.`);
  return parsed;
}
