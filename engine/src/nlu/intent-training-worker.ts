/**
 * The worker thread that trains intent models, so that training never blocks the thread that
 * answers turns. It trains one job at a time and posts the model's bytes back (transferred, not
 * copied). See `IntentTrainingThread`.
 * @module
 */
import type { IntentDefinition } from "../local/intent-classifier.ts";
import type { Language } from "../text/language/index.ts";
import { trainIntentModel } from "./intent-model.ts";

export interface TrainingJob {
  id: number;
  intents: IntentDefinition[];
  language: Language;
}

export type TrainingOutcome =
  | { id: number; status: "trained"; bytes: Uint8Array }
  | { id: number; status: "failed"; message: string };

declare const self: Worker;

self.onmessage = ({ data: job }: MessageEvent<TrainingJob>) => {
  let outcome: TrainingOutcome;
  try {
    const bytes = trainIntentModel(job.intents, job.language).toBytes();
    outcome = { id: job.id, status: "trained", bytes };
  } catch (error) {
    outcome = { id: job.id, status: "failed", message: (error as Error).message };
  }
  self.postMessage(outcome, outcome.status === "trained" ? [outcome.bytes.buffer] : []);
};
