import type Dockerode from "dockerode";

/** A piece of a container's output and the stream it was written to (1 stdout, 2 stderr). */
export interface LogChunk {
  stream: 1 | 2;
  text: string;
}

/**
 * A log body's pieces in the order written. A container without a TTY sends frames, each an
 * 8-byte header (stream type 0/1/2, three zero bytes, a big-endian length) and its payload; a
 * body that does not start like one is a TTY container's raw output, all of it stdout.
 */
export function splitDockerLogs(body: Buffer): LogChunk[] {
  const chunks: LogChunk[] = [];
  let offset = 0;
  while (offset + 8 <= body.length) {
    const type = body[offset] ?? -1;
    if (type > 2 || body.readUIntBE(offset + 1, 3) !== 0) break;
    const size = body.readUInt32BE(offset + 4);
    chunks.push({
      stream: type === 2 ? 2 : 1,
      text: body.subarray(offset + 8, offset + 8 + size).toString("utf8"),
    });
    offset += 8 + size;
  }
  return offset === body.length ? chunks : [{ stream: 1, text: body.toString("utf8") }];
}

/** A log body's text, stdout and stderr together in the order written. */
export function demuxDockerLogs(body: Buffer): string {
  return splitDockerLogs(body)
    .map((chunk) => chunk.text)
    .join("");
}

/** The container's last `lines` log lines, stdout and stderr together, blank lines dropped. */
export async function readLogTail(
  container: Dockerode.Container,
  lines: number,
): Promise<string[]> {
  const body = await container.logs({ stdout: true, stderr: true, follow: false, tail: lines });
  // vLLM redraws progress bars with carriage returns; keep what each line finally showed.
  return demuxDockerLogs(Buffer.from(body))
    .split("\n")
    .map((line) =>
      (
        line
          .split("\r")
          .filter((part) => part.trim() !== "")
          .at(-1) ?? ""
      ).trimEnd(),
    )
    .filter((line) => line !== "");
}
