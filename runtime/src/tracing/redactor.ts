import { createHash } from "node:crypto";
import type { MaskKind } from "./tracing-config.ts";

/** Rewrites traced text so it can leave the server. */
export interface Redactor {
  /** Secrets always; emails and phone numbers when masking is on. */
  text(value: string): string;
  /**
   * An identifier (user id, session id): secrets always; a masked email or phone number becomes
   * a stable pseudonym, so one person's traces still group together.
   */
  id(value: string): string;
}

/** Environment variables whose values are secrets, by name. */
const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL)/i;
/** Shorter values are too likely to occur in ordinary text to be replaced everywhere. */
const MIN_SECRET_LENGTH = 8;

/** Shapes of credentials that must not leave the server whatever variable they came from. */
const SECRET_SHAPES = [
  /\bsk-[A-Za-z0-9_-]{12,}/, // OpenAI-style and Langfuse secret keys
  /\bAKIA[0-9A-Z]{16}\b/, // AWS access key ids
  /\b[Bb](?:earer|asic)\s+[A-Za-z0-9._~+/=-]{8,}/, // Authorization header values
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, // JWTs
  // The password in scheme://user:password@host; the pattern's one capture group is what stays.
  // With a lookbehind instead, the whole pattern ran three times slower, on every traced string.
  /(\/\/[^/\s:@]+:)[^/\s@]+@/,
];

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** A number written like a phone number: optional +country, groups separated by space . - ( ). */
const PHONE = /(?<![\w+])\+?\(?\d[\d\s().-]{6,}\d(?![\w])/g;
/** Fewer digits is a date, a time or a price; more is no phone number. */
const PHONE_DIGITS = { min: 9, max: 15 };

const REDACTED = "[redacted]";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function pseudonym(kind: string, value: string): string {
  return `${kind}-${createHash("sha256").update(value).digest("hex").slice(0, 12)}`;
}

function isPhone(match: string): boolean {
  const digits = match.replace(/\D/g, "").length;
  return digits >= PHONE_DIGITS.min && digits <= PHONE_DIGITS.max;
}

/**
 * Builds the redactor for traced content: the values of secret-looking environment variables
 * (API keys, tokens, passwords) and credential-shaped strings are always replaced; emails and
 * phone numbers only when `mask` names them.
 *
 * @example
 * const redactor = createRedactor({ env: process.env, mask: ["emails"] });
 * redactor.text("mail ana@example.com") // "mail [email]"
 */
export function createRedactor({
  env,
  mask,
}: {
  env: Record<string, string | undefined>;
  mask: MaskKind[];
}): Redactor {
  const values = Object.entries(env)
    .filter(([name]) => SECRET_NAME.test(name))
    // Lists (ADMIN_TOKEN=a,b) hold one secret per item.
    .flatMap(([, value]) => (value ? [value, ...value.split(",")] : []))
    .map((value) => value.trim())
    .filter((value) => value.length >= MIN_SECRET_LENGTH)
    // Longest first, so a secret containing another is replaced whole.
    .sort((a, b) => b.length - a.length);
  // One pattern, so each string is scanned once: tracing runs on every turn.
  const secret = new RegExp(
    [...values.map(escapeRegExp), ...SECRET_SHAPES.map((shape) => shape.source)].join("|"),
    "g",
  );
  const emails = mask.includes("emails");
  const phones = mask.includes("phones");

  const secrets = (value: string): string =>
    value.replace(secret, (_match, userinfo?: string) =>
      userinfo ? `${userinfo}${REDACTED}@` : REDACTED,
    );

  return {
    text(value) {
      let text = secrets(value);
      if (emails && text.includes("@")) text = text.replace(EMAIL, "[email]");
      if (phones) text = text.replace(PHONE, (match) => (isPhone(match) ? "[phone]" : match));
      return text;
    },
    id(value) {
      const text = secrets(value);
      if (emails && text.match(EMAIL)?.[0] === text) return pseudonym("email", text);
      if (phones && text.match(PHONE)?.[0] === text && isPhone(text))
        return pseudonym("phone", text);
      return text;
    },
  };
}
