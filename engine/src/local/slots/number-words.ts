const UNIT_WORDS = [
  ..."zero one two three four five six seven eight nine ten".split(" "),
  ..."eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(" "),
];
const TEN_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split(" ");
const VALUES: Record<string, number> = {
  ...Object.fromEntries(UNIT_WORDS.map((word, value) => [word, value])),
  ...Object.fromEntries(TEN_WORDS.map((word, index) => [word, 20 + index * 10])),
  a: 1,
  an: 1,
  couple: 2,
  few: 3,
  several: 4,
  dozen: 12,
};

/** The small numbers people spell out: "two", "twenty-five", "a couple of", "a dozen". */
export const NUMBER_WORDS_SOURCE = `(?:${[
  String.raw`(?:a\s+)?(?:couple|few|dozen)(?:\s+of)?`,
  String.raw`(?:${TEN_WORDS.join("|")})(?:[\s-](?:${UNIT_WORDS.slice(1, 10).join("|")}))?`,
  ...UNIT_WORDS,
  "an?",
  "several",
].join("|")})`;

const NUMBER_WORDS = new RegExp(String.raw`\b${NUMBER_WORDS_SOURCE}\b`, "gi");

/**
 * The first spelled-out number in the text, leaving out a lone "a" ("I have a team of…").
 *
 * @example
 * findNumberWord("a team of twelve") // { words: "twelve", index: 10 }
 */
export function findNumberWord(text: string): { words: string; index: number } | null {
  for (const match of text.matchAll(NUMBER_WORDS)) {
    if (!/^an?$/i.test(match[0])) return { words: match[0], index: match.index };
  }
  return null;
}

/**
 * The value of a spelled-out number matched by {@link NUMBER_WORDS_SOURCE}.
 *
 * @example
 * numberWordValue("twenty-five") // 25
 * numberWordValue("a couple of") // 2
 */
export function numberWordValue(words: string): number {
  const parts = words.toLowerCase().split(/[\s-]+/);
  // "a" counts as one on its own ("a month") but is filler in "a couple of".
  const counted = parts.length === 1 ? parts : parts.filter((word) => !FILLER.has(word));
  return counted.reduce((total, word) => total + (VALUES[word] ?? 0), 0);
}

const FILLER = new Set(["a", "an", "of"]);
