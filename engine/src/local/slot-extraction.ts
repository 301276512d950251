import type { Language } from "../text/language/language.ts";
import { localTexts } from "./local-texts.ts";
import { PRECISE_KINDS, slotKindOrder, slotReaders } from "./slot-kinds.ts";
import { checkSlotValue } from "./slots/slot-constraints.ts";
import type { Slot } from "./slots/slot-reader.ts";

export type { Slot } from "./slots/slot-reader.ts";

export interface SlotExtraction {
  values: Record<string, string | number>;
  /** Why a slot's answer can't be used, in words for the user ("that doesn't look like an email address"). */
  invalid: Record<string, string>;
}

export interface SlotExtractionOptions {
  /** The slot the user was just asked for: its reader also accepts a bare answer. */
  asking?: string;
  /** The day relative timelines ("by summer") count from; today unless given. */
  today?: Date;
  /** The message's language: entities, cues and the reasons given follow it; English unless given. */
  language?: Language;
}

/**
 * The local model's slot filling: reads every slot it can from one message ("I'm Ana from
 * Acme, ana@acme.io, budget 20k" fills name, company, email and budget). Slots not asked for are
 * read only from clear cues; the one being asked for also from a bare answer, and lands in
 * `invalid` with a reason when the answer can't be used. Values are checked against each
 * slot's `pattern`, `min` and `max`.
 *
 * @example
 * extractSlots("ana@acme.io, budget 20k", slots, { asking: "email" });
 * // { values: { email: "ana@acme.io", budget: 20000 }, invalid: {} }
 */
export function extractSlots(
  text: string,
  slots: readonly Slot[],
  options: SlotExtractionOptions = {},
): SlotExtraction {
  const result: SlotExtraction = { values: {}, invalid: {} };
  const today = options.today ?? new Date();
  const language = options.language ?? "en";
  const ordered = [...slots].sort((a, b) => rank(a, options.asking) - rank(b, options.asking));
  let remaining = text;
  for (const slot of ordered) {
    const asked = slot.name === options.asking;
    const reading = slotReaders[slot.kind](remaining, slot, {
      asked,
      today,
      original: text,
      language,
    });
    if (reading === null) {
      if (asked) result.invalid[slot.name] = localTexts[language].problems.noAnswer;
      continue;
    }
    if ("invalid" in reading) {
      result.invalid[slot.name] = reading.invalid;
      continue;
    }
    // Blank out what this slot took (keeping offsets) so no other slot reads it again.
    const blank = ",".padEnd(reading.end - reading.start).slice(0, reading.end - reading.start);
    remaining = `${remaining.slice(0, reading.start)}${blank}${remaining.slice(reading.end)}`;
    const problem = checkSlotValue(slot, reading.value, language);
    if (problem) result.invalid[slot.name] = problem;
    else result.values[slot.name] = reading.value;
  }
  return result;
}

// Readers go in `slotKindOrder`, except that the slot being asked for reads right after the
// precise kinds: the answer is meant for it ("Pedal & Co" is a company, not a name).
function rank(slot: Slot, asking: string | undefined): number {
  const rank = slotKindOrder.indexOf(slot.kind);
  return slot.name === asking ? Math.min(rank, PRECISE_KINDS - 0.5) : rank;
}
