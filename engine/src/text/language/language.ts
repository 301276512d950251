/** The languages the local model understands: English, Portuguese (Brazil first) and Spanish. */
export const LANGUAGES = ["en", "pt", "es"] as const;

/** An ISO 639-1 code of one of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number];

/** Whether a string is one of the {@link LANGUAGES}. */
export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * One value per language, built from another: the per-language rules of a module, compiled once.
 *
 * @example
 * perLanguage({ en: "hi", pt: "oi", es: "hola" }, (word) => new RegExp(`^${word}\\b`))
 */
export function perLanguage<T, U>(
  values: Readonly<Record<Language, T>>,
  build: (value: T, language: Language) => U,
): Record<Language, U> {
  return Object.fromEntries(
    LANGUAGES.map((language) => [language, build(values[language], language)]),
  ) as Record<Language, U>;
}
