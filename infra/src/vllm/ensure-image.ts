import type Dockerode from "dockerode";
import { dockerMessage, dockerStatus } from "./docker-message.ts";
import { type PullEvent, PullProgress } from "./pull-progress.ts";
import { startPullProgressBar } from "./pull-progress-bar.ts";
import { VllmError } from "./vllm-error.ts";
import type { VllmReporter } from "./vllm-reporter.ts";

/** Pulls `image` unless the engine has it, drawing the pull's progress. */
export async function ensureImage(
  docker: Dockerode,
  image: string,
  reporter: VllmReporter,
): Promise<"present" | "pulled"> {
  try {
    await docker.getImage(image).inspect();
    return "present";
  } catch (error) {
    if (dockerStatus(error) !== 404) throw error;
  }
  const progress = new PullProgress();
  const bar = startPullProgressBar(image, reporter.stream);
  let failure: string | undefined;
  try {
    const stream: NodeJS.ReadableStream = await docker.pull(image);
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(
        stream,
        (error: Error | null) => (error ? reject(error) : resolve()),
        (event: PullEvent) => {
          // The engine reports a failed pull inside a 200 stream, as an event with `error`.
          if (event.error) failure ??= event.errorDetail?.message ?? event.error;
          progress.update(event);
          bar.update(progress.summary);
        },
      );
    });
  } catch (error) {
    failure = dockerMessage(error);
  } finally {
    bar.stop();
  }
  if (failure !== undefined) throw pullFailed(image, failure);
  const { layers } = progress.summary;
  reporter.say(`Pulled ${image} (${layers} layer${layers === 1 ? "" : "s"}).`);
  return "pulled";
}

function pullFailed(image: string, message: string): VllmError {
  const hint = /unauthorized|denied|authentication|login/i.test(message)
    ? `The registry wants a login: run \`docker login ${registryOf(image)}\` and \`docker pull ${image}\`, then run this again.`
    : /not found|manifest unknown|does not exist/i.test(message)
      ? 'Check the image name and tag (--image or VLLM_IMAGE; "official" and "nvidia" name the usual ones).'
      : "Check that the Docker engine can reach the registry (network, proxy, disk space), then run this again.";
  return new VllmError("pull-failed", `Could not pull ${image}: ${message}\n${hint}`);
}

function registryOf(image: string): string {
  const first = image.split("/")[0] ?? "";
  return image.includes("/") && /[.:]|^localhost$/.test(first) ? first : "docker.io";
}
