import { readdir, readFile, stat } from "node:fs/promises";
import { join, posix, resolve } from "node:path";
import { FlowError } from "../errors.ts";
import type { KnowledgeRef } from "../schema/flow.ts";
import type { KnowledgeBase } from "./knowledge-base.ts";
import { type KnowledgeSourceFile, loadKnowledgeBase } from "./load-knowledge.ts";

const KNOWLEDGE_FILE = /\.(?:json|md)$/i;

/**
 * Reads the knowledge bases a flow refers to. A source is a `.json` or `.md` file, or a
 * directory whose `.json` and `.md` files (searched recursively, in name order) make up one base.
 *
 * @throws FlowError `invalid_knowledge` naming the path when a source is missing or unreadable,
 *   and as `loadKnowledgeBase` for malformed files.
 * @example
 * const bases = await readKnowledgeFiles("flows", [{ id: "faq", source: "knowledge/faq.json" }]);
 */
export async function readKnowledgeFiles(
  flowDir: string,
  refs: readonly KnowledgeRef[],
): Promise<KnowledgeBase[]> {
  return Promise.all(
    refs.map(async (ref) => loadKnowledgeBase(ref.id, await readSource(flowDir, ref))),
  );
}

async function readSource(flowDir: string, ref: KnowledgeRef): Promise<KnowledgeSourceFile[]> {
  const path = resolve(flowDir, ref.source);
  const info = await stat(path).catch((cause: unknown) => {
    throw unreadable(ref, path, cause);
  });
  if (!info.isDirectory()) return [await readSourceFile(ref, path, ref.source)];
  const names = (await readdir(path, { recursive: true }))
    .filter((name) => KNOWLEDGE_FILE.test(name))
    .sort();
  if (names.length === 0) {
    throw new FlowError(
      "invalid_knowledge",
      `Knowledge "${ref.id}": ${path} has no .json or .md files.`,
    );
  }
  return Promise.all(
    names.map((name) =>
      readSourceFile(ref, join(path, name), posix.join(ref.source, name.replaceAll("\\", "/"))),
    ),
  );
}

async function readSourceFile(
  ref: KnowledgeRef,
  path: string,
  source: string,
): Promise<KnowledgeSourceFile> {
  const text = await readFile(path, "utf8").catch((cause: unknown) => {
    throw unreadable(ref, path, cause);
  });
  return { source, text };
}

function unreadable(ref: KnowledgeRef, path: string, cause: unknown): FlowError {
  const reason =
    (cause as NodeJS.ErrnoException).code === "ENOENT"
      ? "no such file or directory"
      : String(cause);
  return new FlowError(
    "invalid_knowledge",
    `Knowledge "${ref.id}": cannot read ${path} (${reason}).`,
    { cause },
  );
}
