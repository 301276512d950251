import { findPhoneNumbersInText } from "libphonenumber-js";
import { found, type SlotReader } from "./slot-reader.ts";

// National numbers are read as American ones when the user answers the phone question; a
// number volunteered unprompted must carry its country code to be told from other digits.
const DEFAULT_COUNTRY = "US";

/**
 * Finds a phone number and normalises it to E.164. International numbers (`+44 …`, `0044 …`)
 * are found anywhere; national ones only in answer to the phone question.
 *
 * @example
 * readPhone("call me on +44 20 7946 0958", slot, context) // { value: "+442079460958", ... }
 */
export const readPhone: SlotReader = (text, _slot, { asked }) => {
  // "0044 20 …" is how much of the world dials "+44 20 …"; same length, so offsets still hold.
  const dialable = text.replace(/(^|[^\d+])00(?=[1-9])/g, "$1 +");
  const numbers = findPhoneNumbersInText(dialable, asked ? DEFAULT_COUNTRY : undefined);
  const valid = numbers.find((candidate) => candidate.number.isValid());
  if (valid) return found(valid.number.number, valid.startsAt, valid.endsAt);
  if (!asked) return null;
  return {
    invalid: /\d/.test(text)
      ? "that doesn't look like a complete phone number; please include the area code, or the country code (e.g. +44) outside the US"
      : "that doesn't look like a phone number",
  };
};
