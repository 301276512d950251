import { FlowError } from "../../errors.ts";

/**
 * Reads a response body as text, failing (FlowError "node_failed") as soon as it passes
 * `maxBytes`: an API that answers without end cannot fill the server's memory.
 */
export async function readLimitedText(
  response: Response,
  maxBytes: number,
  describe: string,
): Promise<string> {
  const tooLarge = () =>
    new FlowError("node_failed", `${describe} answered more than ${maxBytes} bytes, the limit.`);
  const declared = Number(response.headers.get("content-length"));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
