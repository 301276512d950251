/**
 * A local stand-in for the Graph API's WhatsApp `POST /{version}/{phone-number-id}/messages`:
 * it checks the bearer token and each message against WhatsApp's documented rules (text up to
 * 4,096 characters, at most 3 reply buttons with titles of 20 characters, lists of 10 rows…),
 * answers as Meta does (a `wamid` per message, `{"success": true}` for a read receipt, Meta's
 * error objects), records every request, and plays injected faults.
 *
 * @example
 * const graph = startWhatsAppGraph({ accessToken: "EAAx" });
 * graph.fail({ kind: "error", status: 400, code: 130429, message: "(#130429) Rate limit hit" });
 * // point WHATSAPP_GRAPH_BASE_URL at graph.url …
 * await graph.stop();
 */

/** A failure the stand-in plays instead of its next answer. */
type GraphFault =
  /** Meta's error object with this HTTP status and code. */
  | {
      kind: "error";
      status: number;
      code: number;
      message?: string;
      details?: string;
      /** Sent as `Retry-After`, in seconds. */
      retryAfter?: number;
    }
  /** The status line and headers of a success, then a connection that breaks off mid-body. */
  | { kind: "drop" }
  /** Answer normally, this much later. */
  | { kind: "latency"; ms: number };

interface GraphRequest {
  version: string;
  phoneNumberId: string;
  authorization: string | null;
  body: Record<string, unknown>;
  /** The HTTP status answered. */
  status: number;
  /** The id given to a message that was accepted. */
  messageId?: string;
  receivedAt: number;
}

export interface WhatsAppGraphStandIn {
  readonly url: string;
  /** Every request, in the order they arrived. */
  readonly requests: GraphRequest[];
  /** The messages accepted (not read receipts), in order. */
  readonly messages: GraphRequest[];
  /** The message ids marked as read, in order. */
  readonly reads: string[];
  /** Plays these faults on the next requests, one each. */
  fail(...faults: GraphFault[]): void;
  /** Drops the faults not played yet: the next requests are answered normally. */
  heal(): void;
  /** Resolves once `check` holds (polled), or rejects after `timeoutMs`. */
  until(check: () => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface WhatsAppGraphOptions {
  accessToken: string;
  /** When set, requests to another phone number id get Meta's unknown-object error. */
  phoneNumberId?: string;
  /** A wait before every answer. */
  latencyMs?: number;
}

const PATH = /^\/(v\d+\.\d+)\/([^/]+)\/messages$/;
/** `GET` lists the requests received so far (id given, arrival, status, recipient). */
export const RECORD_PATH = "/_stand-in/requests";

export function startWhatsAppGraph(options: WhatsAppGraphOptions): WhatsAppGraphStandIn {
  const requests: GraphRequest[] = [];
  const faults: GraphFault[] = [];
  let sequence = 0;

  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      const { pathname } = new URL(request.url);
      // What a stand-in in a process of its own (as the benchmark runs it) tells its owner.
      if (request.method === "GET" && pathname === RECORD_PATH)
        return Response.json(
          requests.map(({ messageId, receivedAt, status, body }) => ({
            messageId,
            receivedAt,
            status,
            to: body.to,
            read: body.status === "read",
          })),
        );
      const match = PATH.exec(pathname);
      if (request.method !== "POST" || !match)
        return metaError(
          400,
          100,
          "Unsupported post request.",
          "Only POST /{version}/{phone-number-id}/messages is served.",
        );
      let body: Record<string, unknown>;
      try {
        body = (await request.json()) as Record<string, unknown>;
      } catch {
        return metaError(400, 100, "(#100) Invalid parameter", "The body is not JSON.");
      }
      const record: GraphRequest = {
        version: match[1] as string,
        phoneNumberId: match[2] as string,
        authorization: request.headers.get("authorization"),
        body,
        status: 0,
        receivedAt: Date.now(),
      };
      requests.push(record);
      const response = await answer(record);
      record.status = response.status;
      return response;
    },
  });

  const answer = async (record: GraphRequest): Promise<Response> => {
    if (options.latencyMs) await Bun.sleep(options.latencyMs);
    const fault = faults.shift();
    if (fault?.kind === "latency") await Bun.sleep(fault.ms);
    if (fault?.kind === "error") {
      const response = metaError(
        fault.status,
        fault.code,
        fault.message ?? `(#${fault.code}) Error`,
        fault.details,
      );
      if (fault.retryAfter !== undefined)
        response.headers.set("retry-after", String(fault.retryAfter));
      return response;
    }
    if (fault?.kind === "drop")
      return new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"messaging_product":"wha'));
            controller.error(); // no reason: Bun would print one as uncaught
          },
        }),
        { headers: { "content-type": "application/json" } },
      );
    if (record.authorization !== `Bearer ${options.accessToken}`)
      return metaError(
        401,
        190,
        "Invalid OAuth access token - Cannot parse access token",
        undefined,
        "OAuthException",
      );
    if (options.phoneNumberId && record.phoneNumberId !== options.phoneNumberId)
      return metaError(
        400,
        100,
        `Unsupported post request. Object with ID '${record.phoneNumberId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        undefined,
        "GraphMethodException",
      );
    const problem = problemOf(record.body);
    if (problem)
      return metaError(
        400,
        problem.code,
        problem.code === 100
          ? "(#100) Invalid parameter"
          : "(#131009) Parameter value is not valid",
        problem.details,
      );
    if (record.body.status === "read") return Response.json({ success: true });
    sequence += 1;
    record.messageId = `wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI${sequence.toString(16).toUpperCase().padStart(10, "0")}AA==`;
    const to = record.body.to as string;
    return Response.json({
      messaging_product: "whatsapp",
      contacts: [{ input: to, wa_id: to.replace(/^\+/, "") }],
      messages: [{ id: record.messageId }],
    });
  };

  return {
    url: `http://127.0.0.1:${server.port}`,
    requests,
    get messages() {
      return requests.filter((request) => request.messageId !== undefined);
    },
    get reads() {
      return requests
        .filter((request) => request.body.status === "read" && request.status === 200)
        .map((request) => request.body.message_id as string);
    },
    fail(...more) {
      faults.push(...more);
    },
    heal() {
      faults.length = 0;
    },
    async until(check, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > deadline)
          throw new Error(`the Graph API stand-in waited ${timeoutMs} ms in vain`);
        await Bun.sleep(5);
      }
    },
    async stop() {
      await server.stop(true);
    },
  };
}

function metaError(
  status: number,
  code: number,
  message: string,
  details?: string,
  type = "OAuthException",
): Response {
  return Response.json(
    {
      error: {
        message,
        type,
        code,
        ...(details && { error_data: { messaging_product: "whatsapp", details } }),
        fbtrace_id: "AXsgnV2Cm3ZMGF3dF_cfYIn",
      },
    },
    { status },
  );
}

/** What WhatsApp would reject in a request body: code 100 for its shape, 131009 for a value. */
function problemOf(body: Record<string, unknown>): { code: number; details: string } | undefined {
  const shape = (details: string) => ({ code: 100, details });
  const value = (details: string) => ({ code: 131009, details });
  if (body.messaging_product !== "whatsapp") return shape("messaging_product must be whatsapp.");
  if (body.status === "read")
    return typeof body.message_id === "string" ? undefined : shape("message_id is required.");
  if (typeof body.to !== "string" || body.to === "") return shape("to is required.");
  const length = (text: unknown) => (typeof text === "string" ? text.length : -1);
  if (body.type === "text") {
    const text = (body.text ?? {}) as { body?: unknown };
    const size = length(text.body);
    if (size < 1 || size > 4096)
      return value(`text.body must have 1 to 4096 characters, not ${size}.`);
    return undefined;
  }
  if (body.type !== "interactive")
    return shape(`This stand-in serves text and interactive messages, not ${String(body.type)}.`);
  const interactive = (body.interactive ?? {}) as {
    type?: string;
    body?: { text?: unknown };
    action?: {
      buttons?: { type?: string; reply?: { id?: unknown; title?: unknown } }[];
      button?: unknown;
      sections?: {
        title?: unknown;
        rows?: { id?: unknown; title?: unknown; description?: unknown }[];
      }[];
    };
  };
  const bodySize = length(interactive.body?.text);
  if (interactive.type === "button") {
    if (bodySize < 1 || bodySize > 1024)
      return value(`interactive.body.text must have 1 to 1024 characters, not ${bodySize}.`);
    const buttons = interactive.action?.buttons ?? [];
    if (buttons.length < 1 || buttons.length > 3)
      return value(`A reply button message has 1 to 3 buttons, not ${buttons.length}.`);
    for (const button of buttons) {
      if (button.type !== "reply") return shape("Each button must be of type reply.");
      const title = length(button.reply?.title);
      if (title < 1 || title > 20)
        return value(`Button titles have 1 to 20 characters, not ${title}.`);
      const id = length(button.reply?.id);
      if (id < 1 || id > 256) return value(`Button ids have 1 to 256 characters, not ${id}.`);
    }
    const titles = buttons.map((button) => button.reply?.title);
    if (new Set(titles).size !== titles.length) return value("Button titles must be unique.");
    const ids = buttons.map((button) => button.reply?.id);
    if (new Set(ids).size !== ids.length) return value("Button ids must be unique.");
    return undefined;
  }
  if (interactive.type === "list") {
    if (bodySize < 1 || bodySize > 4096)
      return value(`interactive.body.text must have 1 to 4096 characters, not ${bodySize}.`);
    const label = length(interactive.action?.button);
    if (label < 1 || label > 20)
      return value(`The list button has 1 to 20 characters, not ${label}.`);
    const sections = interactive.action?.sections ?? [];
    if (sections.length < 1 || sections.length > 10)
      return value(`A list has 1 to 10 sections, not ${sections.length}.`);
    if (sections.length > 1 && sections.some((section) => length(section.title) < 1))
      return value("Sections need titles when there are several.");
    const rows = sections.flatMap((section) => section.rows ?? []);
    if (rows.length < 1 || rows.length > 10)
      return value(`A list has 1 to 10 rows in all, not ${rows.length}.`);
    for (const row of rows) {
      const title = length(row.title);
      if (title < 1 || title > 24)
        return value(`Row titles have 1 to 24 characters, not ${title}.`);
      const id = length(row.id);
      if (id < 1 || id > 200) return value(`Row ids have 1 to 200 characters, not ${id}.`);
      if (row.description !== undefined && length(row.description) > 72)
        return value("Row descriptions have at most 72 characters.");
    }
    return undefined;
  }
  return shape(`This stand-in serves button and list messages, not ${String(interactive.type)}.`);
}

// `bun tests/stand-ins/whatsapp-graph.ts <access token>`: a stand-in of its own, which prints
// its URL as JSON and serves until SIGTERM; what it received is at RECORD_PATH.
if (import.meta.main) {
  const graph = startWhatsAppGraph({ accessToken: process.argv[2] ?? "stand-in-token" });
  console.log(JSON.stringify({ url: graph.url }));
  process.once("SIGTERM", () => void graph.stop().then(() => process.exit(0)));
}
