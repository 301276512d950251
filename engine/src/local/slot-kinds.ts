import { readBudget } from "./slots/budget-slot.ts";
import { readChoice } from "./slots/choice-slot.ts";
import { readCompany } from "./slots/company-slot.ts";
import { readEmail } from "./slots/email-slot.ts";
import { readName } from "./slots/name-slot.ts";
import { readNumber } from "./slots/number-slot.ts";
import { readPhone } from "./slots/phone-slot.ts";
import type { SlotKind, SlotReader } from "./slots/slot-reader.ts";
import { readText } from "./slots/text-slot.ts";
import { readTimeline } from "./slots/timeline-slot.ts";

/**
 * The reader of each slot kind, in the order they read a message: the most recognisable
 * first, so that what they take ("ana@acme.io", "in 2 months") is blanked out before looser
 * readers (a name, a company, a bare number) look at what is left.
 *
 * @example
 * slotReaders.email("ana@acme.io", slot, context)
 */
export const slotReaders = {
  email: readEmail,
  phone: readPhone,
  timeline: readTimeline,
  budget: readBudget,
  choice: readChoice,
  number: readNumber,
  name: readName,
  company: readCompany,
  text: readText,
} satisfies { [K in SlotKind]: SlotReader };

/** Slot kinds in reading order. */
export const slotKindOrder = Object.keys(slotReaders) as SlotKind[];

/** How many kinds, from the start of {@link slotKindOrder}, are recognised by their form alone. */
export const PRECISE_KINDS = slotKindOrder.indexOf("choice");
