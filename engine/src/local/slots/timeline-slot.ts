import { NUMBER_WORDS_SOURCE, numberWordValue } from "./number-words.ts";
import { found, type SlotReader, type SlotValue } from "./slot-reader.ts";

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

const DAY = 86_400_000;
const UNIT_DAYS: Record<string, number> = {
  day: 1,
  week: 7,
  fortnight: 14,
  month: 30.5,
  quarter: 91,
  year: 365,
};
const PREPOSITION = "(by|in|before|until|till|around|for|end of|early|mid|late|this|next|during)";

const QUANTITY = new RegExp(
  String.raw`\b(in|within|next|over the next|inside|under|less than|about|around|roughly|over|more than)?\s*` +
    String.raw`(\d+(?:\.\d+)?|${NUMBER_WORDS_SOURCE})(?:\s*(?:-|–|to|or)\s*(\d+))?\s*(\+)?\s*` +
    String.raw`(day|week|fortnight|month|quarter|year)s?\b`,
  "i",
);
const MONTH = new RegExp(
  String.raw`\b${PREPOSITION}?\s*(?:the\s+)?(?:(jan)(?:uary)?|(feb)(?:ruary)?|(mar)(?:ch)?|(apr)(?:il)?|(may)|(jun)e?|` +
    String.raw`(jul)y?|(aug)(?:ust)?|(sep)(?:t|tember)?|(oct)(?:ober)?|(nov)(?:ember)?|(dec)(?:ember)?)\b`,
  "gi",
);
// The month each season starts in, northern hemisphere.
const SEASONS: Record<string, number> = { spring: 2, summer: 5, autumn: 8, fall: 8, winter: 11 };
const SEASON = new RegExp(
  String.raw`\b${PREPOSITION}?\s*(?:the\s+)?(spring|summer|autumn|fall|winter)\b`,
  "gi",
);
const YEAR_END =
  /\b(?:(?:by|before|until|till|at|around)\s+)?(?:the\s+)?(?:end of (?:the |this )?year|year[- ]end|christmas|q4)\b/i;
const YEAR = /\b(?:in|by|during|for|early|mid|late)\s+(20\d\d)\b/i;

// Fixed phrases, tried in order; only `strong` ones are read when the slot wasn't asked for.
const PHRASES: { pattern: RegExp; timeline: Timeline; strong: boolean }[] = [
  {
    pattern:
      /\b(?:asap|a\.s\.a\.p|as soon as possible|right away|straight away|immediately|urgent(?:ly)?)\b/i,
    timeline: "now",
    strong: true,
  },
  {
    pattern: /\b(?:next|coming) (?:week|couple of weeks|few weeks)\b/i,
    timeline: "this month",
    strong: true,
  },
  { pattern: /\bnext month\b/i, timeline: "1-3 months", strong: true },
  { pattern: /\bnext quarter\b/i, timeline: "3-6 months", strong: true },
  { pattern: /\bnext year\b/i, timeline: "6+ months", strong: true },
  {
    pattern:
      /\b(?:undecided|not (?:yet )?(?:sure|decided)|unsure|(?:do not|don'?t) know|dunno|no idea|tbd|to be (?:decided|determined)|(?:it )?depends|(?:have not|haven'?t) decided|no (?:fixed )?(?:timeline|deadline|date|rush)|not (?:right )?now|whenever|just (?:looking|browsing|exploring))\b/i,
    timeline: "undecided",
    strong: false,
  },
  { pattern: /\b(?:right now|now|today|tomorrow|this week)\b/i, timeline: "now", strong: false },
  {
    pattern: /\b(?:this month|end of (?:the|this) month)\b/i,
    timeline: "this month",
    strong: false,
  },
  { pattern: /\b(?:this quarter|soon|shortly)\b/i, timeline: "1-3 months", strong: false },
  { pattern: /\bhalf (?:a )?year\b/i, timeline: "3-6 months", strong: false },
  { pattern: /\b(?:long[- ]term|a year or (?:so|more))\b/i, timeline: "6+ months", strong: false },
];

/**
 * Reads when the lead wants to start, as one of {@link TIMELINES}: "asap" → `now`, "next week"
 * → `this month`, "in 2 months" → `1-3 months`, "by summer" → its bucket counted from `today`,
 * "next year" → `6+ months`, "not sure" → `undecided`. Unprompted, only unmistakable phrases
 * count ("in 2 months", "next year", "asap", "by March"); bare ones ("today", "soon", "not
 * sure", "march") need the question.
 *
 * @example
 * readTimeline("hopefully within 2 months", slot, context) // { value: "1-3 months", ... }
 */
export const readTimeline: SlotReader = (text, _slot, { asked, today }) => {
  const reading =
    readQuantity(text, asked) ?? readCalendar(text, today, asked) ?? readPhrase(text, asked);
  if (reading || !asked) return reading;
  return {
    invalid: `I couldn't tell when that would be; something like "this month", "in 3 months" or "not sure yet" works`,
  };
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

function readQuantity(text: string, asked: boolean): SlotValue | null {
  const match = QUANTITY.exec(text);
  if (!match) return null;
  const [all, preposition, amount = "", upper, plus, unit = ""] = match;
  if (!asked && !preposition) return null;
  // A range counts by its far end: "2-3 months" is within three months.
  const count = Number(upper ?? (/\d/.test(amount) ? amount : numberWordValue(amount)));
  const longer = plus !== undefined || /over|more/i.test(preposition ?? "");
  const days = count * (UNIT_DAYS[unit.toLowerCase()] ?? 0) + (longer ? 1 : 0);
  return found(timelineIn(days), match.index, match.index + all.length);
}

function readCalendar(text: string, today: Date, asked: boolean): SlotValue | null {
  const yearEnd = YEAR_END.exec(text);
  if (yearEnd) {
    const days = daysUntil(today, 11, 1, false);
    return found(timelineIn(days), yearEnd.index, yearEnd.index + yearEnd[0].length);
  }
  const year = YEAR.exec(text);
  if (year && Number(year[1]) > today.getFullYear()) {
    const days = (new Date(Number(year[1]), 0, 1).getTime() - today.getTime()) / DAY;
    return found(timelineIn(days), year.index, year.index + year[0].length);
  }
  for (const match of text.matchAll(MONTH)) {
    const [all, preposition, ...names] = match;
    const month = names.findIndex((name) => name !== undefined);
    // A month needs a preposition ("by March") unless it is the whole answer; "may" is a verb too.
    if (!preposition && !(asked && all.trim().length === text.trim().length)) continue;
    return found(
      timelineIn(daysUntil(today, month, 1, /next/i.test(preposition ?? ""))),
      match.index,
      match.index + all.length,
    );
  }
  for (const match of text.matchAll(SEASON)) {
    const [all, preposition, season = ""] = match;
    if (!preposition && !asked) continue;
    const start = SEASONS[season.toLowerCase()] ?? 0;
    return found(
      timelineIn(daysUntil(today, start, 3, /next/i.test(preposition ?? ""))),
      match.index,
      match.index + all.length,
    );
  }
  return null;
}

function readPhrase(text: string, asked: boolean): SlotValue | null {
  for (const { pattern, timeline, strong } of PHRASES) {
    if (!strong && !asked) continue;
    const match = pattern.exec(text);
    if (match) return found(timeline, match.index, match.index + match[0].length);
  }
  return null;
}

// Days from today until a period of `length` months starting at `month` begins: 0 while it is
// under way (unless the next one is meant), the coming one otherwise.
function daysUntil(today: Date, month: number, length: number, next: boolean): number {
  const current = today.getMonth();
  const elapsed = (current - month + 12) % 12;
  if (elapsed < length && !next) return 0;
  const ahead = elapsed < length ? 12 - elapsed : (month - current + 12) % 12;
  const start = new Date(today.getFullYear(), current + ahead, 1);
  return Math.max(0, Math.round((start.getTime() - today.getTime()) / DAY));
}
