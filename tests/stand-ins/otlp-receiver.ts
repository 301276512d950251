/**
 * A local server standing in for Langfuse's ingestion endpoints: OTLP/HTTP traces at
 * `POST /api/public/otel/v1/traces` (the JSON encoding, which is what the OTLP HTTP exporter
 * Langfuse's SDK uses sends; gzip accepted) and scores at `POST /api/public/ingestion`. It
 * decodes what arrives into plain spans and scores, and plays a slow or failing Langfuse on
 * demand.
 *
 * Run as a script (`bun tests/stand-ins/otlp-receiver.ts`) it serves in a process of its own,
 * counting rather than keeping what arrives, and prints the settings that trace to it: a load
 * test measures tracing's cost without the receiver's decoding in the same process.
 *
 * @example
 * const receiver = startOtlpReceiver();
 * const env = { ...receiver.env, OTHER: "…" }; // LANGFUSE_PUBLIC_KEY, _SECRET_KEY, _BASE_URL
 * await receiver.waitFor(() => receiver.spans.length >= 3);
 */

/** A span as received, its attribute values decoded. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Record<string, unknown>;
  status: { code?: number; message?: string };
  events: { name: string; attributes: Record<string, unknown> }[];
  scope: string;
  resource: Record<string, unknown>;
}

/** The body of a `score-create` ingestion event. */
interface ReceivedScore {
  traceId?: string;
  name: string;
  value: number | string;
  dataType?: string;
  comment?: string;
}

export interface OtlpReceiver {
  /** The base URL to give as LANGFUSE_BASE_URL. */
  readonly url: string;
  /** Langfuse settings that send traces and scores here. */
  readonly env: Record<string, string>;
  /** How many spans and scores arrived, kept or not. */
  readonly counts: { spans: number; scores: number };
  readonly spans: ReceivedSpan[];
  readonly scores: ReceivedScore[];
  /** Every request's path and headers, in order. */
  readonly requests: { path: string; headers: Headers }[];
  /** Holds every request from now on until the returned function is called (a hung Langfuse). */
  hold(): () => void;
  /** Answers every request with this status from now on; `null` answers normally again. */
  failWith(status: number | null): void;
  /** Resolves once `check` holds, polling; rejects after `timeoutMs`. */
  waitFor(check: () => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

type AnyValue = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
};
type KeyValue = { key: string; value?: AnyValue };

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: KeyValue[];
  status?: { code?: number; message?: string };
  events?: { name: string; attributes?: KeyValue[] }[];
}

interface OtlpRequest {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: { scope?: { name?: string }; spans?: OtlpSpan[] }[];
  }[];
}

function decodeValue(value: AnyValue | undefined): unknown {
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(decodeValue);
  if (value.kvlistValue) return decodeAttributes(value.kvlistValue.values);
  return undefined;
}

function decodeAttributes(attributes: KeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((attributes ?? []).map(({ key, value }) => [key, decodeValue(value)]));
}

/** OTLP JSON encodes ids as hex; an empty parent id means none. */
function decodeSpans(body: OtlpRequest): ReceivedSpan[] {
  return (body.resourceSpans ?? []).flatMap((resourceSpans) => {
    const resource = decodeAttributes(resourceSpans.resource?.attributes);
    return (resourceSpans.scopeSpans ?? []).flatMap((scopeSpans) =>
      (scopeSpans.spans ?? []).map((span) => ({
        traceId: span.traceId,
        spanId: span.spanId,
        ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
        name: span.name,
        startTimeUnixNano: BigInt(span.startTimeUnixNano),
        endTimeUnixNano: BigInt(span.endTimeUnixNano),
        attributes: decodeAttributes(span.attributes),
        status: span.status ?? {},
        events: (span.events ?? []).map((event) => ({
          name: event.name,
          attributes: decodeAttributes(event.attributes),
        })),
        scope: scopeSpans.scope?.name ?? "",
        resource,
      })),
    );
  });
}

async function readBody(request: Request): Promise<string> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  const gzipped = request.headers.get("content-encoding") === "gzip";
  return new TextDecoder().decode(gzipped ? Bun.gunzipSync(bytes) : bytes);
}

/**
 * Starts the receiver on a free port.
 * @param keep whether to keep what arrives in `spans` and `scores` (else only `counts` grow)
 */
export function startOtlpReceiver({ keep = true }: { keep?: boolean } = {}): OtlpReceiver {
  const counts = { spans: 0, scores: 0 };
  const spans: ReceivedSpan[] = [];
  const scores: ReceivedScore[] = [];
  const requests: { path: string; headers: Headers }[] = [];
  let held: Promise<void> | null = null;
  let failStatus: number | null = null;

  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    idleTimeout: 0,
    async fetch(request) {
      const path = new URL(request.url).pathname;
      requests.push({ path, headers: request.headers });
      if (held) await held;
      if (failStatus !== null) return new Response("failing on purpose", { status: failStatus });
      if (request.method === "POST" && path === "/api/public/otel/v1/traces") {
        const type = request.headers.get("content-type") ?? "";
        if (!type.startsWith("application/json"))
          return new Response(`only OTLP JSON is decoded here, not ${type}`, { status: 415 });
        const received = decodeSpans(JSON.parse(await readBody(request)) as OtlpRequest);
        counts.spans += received.length;
        if (keep) spans.push(...received);
        return Response.json({ partialSuccess: {} });
      }
      if (request.method === "POST" && path === "/api/public/ingestion") {
        const { batch } = JSON.parse(await readBody(request)) as {
          batch: { id: string; type: string; body: ReceivedScore }[];
        };
        for (const event of batch) {
          if (event.type !== "score-create") continue;
          counts.scores += 1;
          if (keep) scores.push(event.body);
        }
        return Response.json(
          { successes: batch.map((event) => ({ id: event.id, status: 201 })), errors: [] },
          { status: 207 },
        );
      }
      return new Response(`no route for ${request.method} ${path}`, { status: 404 });
    },
  });

  const url = `http://127.0.0.1:${server.port}`;
  return {
    url,
    env: {
      LANGFUSE_PUBLIC_KEY: "pk-lf-stand-in",
      LANGFUSE_SECRET_KEY: "sk-lf-stand-in-0123456789",
      LANGFUSE_BASE_URL: url,
    },
    counts,
    spans,
    scores,
    requests,
    hold() {
      let release = () => {};
      held = new Promise<void>((resolve) => {
        release = () => {
          held = null;
          resolve();
        };
      });
      return release;
    },
    failWith(status) {
      failStatus = status;
    },
    async waitFor(check, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`waitFor: not true within ${timeoutMs} ms`);
        await Bun.sleep(10);
      }
    },
    stop: () => server.stop(true),
  };
}

if (import.meta.main) {
  const receiver = startOtlpReceiver({ keep: false });
  console.log(JSON.stringify(receiver.env));
  process.on("SIGTERM", () => {
    console.error(`received ${receiver.counts.spans} spans, ${receiver.counts.scores} scores`);
    void receiver.stop().then(() => process.exit(0));
  });
}
