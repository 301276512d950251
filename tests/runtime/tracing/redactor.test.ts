import { describe, expect, it } from "bun:test";
import { redactSpan } from "../../../runtime/src/tracing/redact-span.ts";
import { createRedactor } from "../../../runtime/src/tracing/redactor.ts";

type ReadableSpan = Parameters<typeof redactSpan>[0];

const env = {
  OPENAI_API_KEY: "sk-proj-abcdef0123456789",
  WHATSAPP_ACCESS_TOKEN: "EAAG0123456789xyz",
  ADMIN_TOKEN: "admin-token-one-0001,admin-token-two-0002",
  CLIENT_TOKEN: "short",
  HOME: "/root/home-directory",
};

describe("createRedactor", () => {
  it("always replaces the values of secret variables, whatever the masking", () => {
    const redactor = createRedactor({ env, mask: [] });
    expect(redactor.text("key sk-proj-abcdef0123456789 and EAAG0123456789xyz")).toBe(
      "key [redacted] and [redacted]",
    );
    expect(redactor.text("tokens admin-token-two-0002")).toBe("tokens [redacted]");
    // Too short to replace everywhere, and not a secret by its name.
    expect(redactor.text("short /root/home-directory")).toBe("short /root/home-directory");
  });

  it("replaces credential-shaped strings from anywhere", () => {
    const redactor = createRedactor({ env: {}, mask: [] });
    expect(redactor.text("Authorization: Bearer abc.def-ghi_123456")).toBe(
      "Authorization: [redacted]",
    );
    expect(redactor.text("aws AKIAABCDEFGHIJKLMNOP!")).toBe("aws [redacted]!");
    expect(redactor.text("postgres://app:hunter22@db:5432/x")).toBe(
      "postgres://app:[redacted]@db:5432/x",
    );
    expect(redactor.text("a sk-lf-0123456789abcdef key")).toBe("a [redacted] key");
  });

  it("masks emails and phone numbers only when asked, leaving dates and prices alone", () => {
    const text = "Mail ana.b@example.co.uk or call +1 (503) 555-0199 by 2026-12-24, $1,499.00";
    expect(createRedactor({ env: {}, mask: [] }).text(text)).toBe(text);
    expect(createRedactor({ env: {}, mask: ["emails"] }).text(text)).toBe(
      "Mail [email] or call +1 (503) 555-0199 by 2026-12-24, $1,499.00",
    );
    expect(createRedactor({ env: {}, mask: ["emails", "phones"] }).text(text)).toBe(
      "Mail [email] or call [phone] by 2026-12-24, $1,499.00",
    );
  });

  it("turns a masked identifier into a stable pseudonym", () => {
    const redactor = createRedactor({ env: {}, mask: ["emails", "phones"] });
    const phone = redactor.id("+4915123456789");
    expect(phone).toMatch(/^phone-[0-9a-f]{12}$/);
    expect(redactor.id("+4915123456789")).toBe(phone);
    expect(redactor.id("ana@example.com")).toMatch(/^email-[0-9a-f]{12}$/);
    expect(redactor.id("user-42")).toBe("user-42");
    expect(createRedactor({ env: {}, mask: [] }).id("+4915123456789")).toBe("+4915123456789");
  });
});

describe("redactSpan", () => {
  it("redacts attributes, events and the status message, leaving the span untouched", () => {
    const span = {
      name: "faq",
      spanContext: () => ({ traceId: "t", spanId: "s", traceFlags: 1 }),
      attributes: {
        "langfuse.observation.input": "my key is sk-proj-abcdef0123456789",
        "user.id": "ana@example.com",
        tags: ["ana@example.com", 3],
        count: 2,
      },
      status: { code: 2, message: "401 for sk-proj-abcdef0123456789" },
      events: [{ name: "exception", time: [0, 0], attributes: { message: "ana@example.com" } }],
    } as unknown as ReadableSpan;
    const redacted = redactSpan(span, createRedactor({ env, mask: ["emails"] }));
    expect(redacted.attributes as Record<string, unknown>).toEqual({
      "langfuse.observation.input": "my key is [redacted]",
      "user.id": expect.stringMatching(/^email-/),
      tags: ["[email]", 3],
      count: 2,
    });
    expect(redacted.status).toEqual({ code: 2, message: "401 for [redacted]" });
    expect(redacted.events[0]?.attributes).toEqual({ message: "[email]" });
    expect(redacted.name).toBe("faq");
    expect(redacted.spanContext().spanId).toBe("s");
    expect(span.attributes["user.id"]).toBe("ana@example.com");
  });
});
