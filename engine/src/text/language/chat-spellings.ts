import { type Language, perLanguage } from "./language.ts";

// How people abbreviate words on chat, and the words they mean, accents folded. Examples are
// mostly written out in full; a customer types "vc tem", "wat r ur hours", "q horas".
const SPELLINGS: Record<Language, Record<string, string>> = {
  en: {
    u: "you",
    ur: "your",
    r: "are",
    wat: "what",
    wut: "what",
    pls: "please",
    plz: "please",
    thx: "thanks",
    thnx: "thanks",
    b4: "before",
    bc: "because",
    cuz: "because",
    coz: "because",
    tmrw: "tomorrow",
    tmr: "tomorrow",
    ppl: "people",
    abt: "about",
    im: "i am",
    dont: "do not",
    doesnt: "does not",
    didnt: "did not",
    cant: "can not",
    wont: "will not",
    isnt: "is not",
    arent: "are not",
    whats: "what is",
    wheres: "where is",
    hows: "how is",
    thats: "that is",
    ive: "i have",
    youre: "you are",
    wanna: "want to",
    gonna: "going to",
  },
  pt: {
    vc: "voce",
    vcs: "voces",
    q: "que",
    oq: "o que",
    qto: "quanto",
    qnto: "quanto",
    qnt: "quanto",
    qts: "quantos",
    qdo: "quando",
    qd: "quando",
    tb: "tambem",
    tbm: "tambem",
    pq: "porque",
    n: "nao",
    hj: "hoje",
    msm: "mesmo",
    td: "tudo",
    obg: "obrigado",
    vlw: "valeu",
    pra: "para",
    pro: "para o",
    ta: "esta",
    to: "estou",
    eh: "e",
    ngm: "ninguem",
    agr: "agora",
    mto: "muito",
    mt: "muito",
    dps: "depois",
    fds: "fim de semana",
    cmg: "comigo",
    ctz: "certeza",
    aki: "aqui",
    kd: "cade",
  },
  es: {
    q: "que",
    k: "que",
    xq: "porque",
    pq: "porque",
    tb: "tambien",
    tmb: "tambien",
    d: "de",
    dnd: "donde",
    xfa: "por favor",
    porfa: "por favor",
    bn: "bien",
    msj: "mensaje",
  },
};

const SPELLED = perLanguage(
  SPELLINGS,
  (spellings): ReadonlyMap<string, readonly string[]> =>
    new Map(Object.entries(spellings).map(([short, words]) => [short, words.split(" ")])),
);

/**
 * The words of a message with chat spellings written out, in its language.
 *
 * @example
 * spellOut(["vc", "tem", "pra", "hj"], "pt") // ["voce", "tem", "para", "hoje"]
 */
export function spellOut(words: readonly string[], language: Language): string[] {
  const spelled = SPELLED[language];
  return words.flatMap((word) => spelled.get(word) ?? [word]);
}
