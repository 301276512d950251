import { Culture, recognizeNumber } from "@microsoft/recognizers-text-suite";

/**
 * Recognizers-Text's JavaScript release reads dates in English and Spanish but not Portuguese.
 * Portuguese date words are close to Spanish ones, so a Portuguese message is rewritten word by
 * word into the Spanish the date model reads: number words become digits (through the
 * Portuguese number model: "duas semanas" → "2 semanas") and the date words that differ are
 * swapped ("mês que vem" → "mes que viene", "sexta" → "viernes").
 * @module
 */

// Portuguese date words whose Spanish differs, accents folded; longest first.
const SPANISH: [string, string][] = [
  ["ano que vem", "el año que viene"],
  ["mes que vem", "el mes que viene"],
  ["semana que vem", "la semana que viene"],
  ["proximo ano", "próximo año"],
  ["proximo mes", "próximo mes"],
  ["proxima semana", "próxima semana"],
  ["depois de amanha", "pasado mañana"],
  ["amanha", "mañana"],
  ["hoje", "hoy"],
  ["anos", "años"],
  ["ano", "año"],
  ["segunda-feira", "lunes"],
  ["terca-feira", "martes"],
  ["quarta-feira", "miércoles"],
  ["quinta-feira", "jueves"],
  ["sexta-feira", "viernes"],
  ["segunda", "lunes"],
  ["terca", "martes"],
  ["quarta", "miércoles"],
  ["quinta", "jueves"],
  ["sexta", "viernes"],
  ["sabado", "sábado"],
  ["domingo", "domingo"],
  ["fevereiro", "febrero"],
  ["marco", "marzo"],
  ["maio", "mayo"],
  ["junho", "junio"],
  ["julho", "julio"],
  ["setembro", "septiembre"],
  ["outubro", "octubre"],
  ["novembro", "noviembre"],
  ["dezembro", "diciembre"],
  ["janeiro", "enero"],
  ["ate", "hasta"],
  ["daqui a", "dentro de"],
  ["em", "en"],
];

const PHRASE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${SPANISH.map(([pt]) => pt.replaceAll(" ", "\\s+")).join("|")})(?![\\p{L}\\p{N}])`,
  "gu",
);
const BY_PORTUGUESE = new Map(SPANISH);

interface Piece {
  from: number;
  to: number;
  at: number;
  length: number;
}

/** A rewritten text and how to map a span of it back onto the original. */
export interface BridgedText {
  text: string;
  original(span: { start: number; end: number }): { start: number; end: number; text: string };
}

/**
 * Rewrites a Portuguese message for the Spanish date model, keeping the way back to the
 * original offsets.
 *
 * @example
 * portugueseDateBridge("daqui a duas semanas").text // "dentro de 2 semanas"
 */
export function portugueseDateBridge(original: string): BridgedText {
  const folded = original.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  // NFD then dropping marks keeps one character per original one for Latin letters.
  const swaps: { start: number; end: number; replacement: string }[] = [];
  for (const number of recognizeNumber(original, Culture.Portuguese)) {
    const value = number.resolution?.value;
    if (value != null)
      swaps.push({ start: number.start, end: number.end + 1, replacement: String(value) });
  }
  for (const match of folded.matchAll(PHRASE)) {
    const start = match.index;
    const end = start + match[0].length;
    if (swaps.some((swap) => swap.start < end && start < swap.end)) continue;
    const replacement = BY_PORTUGUESE.get(match[0].replace(/\s+/g, " ")) ?? match[0];
    swaps.push({ start, end, replacement });
  }
  swaps.sort((a, b) => a.start - b.start);
  const pieces: Piece[] = [];
  let text = "";
  let cursor = 0;
  const keep = (from: number, to: number, piece: string) => {
    pieces.push({ from, to, at: text.length, length: piece.length });
    text += piece;
  };
  for (const swap of swaps) {
    if (swap.start > cursor) keep(cursor, swap.start, folded.slice(cursor, swap.start));
    keep(swap.start, swap.end, swap.replacement);
    cursor = swap.end;
  }
  if (cursor < folded.length) keep(cursor, folded.length, folded.slice(cursor));
  return {
    text,
    original: ({ start, end }) => {
      const first = pieces.find((piece) => piece.at + piece.length > start) ?? pieces[0];
      const last = pieces.findLast((piece) => piece.at < end) ?? first;
      const from = first
        ? first.from + Math.max(0, Math.min(start - first.at, first.to - first.from))
        : 0;
      const to = last
        ? last.length === last.to - last.from
          ? last.from + (end - last.at)
          : last.to
        : 0;
      const inFirst = first && first.length !== first.to - first.from ? first.from : from;
      return { start: inFirst, end: to, text: original.slice(inFirst, to) };
    },
  };
}
