import { readFile } from "node:fs/promises";
import { defaultCatalog, type ModelCatalog, parseModelCatalog } from "@switchboard/engine";
import { withModelEnv } from "./model-env.ts";

/**
 * The model catalog: `MODELS_FILE` (default `models.json` in the working directory) when it
 * exists, else the embedded default where every name answers with the local model; then the
 * model environment variables applied over it (see withModelEnv).
 */
export async function loadModelCatalog(
  env: Record<string, string | undefined> = process.env,
): Promise<ModelCatalog> {
  const path = env.MODELS_FILE ?? "models.json";
  let catalog: ModelCatalog = defaultCatalog;
  let text: string | undefined;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (env.MODELS_FILE)
      throw new Error(
        `MODELS_FILE names ${path}, which cannot be read: ${(error as Error).message}`,
      );
  }
  if (text !== undefined) {
    try {
      catalog = parseModelCatalog(JSON.parse(text));
    } catch (error) {
      throw new Error(`${path}: ${(error as Error).message}`);
    }
  }
  try {
    return parseModelCatalog(withModelEnv(catalog, env));
  } catch (error) {
    throw new Error(`The model environment variables: ${(error as Error).message}`);
  }
}
