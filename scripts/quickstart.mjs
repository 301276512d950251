#!/usr/bin/env node
// The README's two commands on a machine that has only Node.js and npm: install Bun from npm
// when it is missing, install the workspace from the lockfile, then start or test.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";

const BUN_VERSION = "1.4.5";
const root = join(import.meta.dirname, "..");
const localBun = join(root, ".tools", "node_modules", ".bin", "bun");

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function findBun() {
  for (const candidate of ["bun", localBun]) {
    const probe = spawnSync(candidate, ["--version"], { encoding: "utf8" });
    if (probe.status === 0) return candidate;
  }
  console.log(`Bun is not installed; installing bun@${BUN_VERSION} from npm into .tools/ …`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const status = run(npm, [
    "install",
    "--prefix",
    ".tools",
    "--no-save",
    "--no-audit",
    "--no-fund",
    `bun@${BUN_VERSION}`,
  ]);
  if (status !== 0 || !existsSync(localBun)) {
    console.error(
      "Could not install Bun from npm; install it from https://bun.sh and run this again.",
    );
    process.exit(1);
  }
  return localBun;
}

const task = process.argv[2];
const steps = {
  // Starts the product on its embedded defaults: the local model and the example flows, with
  // the studio built so the server serves it at /studio.
  start: [
    ["run", "--cwd", "studio", "build"],
    ["run", "switchboard", "serve"],
  ],
  // The whole check, in order: lint and format, dependency rules and unused code (all in
  // `lint`), types, then every test.
  test: [
    ["run", "lint"],
    ["run", "typecheck"],
    ["test", "--timeout", "20000"],
  ],
}[task];
if (!steps) {
  console.error("usage: node scripts/quickstart.mjs start|test");
  process.exit(2);
}

const bun = findBun();
// Tests and scripts start `bun` themselves (servers, the CLI, stand-ins): put this one on PATH.
if (bun === localBun)
  process.env.PATH = `${dirname(localBun)}${delimiter}${process.env.PATH ?? ""}`;
const frozen = process.env.CI ? ["--frozen-lockfile"] : [];
if (run(bun, ["install", ...frozen]) !== 0) process.exit(1);
for (const args of steps) {
  const status = run(bun, args);
  if (status !== 0) process.exit(status);
}
