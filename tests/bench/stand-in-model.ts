/**
 * The OpenAI-compatible stand-in as a process of its own, for `bench:runtime`: the model server's
 * CPU then counts neither for the server nor for the floor. It answers every request at once, a
 * classification (a structured request) with an intent, anything else with a sentence, and
 * prints its base URL on the first line of stdout.
 *
 * Run: bun tests/bench/stand-in-model.ts <model id>
 */
import { startOpenAIServer } from "../stand-ins/openai-server.ts";

const ANSWER =
  "Yes — we ship across Canada in 5 to 7 working days, and the first service is free at any partner shop.";
const INTENT = JSON.stringify({ intent: "question", confidence: 0.93 });

const server = startOpenAIServer({
  models: [process.argv[2] ?? "bench-model"],
  answer: (request) => (request.structured ? INTENT : ANSWER),
});
// Its record of requests would grow for the whole run; nothing reads it here.
setInterval(() => server.requests.splice(0), 1_000);
console.log(server.url);
