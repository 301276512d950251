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
    const raw = JSON.parse(await readFile(path, "utf8")) as SimulationFile;
    return { path, file, raw };
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
    if (!Value.Check(SimulationFile, Value.Default(SimulationFile, structuredClone(content))))
      throw new FlowError(
        "invalid_simulation",
        "The simulations do not make a valid simulations file.",
      );
    const temporary = `${path}.${crypto.randomUUID()}.tmp`;
    await writeFile(temporary, `${JSON.stringify(content, null, 2)}\n`);
    await rename(temporary, path);
  };

  return {
    async list(flowId) {
      const { path, file } = await read(flowId);
      return { flowId, file: basename(path), simulations: file?.simulations ?? [] };
    },

    add: (flowId, simulation) =>
      serialized(async () => {
        const { path, file, raw } = await read(flowId);
        if (file?.simulations.some((existing) => existing.name === simulation.name))
          throw new AppError(
            "conflict",
            `Flow "${flowId}" already has a simulation named "${simulation.name}".`,
          );
        await write(path, flowId, raw, [...(raw?.simulations ?? []), simulation]);
        return {
          flowId,
          file: basename(path),
          simulations: [...(file?.simulations ?? []), simulation],
        };
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

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
