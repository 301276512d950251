import type Dockerode from "dockerode";
import { describeSettingsChanges } from "./describe-settings-changes.ts";
import { dockerStatus } from "./docker-message.ts";
import { ensureImage } from "./ensure-image.ts";
import { startError } from "./start-error.ts";
import { type VllmContainerSpec, vllmLabels } from "./vllm-container-spec.ts";
import { VllmError } from "./vllm-error.ts";
import type { VllmReporter } from "./vllm-reporter.ts";
import type { VllmSettings } from "./vllm-settings.ts";

/** What `vllm up` did with the container. */
export type ContainerOutcome = "created" | "replaced" | "reused-running" | "reused-started";

/** The container of this name, if the engine has one. */
export async function findContainer(
  docker: Dockerode,
  name: string,
): Promise<{ container: Dockerode.Container; info: Dockerode.ContainerInspectInfo } | undefined> {
  try {
    const info = await docker.getContainer(name).inspect();
    // By id from here on, so every later call reaches the container that was inspected.
    return { container: docker.getContainer(info.Id), info };
  } catch (error) {
    if (dockerStatus(error) === 404) return undefined;
    throw error;
  }
}

/**
 * Makes the container of `spec` run: reuses one of the same name made with the same settings
 * (starting it when stopped), replaces one made otherwise when `force` is set, or creates it,
 * pulling the image first (before removing anything, so a failed pull leaves the old one).
 */
export async function ensureVllmContainer(
  docker: Dockerode,
  settings: VllmSettings,
  spec: VllmContainerSpec,
  options: { force: boolean; reporter: VllmReporter },
): Promise<{ container: Dockerode.Container; outcome: ContainerOutcome }> {
  const name = settings.containerName;
  const existing = await findContainer(docker, name);
  if (
    existing &&
    existing.info.Config.Labels?.[vllmLabels.settingsHash] === spec.Labels[vllmLabels.settingsHash]
  ) {
    if (existing.info.State.Running) {
      return { container: existing.container, outcome: "reused-running" };
    }
    await existing.container.start().catch((error: unknown) => {
      throw startError(error, settings);
    });
    return { container: existing.container, outcome: "reused-started" };
  }
  if (existing && !options.force) throw settingsChanged(existing.info, settings);

  await ensureImage(docker, spec.Image, options.reporter);
  if (existing) await existing.container.remove({ force: true });
  let container: Dockerode.Container;
  try {
    container = await docker.createContainer({ name, ...spec });
  } catch (error) {
    throw startError(error, settings);
  }
  try {
    await container.start();
  } catch (error) {
    // Leave nothing half-made behind: the next `up` creates it afresh.
    await container.remove({ force: true }).catch(() => undefined);
    throw startError(error, settings);
  }
  return { container, outcome: existing ? "replaced" : "created" };
}

function settingsChanged(info: Dockerode.ContainerInspectInfo, settings: VllmSettings): VllmError {
  const label = info.Config.Labels?.[vllmLabels.settings];
  const changes = label
    ? describeSettingsChanges(JSON.parse(label), settings)
    : `it was not made by \`switchboard vllm\` (image ${info.Config.Image})`;
  return new VllmError(
    "settings-changed",
    `A container named "${settings.containerName}" exists with other settings: ${changes}.\n` +
      "Run again with --force to replace it, or with --name to run another container beside it.",
  );
}
