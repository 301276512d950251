import type Dockerode from "dockerode";
import { findContainer } from "./ensure-vllm-container.ts";
import type { VllmReporter } from "./vllm-reporter.ts";

/**
 * `switchboard vllm down`: stops the container, giving vLLM time to finish, and removes it. The
 * model stays in the Hugging Face cache, so the next `up` starts without downloading it.
 */
export async function vllmDown(
  docker: Dockerode,
  options: { containerName: string; reporter: VllmReporter },
): Promise<"removed" | "absent"> {
  const found = await findContainer(docker, options.containerName);
  if (!found) {
    options.reporter.say(`No container named "${options.containerName}"; nothing to stop.`);
    return "absent";
  }
  if (found.info.State.Running || found.info.State.Restarting) {
    await found.container.stop({ t: 10 });
  }
  await found.container.remove({ force: true });
  options.reporter.say(`Stopped and removed container "${options.containerName}".`);
  return "removed";
}
