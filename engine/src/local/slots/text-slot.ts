import { found, type SlotReader } from "./slot-reader.ts";

/**
 * Takes the whole answer, as written, when the slot was asked for; free text is never guessed
 * from other messages. It claims no part of the message, so other slots still read theirs.
 *
 * @example
 * readText("We need a CRM for 20 people", slot, { asked: true, ... }) // { value: "We need a CRM for 20 people", ... }
 */
export const readText: SlotReader = (_text, _slot, { asked, original }) => {
  if (!asked) return null;
  const answer = original.trim();
  return answer === "" ? { invalid: "I didn't get an answer" } : found(answer, 0, 0);
};
