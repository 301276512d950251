import type { ChannelsOverview } from "../../../runtime/src/api-types.ts";

/**
 * Where a published flow answers customers: its web widget, the chat API and WhatsApp (when on)
 * where they are bound to it (or fall back to it), and the OpenAI-compatible API, where every
 * published flow is a model. None for a flow that is not published.
 *
 * @example livePlaces("faq", 3, overview) // ["web widget", "chat API", "OpenAI API"]
 */
export function livePlaces(
  flowId: string,
  publishedVersion: number | null,
  overview: ChannelsOverview | undefined,
): string[] {
  if (publishedVersion === null) return [];
  if (!overview) return ["OpenAI API"];
  return [
    ...(overview.widgets.some((widget) => widget.flowId === flowId) ? ["web widget"] : []),
    ...(overview.channels.whatsapp.enabled && overview.channels.whatsapp.flowId === flowId
      ? ["WhatsApp"]
      : []),
    ...(overview.channels.api.flowId === flowId ? ["chat API"] : []),
    "OpenAI API",
  ];
}

/** One line for a flow's live version and where it is live. */
export function describeLive(
  flowId: string,
  publishedVersion: number | null,
  overview: ChannelsOverview | undefined,
): string {
  if (publishedVersion === null) return "Not live: no version is published";
  return `Live: version ${publishedVersion} on ${livePlaces(flowId, publishedVersion, overview).join(", ")}`;
}
