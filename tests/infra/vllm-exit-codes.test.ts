import { describe, expect, it } from "bun:test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describeVllmExitCodes, vllmExitCodes } from "../../infra/src/index.ts";

describe("vllm exit codes", () => {
  const codes = Object.values(vllmExitCodes);

  it("are distinct and leave 0 and 1 to success and the unexpected", () => {
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((code) => code > 1)).toBe(true);
  });

  it("are all listed in --help and in infra/README.md", async () => {
    const readme = await readFile(join(import.meta.dir, "../../infra/README.md"), "utf8");
    const help = describeVllmExitCodes();
    for (const code of [0, 1, ...codes]) {
      expect(help).toMatch(new RegExp(`^ +${code}  \\w`, "m"));
      expect(readme).toContain(`| ${code} |`);
    }
  });
});
