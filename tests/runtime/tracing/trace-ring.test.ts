import { describe, expect, it } from "bun:test";
import { TraceRing } from "../../../runtime/src/tracing/trace-ring.ts";

describe("TraceRing", () => {
  it("gives back what was written, in order, once", () => {
    const ring = new TraceRing(TraceRing.allocate(1024));
    expect(ring.write('{"turn":1}')).toBe(true);
    expect(ring.write('{"turn":2}')).toBe(true);
    expect(ring.readAll()).toEqual(['{"turn":1}', '{"turn":2}']);
    expect(ring.readAll()).toEqual([]);
  });

  it("keeps entries whole across the end of the buffer, UTF-8 included", () => {
    const ring = new TraceRing(TraceRing.allocate(64));
    const entries = ["Olá, tudo bem? ✓", "¿Envían a Canadá?", "配送しますか", "plain ascii text"];
    const read: string[] = [];
    // Many more bytes than the ring holds: every entry starts at another offset, some wrap.
    for (let round = 0; round < 20; round += 1)
      for (const entry of entries) {
        expect(ring.write(`${round} ${entry}`)).toBe(true);
        read.push(...ring.readAll());
      }
    expect(read).toEqual(
      Array.from({ length: 20 }, (_, round) => entries.map((entry) => `${round} ${entry}`)).flat(),
    );
  });

  it("refuses an entry it has no room for, keeping what it holds, until they are read", () => {
    const ring = new TraceRing(TraceRing.allocate(32));
    expect(ring.write("a".repeat(20))).toBe(true);
    expect(ring.write("b".repeat(20))).toBe(false);
    expect(ring.write("c".repeat(40))).toBe(false);
    expect(ring.readAll()).toEqual(["a".repeat(20)]);
    expect(ring.write("b".repeat(20))).toBe(true);
    expect(ring.readAll()).toEqual(["b".repeat(20)]);
  });

  it("is read by another thread from the same shared buffer", async () => {
    const buffer = TraceRing.allocate(256);
    const ring = new TraceRing(buffer);
    for (let index = 0; index < 3; index += 1) ring.write(`{"turn":${index}}`);
    const source = `
      import { TraceRing } from ${JSON.stringify(`${import.meta.dir}/../../../runtime/src/tracing/trace-ring.ts`)};
      self.onmessage = ({ data }) => postMessage(new TraceRing(data).readAll());
    `;
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
    try {
      const read = await new Promise<string[]>((resolve) => {
        worker.onmessage = ({ data }) => resolve(data);
        worker.postMessage(buffer);
      });
      expect(read).toEqual(['{"turn":0}', '{"turn":1}', '{"turn":2}']);
      // The reader freed the room: the writer sees it.
      expect(ring.readAll()).toEqual([]);
    } finally {
      worker.terminate();
    }
  });

  it("takes only a power of two as its capacity", () => {
    expect(() => TraceRing.allocate(1000)).toThrow("power of two");
  });
});
