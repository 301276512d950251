/**
 * What the model server stand-ins share: scripted answers played in order, faults injected into
 * the next requests, and a record of what each request asked for, so one contract suite can
 * drive the OpenAI-compatible and the Bedrock stand-in alike.
 */

/** A failure the stand-in plays instead of (or in the middle of) its next answer. */
export type Fault =
  /** Answer with this HTTP status and the API's error body. */
  | { kind: "status"; status: number; message?: string }
  /** Wait this long before answering. */
  | { kind: "latency"; ms: number }
  /** Answer 200 with a body (or a stream event) that is not valid JSON. */
  | { kind: "malformed" }
  /** Send the start of the answer, then drop the connection. */
  | { kind: "drop" }
  /** Stream the first token, then wait for `until` before the rest. */
  | { kind: "hold"; until: Promise<void> };

/** What one chat request asked for, in the same words for every wire format. */
export interface RecordedRequest {
  model: string;
  stream: boolean;
  /** Whether JSON output was asked for through the API (response_format or a forced tool). */
  structured: boolean;
  temperature?: number;
  maxTokens?: number;
  messages: { role: string; text: string }[];
  /** The request body as received. */
  body: Record<string, unknown>;
  headers: Headers;
}

/** The stand-in side a test drives. */
export interface StandIn {
  /** The base URL to configure the client with. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Replaces the answers still to be played. */
  script(answers: string[]): void;
  /** How many scripted answers were not used. */
  readonly remaining: number;
  /** Plays these faults on the next requests, one each, before answering normally again. */
  fail(...faults: Fault[]): void;
  /** Stops the server; in-flight connections are closed. */
  stop(): Promise<void>;
}

/** Options every stand-in takes. */
export interface StandInOptions {
  /** The wait between streamed chunks (the stand-in's token rate). */
  chunkDelayMs?: number;
  /** Answers to start with. */
  answers?: string[];
}

/** The answer queue and fault queue behind a stand-in. */
export class Script {
  private answers: string[];
  private faults: Fault[] = [];
  readonly requests: RecordedRequest[] = [];

  constructor(answers: string[] = []) {
    this.answers = [...answers];
  }

  script(answers: string[]): void {
    this.answers = [...answers];
  }

  get remaining(): number {
    return this.answers.length;
  }

  fail(faults: Fault[]): void {
    this.faults.push(...faults);
  }

  nextFault(): Fault | undefined {
    return this.faults.shift();
  }

  /** The next scripted answer, or undefined when the script ran out. */
  nextAnswer(): string | undefined {
    return this.answers.shift();
  }
}

/** Splits an answer into the pieces a server streams: words with their trailing spaces. */
export function tokensOf(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/** A rough token count (4 characters a token), as servers report usage. */
export function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
