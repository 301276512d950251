import type { IncomingMessage } from "./webhook-types.ts";

/** What the channel does with an incoming message. */
export type MessageAction =
  /** Run a turn with this text as the user's message. */
  | { kind: "turn"; text: string }
  /** The user typed `/reset`: end the session, confirm. */
  | { kind: "reset" }
  /** Something the flows can't read: answer politely that only text is understood. */
  | { kind: "unsupported" }
  /** Nothing to answer; recorded as ignored, with the reason. */
  | { kind: "ignore"; reason: string };

const RESET_COMMAND = "/reset";

/**
 * Texts become turns; button and list taps feed the tapped option's id (what a `reply` node's
 * quick reply sends back), or its title when it has none; reactions and system notices need no
 * answer; everything else (media, locations, contacts, orders, Flow submissions, unsupported
 * types) gets the polite text-only reply.
 *
 * @example
 * actionOf({ type: "text", text: " /reset " }) // { kind: "reset" }
 */
export function actionOf(message: IncomingMessage): MessageAction {
  switch (message.type) {
    case "text":
      if (message.text.trim().toLowerCase() === RESET_COMMAND) return { kind: "reset" };
      return message.text.trim() === ""
        ? { kind: "unsupported" }
        : { kind: "turn", text: message.text };
    case "interactive":
      if (message.interactive.kind === "nfm_reply") return { kind: "unsupported" };
      return { kind: "turn", text: message.interactive.id || message.interactive.title };
    case "button":
      return { kind: "turn", text: message.button.payload || message.button.text };
    case "reaction":
      return { kind: "ignore", reason: "a reaction needs no answer" };
    case "system":
      return {
        kind: "ignore",
        reason: `a system notice (${message.system.type ?? "unknown"}) needs no answer`,
      };
    default:
      return { kind: "unsupported" };
  }
}
