import { NAME_PARTICLES, NOT_A_NAME } from "./name-words.ts";
import { firstClause, found, type SlotReader, type SlotValue, textsOf } from "./slot-reader.ts";

// After these a name follows whatever its case: "my name is ana".
// English, Portuguese and Spanish cues.
const STRONG_CUE =
  /\b(?:my name is|my name's|name is|name's|name:|call me|you can call me|meu nome [eé]|me chamo|pode me chamar de|mi nombre es|me llamo|ll[aá]mame)\s+/giu;
// After these a capitalised word is a name, but "I'm looking" is not: "I'm Ana", "this is Bob".
const WEAK_CUE = /\b(?:i'm|i’m|i am|im|this is|sou|aqui [eé]|soy|habla)\s+/giu;
const GREETING =
  /^\s*(?:(?:hi|hello|hey|sure|yes|yeah|ok|okay|of course|it'?s|it’s|it is|oi|ol[aá]|hola|sim|s[ií]|claro|[eé]|sou|soy)[\s,!.:-]+)+/i;
const WORD = /^[\p{L}][\p{L}'’.-]*$/u;
// A title before a name is no part of it: "Dr. Emily Stone" is Emily Stone.
const TITLE = /^(?:dr|dra|mr|mrs|ms|miss|mx|prof|profa|sr|sra|srta|don|dona|doña)\.?\s+/iu;
const MAX_WORDS = 4;

/**
 * Reads a person's name: after "my name is", "I'm", "this is" or "call me" (unprompted, "I'm"
 * and "this is" need a capitalised name, so "I'm looking for…" is not a name); in answer to the
 * question, also the answer itself when it looks like a name ("ana lopez" → "Ana Lopez").
 *
 * @example
 * readName("Hi, I'm Ana from Acme", slot, context) // { value: "Ana", ... }
 */
export const readName: SlotReader = (text, _slot, context) => {
  const { asked } = context;
  const reading =
    afterCue(text, STRONG_CUE, false) ??
    afterCue(text, WEAK_CUE, !asked) ??
    (asked ? bareName(text) : null);
  if (reading || !asked) return reading;
  return { invalid: textsOf(context).problems.notName };
};

function afterCue(text: string, cue: RegExp, capitalised: boolean): SlotValue | null {
  for (const match of text.matchAll(cue)) {
    const start = match.index + match[0].length;
    const reading = nameAt(text, start, capitalised);
    if (reading) return reading;
  }
  return null;
}

// The answer is the name, perhaps after a greeting and before more: "hi, it's Ana Lopez here".
function bareName(text: string): SlotValue | null {
  const greeting = GREETING.exec(text)?.[0].length ?? 0;
  const clause = firstClause(text.slice(greeting));
  const reading = nameAt(text, greeting + clause.start, false);
  if (!reading) return null;
  // Whatever follows the name must not continue a sentence ("Ana wants to know…").
  const rest = text.slice(reading.end).trim();
  return rest === "" || /^(?:[,;.!:-]|(?:from|at|with|of|here|speaking|and)\b)/i.test(rest)
    ? reading
    : null;
}

// Up to four name words from `start`, normalising their case; null unless at least one.
function nameAt(text: string, from: number, capitalised: boolean): SlotValue | null {
  const start = from + (TITLE.exec(text.slice(from))?.[0].length ?? 0);
  const parts: { word: string; end: number; particle: boolean }[] = [];
  for (const match of text.slice(start).matchAll(/\S+/g)) {
    const previous = parts.at(-1);
    if (previous && text.slice(previous.end, start + match.index).trim() !== "") break;
    const word = match[0].replace(/[,;:!?]+$|\.+$/, "");
    const lower = word.toLowerCase();
    const particle = previous !== undefined && NAME_PARTICLES.has(lower);
    if (!WORD.test(word) || (!particle && !isNameWord(word, capitalised))) break;
    parts.push({
      word: particle ? lower : titleCase(word),
      end: start + match.index + word.length,
      particle,
    });
    if (parts.length === MAX_WORDS || word !== match[0]) break;
  }
  while (parts.at(-1)?.particle) parts.pop();
  const last = parts.at(-1);
  return last ? found(parts.map((part) => part.word).join(" "), start, last.end) : null;
}

// Particles aside, a name word is no common word, no "-ing" verb ("looking") and, after a weak
// cue, capitalised.
function isNameWord(word: string, capitalised: boolean): boolean {
  const lower = word.toLowerCase();
  if (NOT_A_NAME.has(lower) || /\p{L}{3,}ing$/u.test(lower) || isKeyboardMash(lower)) return false;
  return !capitalised || /^\p{Lu}/u.test(word);
}

// "ana" and "ANA" become "Ana"; names with inner capitals ("McDonald") stay as written.
function titleCase(word: string): string {
  if (word !== word.toLowerCase() && word !== word.toUpperCase()) return word;
  return word.replace(
    /(^|[-'’])(\p{L})(\p{L}*)/gu,
    (_, separator: string, first: string, rest: string) =>
      `${separator}${first.toUpperCase()}${rest.toLowerCase()}`,
  );
}

// Runs of a keyboard row ("asdf", "qwerty") or words no language spells: no vowel, or four
// consonants in a row at the start ("xkcd") are what people type when they won't give a name.
const KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
function isKeyboardMash(word: string): boolean {
  const letters = word.normalize("NFKD").replace(/[^a-z]/g, "");
  if (letters.length >= 2 && !/[aeiouy]/.test(letters)) return true;
  if (/^[^aeiouy]{4}/.test(letters)) return true;
  return (
    letters.length >= 4 &&
    KEYBOARD_ROWS.some(
      (row) => row.includes(letters.slice(0, 4)) || row.includes(letters.slice(-4)),
    )
  );
}
