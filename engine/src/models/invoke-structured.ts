import type { BaseChatModelCallOptions } from "@langchain/core/language_models/chat_models";
import { AIMessage, type AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import type { RunContext } from "../nodes/node-runner.ts";
import type { ChatCall } from "./call-model.ts";
import { callOptions, chatText, textOf } from "./chat-text.ts";
import { fitContext } from "./fit-context.ts";
import type { StructuredMode } from "./model.ts";
import { parseJsonAnswer } from "./parse-json-answer.ts";

/** A JSON Schema for an answer, with the name the API reports it under. */
export interface AnswerSchema {
  /** Letters, digits, `_` and `-`, as `response_format` and tool names require. */
  name: string;
  description: string;
  schema: Record<string, unknown>;
}

/** The JSON object a model answered with (null when it gave none), and its message for usage. */
export interface StructuredAnswer {
  json: Record<string, unknown> | null;
  message: AIMessage;
}

type Ask = (
  call: ChatCall,
  prompt: BaseMessage[],
  schema: AnswerSchema,
  run: RunContext,
) => Promise<StructuredAnswer>;

/**
 * `response_format` with the schema: vLLM decodes under it (guided decoding). The answer is
 * streamed because the OpenAI SDK's non-streaming path parses JSON-schema answers itself and
 * throws on a malformed one; we would rather read what the model said.
 */
const askWithJsonSchema: Ask = async (call, prompt, schema, run) => {
  const options = {
    ...callOptions(call, run),
    response_format: {
      type: "json_schema",
      json_schema: { name: schema.name, description: schema.description, schema: schema.schema },
    },
  } as Partial<BaseChatModelCallOptions>;
  let full: AIMessageChunk | undefined;
  for await (const chunk of await call.chat.stream(prompt, options))
    full = full ? full.concat(chunk) : chunk;
  const message = new AIMessage({
    content: full ? textOf(full) : "",
    usage_metadata: full?.usage_metadata,
  });
  return { json: parseJsonAnswer(textOf(message)), message };
};

/** A forced call of a tool whose input is the schema (Bedrock's way); a text answer is parsed instead. */
const askWithTool: Ask = async (call, prompt, schema, run) => {
  if (!call.chat.bindTools) return askInWords(call, prompt, schema, run);
  const tool = {
    type: "function",
    function: { name: schema.name, description: schema.description, parameters: schema.schema },
  };
  const message = (await call.chat
    .bindTools([tool], { tool_choice: schema.name })
    .invoke(prompt, callOptions(call, run))) as AIMessage;
  const args = message.tool_calls?.find((toolCall) => toolCall.name === schema.name)?.args;
  return { json: args ?? parseJsonAnswer(textOf(message)), message };
};

/** The prompt alone asks for JSON. */
const askInWords: Ask = async (call, prompt, _schema, run) => {
  const { value, message } = await chatText(call, prompt, run, { stream: false });
  return { json: parseJsonAnswer(value), message };
};

const structuredModes = {
  json_schema: askWithJsonSchema,
  tool: askWithTool,
  prompt: askInWords,
} satisfies Record<StructuredMode, Ask>;

/**
 * Asks a chat model for a JSON object in the way its provider supports best, and reads the
 * answer tolerantly: a malformed or missing object is `json: null`, never an exception. The
 * prompt should still say which JSON it wants, for models that only read words.
 *
 * @example
 * const { json, message } = await invokeStructured(call, [system, ...history], intentSchema, run);
 */
export function invokeStructured(
  call: ChatCall,
  messages: BaseMessage[],
  schema: AnswerSchema,
  run: RunContext,
): Promise<StructuredAnswer> {
  const ask = structuredModes[call.model.structured ?? "prompt"];
  const prompt = fitContext(messages, call.contextBudget);
  call.prompt = prompt;
  return ask(call, prompt, schema, run);
}
