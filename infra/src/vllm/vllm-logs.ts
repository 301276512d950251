import type Dockerode from "dockerode";
import { splitDockerLogs } from "./container-logs.ts";
import { findContainer } from "./ensure-vllm-container.ts";
import { VllmError } from "./vllm-error.ts";

export interface VllmLogsOptions {
  containerName: string;
  follow: boolean;
  /** How many lines from the end to show first. */
  tail: number;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** `switchboard vllm logs [-f]`: the container's output, following it until it stops when asked. */
export async function vllmLogs(docker: Dockerode, options: VllmLogsOptions): Promise<void> {
  const found = await findContainer(docker, options.containerName);
  if (!found) {
    throw new VllmError(
      "no-container",
      `No container named "${options.containerName}". Start one with \`switchboard vllm up\`.`,
    );
  }
  const { container, info } = found;
  const request = { stdout: true, stderr: true, tail: options.tail };
  if (!options.follow) {
    const body = Buffer.from(await container.logs({ ...request, follow: false }));
    for (const chunk of splitDockerLogs(body))
      (chunk.stream === 2 ? options.stderr : options.stdout).write(chunk.text);
    return;
  }
  const stream = await container.logs({ ...request, follow: true });
  if (info.Config.Tty) stream.pipe(options.stdout, { end: false });
  else container.modem.demuxStream(stream, options.stdout, options.stderr);
  await new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("close", resolve);
    stream.on("error", reject);
  });
}
