import { describe, expect, it } from "bun:test";
import { createHmac } from "node:crypto";
import { signBody, verifySignature } from "../../../runtime/src/whatsapp/verify-signature.ts";
import { verifySubscription } from "../../../runtime/src/whatsapp/verify-subscription.ts";

const SECRET = "0123456789abcdef0123456789abcdef";
const encode = (text: string) => new TextEncoder().encode(text);

describe("verifySignature", () => {
  // Meta escapes non-ASCII characters in the body it signs and sends, e.g. "äöå" as "\u00e4\u00f6\u00e5".
  const body = '{"object":"whatsapp_business_account","entry":[{"text":"\\u00e4\\u00f6\\u00e5"}]}';
  const header = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;

  it("accepts the HMAC-SHA256 of the raw body under the app secret", () => {
    expect(verifySignature(encode(body), header, SECRET)).toBe(true);
    expect(signBody(body, SECRET)).toBe(header);
  });

  it("accepts the hex digest in upper case", () => {
    expect(verifySignature(encode(body), `sha256=${header.slice(7).toUpperCase()}`, SECRET)).toBe(
      true,
    );
  });

  it("rejects the signature of the same JSON serialised again", () => {
    const reserialised = JSON.stringify(JSON.parse(body));
    expect(reserialised).not.toBe(body);
    expect(verifySignature(encode(reserialised), header, SECRET)).toBe(false);
  });

  it.each([
    ["missing", null],
    ["empty", ""],
    ["without its prefix", header.slice(7)],
    ["SHA-1 (X-Hub-Signature)", `sha1=${createHmac("sha1", SECRET).update(body).digest("hex")}`],
    ["too short", header.slice(0, -2)],
    ["not hex", `sha256=${"z".repeat(64)}`],
    ["under another secret", signBody(body, "another secret")],
  ])("rejects a signature that is %s", (_case, value) => {
    expect(verifySignature(encode(body), value, SECRET)).toBe(false);
  });

  it("rejects everything when no app secret is set", () => {
    expect(verifySignature(encode(body), signBody(body, ""), "")).toBe(false);
  });
});

describe("verifySubscription", () => {
  const query = {
    "hub.mode": "subscribe",
    "hub.verify_token": "meatyhamhock",
    "hub.challenge": "1158201444",
  };

  it("answers the challenge when the mode is subscribe and the token matches", () => {
    expect(verifySubscription(query, "meatyhamhock")).toBe("1158201444");
  });

  it.each([
    ["the token differs", { ...query, "hub.verify_token": "meatyhamhocK" }],
    ["the token is a prefix", { ...query, "hub.verify_token": "meaty" }],
    ["the mode is not subscribe", { ...query, "hub.mode": "unsubscribe" }],
    ["the challenge is missing", { "hub.mode": "subscribe", "hub.verify_token": "meatyhamhock" }],
    ["the token is missing", { "hub.mode": "subscribe", "hub.challenge": "1" }],
  ])("refuses when %s", (_case, value) => {
    expect(verifySubscription(value, "meatyhamhock")).toBeUndefined();
  });

  it("refuses everything when no verify token is set", () => {
    expect(verifySubscription({ ...query, "hub.verify_token": "" }, "")).toBeUndefined();
  });
});
