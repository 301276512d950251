/**
 * The worker thread that trains intent models and cross-validates them for quality reports, so
 * that neither blocks the thread that answers turns. It does one job at a time and posts the
 * result back (a model's bytes transferred, not copied). See `IntentTrainingThread`.
 * @module
 */
import type { IntentDefinition } from "../local/intent-classifier.ts";
import type { Language } from "../text/language/index.ts";
import { trainIntentModel } from "./intent-model.ts";
import {
  type IntentQualityOptions,
  type IntentQualityReport,
  intentQualityReport,
} from "./intent-quality-report.ts";

export type TrainingJob = {
  id: number;
  intents: IntentDefinition[];
  language: Language;
} & ({ kind: "train" } | { kind: "report"; options: IntentQualityOptions });

export type TrainingOutcome =
  | { id: number; status: "trained"; bytes: Uint8Array }
  | { id: number; status: "reported"; report: IntentQualityReport }
  | { id: number; status: "failed"; message: string };

declare const self: Worker;

function run(job: TrainingJob): TrainingOutcome {
  try {
    return job.kind === "train"
      ? {
          id: job.id,
          status: "trained",
          bytes: trainIntentModel(job.intents, job.language).toBytes(),
        }
      : {
          id: job.id,
          status: "reported",
          report: intentQualityReport(job.intents, job.language, job.options),
        };
  } catch (error) {
    return { id: job.id, status: "failed", message: (error as Error).message };
  }
}

self.onmessage = ({ data: job }: MessageEvent<TrainingJob>) => {
  const outcome = run(job);
  self.postMessage(outcome, outcome.status === "trained" ? [outcome.bytes.buffer] : []);
};
