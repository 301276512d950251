import type { CountryCode } from "libphonenumber-js";
import { findPhoneNumbersInText } from "libphonenumber-js";
import type { Language } from "../../text/language/language.ts";
import { found, type SlotReader, textsOf } from "./slot-reader.ts";

// National numbers are read as the language's main country's when the user answers the phone
// question; a number volunteered unprompted must carry its country code to be told from other digits.
const DEFAULT_COUNTRY: Record<Language, CountryCode> = { en: "US", pt: "BR", es: "ES" };

/**
 * Finds a phone number and normalises it to E.164. International numbers (`+44 …`, `0044 …`)
 * are found anywhere; national ones (American in English, Brazilian in Portuguese, Spanish in
 * Spanish) only in answer to the phone question.
 *
 * @example
 * readPhone("call me on +44 20 7946 0958", slot, context) // { value: "+442079460958", ... }
 */
export const readPhone: SlotReader = (text, _slot, context) => {
  const { asked } = context;
  // "0044 20 …" is how much of the world dials "+44 20 …"; same length, so offsets still hold.
  const dialable = text.replace(/(^|[^\d+])00(?=[1-9])/g, "$1 +");
  const numbers = findPhoneNumbersInText(
    dialable,
    asked ? DEFAULT_COUNTRY[context.language] : undefined,
  );
  const valid = numbers.find((candidate) => candidate.number.isValid());
  if (valid) return found(valid.number.number, valid.startsAt, valid.endsAt);
  if (!asked) return null;
  const { problems } = textsOf(context);
  return { invalid: /\d/.test(text) ? problems.phoneIncomplete : problems.notPhone };
};
