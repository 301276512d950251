// NLP.js ships its language packages as CommonJS without type declarations; these are the parts
// the text analyzer uses.
interface NlpjsStemmer {
  stem(word: string): string;
}
interface NlpjsStopwords {
  /** The language's stop words as keys. */
  dictionary: Record<string, unknown>;
}
type NlpjsConstructor<T> = new () => T;

declare module "@nlpjs/lang-en" {
  export const StemmerEn: NlpjsConstructor<NlpjsStemmer>;
  export const StopwordsEn: NlpjsConstructor<NlpjsStopwords>;
}
declare module "@nlpjs/lang-pt" {
  export const StemmerPt: NlpjsConstructor<NlpjsStemmer>;
  export const StopwordsPt: NlpjsConstructor<NlpjsStopwords>;
}
declare module "@nlpjs/lang-es" {
  export const StemmerEs: NlpjsConstructor<NlpjsStemmer>;
  export const StopwordsEs: NlpjsConstructor<NlpjsStopwords>;
}
