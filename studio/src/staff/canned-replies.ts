const KEY = "switchboard.studio.canned-replies";

const DEFAULTS = [
  "Hi, thanks for waiting. How can I help?",
  "Let me check that for you; one moment please.",
  "Is there anything else I can help you with?",
];

/** The agent's canned replies, kept in this browser. */
export const cannedReplies = {
  read(): string[] {
    try {
      const stored = JSON.parse(localStorage.getItem(KEY) ?? "null") as unknown;
      return Array.isArray(stored) ? stored.filter((one) => typeof one === "string") : DEFAULTS;
    } catch {
      return DEFAULTS;
    }
  },
  write(replies: string[]) {
    localStorage.setItem(KEY, JSON.stringify(replies));
  },
};
