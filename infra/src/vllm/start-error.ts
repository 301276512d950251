import { dockerMessage } from "./docker-message.ts";
import { VllmError } from "./vllm-error.ts";
import type { VllmSettings } from "./vllm-settings.ts";

/** A failed `POST /containers/{id}/start` (or create) in the user's terms. */
export function startError(error: unknown, settings: VllmSettings): VllmError {
  const message = dockerMessage(error);
  if (/port is already allocated|address already in use/i.test(message)) {
    return new VllmError(
      "port-in-use",
      `Port ${settings.hostPort} is already in use on the Docker host (${message}).\n` +
        `Stop what holds it (\`ss -ltnp 'sport = :${settings.hostPort}'\` shows it) or choose another port with --port or VLLM_PORT, and point the catalog's baseUrl at it.`,
    );
  }
  if (
    /could not select device driver|nvidia-container-cli|unknown or invalid runtime name: nvidia/i.test(
      message,
    )
  ) {
    return new VllmError(
      "no-gpu-support",
      `The Docker engine could not give the container a GPU (${message}).\n` +
        "Install the NVIDIA Container Toolkit, run `sudo nvidia-ctk runtime configure --runtime=docker && sudo systemctl restart docker`, and check `nvidia-smi` on the host.",
    );
  }
  return new VllmError(
    "start-failed",
    `Docker could not start the vLLM container "${settings.containerName}": ${message}`,
  );
}
