/**
 * Text analysis shared by the intent classifier and knowledge retrieval: tokenising, case and
 * diacritic folding, a light stopword list and a light suffix stemmer, so "Opening hours?" and
 * "open hour" meet on the same terms. Fuzzy and prefix matching in the index take care of what
 * the stemmer leaves.
 * @module
 */

// Function words and chat filler that say nothing about what the user wants. Greetings and
// thanks stay: a flow may well have intents for them.
const STOPWORDS = new Set(
  (
    "a about above after again all also am an and any are as at be been before being below between both but by " +
    "can could did do does doing done down during each either else etc even ever every for from further get gets " +
    "got had has have having he her here hers herself him himself his how however i if im in into is it its itself " +
    "just know let like me might mine more most much must my myself need no nor not now of off on once only or other " +
    "our ours ourselves out over own per please quite rather really said same say says shall she should so some " +
    "such tell than that the their theirs them themselves then there these they this those though through to too " +
    "under until up upon us very want was we well were what whats when where whether which while who whom whose " +
    "why will with would yeah yet you your yours yourself yourselves guys wanna gonna kind sort maybe " +
    // Chat spellings: missing apostrophes and text-speak.
    "dont doesnt didnt cant couldnt wont wouldnt isnt arent wasnt hasnt havent ive youre whats wheres hows " +
    "u ur r ya wat pls plz"
  ).split(" "),
);

const CONTRACTIONS: [RegExp, string][] = [
  [/\bcan[’']t\b/g, "can not"],
  [/\bwon[’']t\b/g, "will not"],
  [/n[’']t\b/g, " not"],
  [/[’'](?:s|d|ll|re|ve|m)\b/g, ""],
];

/**
 * Lower-cases, strips diacritics and expands contractions, keeping word boundaries.
 *
 * @example
 * foldText("Don't Café") // "do not cafe"
 */
export function foldText(text: string): string {
  let folded = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
  for (const [pattern, replacement] of CONTRACTIONS) folded = folded.replace(pattern, replacement);
  return folded;
}

/**
 * Splits text into raw words (letters and digits); pass each through {@link processSearchTerm}.
 *
 * @example
 * tokenizeText("When do you open, Saturday?") // ["when", "do", "you", "open", "saturday"]
 */
export function tokenizeText(text: string): string[] {
  return foldText(text).replace(HYPHEN, "").match(WORD) ?? [];
}

/**
 * Splits a document into raw words like {@link tokenizeText}, but indexes hyphenated words
 * both joined and apart, so "wi-fi" is found by "wifi" and "check-in" by "check in".
 *
 * @example
 * tokenizeDocument("Free wi-fi") // ["free", "wi", "fi", "wifi"]
 */
export function tokenizeDocument(text: string): string[] {
  const folded = foldText(text);
  const joined = folded.match(HYPHENATED) ?? [];
  return [...(folded.match(WORD) ?? []), ...joined.map((word) => word.replace(HYPHEN, ""))];
}

const WORD = /[\p{L}\p{N}]+/gu;
const HYPHEN = /(?<=[\p{L}\p{N}])-(?=[\p{L}\p{N}])/gu;
const HYPHENATED = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu;

/**
 * Turns one word into its search term, or `null` for words that carry no meaning.
 *
 * @example
 * processSearchTerm("Shipping") // "ship"
 * processSearchTerm("the") // null
 */
export function processSearchTerm(word: string): string | null {
  const term = foldText(word);
  if (term.length < 2 || STOPWORDS.has(term)) return null;
  return stemWord(term);
}

/**
 * The terms a document is indexed under: each word's search term and, when stemming changed
 * it, the word itself too, so that a typo in the query ("openng") still lies within fuzzy
 * reach of the word as written ("opening").
 *
 * @example
 * indexTermsOf("Opening") // ["open", "opening"]
 */
export function indexTermsOf(word: string): string[] {
  const term = processSearchTerm(word);
  if (term === null) return [];
  const folded = foldText(word);
  return folded === term ? [term] : [term, folded];
}

/** The search terms of a text, in order. */
export function searchTermsOf(text: string): string[] {
  return tokenizeText(text).flatMap((word) => processSearchTerm(word) ?? []);
}

const VOWEL = /[aeiouy]/;

// Only the endings that are nearly always inflections; anything subtler is left to fuzzy matching.
function stemWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("ing") && word.length > 5) return trimmed(word, 3);
  if (word.endsWith("ed") && word.length > 4 && !word.endsWith("eed")) return trimmed(word, 2);
  if (/(?:ss|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !/(?:ss|us|is|os)$/.test(word)) return word.slice(0, -1);
  return word;
}

function trimmed(word: string, suffix: number): string {
  const stem = word.slice(0, -suffix);
  if (stem.length < 3 || !VOWEL.test(stem)) return word;
  // "shipp(ing)" → "ship", but "fill(ed)" keeps its double l as in "fill".
  return /([^aeiouslz])\1$/.test(stem) ? stem.slice(0, -1) : stem;
}
