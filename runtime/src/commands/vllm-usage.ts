import { describeVllmExitCodes } from "@switchboard/infra/vllm-error";
import type { CAC, Command } from "cac";

/** The options cac parses for `switchboard vllm`, keyed as it keys them. */
export interface VllmCommandOptions {
  [flag: string]: unknown;
  "--"?: string[];
  force?: boolean;
  skipGpuCheck?: boolean;
  timeout?: number | string;
  follow?: boolean;
  tail?: number | string;
  json?: boolean;
}

/** Adds `vllm <action>` with its flags, examples and exit codes to the CLI; the caller adds the action. */
export function defineVllmCommand(cli: CAC): Command {
  return (
    cli
      .command("vllm <action>", "Run vLLM in Docker: up, down, status or logs")
      .usage("vllm <up|down|status|logs> [options] [-- extra vLLM server arguments]")
      .option(
        "--model <id>",
        "Hugging Face model to serve (env VLLM_MODEL; default Qwen/Qwen2.5-0.5B-Instruct)",
      )
      .option("--served-model-name <name>", "Name clients ask for (default: the model)")
      .option(
        "--image <image>",
        'Image, or "official" (vllm/vllm-openai:latest) or "nvidia" (env VLLM_IMAGE)',
      )
      .option("--port <port>", "Host port for the API (env VLLM_PORT; default 8080)")
      .option("--bind <ip>", "Host address to publish the port on (default: every interface)")
      .option("--gpus <gpus>", 'GPUs: "all", a count, or device=0,1 (default all)')
      .option("--max-model-len <tokens>", "Context length (default 8192)")
      .option("--gpu-memory-utilization <share>", "Share of GPU memory vLLM may use (default 0.9)")
      .option("--tensor-parallel-size <n>", "GPUs to split the model over (default 1)")
      .option(
        "--hf-cache <dir>",
        "Host Hugging Face cache to mount (env HF_HOME; default ~/.cache/huggingface)",
      )
      .option("--name <container>", "Container name (default switchboard-vllm)")
      .option("--force", "up: replace a container of that name made with other settings")
      .option("--skip-gpu-check", "up: do not require an NVIDIA runtime in `docker info`")
      .option("--timeout <seconds>", "up: how long to wait for the API (default 600)")
      .option("-f, --follow", "logs: keep printing new lines")
      .option("--tail <lines>", "logs: lines to show from the end (default 100)")
      .option("--json", "status: print the status as JSON")
      .example("switchboard vllm up")
      .example("switchboard vllm up --model Qwen/Qwen2.5-1.5B-Instruct --port 8081 --force")
      .example("switchboard vllm up --image nvidia --gpus device=0 -- --enable-prefix-caching")
      .example("switchboard vllm status && switchboard vllm logs -f")
      // cac has no help section of a command's own; an example can print one.
      .example(
        () =>
          `\nEnvironment: VLLM_IMAGE, VLLM_MODEL, VLLM_PORT, HF_TOKEN (passed to the container), HF_HOME, DOCKER_HOST.\nFlags override the environment, which overrides the model catalog's first "vllm" entry.\n\nExit codes:\n${describeVllmExitCodes()}`,
      )
  );
}
