import { type Static, Type } from "@sinclair/typebox";

const Retry = Type.Object(
  {
    timeoutMs: Type.Integer({
      minimum: 1,
      default: 30000,
      description: "How long one attempt may take.",
    }),
    maxAttempts: Type.Integer({
      minimum: 1,
      maximum: 10,
      default: 3,
      description: "Attempts on this model before its fallbacks are tried.",
    }),
    backoffMs: Type.Integer({
      minimum: 0,
      default: 500,
      description: "The wait before the first retry; it doubles on each retry, with jitter.",
    }),
    maxBackoffMs: Type.Integer({
      minimum: 0,
      default: 8000,
      description: "The longest wait between retries.",
    }),
  },
  {
    additionalProperties: false,
    description: "Retries on connection errors, timeouts, 429 and 5xx (never on other 4xx).",
  },
);

const common = {
  description: Type.Optional(Type.String()),
  fallbacks: Type.Optional(
    Type.Array(Type.String({ minLength: 1 }), {
      description: "Models to try next when this one fails.",
    }),
  ),
  retry: Type.Optional(Retry),
};

/** Sampling settings a catalog entry sets for every call; a node's own settings win. */
const sampling = {
  temperature: Type.Optional(Type.Number({ minimum: 0, maximum: 2 })),
  maxTokens: Type.Optional(
    Type.Integer({ minimum: 1, description: "The most tokens an answer may have." }),
  ),
  contextTokens: Type.Optional(
    Type.Integer({
      minimum: 256,
      description:
        "The model's context window: the oldest messages of a node's history are left out so the prompt and the answer fit.",
    }),
  ),
};

const StructuredOutput = Type.Union([Type.Literal("json_schema"), Type.Literal("prompt")], {
  default: "json_schema",
  description:
    "How classification and slot extraction get JSON: `json_schema` sends `response_format` (guided decoding on vLLM); `prompt` only asks for JSON. Either way the answer is parsed tolerantly.",
});

/** The settings of a server that speaks the OpenAI chat completions API. */
const openAICompatible = {
  apiKeyEnv: Type.Optional(
    Type.String({
      pattern: "^[A-Za-z_][A-Za-z0-9_]*$",
      description:
        "The environment variable holding the API key, so the secret stays out of this file.",
    }),
  ),
  structuredOutput: StructuredOutput,
  ...sampling,
  ...common,
};

/** One entry of the model catalog: what a model name a flow uses really is. */
export const ModelEntry = Type.Union([
  Type.Object({ provider: Type.Literal("local"), ...common }, { additionalProperties: false }),
  Type.Object(
    {
      provider: Type.Literal("scripted"),
      responses: Type.Optional(Type.Array(Type.String())),
      ...common,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      provider: Type.Literal("vllm"),
      baseUrl: Type.String({ minLength: 1, default: "http://localhost:8080/v1" }),
      model: Type.String({ minLength: 1, default: "Qwen/Qwen2.5-0.5B-Instruct" }),
      ...openAICompatible,
      // vLLM's default --max-model-len for the model infra/ serves.
      contextTokens: Type.Integer({ minimum: 256, default: 8192 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      provider: Type.Literal("openai"),
      baseUrl: Type.String({ minLength: 1, default: "https://api.openai.com/v1" }),
      model: Type.String({ minLength: 1 }),
      ...openAICompatible,
      apiKeyEnv: Type.String({ pattern: "^[A-Za-z_][A-Za-z0-9_]*$", default: "OPENAI_API_KEY" }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      provider: Type.Literal("bedrock"),
      model: Type.String({
        minLength: 1,
        description:
          "A Bedrock model or inference profile id, e.g. us.anthropic.claude-3-7-sonnet-20250219-v1:0.",
      }),
      region: Type.Optional(Type.String({ minLength: 1, description: "Defaults to AWS_REGION." })),
      endpoint: Type.Optional(
        Type.String({
          minLength: 1,
          description: "A Bedrock Runtime endpoint URL to use instead of AWS's.",
        }),
      ),
      ...sampling,
      ...common,
    },
    { additionalProperties: false },
  ),
]);

export const ModelCatalog = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    models: Type.Record(Type.String({ minLength: 1 }), ModelEntry),
  },
  { additionalProperties: false, title: "Switchboard model catalog" },
);

export type ModelEntry = Static<typeof ModelEntry>;
export type ModelCatalog = Static<typeof ModelCatalog>;
export type ProviderName = ModelEntry["provider"];
export type RetryPolicy = Static<typeof Retry>;
