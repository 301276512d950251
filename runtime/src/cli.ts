#!/usr/bin/env bun
import { cac } from "cac";
import { defineVllmCommand, type VllmCommandOptions } from "./commands/vllm-usage.ts";

// Each command's module is loaded when it runs: the server then carries neither the Docker client
// nor the simulator, and `--help` starts at once.

const cli = cac("switchboard");

cli
  .command("validate <...files>", "Check flow files and report every problem")
  .option("--nlu", "Also cross-validate each classify node's intents and print the report")
  .option("--min-accuracy <share>", "With --nlu: fail under this accuracy (0–1, default 0.7)")
  .option("--min-examples <n>", "With --nlu: flag intents with fewer examples (default 5)")
  .example("switchboard validate flows/support.flow.json")
  .example("switchboard validate --nlu --min-accuracy 0.85 flows/*.flow.json")
  .action(
    async (
      files: string[],
      options: { nlu?: boolean; minAccuracy?: number; minExamples?: number },
    ) => exit(await (await import("./commands/validate.ts")).validateCommand(files, options)),
  );

cli
  .command(
    "simulate [...files]",
    "Run the simulations next to each flow (default: flows/*.flow.json)",
  )
  .option("--json", "Print the results as JSON")
  .option("--trace", "Send each simulation run to Langfuse as a trace, scored pass or fail")
  .example("switchboard simulate flows/support.flow.json --json")
  .example("LANGFUSE_PUBLIC_KEY=… LANGFUSE_SECRET_KEY=… switchboard simulate --trace")
  .action(async (files: string[], options: { json?: boolean; trace?: boolean }) =>
    exit(await (await import("./commands/simulate.ts")).simulateCommand(files, options)),
  );

cli
  .command("chat <file>", "Talk to a flow in the terminal")
  .example("switchboard chat flows/support.flow.json")
  .action(async (file: string) =>
    exit(await (await import("./commands/chat.ts")).chatCommand(file)),
  );

cli
  .command(
    "replay",
    "Replay a flow's latest recorded conversations against a version and report what changes",
  )
  .option("--flow <id>", "The flow whose conversations are replayed")
  .option("--version <version>", "draft (default), published, latest or a version number")
  .option("--last <n>", "How many of the latest conversations (default: 100)")
  .option("--max-changed <share>", "Fail when more than this share changes (default: 0)")
  .option("--models <mode>", "recorded (default): reuse recorded model answers; call: ask models")
  .option("--channel <channel>", "Only conversations on this channel (web, whatsapp, …)")
  .option("--outcome <outcome>", "Only conversations that ended, handoff, waiting or failed")
  .option("--from <date>", "Only conversations started at or after this ISO date")
  .option("--to <date>", "Only conversations started before this ISO date")
  .option("--concurrency <n>", "Conversations replayed at once (default: 4)")
  .option("--json", "Print the report as JSON")
  .example("switchboard replay --flow support --version draft --last 500 --max-changed 0.1")
  .action(async (options: import("./commands/replay.ts").ReplayCommandOptions) =>
    exit(await (await import("./commands/replay.ts")).replayCommand(options)),
  );

cli
  .command("models", "List the model catalog and whether each model answers")
  .option("--json", "Print the list as JSON")
  .example("VLLM_BASE_URL=http://gpu-box:8080/v1 DEFAULT_MODEL=vllm switchboard models")
  .action(async (options: { json?: boolean }) =>
    exit(await (await import("./commands/models.ts")).modelsCommand(options)),
  );

defineVllmCommand(cli).action(async (action: string, options: VllmCommandOptions) =>
  exit(await (await import("./commands/vllm.ts")).vllmCommand(action, options)),
);

cli
  .command("serve", "Serve the published flows: WebSocket chat, REST API, web chat")
  .option("--port <port>", "Port to listen on (default: PORT, else 8181)")
  .example("switchboard serve --port 8080")
  .action(async (options: { port?: number }) =>
    exit(await (await import("./commands/serve.ts")).serveCommand(options)),
  );

cli.help();
// cac's global --version takes no value, so it would swallow `replay --version draft`: it is
// offered only where no command is named (`switchboard --version`).
if (!process.argv[2] || process.argv[2].startsWith("-")) cli.version("0.1.0");

function exit(code: number): void {
  process.exitCode = code;
}

try {
  cli.parse(process.argv, { run: false });
  if (!cli.matchedCommand && !cli.options.help && !cli.options.version) {
    cli.outputHelp();
    process.exitCode = cli.args.length > 0 ? 1 : 0;
  } else {
    await cli.runMatchedCommand();
  }
} catch (error) {
  console.error(`switchboard: ${(error as Error).message}`);
  process.exitCode = 1;
}
