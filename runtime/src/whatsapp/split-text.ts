/** The most characters a WhatsApp text message's body may have. */
const TEXT_BODY_LIMIT = 4096;

/**
 * Where a text may be cut, best first: between paragraphs, between lines, after a sentence,
 * between words. Each pattern matches the separator; the cut leaves it out.
 */
const BOUNDARIES = [/\n[ \t]*\n\s*/g, /\n\s*/g, /(?<=[.!?…。！？]["'”’)\]]*)\s+/g, /\s+/g];

/**
 * Cuts a text into pieces of at most `limit` characters (UTF-16 units, which never undercount
 * what WhatsApp counts) at the best boundary in reach: paragraphs, then lines, then sentences,
 * then words; mid-word only when a word is longer than the limit.
 *
 * @example
 * for (const body of splitText(answer)) await send({ type: "text", text: { body } });
 */
export function splitText(text: string, limit = TEXT_BODY_LIMIT): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const { end, next } = lastCut(rest, limit);
    pieces.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(next).trimStart();
  }
  if (rest !== "") pieces.push(rest);
  return pieces;
}

/**
 * Splits off the longest ending of a text that fits in `limit` and starts at the best boundary
 * in reach, for a message whose body has a smaller limit (an interactive one) after plain text
 * messages.
 *
 * @example
 * const { head, tail } = splitTail(text, 1024); // head: text messages; tail: the buttons' body
 */
export function splitTail(text: string, limit: number): { head: string; tail: string } {
  const trimmed = text.trim();
  if (trimmed.length <= limit) return { head: "", tail: trimmed };
  const from = trimmed.length - limit;
  const window = trimmed.slice(from);
  // Unlike `splitText`, a short tail is fine: the head goes out in full messages anyway.
  for (const boundary of BOUNDARIES) {
    const match = window.matchAll(boundary).next().value;
    if (match)
      return {
        head: trimmed.slice(0, from + match.index).trimEnd(),
        tail: trimmed.slice(from + match.index + match[0].length),
      };
  }
  const start = avoidSplittingPair(trimmed, from, +1);
  return { head: trimmed.slice(0, start).trimEnd(), tail: trimmed.slice(start).trimStart() };
}

/** The last good cut within the first `limit` characters: where the piece ends, where the rest starts. */
function lastCut(text: string, limit: number): { end: number; next: number } {
  const window = text.slice(0, limit + 1);
  // A cut that keeps less than a quarter of the limit is worse than a lesser boundary further on.
  const minimum = Math.floor(limit / 4);
  for (const boundary of BOUNDARIES) {
    let best: { end: number; next: number } | undefined;
    for (const match of window.matchAll(boundary)) {
      if (match.index > limit) break;
      if (match.index >= minimum) best = { end: match.index, next: match.index + match[0].length };
    }
    if (best) return best;
  }
  const end = avoidSplittingPair(text, limit, -1);
  return { end, next: end };
}

/** Moves a cut off the middle of a surrogate pair (an emoji), by one unit in `direction`. */
function avoidSplittingPair(text: string, at: number, direction: 1 | -1): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at + direction : at;
}
