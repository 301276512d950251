import { found, type SlotReader } from "./slot-reader.ts";

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;

/**
 * Finds an email address anywhere in the message, lower-cased.
 *
 * @example
 * readEmail("reach me at Ana@Acme.io", slot, context) // { value: "ana@acme.io", start: 12, end: 23 }
 */
export const readEmail: SlotReader = (text, _slot, { asked }) => {
  const match = EMAIL.exec(text);
  if (match) return found(match[0].toLowerCase(), match.index, match.index + match[0].length);
  if (!asked) return null;
  return {
    invalid: text.includes("@")
      ? "that email address looks incomplete"
      : "that doesn't look like an email address",
  };
};
