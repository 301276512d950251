/** The languages the local model understands: English, Portuguese (Brazil first) and Spanish. */
export const LANGUAGES = ["en", "pt", "es"] as const;

/** An ISO 639-1 code of one of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number];

/** Whether a string is one of the {@link LANGUAGES}. */
export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}
