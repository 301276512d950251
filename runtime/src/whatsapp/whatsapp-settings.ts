/** How several messages sent by one phone while its turn runs are handled. */
type BurstMode =
  /** One turn per message, in order. */
  | "sequential"
  /** The waiting texts become one turn, joined by line breaks. */
  | "merge";

/** The WhatsApp channel's settings, read from the environment. */
export interface WhatsAppSettings {
  /** Compared with `hub.verify_token` when Meta verifies the webhook. */
  verifyToken: string;
  /** The app secret Meta signs webhook bodies with (`X-Hub-Signature-256`). */
  appSecret: string;
  accessToken: string;
  /** The business phone number the replies are sent from. */
  phoneNumberId: string;
  /** Meta's Graph host, or a proxy or stand-in; without a trailing slash. */
  graphBaseUrl: string;
  graphVersion: string;
  burstMode: BurstMode;
  /** The answer to media, locations, contacts and other messages the flows can't read. */
  unsupportedReply: string;
  /** The answer to `/reset`. */
  resetReply: string;
  /** The answer when a turn fails, so the user isn't left without one. */
  failureReply: string;
  /**
   * What the phone is told as a person takes over, as the web chat's status line says it: waiting
   * for a person, talking to one (`{agent}` is the agent's name), back with the assistant.
   */
  stateTexts: HandoffStateTexts;
  /** The label of the button that opens a list of more than three quick replies (20 characters at most). */
  listButtonLabel: string;
  /**
   * The most turns running at once; fewer while the process's thread, which the webhook shares,
   * is busy. A backlog waits in the inbox rather than slowing acknowledgements down.
   */
  maxConcurrentTurns: number;
  /**
   * How long a reply the Graph API does not take (down, 5xx, rate limited) is tried again, across
   * restarts, before it is a dead letter (`WHATSAPP_RETRY_WINDOW`, default 24 h: WhatsApp's
   * customer-service window).
   */
  retryWindowMs: number;
}

/** The texts of a handoff's states, sent to the phone when the state changes. */
export interface HandoffStateTexts {
  waiting: string;
  talkingTo: string;
  back: string;
}

/** The channel on, with its settings, or off, with the variables it lacks. */
export type WhatsAppChannelSettings =
  | { enabled: true; settings: WhatsAppSettings }
  | { enabled: false; missing: string[] };

/** Required: without any of these the channel is off. */
const REQUIRED = {
  verifyToken: "WHATSAPP_VERIFY_TOKEN",
  appSecret: "WHATSAPP_APP_SECRET",
  accessToken: "WHATSAPP_ACCESS_TOKEN",
  phoneNumberId: "WHATSAPP_PHONE_NUMBER_ID",
} as const;

const DEFAULT_GRAPH_BASE_URL = "https://graph.facebook.com";
/** The Graph API version released on 29 July 2026. */
const DEFAULT_GRAPH_VERSION = "v26.0";

/** A setting the channel cannot run with; the message names the variable. */
export class WhatsAppSettingsError extends Error {
  override readonly name = "WhatsAppSettingsError";
}

/**
 * Reads the channel's settings: the four required variables of the chatbot template this grew
 * from, and optional ones with defaults.
 *
 * @throws WhatsAppSettingsError when an optional variable has a value the channel can't use.
 * @example
 * const whatsapp = readWhatsAppSettings(process.env);
 * if (!whatsapp.enabled) console.log(`WhatsApp is off: ${whatsapp.missing.join(", ")} not set`);
 */
export function readWhatsAppSettings(
  env: Record<string, string | undefined>,
): WhatsAppChannelSettings {
  const value = (name: string) => env[name]?.trim() || undefined;
  const missing = Object.values(REQUIRED).filter((name) => value(name) === undefined);
  if (missing.length > 0) return { enabled: false, missing };

  const graphBaseUrl = (value("WHATSAPP_GRAPH_BASE_URL") ?? DEFAULT_GRAPH_BASE_URL).replace(
    /\/+$/,
    "",
  );
  if (!/^https?:$/.test(URL.parse(graphBaseUrl)?.protocol ?? ""))
    throw new WhatsAppSettingsError(
      `WHATSAPP_GRAPH_BASE_URL must be an http(s) URL like ${DEFAULT_GRAPH_BASE_URL}, not "${graphBaseUrl}".`,
    );
  const graphVersion = value("WHATSAPP_GRAPH_VERSION") ?? DEFAULT_GRAPH_VERSION;
  if (!/^v\d+\.\d+$/.test(graphVersion))
    throw new WhatsAppSettingsError(
      `WHATSAPP_GRAPH_VERSION must look like ${DEFAULT_GRAPH_VERSION}, not "${graphVersion}".`,
    );
  const burstMode = value("WHATSAPP_BURST_MODE") ?? "sequential";
  if (burstMode !== "sequential" && burstMode !== "merge")
    throw new WhatsAppSettingsError(
      `WHATSAPP_BURST_MODE must be "sequential" or "merge", not "${burstMode}".`,
    );
  const listButtonLabel = value("WHATSAPP_LIST_BUTTON_LABEL") ?? "Options";
  if (listButtonLabel.length > 20)
    throw new WhatsAppSettingsError(
      `WHATSAPP_LIST_BUTTON_LABEL must be 20 characters at most (WhatsApp's limit), not ${listButtonLabel.length}.`,
    );

  const maxConcurrentTurns = Number(value("WHATSAPP_MAX_CONCURRENT_TURNS") ?? "32");
  if (!Number.isInteger(maxConcurrentTurns) || maxConcurrentTurns < 1)
    throw new WhatsAppSettingsError(
      `WHATSAPP_MAX_CONCURRENT_TURNS must be a whole number of at least 1, not "${value("WHATSAPP_MAX_CONCURRENT_TURNS")}".`,
    );

  const retryWindow = value("WHATSAPP_RETRY_WINDOW") ?? "24h";
  const retryWindowMs = durationMs(retryWindow);
  if (retryWindowMs === undefined)
    throw new WhatsAppSettingsError(
      `WHATSAPP_RETRY_WINDOW must be a duration like 24h, 90m or 30s, not "${retryWindow}".`,
    );

  const required = (key: keyof typeof REQUIRED) => value(REQUIRED[key]) as string;
  return {
    enabled: true,
    settings: {
      verifyToken: required("verifyToken"),
      appSecret: required("appSecret"),
      accessToken: required("accessToken"),
      phoneNumberId: required("phoneNumberId"),
      graphBaseUrl,
      graphVersion,
      burstMode,
      unsupportedReply:
        value("WHATSAPP_UNSUPPORTED_REPLY") ??
        "Sorry, I can only read text messages. Please type your question.",
      resetReply:
        value("WHATSAPP_RESET_REPLY") ??
        "Done: our conversation starts afresh. Send a message whenever you're ready.",
      failureReply:
        value("WHATSAPP_FAILURE_REPLY") ??
        "Sorry, something went wrong on our side. Please try again in a moment.",
      stateTexts: {
        waiting: value("WHATSAPP_WAITING_TEXT") ?? "Waiting for a person…",
        talkingTo: value("WHATSAPP_TALKING_TO_TEXT") ?? "You are talking to {agent}.",
        back: value("WHATSAPP_BACK_TEXT") ?? "Back with the assistant.",
      },
      listButtonLabel,
      maxConcurrentTurns,
      retryWindowMs,
    },
  };
}

const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;

/** `24h`, `90m`, `30s`, `500ms` in milliseconds; undefined for anything else. */
function durationMs(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(h|m|s|ms)$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
