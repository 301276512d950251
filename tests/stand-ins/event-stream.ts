/**
 * The AWS event stream framing (`application/vnd.amazon.eventstream`) that Bedrock's
 * ConverseStream answers in: per message a prelude (total length, headers length, their CRC32),
 * string headers, a JSON payload and a CRC32 of everything before it, all big-endian.
 */

const encoder = new TextEncoder();
const STRING_HEADER = 7;

function encodeHeaders(headers: [string, string][]): Uint8Array {
  const parts = headers.flatMap(([name, value]) => {
    const nameBytes = encoder.encode(name);
    const valueBytes = encoder.encode(value);
    const head = new Uint8Array(1 + nameBytes.length + 3);
    head[0] = nameBytes.length;
    head.set(nameBytes, 1);
    head[1 + nameBytes.length] = STRING_HEADER;
    new DataView(head.buffer).setUint16(2 + nameBytes.length, valueBytes.length);
    return [head, valueBytes];
  });
  return concat(parts);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** One event stream message with string headers, in that order, and a payload. */
export function encodeMessage(headers: [string, string][], payload: Uint8Array): Uint8Array {
  const headerBytes = encodeHeaders(headers);
  const total = 12 + headerBytes.length + payload.length + 4;
  const message = new Uint8Array(total);
  const view = new DataView(message.buffer);
  view.setUint32(0, total);
  view.setUint32(4, headerBytes.length);
  view.setUint32(8, Bun.hash.crc32(message.subarray(0, 8)));
  message.set(headerBytes, 12);
  message.set(payload, 12 + headerBytes.length);
  view.setUint32(total - 4, Bun.hash.crc32(message.subarray(0, total - 4)));
  return message;
}

/** A ConverseStream event, e.g. `encodeEvent("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "Hi" } })`. */
export function encodeEvent(eventType: string, payload: object): Uint8Array {
  return encodeMessage(
    [
      [":event-type", eventType],
      [":content-type", "application/json"],
      [":message-type", "event"],
    ],
    encoder.encode(JSON.stringify(payload)),
  );
}

/** Reads the messages of an event stream body back, for checking the framing against a capture. */
export function decodeMessages(
  bytes: Uint8Array,
): { headers: Record<string, string>; payload: string }[] {
  const decoder = new TextDecoder();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const messages: { headers: Record<string, string>; payload: string }[] = [];
  for (let offset = 0; offset < bytes.length; ) {
    const total = view.getUint32(offset);
    const headersLength = view.getUint32(offset + 4);
    const headers: Record<string, string> = {};
    for (let at = offset + 12; at < offset + 12 + headersLength; ) {
      const nameLength = bytes[at] ?? 0;
      const name = decoder.decode(bytes.subarray(at + 1, at + 1 + nameLength));
      const valueLength = view.getUint16(at + 2 + nameLength);
      const start = at + 4 + nameLength;
      headers[name] = decoder.decode(bytes.subarray(start, start + valueLength));
      at = start + valueLength;
    }
    const payload = decoder.decode(bytes.subarray(offset + 12 + headersLength, offset + total - 4));
    messages.push({ headers, payload });
    offset += total;
  }
  return messages;
}
