import { readFile } from "node:fs/promises";
import { defaultCatalog, type ModelCatalog, parseModelCatalog } from "@switchboard/engine";

/**
 * The model catalog: `MODELS_FILE` (default `models.json` in the working directory) when it
 * exists, else the embedded default where every name answers with the local model.
 */
export async function loadModelCatalog(
  env: Record<string, string | undefined> = process.env,
): Promise<ModelCatalog> {
  const path = env.MODELS_FILE ?? "models.json";
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (env.MODELS_FILE)
      throw new Error(
        `MODELS_FILE names ${path}, which cannot be read: ${(error as Error).message}`,
      );
    return defaultCatalog;
  }
  try {
    return parseModelCatalog(JSON.parse(text));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}
