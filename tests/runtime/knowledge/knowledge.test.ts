import { afterEach, expect, it } from "bun:test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createModelRegistry, type Flow } from "@switchboard/engine";
import { loadModelCatalog } from "../../../runtime/src/config/model-catalog.ts";
import { createChat } from "../../../runtime/src/conversations/chats.repository.ts";
import { createLocalEventHub } from "../../../runtime/src/conversations/event-hub.ts";
import { createTurnRunner } from "../../../runtime/src/conversations/turn-runner.ts";
import { createFlowRuntime, type FlowRuntime } from "../../../runtime/src/flows/flow-runtime.ts";
import { createFlowService } from "../../../runtime/src/flows/flow-service.ts";
import { importFlowFiles } from "../../../runtime/src/flows/import-flow-files.ts";
import { createKnowledgeService } from "../../../runtime/src/knowledge/knowledge-service.ts";
import { describeEachDialect, useTestStore } from "../db/test-database.ts";

const FLOWS_DIR = join(import.meta.dir, "..", "..", "..", "flows");
const models = createModelRegistry(await loadModelCatalog({}));
const HOURS = "What are your opening hours?";
// Compiling the example flows trains their intent models: slow on a busy machine.
const SLOW = 60_000;

describeEachDialect("knowledge in the database", (dialect) => {
  const test = useTestStore(dialect);
  const started: FlowRuntime[] = [];
  afterEach(() => {
    for (const flows of started.splice(0)) flows.close();
  });

  async function setUp() {
    const database = test.database();
    await importFlowFiles(database.db, FLOWS_DIR);
    const flows = createFlowRuntime({ database, models, flowsDir: FLOWS_DIR, http: {} });
    started.push(flows);
    await flows.loadPublished();
    const flowService = createFlowService({ database, flows, defaultFlow: "support" });
    const knowledge = createKnowledgeService({
      database,
      flowService,
      knowledge: flows.knowledge,
      models: models.names,
      flowsDir: FLOWS_DIR,
    });
    const turns = createTurnRunner({
      database,
      flows,
      events: createLocalEventHub(),
      defaultFlow: "faq",
    });
    /** A user's message to the published FAQ flow, in a chat of its own: the bot's replies. */
    const ask = async (text: string) => {
      const chat = await createChat(database.db, { userId: "ana", channel: "web" });
      const turn = await turns.run(
        { chatId: chat.id, owner: { userId: "ana" }, input: { kind: "user", text, flow: "faq" } },
        () => {},
      );
      return turn.replies.map((reply) => reply.content).join("\n");
    };
    return { database, flows, flowService, knowledge, ask };
  }

  it(
    "imports the flows' knowledge files, entry for entry",
    async () => {
      const { knowledge } = await setUp();
      const [voltra] = await knowledge.list("faq");
      const file = JSON.parse(await readFile(join(FLOWS_DIR, "knowledge/voltra-faq.json"), "utf8"));
      expect(voltra?.source).toBe("knowledge");
      expect(voltra?.nodes).toEqual([{ id: "answer", minScore: 0.3, topK: 3 }]);
      const fromJson = voltra?.entries.filter((entry) => entry.source.endsWith(".json")) ?? [];
      expect(fromJson.map((entry) => entry.id)).toEqual(
        file.entries.map((entry: { id: string }) => entry.id),
      );
      expect(voltra?.entries.some((entry) => entry.id.startsWith("voltra-policies.md#"))).toBe(
        true,
      );
    },
    SLOW,
  );

  it(
    "pins a saved version's knowledge: the draft's edits reach chats only once published",
    async () => {
      const { knowledge, flowService, ask } = await setUp();
      const live = await ask(HOURS);
      expect(live).toContain("Tuesday to Friday 10am-7pm");

      const [voltra] = await knowledge.list("faq");
      const hours = voltra?.entries.find((entry) => entry.id === "hours");
      if (!hours) throw new Error("no hours entry");
      await knowledge.update("faq", "voltra", "hours", {
        ...hours,
        answer: "We now open every day, 8am to 8pm.",
      });
      // The published version 1 answers as before.
      expect(await ask(HOURS)).toContain("Tuesday to Friday 10am-7pm");
      const published = await knowledge.list("faq", "published");
      expect(published[0]?.entries.find((entry) => entry.id === "hours")?.answer).toBe(
        hours.answer,
      );

      const flow = (await flowService.get("faq")).definition as Flow;
      const saved = await flowService.saveVersion("faq", flow, { note: "new hours" });
      await knowledge.update("faq", "voltra", "hours", {
        ...hours,
        answer: "Edited after saving.",
      });
      await flowService.publish("faq", saved.version);
      expect(await ask(HOURS)).toContain("We now open every day, 8am to 8pm.");
    },
    SLOW,
  );

  it(
    "imports a base once when requests for the draft's copy arrive together",
    async () => {
      const { knowledge } = await setUp();
      const lists = await Promise.all([1, 2, 3].map(() => knowledge.list("support")));
      const counts = lists.map((bases) => bases[0]?.entries.length);
      expect(new Set(counts).size).toBe(1);
      expect(counts[0]).toBeGreaterThan(0);
    },
    SLOW,
  );

  it(
    "exports a base back to its files, in their formats",
    async () => {
      const { knowledge } = await setUp();
      const files = await knowledge.exportFiles("faq", "voltra");
      expect(files.map((file) => file.source).sort()).toEqual([
        "knowledge/voltra-faq.json",
        "knowledge/voltra-policies.md",
      ]);
      const json = files.find((file) => file.source.endsWith(".json"))?.text ?? "";
      const original = JSON.parse(
        await readFile(join(FLOWS_DIR, "knowledge/voltra-faq.json"), "utf8"),
      );
      expect(JSON.parse(json)).toEqual(original);
      // Imported again, the exported document changes nothing.
      const markdown = files.find((file) => file.source.endsWith(".md"))?.text ?? "";
      const again = await knowledge.previewImport("faq", "voltra", {
        format: "markdown",
        text: markdown,
        name: "voltra-policies.md",
      });
      expect({ added: again.added.length, changed: again.changed.length }).toEqual({
        added: 0,
        changed: 0,
      });
      const sameJson = await knowledge.previewImport("faq", "voltra", {
        format: "json",
        text: json,
      });
      expect(sameJson.unchanged).toBe(original.entries.length);
    },
    SLOW,
  );

  it(
    "previews a CSV import, then applies it: new entries added, matching ones changed",
    async () => {
      const { knowledge } = await setUp();
      const rows = Array.from(
        { length: 50 },
        (_, n) =>
          `"Do you stock part number ${n + 1000}?","Yes, part ${n + 1000} is in stock.",part ${n + 1000}|spare ${n + 1000},parts`,
      );
      const csv = [
        "question,answer,alternates,tags",
        `"${HOURS}","Open daily, 9 to 5.",,store`,
        ...rows.slice(0, 49),
      ].join("\n");
      const preview = await knowledge.previewImport("faq", "voltra", { format: "csv", text: csv });
      expect(preview.added).toHaveLength(49);
      expect(preview.changed.map((change) => [change.before.id, change.fields])).toEqual([
        ["hours", ["answer", "alternates", "tags"]],
      ]);
      expect(preview.added[0]).toMatchObject({
        id: "do-you-stock-part-number-1000",
        alternates: ["part 1000", "spare 1000"],
        tags: ["parts"],
        source: "knowledge/voltra-faq.json",
      });
      const before = (await knowledge.list("faq"))[0]?.entries.length ?? 0;
      expect(before).toBeGreaterThan(0);
      // Previewing stored nothing.
      await knowledge.applyImport("faq", "voltra", { format: "csv", text: csv });
      const after = (await knowledge.list("faq"))[0]?.entries ?? [];
      expect(after).toHaveLength(before + 49);
      const ranking = await knowledge.test("faq", "voltra", "is part 1007 in stock");
      expect(ranking.answers[0]).toBe("do-you-stock-part-number-1007");
    },
    SLOW,
  );

  it(
    "refuses an import it can't read, naming the row or entry",
    async () => {
      const { knowledge } = await setUp();
      const noAnswer = knowledge.previewImport("faq", "voltra", {
        format: "csv",
        text: "question,reply\nHi,Hello",
      });
      await expect(noAnswer).rejects.toThrow("it has no answer column");
      const empty = knowledge.previewImport("faq", "voltra", {
        format: "csv",
        text: "question,answer\nHi,",
      });
      await expect(empty).rejects.toThrow('Entry 1 ("Hi"), answer');
      const json = knowledge.previewImport("faq", "voltra", {
        format: "json",
        text: '{"entries":[{"id":"a"}]}',
      });
      await expect(json).rejects.toThrow("entry 1");
      const many = ["question,answer", ...Array.from({ length: 2001 }, (_, n) => `q${n},a`)].join(
        "\n",
      );
      await expect(
        knowledge.previewImport("faq", "voltra", { format: "csv", text: many }),
      ).rejects.toThrow("at most 2000");
    },
    SLOW,
  );

  it(
    "ranks a question's entries against the FAQ node's threshold",
    async () => {
      const { knowledge } = await setUp();
      const answered = await knowledge.test("faq", "voltra", "when are you open on saturday");
      expect(answered.nodeId).toBe("answer");
      expect(answered.threshold).toBe(0.3);
      expect(answered.hits[0]).toMatchObject({ id: "hours", passes: true });
      expect(answered.answers[0]).toBe("hours");
      const unknown = await knowledge.test("faq", "voltra", "pizza toppings");
      expect(unknown.answers).toEqual([]);
      expect(unknown.hits.every((hit) => !hit.passes)).toBe(true);
    },
    SLOW,
  );

  it(
    "lists questions that fell to no_answer until the draft answers them",
    async () => {
      const { knowledge, ask } = await setUp();
      expect(await ask("Do you sell pizza ovens?")).toContain("Sorry, I don't have an answer");
      await ask("Do you sell pizza ovens?");
      await ask(HOURS);
      const unanswered = await knowledge.unanswered("faq", "voltra");
      expect(unanswered.map((question) => [question.text, question.count])).toEqual([
        ["Do you sell pizza ovens?", 2],
      ]);
      const [voltra] = await knowledge.list("faq");
      const hours = voltra?.entries.find((entry) => entry.id === "hours");
      if (!hours) throw new Error("no hours entry");
      await knowledge.add("faq", "voltra", {
        question: "Do you sell pizza ovens?",
        answer: "No, we only sell bikes.",
        alternates: [],
        tags: [],
      });
      expect(await knowledge.unanswered("faq", "voltra")).toEqual([]);
    },
    SLOW,
  );
});
