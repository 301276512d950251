import { editDistance } from "../../text/edit-distance.ts";
import { foldWord, found, type SlotReader, type SlotValue, textsOf } from "./slot-reader.ts";

const ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth".split(" ");

/**
 * Matches one of the slot's `choices`, returned as written in the flow. Named in the message
 * (case and accents ignored), or, in answer to the question, by a unique prefix ("ent" →
 * "Enterprise"), a typo ("entreprise"), or a position ("2", "the second one").
 *
 * @example
 * readChoice("the pro plan please", { choices: ["Starter", "Pro"], ... }, context) // { value: "Pro", ... }
 */
export const readChoice: SlotReader = (text, slot, context) => {
  const { asked } = context;
  const choices = slot.choices ?? [];
  const named = namedChoices(text, choices, asked);
  const reading =
    named.length === 1 ? named[0] : named.length === 0 && asked ? guessChoice(text, choices) : null;
  if (reading || !asked) return reading ?? null;
  return { invalid: textsOf(context).problems.chooseOne([...choices]) };
};

// Choices written out in full; unprompted, only distinctive ones (not "yes", "no").
function namedChoices(text: string, choices: readonly string[], asked: boolean): SlotValue[] {
  const folded = foldWord(text);
  return choices.flatMap((choice) => {
    const wanted = foldWord(choice);
    if (!asked && wanted.length < 4) return [];
    const match = new RegExp(
      `(?<![\\p{L}\\p{N}])${escapeRegExp(wanted)}(?![\\p{L}\\p{N}])`,
      "u",
    ).exec(folded);
    if (!match) return [];
    // Folding rarely changes the length ("ﬁ" → "fi"); when it does, blank out the whole answer.
    const aligned = folded.length === text.length;
    return [
      found(choice, aligned ? match.index : 0, aligned ? match.index + wanted.length : text.length),
    ];
  });
}

function guessChoice(text: string, choices: readonly string[]): SlotValue | null {
  const answer = foldWord(text).trim();
  const position =
    /^(?:#|no\.?\s*|number\s+|option\s+)?(\d{1,2})\.?$/.exec(answer)?.[1] ?? ordinalIn(answer);
  const index = position === undefined ? -1 : Number(position) - 1;
  const byPosition = choices[index];
  if (byPosition !== undefined) return found(byPosition, 0, text.length);

  const words = answer.match(/[\p{L}\p{N}]+/gu) ?? [];
  const candidates = choices.filter((choice) => {
    const wanted = foldWord(choice);
    return words.some((word) => {
      if (word.length >= 2 && wanted.startsWith(word)) return true;
      const allowed = wanted.length <= 5 ? 1 : 2;
      return word.length >= 3 && editDistance(word, wanted, allowed) <= allowed;
    });
  });
  return candidates.length === 1 && candidates[0] !== undefined
    ? found(candidates[0], 0, text.length)
    : null;
}

function ordinalIn(answer: string): string | undefined {
  const index = ORDINALS.findIndex((ordinal) => new RegExp(`\\b${ordinal}\\b`).test(answer));
  return index === -1 ? undefined : String(index + 1);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
