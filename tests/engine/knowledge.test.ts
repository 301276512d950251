import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FlowError } from "../../engine/src/errors.ts";
import { indexKnowledgeBase } from "../../engine/src/knowledge/knowledge-index.ts";
import { loadKnowledgeBase } from "../../engine/src/knowledge/load-knowledge.ts";
import { readKnowledgeFiles } from "../../engine/src/knowledge/read-knowledge.ts";

// The knowledge of Pedal & Co, a fictional bike shop: Q&A entries and a policy document.
const faq = {
  entries: [
    {
      id: "opening-hours",
      question: "What are your opening hours?",
      answer:
        "We're open Monday to Friday 9:00–18:00 and Saturday 10:00–16:00. We're closed on Sundays.",
      alternates: ["When are you open?", "Are you open on weekends?"],
      tags: ["hours"],
    },
    {
      id: "location",
      question: "Where is the shop?",
      answer:
        "Pedal & Co is at 14 Canal Street, next to Riverside station. Free bike parking out front, paid car park behind.",
      alternates: ["What's your address?"],
    },
    {
      id: "repair-booking",
      question: "How do I book a repair?",
      answer:
        "Book a workshop slot online or drop by. A standard service costs €59; flat tyres are fixed while you wait.",
      alternates: ["Can you fix my bike?", "Do you service e-bikes?"],
      tags: ["workshop"],
    },
    {
      id: "rental",
      question: "Do you rent bikes?",
      answer:
        "City bikes from €15 a day and e-bikes from €35 a day, helmet and lock included. Bring a photo ID.",
      alternates: ["Can I hire a bike?"],
    },
    {
      id: "payment",
      question: "Which payment methods do you accept?",
      answer:
        "Cash, debit and credit cards, Apple Pay and Google Pay. Bikes over €500 can be paid in 3 instalments.",
    },
    {
      id: "warranty",
      question: "What warranty do new bikes have?",
      answer:
        "New bikes come with a 2-year warranty on parts and a lifetime warranty on the frame.",
    },
    {
      id: "student-discount",
      question: "Is there a student discount?",
      answer: "Students get 10% off accessories and servicing with a valid student card.",
    },
  ],
};

const policy = `---
title: Shipping and returns
---
# Shipping and returns

## Delivery times

Orders placed before 14:00 ship the same working day. Standard delivery takes 2–4 working days;
express delivery arrives the next day for €9.

## Returns

You can return unused items within 30 days of delivery for a full refund. Refunds reach your
account within 5 working days after we receive the return.

### Damaged items

If something arrives damaged, send us a photo within 48 hours and we'll send a replacement.

\`\`\`
# not a heading, just a comment in a code block
\`\`\`

## International shipping

We ship to the EU, the UK and Switzerland. Customs duties outside the EU are paid by the customer.
`;

const files = [
  { source: "knowledge/faq.json", text: JSON.stringify(faq) },
  { source: "knowledge/policy.md", text: policy },
];

function thrown(run: () => unknown): FlowError {
  try {
    run();
  } catch (error) {
    if (error instanceof FlowError) return error;
    throw error;
  }
  throw new Error("expected a FlowError");
}

function loadError(text: string, source = "knowledge/faq.json"): FlowError {
  return thrown(() => loadKnowledgeBase("pedal", [{ source, text }]));
}

describe("loadKnowledgeBase", () => {
  const base = loadKnowledgeBase("pedal", files);

  it("reads Q&A entries from JSON", () => {
    expect(base.id).toBe("pedal");
    expect(base.entries[0]).toEqual({
      id: "opening-hours",
      title: "What are your opening hours?",
      text: faq.entries[0]?.answer ?? "",
      alternates: ["When are you open?", "Are you open on weekends?"],
      tags: ["hours"],
      source: "knowledge/faq.json",
    });
  });

  it("splits markdown into one entry per heading, skipping empty sections and code blocks", () => {
    const sections = base.entries.filter((entry) => entry.source === "knowledge/policy.md");
    expect(sections.map((entry) => entry.id)).toEqual([
      "policy.md#delivery-times",
      "policy.md#returns",
      "policy.md#damaged-items",
      "policy.md#international-shipping",
    ]);
    expect(sections[2]).toMatchObject({ title: "Damaged items" });
    expect(sections[2]?.text).toContain("# not a heading");
    expect(sections[1]?.text).toStartWith("You can return unused items");
  });

  it("keeps text before the first heading and numbers repeated headings", () => {
    const { entries } = loadKnowledgeBase("notes", [
      { source: "notes/care.md", text: "Oil the chain monthly.\n\n## Tips\nOne.\n\n## Tips\nTwo." },
    ]);
    expect(entries.map((entry) => [entry.id, entry.title])).toEqual([
      ["care.md#care", "care"],
      ["care.md#tips", "Tips"],
      ["care.md#tips-2", "Tips"],
    ]);
  });

  it("reports malformed JSON with the file", () => {
    const error = loadError("{ entries: ");
    expect(error.code).toBe("invalid_knowledge");
    expect(error.message).toContain("knowledge/faq.json is not valid JSON");
  });

  it("reports an invalid entry with the file, the entry and the field", () => {
    const text = JSON.stringify({
      entries: [faq.entries[0], { id: "gift-cards", question: "Gift cards?" }],
    });
    expect(loadError(text).message).toBe(
      'knowledge/faq.json, entry 2 ("gift-cards"), answer: Expected required property.',
    );
    const unknownField = JSON.stringify({ entries: [{ ...faq.entries[1], answr: "typo" }] });
    expect(loadError(unknownField).message).toContain(
      'entry 1 ("location"), answr: Unexpected property',
    );
  });

  it("rejects ids used twice, naming both files", () => {
    const copy = { source: "more/faq.json", text: JSON.stringify(faq) };
    const error = thrown(() => loadKnowledgeBase("pedal", [...files, copy]));
    expect(error.message).toContain(
      'more/faq.json: entry "opening-hours" has the same id as an entry in knowledge/faq.json',
    );
  });

  it("rejects files of another kind and files without entries", () => {
    expect(loadError("hello", "knowledge/faq.txt").message).toContain(
      "knowledge/faq.txt is not a knowledge file",
    );
    expect(loadError("# Title only\n", "knowledge/empty.md").message).toBe(
      "knowledge/empty.md has no entries.",
    );
  });
});

describe("readKnowledgeFiles", () => {
  let flowDir = "";

  beforeAll(async () => {
    flowDir = await mkdtemp(join(tmpdir(), "switchboard-knowledge-"));
    await mkdir(join(flowDir, "knowledge", "docs"), { recursive: true });
    await writeFile(join(flowDir, "knowledge", "faq.json"), JSON.stringify(faq));
    await writeFile(join(flowDir, "knowledge", "docs", "policy.md"), policy);
    await writeFile(join(flowDir, "knowledge", "docs", "notes.txt"), "ignored");
  });

  afterAll(async () => {
    await rm(flowDir, { recursive: true, force: true });
  });

  it("reads a file and a directory of knowledge files", async () => {
    const [single, folder] = await readKnowledgeFiles(flowDir, [
      { id: "faq", source: "knowledge/faq.json" },
      { id: "docs", source: "knowledge/docs" },
    ]);
    expect(single?.entries).toHaveLength(faq.entries.length);
    expect(folder?.id).toBe("docs");
    expect(folder?.entries.map((entry) => entry.source)).toEqual(
      Array(4).fill("knowledge/docs/policy.md"),
    );
  });

  it("names the missing path", async () => {
    const missing = readKnowledgeFiles(flowDir, [{ id: "faq", source: "knowledge/missing.json" }]);
    await expect(missing).rejects.toThrow(FlowError);
    await expect(missing).rejects.toThrow(join(flowDir, "knowledge", "missing.json"));
  });
});

describe("indexKnowledgeBase", () => {
  const index = indexKnowledgeBase(loadKnowledgeBase("pedal", files));

  it.each([
    ["when do you open on saturday", "opening-hours"],
    ["are you open sundays?", "opening-hours"],
    ["whats your adress", "location"],
    ["where can I park my car", "location"],
    ["how much does a bike service cost", "repair-booking"],
    ["my tire is flat, can you fix it", "repair-booking"],
    ["how much is it to rent a bike for a day", "rental"],
    ["do you take apple pay", "payment"],
    ["can I pay in instalments", "payment"],
    ["how long is the warranty on the frame", "warranty"],
    ["discount for students?", "student-discount"],
    ["how long does delivery take", "policy.md#delivery-times"],
    ["how do I get a refund", "policy.md#returns"],
    ["do you ship to switzerland", "policy.md#international-shipping"],
  ])("finds the entry for %j", (question, id) => {
    const [best] = index.search(question, 3);
    expect(best?.entry.id).toBe(id);
    expect(best?.score).toBeGreaterThanOrEqual(0.4);
  });

  it.each([
    "the weather on mars is cold",
    "asdf qwerty",
    "who is the president of france",
    "how do I reset my password",
    "can you recommend a good restaurant",
    "is it going to rain tomorrow",
  ])("scores an unrelated question under 0.3: %j", (question) => {
    expect(index.search(question, 3)[0]?.score ?? 0).toBeLessThan(0.3);
  });

  it("returns at most `limit` hits, best first, scored between 0 and 1", () => {
    const hits = index.search("how much does it cost to rent or repair a bike", 2);
    expect(hits).toHaveLength(2);
    expect(hits[0]?.score ?? 0).toBeGreaterThanOrEqual(hits[1]?.score ?? 0);
    for (const hit of hits) expect(hit.score).toBeWithin(0, 1.0000001);
  });

  it("returns nothing for an empty question", () => {
    expect(index.search("  ?", 3)).toEqual([]);
  });
});
