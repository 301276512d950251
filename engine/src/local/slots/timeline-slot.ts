import type { Language } from "../../text/language/language.ts";
import { findWhen } from "../entities/recognize-entities.ts";
import { found, type SlotReader, type SlotValue, textsOf } from "./slot-reader.ts";

/** The values a `timeline` slot takes, soonest first. */
const TIMELINES = [
  "now",
  "this month",
  "1-3 months",
  "3-6 months",
  "6+ months",
  "undecided",
] as const;
type Timeline = (typeof TIMELINES)[number];

// Before a date or duration, these make it a start date ("in two weeks", "by March", "daqui a 2
// meses"); a bare one ("3 months", "Marco", which is also March in Portuguese) is read only in
// answer to the question.
const AHEAD: Record<Language, RegExp> = {
  en: /(?:\b(?:in|within|inside|over the next|next|by|before|until|from|starting|for|around|about)\s+(?:the\s+)?(?:next\s+)?(?:a|an|about|around|roughly|early|mid|late)?\s*)$/i,
  pt: /(?:(?<!\p{L})(?:em|daqui a|dentro de|at[eé]|para|a partir de|nos pr[oó]ximos|nas pr[oó]ximas|por volta de|uns|umas|no|na|o|a)\s+)+$/iu,
  es: /(?:(?<!\p{L})(?:en|dentro de|de aqu[ií] a|hasta|para|a partir de|en los pr[oó]ximos|en las pr[oó]ximas|unos|unas|el|la)\s+)+$/iu,
};

// Vague answers no date model resolves; only `strong` ones are read when the slot wasn't asked for.
const PHRASES: Record<Language, { pattern: RegExp; timeline: Timeline; strong: boolean }[]> = {
  en: [
    {
      pattern:
        /\b(?:asap|a\.s\.a\.p|as soon as possible|right away|straight away|immediately|urgent(?:ly)?)\b/i,
      timeline: "now",
      strong: true,
    },
    {
      pattern:
        /\b(?:undecided|not (?:yet )?(?:sure|decided)|unsure|(?:do not|don'?t) know|dunno|no idea|tbd|to be (?:decided|determined)|(?:it )?depends|(?:have not|haven'?t) decided|no (?:fixed )?(?:timeline|deadline|date|rush)|not (?:right )?now|whenever|just (?:looking|browsing|exploring))\b/i,
      timeline: "undecided",
      strong: false,
    },
    { pattern: /\b(?:right now|now|this week)\b/i, timeline: "now", strong: false },
    { pattern: /\b(?:soon|shortly)\b/i, timeline: "1-3 months", strong: false },
    {
      pattern: /\b(?:long[- ]term|a year or (?:so|more)|6\s*\+)/i,
      timeline: "6+ months",
      strong: false,
    },
  ],
  pt: [
    {
      pattern:
        /(?<!\p{L})(?:o (?:mais )?r[aá]pido poss[ií]vel|o quanto antes|urgente|imediatamente|j[aá]|agora mesmo)(?!\p{L})/iu,
      timeline: "now",
      strong: true,
    },
    {
      pattern:
        /(?<!\p{L})(?:n[aã]o sei|ainda n[aã]o (?:sei|decidi(?:mos)?)|sem pressa|sem prazo|depende|tanto faz|s[oó] (?:pesquisando|olhando))(?!\p{L})/iu,
      timeline: "undecided",
      strong: false,
    },
    {
      pattern: /(?<!\p{L})(?:agora|esta semana|essa semana)(?!\p{L})/iu,
      timeline: "now",
      strong: false,
    },
    { pattern: /(?<!\p{L})(?:em breve|logo)(?!\p{L})/iu, timeline: "1-3 months", strong: false },
    {
      pattern: /(?<!\p{L})(?:fim do ano|final do ano)(?!\p{L})/iu,
      timeline: "1-3 months",
      strong: true,
    },
  ],
  es: [
    {
      pattern:
        /(?<!\p{L})(?:lo (?:antes|m[aá]s pronto) posible|cuanto antes|urgente|inmediatamente|ya mismo|ahora mismo)(?!\p{L})/iu,
      timeline: "now",
      strong: true,
    },
    {
      pattern:
        /(?<!\p{L})(?:no (?:lo )?s[eé]|a[uú]n no (?:lo )?(?:s[eé]|hemos decidido)|sin prisa|sin fecha|depende|solo (?:mirando|viendo))(?!\p{L})/iu,
      timeline: "undecided",
      strong: false,
    },
    { pattern: /(?<!\p{L})(?:ahora|esta semana)(?!\p{L})/iu, timeline: "now", strong: false },
    { pattern: /(?<!\p{L})(?:pronto|en breve)(?!\p{L})/iu, timeline: "1-3 months", strong: false },
  ],
};

// The month each season starts in: northern hemisphere for English and Spanish, Brazil's
// southern one for Portuguese. Date models leave seasons out.
const SEASONS: Record<Language, Record<string, number>> = {
  en: { spring: 2, summer: 5, autumn: 8, fall: 8, winter: 11 },
  pt: { primavera: 8, verao: 11, outono: 2, inverno: 5 },
  es: { primavera: 2, verano: 5, otono: 8, invierno: 11 },
};
const SEASON =
  /(?<!\p{L})(spring|summer|autumn|fall|winter|primavera|ver[aã]o|outono|inverno|verano|oto[nñ]o|invierno)(?!\p{L})/iu;
const DAY = 86_400_000;

/**
 * Reads when the lead wants to start, as one of {@link TIMELINES}, in the message's language:
 * dates and durations through Recognizers-Text ("in two weeks" → `this month`, "daqui a 2 meses"
 * → `1-3 months`, "el próximo viernes" → `this month`, "by September" → its bucket counted from
 * `today`), vague answers through a short phrase list per language ("asap" → `now`, "não sei" →
 * `undecided`). Unprompted, only unmistakable phrases count (a date, a duration after "in"/
 * "em"/"en", "asap"); bare ones ("soon", "not sure", "3 months") need the question.
 *
 * @example
 * readTimeline("hopefully within 2 months", slot, context) // { value: "1-3 months", ... }
 */
export const readTimeline: SlotReader = (text, _slot, context) => {
  const { asked, language, today } = context;
  const own = ownValue(text);
  if (own && asked) return own;
  const reading =
    readPhrase(text, language, asked, true) ??
    readWhen(text, language, today, asked) ??
    readSeason(text, language, today, asked);
  const vague = reading ?? readPhrase(text, language, asked, false);
  if (vague || !asked) return vague;
  return { invalid: textsOf(context).problems.notWhen };
};

/**
 * The bucket for a start `days` from now.
 *
 * @example
 * timelineIn(45) // "1-3 months"
 */
function timelineIn(days: number): Timeline {
  if (days <= 7) return "now";
  if (days < 30) return "this month";
  if (days <= 92) return "1-3 months";
  if (days <= 183) return "3-6 months";
  return "6+ months";
}

// A model's answer is checked with the same reader: it names a bucket.
function ownValue(text: string): SlotValue | null {
  const trimmed = text.trim().toLowerCase();
  const timeline = TIMELINES.find((value) => value === trimmed);
  return timeline ? found(timeline, 0, text.length) : null;
}

function readWhen(text: string, language: Language, today: Date, asked: boolean): SlotValue | null {
  for (const when of findWhen(text, language, today)) {
    // Two-letter hits without digits are stray words ("do", "mar"), not dates.
    if (when.text.length < 3 && !/\d/.test(when.text) && !/^q\d$/i.test(when.text)) continue;
    const ahead = AHEAD[language].exec(text.slice(0, when.start));
    const cued =
      ahead !== null ||
      /^(?:by|in|until|before|next|this|starting|from|asap|end|q\d|at[eé]|em|daqui|pr[oó]xim|el pr[oó]xim|este|esta|hasta|dentro)/iu.test(
        when.text,
      );
    if (!asked && !cued) continue;
    // The cue is part of the answer: left behind, "daqui a" would read as a company's name.
    return found(timelineIn(when.value), ahead?.index ?? when.start, when.end);
  }
  return null;
}

// Before a season unprompted: "by summer", "no verão", "para el verano".
const BY_SEASON =
  /(?<!\p{L})(?:by|in|until|before|for|no|na|em|at[eé]|para|en|hasta)\s+(?:the\s+|o\s+|a\s+|el\s+|la\s+)?(?:(?:start|end|beginning) of (?:the\s+)?)?$/iu;

function readSeason(
  text: string,
  language: Language,
  today: Date,
  asked: boolean,
): SlotValue | null {
  const match = SEASON.exec(text);
  const name = match?.[1]?.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase() ?? "";
  const month = SEASONS[language][name];
  if (!match || month === undefined) return null;
  if (!asked && !BY_SEASON.test(text.slice(0, match.index))) return null;
  // A season under way counts as now; one to come from the day it starts.
  const current = today.getMonth();
  const elapsed = (current - month + 12) % 12;
  if (elapsed < 3) return found("now", match.index, match.index + match[0].length);
  const start = new Date(today.getFullYear(), current + ((month - current + 12) % 12), 1);
  const days = Math.round((start.getTime() - today.getTime()) / DAY);
  return found(timelineIn(days), match.index, match.index + match[0].length);
}

function readPhrase(
  text: string,
  language: Language,
  asked: boolean,
  strong: boolean,
): SlotValue | null {
  for (const phrase of PHRASES[language]) {
    if (phrase.strong !== strong || (!phrase.strong && !asked)) continue;
    const match = phrase.pattern.exec(text);
    if (match) return found(phrase.timeline, match.index, match.index + match[0].length);
  }
  return null;
}
