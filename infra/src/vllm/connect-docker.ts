import Dockerode from "dockerode";
import { VllmError } from "./vllm-error.ts";

/** A dockerode client, where it points, and the host its published ports are reached on. */
export interface DockerConnection {
  docker: Dockerode;
  /** The engine's address, for messages. */
  where: string;
  /** The host a published port is reached on: the engine's host when DOCKER_HOST names one. */
  portHost: string;
}

/**
 * Connects as the Docker CLI would: to `DOCKER_HOST` (with `DOCKER_TLS_VERIFY` and
 * `DOCKER_CERT_PATH`) or the local socket. dockerode reads them from `process.env`, so this does too.
 */
export function connectDocker(): DockerConnection {
  const host = process.env.DOCKER_HOST;
  try {
    return {
      docker: new Dockerode(),
      where: host ?? "the local socket",
      portHost: remoteHostname(host) ?? "127.0.0.1",
    };
  } catch (error) {
    throw new VllmError(
      "invalid-settings",
      `DOCKER_HOST is "${host}": ${(error as Error).message} (e.g. unix:///var/run/docker.sock or tcp://gpu-host:2376).`,
    );
  }
}

function remoteHostname(host: string | undefined): string | undefined {
  if (!host || /^(unix|npipe):/.test(host)) return undefined;
  try {
    return new URL(host.includes("//") ? host : `tcp://${host}`).hostname || undefined;
  } catch {
    return undefined;
  }
}
