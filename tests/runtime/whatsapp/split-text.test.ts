import { describe, expect, it } from "bun:test";
import { splitTail, splitText } from "../../../runtime/src/whatsapp/split-text.ts";

const sentence = (n: number) => `Sentence number ${n} explains one more thing about the bike.`;
const paragraph = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => sentence(from + i)).join(" ");

describe("splitText", () => {
  it("leaves a text within the limit whole", () => {
    expect(splitText("Hello!\n\nHow can I help?")).toEqual(["Hello!\n\nHow can I help?"]);
    expect(splitText("x".repeat(4096))).toEqual(["x".repeat(4096)]);
    expect(splitText("   ")).toEqual([]);
  });

  it("cuts a long text between paragraphs, each piece within 4,096 characters", () => {
    const paragraphs = [paragraph(0, 40), paragraph(40, 40), paragraph(80, 40)];
    const pieces = splitText(paragraphs.join("\n\n"));
    expect(pieces.every((piece) => piece.length <= 4096)).toBe(true);
    expect(pieces).toEqual(paragraphs);
    const short = [paragraph(0, 20), paragraph(20, 20), paragraph(40, 40)];
    expect(splitText(short.join("\n\n"))).toEqual([
      `${short[0]}\n\n${short[1]}`,
      short[2] as string,
    ]);
  });

  it("cuts after a sentence when a paragraph is too long", () => {
    const text = paragraph(0, 200);
    const pieces = splitText(text);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(4096);
      expect(piece).toMatch(/^Sentence number \d+ .*bike\.$/s);
    }
    expect(pieces.join(" ")).toBe(text);
  });

  it("cuts between words, then inside a word only when it must", () => {
    expect(splitText("aaaa bbbb cccc", 9)).toEqual(["aaaa bbbb", "cccc"]);
    expect(splitText("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
  });

  it("never cuts an emoji in two", () => {
    const pieces = splitText(`${"a".repeat(3)}😀😀`, 4);
    expect(pieces).toEqual(["aaa", "😀😀"]);
  });

  it("prefers a later sentence end to a paragraph break near the start", () => {
    const text = `Hi.\n\n${paragraph(0, 100)}`;
    expect(splitText(text)[0]?.length).toBeGreaterThan(3000);
  });
});

describe("splitTail", () => {
  it("keeps a short text whole as the tail", () => {
    expect(splitTail("Pick one:", 1024)).toEqual({ head: "", tail: "Pick one:" });
  });

  it("takes the longest ending that fits and starts at a boundary", () => {
    const text = `${paragraph(0, 30)}\n\nWhich one do you want?`;
    expect(splitTail(text, 1024)).toEqual({
      head: paragraph(0, 30),
      tail: "Which one do you want?",
    });
    const long = paragraph(0, 40);
    const { head, tail } = splitTail(long, 1024);
    expect(tail.length).toBeLessThanOrEqual(1024);
    expect(tail).toMatch(/^Sentence number/);
    expect(`${head} ${tail}`).toBe(long);
  });
});
