import { access, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { Value } from "@sinclair/typebox/value";
import {
  FlowError,
  readSimulationFile,
  type Simulation,
  SimulationFile,
  simulationPathFor,
} from "@switchboard/engine";
import { findFlowFiles } from "../config/index.ts";
import { AppError } from "../errors.ts";
import type { FlowService } from "../flows/index.ts";
import { editSimulationText, type SimulationEdit } from "./simulation-file-text.ts";

/** A flow's simulations as kept in its simulations file, next to the flow's file. */
interface SimulationSet {
  flowId: string;
  /** The file's name in the flows folder. */
  file: string;
  simulations: Simulation[];
}

/**
 * The flows folder's simulations files, read and written for the studio. A flow with a file in
 * the folder keeps its simulations next to it (`support.flow.json` → `support.simulations.json`);
 * a flow created in the studio gets `<id>.simulations.json`. Files, not the database, because the
 * CLI (`switchboard simulate`) and CI run the same files, and they are reviewed with the flows.
 */
export interface SimulationFiles {
  /** The flow's simulations; none when it has no file yet. */
  list(flowId: string): Promise<SimulationSet>;
  /** @throws AppError `conflict` when a simulation of the flow already has the name. */
  add(flowId: string, simulation: Simulation): Promise<SimulationSet>;
  /**
   * Replaces the simulation named `name` (renaming it if the new one's name differs), leaving
   * the file's other text as it was.
   * @throws AppError `not_found` without such a simulation, `conflict` when renamed onto another.
   */
  update(flowId: string, name: string, simulation: Simulation): Promise<SimulationSet>;
  /** Removes the simulation named `name`, leaving the file's other text as it was. */
  remove(flowId: string, name: string): Promise<SimulationSet>;
  /** Replaces them all; none removes the file. */
  replace(flowId: string, simulations: Simulation[]): Promise<SimulationSet>;
}

export interface SimulationFilesOptions {
  flowsDir: string;
  flowService: Pick<FlowService, "versions">;
}

/** @example const files = createSimulationFiles({ flowsDir: "flows", flowService }); */
export function createSimulationFiles({
  flowsDir,
  flowService,
}: SimulationFilesOptions): SimulationFiles {
  // One write at a time, so two additions made together both land.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };

  const read = async (flowId: string) => {
    await flowService.versions(flowId); // throws not_found for an unknown flow
    const path = await findSimulationFile(flowsDir, flowId);
    if (!(await exists(path))) return { path };
    // Checked with the schema's defaults filled in; written back as it was, defaults left out.
    const file = await readSimulationFile(path);
    const text = await readFile(path, "utf8");
    const raw = JSON.parse(text) as SimulationFile;
    return { path, file, raw, text };
  };

  const write = async (
    path: string,
    flowId: string,
    previous: SimulationFile | undefined,
    simulations: Simulation[],
  ) => {
    if (simulations.length === 0) return rm(path, { force: true });
    const schema = (await exists(join(flowsDir, "simulation.schema.json")))
      ? { $schema: "./simulation.schema.json" }
      : {};
    const content: SimulationFile = { ...schema, ...previous, flow: flowId, simulations };
    await writeChecked(path, `${JSON.stringify(content, null, 2)}\n`);
  };

  /** One simulation changed in the file's text; a flow without a file gets a new one. */
  const editFile = async (flowId: string, edit: SimulationEdit) => {
    const { path, file, raw, text } = await read(flowId);
    if (text === undefined || raw === undefined) {
      if (edit.kind !== "add")
        throw new AppError("not_found", `Flow "${flowId}" has no simulations.`);
      await write(path, flowId, undefined, [edit.simulation]);
      return { flowId, file: basename(path), simulations: [edit.simulation] };
    }
    const next =
      edit.kind === "remove" && raw.simulations.length === 1
        ? undefined
        : editSimulationText(text, edit);
    if (next === undefined) await rm(path, { force: true });
    else await writeChecked(path, next);
    const simulations = [...(file?.simulations ?? [])];
    if (edit.kind === "add") simulations.push(edit.simulation);
    else if (edit.kind === "update") simulations[edit.index] = edit.simulation;
    else simulations.splice(edit.index, 1);
    return { flowId, file: basename(path), simulations };
  };

  /** Where the simulation named `name` is, or `not_found`. */
  const indexOf = (flowId: string, simulations: readonly Simulation[], name: string) => {
    const index = simulations.findIndex((simulation) => simulation.name === name);
    if (index < 0)
      throw new AppError("not_found", `Flow "${flowId}" has no simulation named "${name}".`);
    return index;
  };

  return {
    async list(flowId) {
      const { path, file } = await read(flowId);
      return { flowId, file: basename(path), simulations: file?.simulations ?? [] };
    },

    add: (flowId, simulation) =>
      serialized(async () => {
        const { file } = await read(flowId);
        if (file?.simulations.some((existing) => existing.name === simulation.name))
          throw new AppError(
            "conflict",
            `Flow "${flowId}" already has a simulation named "${simulation.name}".`,
          );
        return editFile(flowId, { kind: "add", simulation });
      }),

    update: (flowId, name, simulation) =>
      serialized(async () => {
        const simulations = (await read(flowId)).file?.simulations ?? [];
        const index = indexOf(flowId, simulations, name);
        if (simulation.name !== name && simulations.some((s) => s.name === simulation.name))
          throw new AppError(
            "conflict",
            `Flow "${flowId}" already has a simulation named "${simulation.name}".`,
          );
        return editFile(flowId, { kind: "update", index, simulation });
      }),

    remove: (flowId, name) =>
      serialized(async () => {
        const simulations = (await read(flowId)).file?.simulations ?? [];
        return editFile(flowId, { kind: "remove", index: indexOf(flowId, simulations, name) });
      }),

    replace: (flowId, simulations) =>
      serialized(async () => {
        const names = new Set<string>();
        for (const { name } of simulations) {
          if (names.has(name))
            throw new AppError("invalid_request", `Two simulations are named "${name}".`);
          names.add(name);
        }
        const { path, raw } = await read(flowId);
        await write(path, flowId, raw, simulations);
        return { flowId, file: basename(path), simulations };
      }),
  };
}

/**
 * Where a flow's simulations file is, or would be: next to the flow's file in the folder, or
 * `<id>.simulations.json` for a flow that has no file there.
 */
export async function findSimulationFile(flowsDir: string, flowId: string): Promise<string> {
  const flowFile = await findFlowFile(flowsDir, flowId);
  return flowFile ? simulationPathFor(flowFile) : join(flowsDir, `${flowId}.simulations.json`);
}

/** The flow file in the flows folder whose id is `flowId`, if there is one. */
export async function findFlowFile(flowsDir: string, flowId: string): Promise<string | undefined> {
  for (const path of await findFlowFiles(flowsDir).catch(() => [])) {
    const id = await readFile(path, "utf8").then(
      (text) => (JSON.parse(text) as { id?: unknown }).id,
      () => undefined,
    );
    if (id === flowId) return path;
  }
  return undefined;
}

/** Writes a simulations file whole (through a temporary file) once its text checks out. */
async function writeChecked(path: string, text: string): Promise<void> {
  const content = JSON.parse(text) as unknown;
  if (!Value.Check(SimulationFile, Value.Default(SimulationFile, content)))
    throw new FlowError(
      "invalid_simulation",
      "The simulations do not make a valid simulations file.",
    );
  const temporary = `${path}.${crypto.randomUUID()}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
