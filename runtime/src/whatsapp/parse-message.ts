import {
  arrayAt,
  booleanAt,
  defined,
  isObject,
  type JsonObject,
  numberAt,
  objectAt,
  stringAt,
} from "./json-fields.ts";
import type {
  IncomingMessage,
  InteractiveReply,
  MediaType,
  MessageContext,
  WhatsAppError,
} from "./webhook-types.ts";

/** Where a message was found: what the value around it says about it. */
export interface MessageEnvelope {
  phoneNumberId: string;
  /** Profile names by WhatsApp id, from the value's `contacts`. */
  profileNames: Map<string, string>;
  /** The value's own `errors`, which explain a message that came without its content. */
  valueErrors: WhatsAppError[];
}

type Content = DistributiveOmit<IncomingMessage, keyof Base>;
type Base = Pick<IncomingMessage, "id" | "from" | "timestamp" | "phoneNumberId" | "profileName">;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const MEDIA_TYPES = new Set<string>(["image", "audio", "video", "document", "sticker"]);

/**
 * Reads one element of `value.messages`; a problem (one sentence) when it lacks what every
 * message has. A message whose type is unknown or whose content is missing still comes back,
 * as `unsupported`, so it is recorded and answered rather than dropped.
 */
export function parseMessage(
  raw: unknown,
  envelope: MessageEnvelope,
): { message: IncomingMessage } | { problem: string } {
  if (!isObject(raw)) return { problem: "A message is not an object." };
  const id = stringAt(raw, "id");
  const from = stringAt(raw, "from");
  const timestamp = numberAt(raw, "timestamp");
  const type = stringAt(raw, "type");
  if (!id || !from || timestamp === undefined || !type)
    return {
      problem: `A message lacks its id, from, timestamp or type (id ${JSON.stringify(id ?? null)}).`,
    };
  const context = parseContext(objectAt(raw, "context"));
  const base: Base = {
    id,
    from,
    timestamp,
    phoneNumberId: envelope.phoneNumberId,
    profileName: envelope.profileNames.get(from) ?? null,
  };
  const content = parseContent(type, raw) ?? {
    type: "unsupported" as const,
    // Meta names what it couldn't deliver in `unsupported.type` when it knows (e.g. a poll).
    originalType: stringAt(objectAt(raw, "unsupported"), "type") ?? type,
    errors: [...parseErrors(raw), ...envelope.valueErrors],
  };
  return {
    message: { ...base, ...(context ? { context } : {}), ...content } as IncomingMessage,
  };
}

/** The type-specific part, or undefined when the type is unknown or its object is missing. */
function parseContent(type: string, raw: JsonObject): Content | undefined {
  if (MEDIA_TYPES.has(type)) {
    const media = objectAt(raw, type);
    const mediaId = stringAt(media, "id");
    if (!media || !mediaId) return undefined;
    return {
      type: type as MediaType,
      media: defined({
        id: mediaId,
        mimeType: stringAt(media, "mime_type"),
        sha256: stringAt(media, "sha256"),
        caption: stringAt(media, "caption"),
        filename: stringAt(media, "filename"),
        voice: booleanAt(media, "voice"),
        animated: booleanAt(media, "animated"),
      }),
    };
  }
  switch (type) {
    case "text": {
      const body = stringAt(objectAt(raw, "text"), "body");
      return body === undefined ? undefined : { type, text: body };
    }
    case "interactive": {
      const interactive = parseInteractive(objectAt(raw, "interactive"));
      return interactive && { type, interactive };
    }
    case "button": {
      const button = objectAt(raw, "button");
      const text = stringAt(button, "text");
      if (text === undefined) return undefined;
      return { type, button: { text, payload: stringAt(button, "payload") ?? text } };
    }
    case "location": {
      const location = objectAt(raw, "location");
      const latitude = numberAt(location, "latitude");
      const longitude = numberAt(location, "longitude");
      if (latitude === undefined || longitude === undefined) return undefined;
      return {
        type,
        location: defined({
          latitude,
          longitude,
          name: stringAt(location, "name"),
          address: stringAt(location, "address"),
          url: stringAt(location, "url"),
        }),
      };
    }
    case "contacts":
      return { type, contacts: arrayAt(raw, "contacts") };
    case "reaction": {
      const reaction = objectAt(raw, "reaction");
      const messageId = stringAt(reaction, "message_id");
      if (messageId === undefined) return undefined;
      return { type, reaction: { messageId, emoji: stringAt(reaction, "emoji") || null } };
    }
    case "order": {
      const order = objectAt(raw, "order");
      if (!order) return undefined;
      return {
        type,
        order: defined({
          catalogId: stringAt(order, "catalog_id"),
          text: stringAt(order, "text"),
          itemCount: arrayAt(order, "product_items").length,
        }),
      };
    }
    case "system": {
      const system = objectAt(raw, "system");
      return {
        type,
        system: defined({ type: stringAt(system, "type"), body: stringAt(system, "body") }),
      };
    }
    default:
      return undefined;
  }
}

function parseInteractive(interactive: JsonObject | undefined): InteractiveReply | undefined {
  const kind = stringAt(interactive, "type");
  const reply = interactive && kind ? objectAt(interactive, kind) : undefined;
  if (!reply) return undefined;
  if (kind === "button_reply" || kind === "list_reply") {
    const id = stringAt(reply, "id");
    const title = stringAt(reply, "title");
    if (id === undefined || title === undefined) return undefined;
    if (kind === "button_reply") return { kind, id, title };
    return defined<InteractiveReply>({
      kind,
      id,
      title,
      description: stringAt(reply, "description"),
    });
  }
  if (kind === "nfm_reply")
    return defined<InteractiveReply>({
      kind,
      name: stringAt(reply, "name"),
      body: stringAt(reply, "body"),
      responseJson: stringAt(reply, "response_json"),
    });
  return undefined;
}

function parseContext(context: JsonObject | undefined): MessageContext | undefined {
  if (!context) return undefined;
  const parsed = defined({
    from: stringAt(context, "from"),
    id: stringAt(context, "id"),
    forwarded: booleanAt(context, "forwarded"),
    frequentlyForwarded: booleanAt(context, "frequently_forwarded"),
  });
  return Object.keys(parsed).length > 0 ? parsed : undefined;
}

/** The `errors` array of a value, message or status. */
export function parseErrors(parent: JsonObject): WhatsAppError[] {
  return arrayAt(parent, "errors").flatMap((error) => {
    if (!isObject(error)) return [];
    const code = numberAt(error, "code");
    if (code === undefined) return [];
    return [
      defined({
        code,
        title: stringAt(error, "title"),
        message: stringAt(error, "message"),
        details: stringAt(objectAt(error, "error_data"), "details"),
        href: stringAt(error, "href"),
      }),
    ];
  });
}
