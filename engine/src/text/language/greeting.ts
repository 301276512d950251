import { type Language, perLanguage } from "./language.ts";
import { foldForMatching } from "./question-form.ts";

// Greetings people open a message with, accents folded, in each language.
const GREETINGS: Record<Language, string> = {
  en: "(?:hi|hello|hey) there|hi+|hello|helo|hey|heya|hiya|howdy|greetings|good (?:morning|afternoon|evening)",
  // "tudo bem" opens a question too ("tudo bem se eu trocar?"): a greeting only when punctuated.
  pt: "oi+|oie|ola|opa|e ai|eae|salve|bom dia|boa tarde|boa noite|tudo (?:bem|bom)(?=\\s*[?,!.])",
  es: "hola|buenas|buenos dias|buenas tardes|buenas noches|saludos",
};

// One greeting or more ("oi, tudo bem?"), each followed by punctuation or a space.
const OPENING = perLanguage(
  GREETINGS,
  (greetings) => new RegExp(`^(?:[\\s¡¿]*(?:${greetings})(?![\\p{L}\\p{N}])[\\s,.!?;:)]*)+`, "u"),
);

/**
 * The message without the greeting it opens with ("hi, do you ship to Canada?" → "do you ship to
 * Canada?"), or null when it opens with none or is nothing but a greeting. A greeting says nothing
 * about what the user wants, so it must not decide the intent or the answer.
 *
 * @example
 * withoutGreeting("Bom dia! Qual o horário da loja", "pt") // "Qual o horário da loja"
 * withoutGreeting("hola", "es")                            // null
 */
export function withoutGreeting(text: string, language: Language): string | null {
  const folded = foldForMatching(text);
  if (folded.length !== text.length) return null;
  const opening = OPENING[language].exec(folded);
  if (!opening) return null;
  const rest = text.slice(opening[0].length).trim();
  return /\p{L}/u.test(rest) ? rest : null;
}
