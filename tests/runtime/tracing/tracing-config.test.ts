import { describe, expect, it } from "bun:test";
import {
  readTracingConfig,
  TracingConfigError,
} from "../../../runtime/src/tracing/tracing-config.ts";

const KEYS = { LANGFUSE_PUBLIC_KEY: "pk-lf-1", LANGFUSE_SECRET_KEY: "sk-lf-1" };

describe("readTracingConfig", () => {
  it("turns tracing off when no Langfuse key is set", () => {
    expect(readTracingConfig({})).toBeNull();
    expect(readTracingConfig({ LANGFUSE_BASE_URL: "http://langfuse:3000" })).toBeNull();
  });

  it("reads the keys, the server and the SDK's defaults", () => {
    expect(readTracingConfig({ ...KEYS, LANGFUSE_BASE_URL: "http://langfuse:3000/" })).toEqual({
      publicKey: "pk-lf-1",
      secretKey: "sk-lf-1",
      baseUrl: "http://langfuse:3000",
      environment: "default",
      release: undefined,
      mask: [],
      maxQueueSize: 2048,
      maxExportBatchSize: 512,
      scheduledDelayMillis: 1000,
      exportTimeoutMillis: 5000,
    });
    expect(readTracingConfig(KEYS)?.baseUrl).toBe("https://cloud.langfuse.com");
  });

  it("reads LANGFUSE_HOST, the earlier templates' name, when LANGFUSE_BASE_URL is unset", () => {
    expect(readTracingConfig({ ...KEYS, LANGFUSE_HOST: "http://langfuse:3000" })?.baseUrl).toBe(
      "http://langfuse:3000",
    );
    expect(
      readTracingConfig({
        ...KEYS,
        LANGFUSE_HOST: "http://old:3000",
        LANGFUSE_BASE_URL: "http://new:3000",
      })?.baseUrl,
    ).toBe("http://new:3000");
    expect(() => readTracingConfig({ ...KEYS, LANGFUSE_HOST: "langfuse:3000" })).toThrow(
      /^LANGFUSE_HOST must be an http\(s\) URL/,
    );
  });

  it("reads the masking, the environment and the buffer's limits", () => {
    const config = readTracingConfig({
      ...KEYS,
      LANGFUSE_MASK: "Emails, phone",
      LANGFUSE_TRACING_ENVIRONMENT: "staging",
      LANGFUSE_MAX_QUEUE_SIZE: "100",
      LANGFUSE_FLUSH_AT: "500",
      LANGFUSE_FLUSH_INTERVAL: "0.5",
      LANGFUSE_TIMEOUT: "2",
    });
    expect(config).toMatchObject({
      mask: ["emails", "phones"],
      environment: "staging",
      maxQueueSize: 100,
      // A batch can't be larger than the buffer.
      maxExportBatchSize: 100,
      scheduledDelayMillis: 500,
      exportTimeoutMillis: 2000,
    });
  });

  it("rejects one key without the other, naming the missing one", () => {
    expect(() => readTracingConfig({ LANGFUSE_PUBLIC_KEY: "pk-lf-1" })).toThrow(
      /^LANGFUSE_SECRET_KEY is not set/,
    );
    expect(() => readTracingConfig({ LANGFUSE_SECRET_KEY: "sk-lf-1" })).toThrow(TracingConfigError);
  });

  it("rejects malformed settings, naming the variable", () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ LANGFUSE_BASE_URL: "langfuse:3000" }, /^LANGFUSE_BASE_URL/],
      [{ LANGFUSE_MASK: "emails,ssn" }, /^LANGFUSE_MASK lists "ssn"/],
      [{ LANGFUSE_TRACING_ENVIRONMENT: "Prod" }, /^LANGFUSE_TRACING_ENVIRONMENT/],
      [{ LANGFUSE_MAX_QUEUE_SIZE: "0" }, /^LANGFUSE_MAX_QUEUE_SIZE/],
      [{ LANGFUSE_FLUSH_INTERVAL: "soon" }, /^LANGFUSE_FLUSH_INTERVAL/],
    ];
    for (const [env, message] of cases)
      expect(() => readTracingConfig({ ...KEYS, ...env })).toThrow(message);
  });

  it("never echoes a key in its errors", () => {
    try {
      readTracingConfig({ LANGFUSE_SECRET_KEY: "sk-lf-very-secret" });
      throw new Error("expected a TracingConfigError");
    } catch (error) {
      expect((error as Error).message).not.toContain("sk-lf-very-secret");
    }
  });
});
