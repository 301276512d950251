import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ClassifierStore } from "./classifier-store.ts";

const KEY = /^[0-9a-f]{64}$/;

/**
 * Keeps each model in a file of its own, `<directory>/<key>.intent-model`, for the CLI and tests.
 * A model is written to a temporary file and renamed, so a crash never leaves half a model.
 */
export class FileClassifierStore implements ClassifierStore {
  constructor(readonly directory: string) {}

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.#path(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const path = this.#path(key);
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  }

  #path(key: string): string {
    // Keys are hashes; anything else could name a path outside the directory.
    if (!KEY.test(key)) throw new Error(`"${key}" is not an intent model key (a sha256 in hex).`);
    return join(this.directory, `${key}.intent-model`);
  }
}
