import { found, type SlotReader, textsOf } from "./slot-reader.ts";

/**
 * Takes the whole answer, as written, when the slot was asked for; free text is never guessed
 * from other messages. It claims no part of the message, so other slots still read theirs.
 *
 * @example
 * readText("We need a CRM for 20 people", slot, { asked: true, ... }) // { value: "We need a CRM for 20 people", ... }
 */
export const readText: SlotReader = (_text, _slot, context) => {
  const { asked, original } = context;
  if (!asked) return null;
  const answer = original.trim();
  return answer === "" ? { invalid: textsOf(context).problems.noAnswer } : found(answer, 0, 0);
};
