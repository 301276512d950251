import { Type } from "@sinclair/typebox";
import { Identifier, Template } from "../../schema/common.ts";
import { defineNode } from "../../schema/node-definition.ts";

export const httpNode = defineNode({
  type: "http",
  label: "Call an API",
  category: "act",
  icon: "globe",
  description:
    "Calls an HTTP API with a templated URL and body, and maps fields of its JSON response into variables.",
  config: Type.Object(
    {
      method: Type.Union(
        ["GET", "POST", "PUT", "PATCH", "DELETE"].map((m) => Type.Literal(m)),
        { default: "GET" },
      ),
      url: Template,
      headers: Type.Optional(Type.Record(Type.String(), Template)),
      body: Type.Optional(Template),
      timeoutMs: Type.Integer({ minimum: 1, maximum: 120000, default: 10000 }),
      map: Type.Array(
        Type.Object(
          {
            variable: Identifier,
            path: Type.String({
              description: "A dotted path into the JSON response, e.g. data.items.0.name",
            }),
          },
          { additionalProperties: false },
        ),
        { default: [] },
      ),
    },
    { additionalProperties: false },
  ),
  branches: () => [{ label: "error", required: false }],
  pauses: false,
  final: false,
  summarize: (config) => `${config.method} ${config.url}`,
  references: (config) => ({
    templates: [
      config.url,
      ...(config.body ? [config.body] : []),
      ...Object.values(config.headers ?? {}),
    ],
    expressions: [],
  }),
});
