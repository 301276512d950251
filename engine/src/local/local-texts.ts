import type { Language } from "../text/language/language.ts";
import type { SlotKind } from "./slots/slot-reader.ts";

/**
 * What the engine itself says, in each language a flow can speak: why a slot's answer can't be
 * used, the questions of slots that set no `ask`, and the words that join a digression's answer
 * to the form. Flows' own texts (templates) are written by their authors.
 */
export interface LocalTexts {
  /** The re-ask when a slot sets no `retry`: the reason, then the question again. */
  retry: (reason: string, ask: string) => string;
  /** What the slot is, for messages that name it ("the budget"). */
  nouns: Record<SlotKind, string>;
  /** The question of a slot that sets no `ask`. */
  questions: Record<SlotKind, string>;
  /** The question of a number slot that sets no `ask` but names its `units`. */
  countQuestion: (unit: string) => string;
  problems: {
    noAnswer: string;
    notEmail: string;
    emailIncomplete: string;
    notPhone: string;
    phoneIncomplete: string;
    notName: string;
    notCompany: string;
    notNumber: string;
    noAmount: string;
    notWhen: string;
    badFormat: (noun: string) => string;
    chooseOne: (choices: string[]) => string;
    below: (noun: string, min: string) => string;
    above: (noun: string, max: string) => string;
    tooShort: (noun: string, min: number) => string;
    tooLong: (noun: string, max: number) => string;
  };
  /** After answering a question asked in the middle of a form: back to the slot's question. */
  backToForm: (ask: string) => string;
  /** A question asked in the middle of a form that the knowledge base doesn't answer. */
  noAnswerInForm: string;
  /** Joins the answers of a message that asked two questions. */
  alsoAnswer: (first: string, second: string) => string;
}

const en: LocalTexts = {
  retry: (reason, ask) => `Sorry, ${reason}. ${ask}`,
  nouns: {
    name: "your name",
    email: "the email address",
    phone: "the phone number",
    company: "the company name",
    budget: "the budget",
    timeline: "the timeline",
    number: "the number",
    choice: "the option",
    text: "the answer",
  },
  questions: {
    name: "What's your name?",
    email: "What's your email address?",
    phone: "What's the best phone number to reach you?",
    company: "Which company is this for?",
    budget: "Roughly what budget do you have in mind?",
    timeline: "When would you need it?",
    number: "How many do you need?",
    choice: "Which option would you like?",
    text: "Could you tell me a bit more?",
  },
  countQuestion: (unit) => `How many ${unit} do you need?`,
  problems: {
    noAnswer: "I didn't catch that",
    notEmail: "that doesn't look like an email address",
    emailIncomplete: "that email address looks incomplete",
    notPhone: "that doesn't look like a phone number",
    phoneIncomplete:
      "that doesn't look like a complete phone number; please include the area code, or the country code (e.g. +44) outside the US",
    notName: "that doesn't look like a name",
    notCompany: "I didn't catch the company name",
    notNumber: "that doesn't look like a number",
    noAmount: "I couldn't find an amount in that; a rough figure like $5,000 or 20k is fine",
    notWhen: `I couldn't tell when that would be; something like "this month", "in 3 months" or "not sure yet" works`,
    badFormat: (noun) => `${noun} isn't in the format I need`,
    chooseOne: (choices) => `please choose one of: ${choices.join(", ")}`,
    below: (noun, min) => `${noun} must be at least ${min}`,
    above: (noun, max) => `${noun} can be at most ${max}`,
    tooShort: (noun, min) => `${noun} is too short (at least ${min} characters)`,
    tooLong: (noun, max) => `${noun} is too long (at most ${max} characters)`,
  },
  backToForm: (ask) => `Now, back to where we were: ${ask}`,
  noAnswerInForm: "I'm afraid I don't have an answer to that one.",
  alsoAnswer: (first, second) => `${first}\n\nAnd about your other question: ${second}`,
};

const pt: LocalTexts = {
  retry: (reason, ask) => `Desculpe, ${reason}. ${ask}`,
  nouns: {
    name: "o seu nome",
    email: "o e-mail",
    phone: "o telefone",
    company: "o nome da empresa",
    budget: "o orçamento",
    timeline: "o prazo",
    number: "o número",
    choice: "a opção",
    text: "a resposta",
  },
  questions: {
    name: "Qual é o seu nome?",
    email: "Qual é o seu e-mail?",
    phone: "Qual o melhor telefone para falarmos com você?",
    company: "Para qual empresa seriam?",
    budget: "Qual é, mais ou menos, o orçamento que você tem em mente?",
    timeline: "Para quando você precisaria?",
    number: "De quantas você precisa?",
    choice: "Qual opção você prefere?",
    text: "Pode me contar um pouco mais?",
  },
  countQuestion: (unit) => `De quantas ${unit} você precisa?`,
  problems: {
    noAnswer: "não entendi",
    notEmail: "isso não parece um endereço de e-mail",
    emailIncomplete: "esse e-mail parece incompleto",
    notPhone: "isso não parece um número de telefone",
    phoneIncomplete:
      "esse telefone parece incompleto; inclua o DDD, ou o código do país (ex.: +351) fora do Brasil",
    notName: "isso não parece um nome",
    notCompany: "não entendi o nome da empresa",
    notNumber: "isso não parece um número",
    noAmount: "não encontrei um valor; um número aproximado como R$ 20 mil serve",
    notWhen: `não entendi quando seria; algo como "este mês", "daqui a 3 meses" ou "ainda não sei" serve`,
    badFormat: (noun) => `${noun} não está no formato que preciso`,
    chooseOne: (choices) => `escolha uma destas opções: ${choices.join(", ")}`,
    below: (noun, min) => `${noun} precisa ser de pelo menos ${min}`,
    above: (noun, max) => `${noun} pode ser de no máximo ${max}`,
    tooShort: (noun, min) => `${noun} está curto demais (pelo menos ${min} caracteres)`,
    tooLong: (noun, max) => `${noun} está longo demais (no máximo ${max} caracteres)`,
  },
  backToForm: (ask) => `Voltando ao que estávamos vendo: ${ask}`,
  noAnswerInForm: "Infelizmente não tenho a resposta para essa pergunta.",
  alsoAnswer: (first, second) => `${first}\n\nE sobre a sua outra pergunta: ${second}`,
};

const es: LocalTexts = {
  retry: (reason, ask) => `Perdón, ${reason}. ${ask}`,
  nouns: {
    name: "tu nombre",
    email: "el correo electrónico",
    phone: "el teléfono",
    company: "el nombre de la empresa",
    budget: "el presupuesto",
    timeline: "el plazo",
    number: "el número",
    choice: "la opción",
    text: "la respuesta",
  },
  questions: {
    name: "¿Cómo te llamas?",
    email: "¿Cuál es tu correo electrónico?",
    phone: "¿En qué teléfono podemos contactarte?",
    company: "¿Para qué empresa serían?",
    budget: "¿Qué presupuesto aproximado tienes en mente?",
    timeline: "¿Para cuándo lo necesitarías?",
    number: "¿Cuántas necesitas?",
    choice: "¿Qué opción prefieres?",
    text: "¿Puedes contarme un poco más?",
  },
  countQuestion: (unit) => `¿Cuántas ${unit} necesitas?`,
  problems: {
    noAnswer: "no te entendí",
    notEmail: "eso no parece un correo electrónico",
    emailIncomplete: "ese correo parece incompleto",
    notPhone: "eso no parece un número de teléfono",
    phoneIncomplete: "ese teléfono parece incompleto; incluye el código de país (p. ej. +34)",
    notName: "eso no parece un nombre",
    notCompany: "no entendí el nombre de la empresa",
    notNumber: "eso no parece un número",
    noAmount: "no encontré una cantidad; una cifra aproximada como 5.000 € o 20 mil sirve",
    notWhen: `no entendí cuándo sería; algo como "este mes", "en 3 meses" o "aún no lo sé" sirve`,
    badFormat: (noun) => `${noun} no tiene el formato que necesito`,
    chooseOne: (choices) => `elige una de estas opciones: ${choices.join(", ")}`,
    below: (noun, min) => `${noun} debe ser de al menos ${min}`,
    above: (noun, max) => `${noun} puede ser como máximo ${max}`,
    tooShort: (noun, min) => `${noun} es demasiado corto (al menos ${min} caracteres)`,
    tooLong: (noun, max) => `${noun} es demasiado largo (como máximo ${max} caracteres)`,
  },
  backToForm: (ask) => `Volviendo a lo que estábamos: ${ask}`,
  noAnswerInForm: "Lo siento, no tengo la respuesta a esa pregunta.",
  alsoAnswer: (first, second) => `${first}\n\nY sobre tu otra pregunta: ${second}`,
};

/** The engine's own texts in each language. */
export const localTexts: Record<Language, LocalTexts> = { en, pt, es };

const LOCALES: Record<Language, string> = { en: "en-US", pt: "pt-BR", es: "es-ES" };

/**
 * A number as the language writes it.
 *
 * @example
 * formatNumber(5000, "pt") // "5.000"
 */
export function formatNumber(value: number, language: Language): string {
  return value.toLocaleString(LOCALES[language]);
}
