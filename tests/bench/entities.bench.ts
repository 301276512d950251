/**
 * bun run bench:entities — Microsoft Recognizers-Text as the local model's entity recognizer:
 * the cold cost of loading it and of each language's first call (in fresh processes), then the
 * latency of reading a lead's slots from one message in English, Portuguese and Spanish, against
 * classifying the same message with the support flow's intent classifier, in the same run.
 */
import { join } from "node:path";
import { loadFlowFile, trainIntentClassifier } from "@switchboard/engine";
import { extractSlots, type Slot } from "../../engine/src/local/slot-extraction.ts";
import type { Language } from "../../engine/src/text/language/language.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 40);

const MESSAGES: Record<Language, string[]> = {
  en: [
    "I run a pizza place and need 8 delivery e-bikes",
    "looking 4 fleet pricing for 25 bikes, budget around $20k",
    "in two weeks",
    "Ana Lopez, ana@acme.io, call me on +1 415 555 0132",
    "between 10k and 20k dollars, by September",
  ],
  pt: [
    "Tenho uma pizzaria e preciso de oito bikes para entrega",
    "orçamento de uns vinte mil reais",
    "daqui a duas semanas",
    "Meu nome é Júlia Souza, julia@padaria.com.br, (11) 98765-4321",
    "precisamos de 12 bicicletas até setembro",
  ],
  es: [
    "Tengo una panadería y necesito doce bicis para los repartos",
    "presupuesto de quince mil euros",
    "el próximo viernes",
    "Me llamo Juan Pérez, juan@panaderia.es, +34 612 345 678",
    "necesitamos 20 bicicletas dentro de dos meses",
  ],
};

const slots: Slot[] = [
  { name: "name", kind: "name", required: true },
  { name: "email", kind: "email", required: true },
  { name: "phone", kind: "phone", required: true },
  { name: "company", kind: "company", required: true },
  { name: "fleet_size", kind: "number", required: true, units: ["bikes", "bicicletas", "bicis"] },
  { name: "budget", kind: "budget", required: true },
  { name: "timeline", kind: "timeline", required: true },
];

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms (range ${at(0).toFixed(2)}–${at(1).toFixed(2)})`;
}

// Cold costs, each in a fresh process so nothing is cached.
const cold = `
const t0 = performance.now();
const R = await import("@microsoft/recognizers-text-suite");
const loaded = performance.now() - t0;
const first = {};
for (const [language, culture] of [["en", R.Culture.English], ["pt", R.Culture.Portuguese], ["es", R.Culture.Spanish]]) {
  const t = performance.now();
  R.recognizeNumber("12 bikes", culture); R.recognizeCurrency("$5", culture); R.recognizeDateTime("in 2 weeks", culture === R.Culture.Portuguese ? R.Culture.Spanish : culture);
  first[language] = performance.now() - t;
}
console.log(JSON.stringify({ loaded, first }));
`;
const loads: number[] = [];
const firsts: Record<Language, number[]> = { en: [], pt: [], es: [] };
for (let round = 0; round < ROUNDS; round += 1) {
  const child = Bun.spawnSync([process.execPath, "-e", cold], {
    cwd: join(import.meta.dir, "..", "..", "engine"),
  });
  const result = JSON.parse(child.stdout.toString()) as {
    loaded: number;
    first: Record<Language, number>;
  };
  loads.push(result.loaded);
  for (const language of Object.keys(firsts) as Language[])
    firsts[language].push(result.first[language]);
}
console.log(`Recognizers-Text import (cold, ${ROUNDS} processes): ${summary(loads)}`);
for (const language of Object.keys(firsts) as Language[]) {
  console.log(`  first call in ${language} (builds its models): ${summary(firsts[language])}`);
}

// Warm per-message latency, against the intent classifier on the same messages.
const support = await loadFlowFile(join(import.meta.dir, "..", "..", "flows", "support.flow.json"));
const classify = support.flow.nodes.find((node) => node.type === "classify");
if (classify?.type !== "classify") throw new Error("the support flow has no classify node");
const classifier = trainIntentClassifier(classify.config.intents);
for (const language of Object.keys(MESSAGES) as Language[]) {
  for (const text of MESSAGES[language]) extractSlots(text, slots, { language });
}
console.log(
  `\nPer message, warm (${REPEATS} repeats of ${Object.values(MESSAGES).flat().length} messages):`,
);
for (const language of Object.keys(MESSAGES) as Language[]) {
  const extraction: number[] = [];
  const classification: number[] = [];
  for (let repeat = 0; repeat < REPEATS; repeat += 1) {
    // Trailing spaces make each message new to the recognizer's per-message cache.
    for (const message of MESSAGES[language]) {
      const text = `${message}${" ".repeat(repeat + 1)}`;
      let started = performance.now();
      extractSlots(text, slots, { language });
      extraction.push(performance.now() - started);
      started = performance.now();
      classifier.classify(text);
      classification.push(performance.now() - started);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log(`  ${language}: slot extraction ${summary(extraction)}`);
  console.log(`      intent classification (baseline) ${summary(classification)}`);
  console.log(
    `      ratio extraction / classification (medians): ${(median(extraction) / median(classification)).toFixed(1)}×`,
  );
}
