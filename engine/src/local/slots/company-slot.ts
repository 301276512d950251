import type { Language } from "../../text/language/language.ts";
import { isPhrasedAsQuestion } from "../../text/language/question-form.ts";
import { firstClause, found, type SlotReader, type SlotValue, textsOf } from "./slot-reader.ts";

// After these the company follows whatever its case: "I work at acme".
const STRONG_CUE =
  /\b(?:(?:i|we)(?:'m|’m| am| are|'re|’re)?\s+(?:work(?:ing)?|employed)\s+(?:at|for|with)|(?:my|our|the)\s+(?:company|business|employer|organi[sz]ation|firm|startup|agency)(?:'s|’s)?(?:\s+name)?(?:\s+is|:)(?:\s+called|\s+named)?|(?:company|business)(?:\s+name)?\s*:|(?:company|business) (?:called|named)|trabalho (?:na|no|em|para)|(?:minha|nossa) empresa (?:[eé]|se chama)|a empresa [eé]|trabajo (?:en|para)|(?:mi|nuestra) empresa (?:es|se llama)|la empresa es)\s+/giu;
// After these only a capitalised name counts: "Ana from Acme" but not "from next month".
const WEAK_CUE =
  /\b(?:from|(?:i'm|i’m|i am|we're|we’re|we are)\s+(?:with|at)|(?:ceo|cto|cfo|coo|founder|co-founder|owner|manager|director|engineer|developer|designer|consultant|lead|partner)\s+(?:at|of|for|with))\s+/gi;
// Where a company name ends: punctuation or a word that starts a new thought.
const STOP =
  /^(?:and|but|so|because|as|where|which|who|we|i|my|our|in|since|for|with|to|email|phone|budget|e|y|mas|pero|porque|com|con|para|,|;|\.|!|\?)$/i;
const SUFFIX = /^(?:inc|ltd|llc|gmbh|co|corp|plc|sa|sas|bv|ag|srl|pty)\.?$/i;
const JOINER = /^(?:&|of|and|the|de)$/i;
const INITIALS = /^(?:\p{L}\.)+$/u;
const NOT_A_COMPANY =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|next|last|this|home|scratch|here|there|now|today|i|me)$/i;
const FILLER =
  /^(?:(?:it'?s|it is|we'?re|we are|that'?s|the company is|company is|called|named|at|for|with|sure|ok|okay|yes)[\s,:]+)+/i;
const REFUSAL =
  /^(?:no|none|nope|n\/?a|nothing|not telling|rather not|prefer not|skip|pass|why|(?:i|we) (?:do not|don'?t|am not|'?m not|have no)|n[aã]o|nenhuma|ninguna|prefiro n[aã]o|prefiero no)(?![\p{L}])/iu;
// Courtesies are replies to the conversation, not names: "thanks" answers no question. Words
// that also name companies ("Vale", "Genial") are left out.
const COURTESY =
  /^(?:(?:ok(?:ay)?|perfect|thanks?|thank you|thx|ty|obrigad[oa]|valeu|vlw|perfeito|beleza|blz|gracias|perfecto)[\s,.!]*)+$/iu;
const MAX_WORDS = 6;

/**
 * Reads a company name after "I work at/for", "my company is", "from <Company>" or "CTO at
 * <Company>" (those last two only for capitalised names), or, in answer to the question, the
 * short answer itself ("Acme Inc.", "it's blue bottle").
 *
 * @example
 * readCompany("I'm Ana from Acme Corp, hi!", slot, context) // { value: "Acme Corp", ... }
 */
export const readCompany: SlotReader = (text, _slot, context) => {
  const { asked } = context;
  const reading =
    afterCue(text, STRONG_CUE, false) ??
    afterCue(text, WEAK_CUE, true) ??
    (asked ? bareCompany(text, context.language) : null);
  if (reading || !asked) return reading;
  return { invalid: textsOf(context).problems.notCompany };
};

function afterCue(text: string, cue: RegExp, capitalised: boolean): SlotValue | null {
  for (const match of text.matchAll(cue)) {
    const reading = companyAt(text, match.index + match[0].length, capitalised);
    if (reading) return reading;
  }
  return null;
}

function bareCompany(text: string, language: Language): SlotValue | null {
  const answer = text.trim();
  if (isPhrasedAsQuestion(text, language) || REFUSAL.test(answer) || COURTESY.test(answer))
    return null;
  const clause = firstClause(text);
  const filler = FILLER.exec(clause.text)?.[0].length ?? 0;
  const name = clause.text.slice(filler);
  if (!/\p{L}/u.test(name) || name.split(/\s+/).length > MAX_WORDS) return null;
  const start = clause.start + filler;
  return found(name.replace(/[.!]+$/, ""), start, start + name.length);
}

// The words of a company name from `start`: up to the end of the clause, or, when only a
// capitalised name counts, up to the first word that isn't part of one.
function companyAt(text: string, start: number, capitalised: boolean): SlotValue | null {
  const words: { word: string; end: number }[] = [];
  for (const match of text.slice(start).matchAll(/[^\s,;!?]+|[,;!?]/g)) {
    const word = match[0];
    if (words.length === MAX_WORDS || !continuesName(word, words.length, capitalised)) break;
    words.push({ word, end: start + match.index + word.length });
    // "Inc." ends a name; any other full stop ends the sentence, unless it is an initial ("J.").
    if (SUFFIX.test(word) || (word.endsWith(".") && !INITIALS.test(word))) break;
  }
  while (JOINER.test(words.at(-1)?.word ?? "")) words.pop();
  const last = words.at(-1);
  if (!last) return null;
  const name = text.slice(start, last.end);
  return found(SUFFIX.test(last.word) ? name : name.replace(/\.$/, ""), start, last.end);
}

// Whether `word` can follow the `count` words of a company name read so far.
function continuesName(word: string, count: number, capitalised: boolean): boolean {
  if (STOP.test(word) || (count === 0 && NOT_A_COMPANY.test(word.replace(/\.+$/, ""))))
    return false;
  if (!capitalised || /^[\p{Lu}\p{N}]/u.test(word) || SUFFIX.test(word)) return true;
  return count > 0 && JOINER.test(word);
}
