import { findEmails } from "../entities/recognize-entities.ts";
import { found, type SlotReader, textsOf } from "./slot-reader.ts";

/**
 * Finds an email address anywhere in the message, lower-cased.
 *
 * @example
 * readEmail("reach me at Ana@Acme.io", slot, context) // { value: "ana@acme.io", start: 12, end: 23 }
 */
export const readEmail: SlotReader = (text, _slot, context) => {
  const [email] = findEmails(text, context.language);
  if (email) return found(email.value, email.start, email.end);
  if (!context.asked) return null;
  const { problems } = textsOf(context);
  return { invalid: text.includes("@") ? problems.emailIncomplete : problems.notEmail };
};
