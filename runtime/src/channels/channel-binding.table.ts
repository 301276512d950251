/** The ways in that are bound to one flow each: the API's and WhatsApp's. */
export type BoundChannel = "api" | "whatsapp";

/**
 * Which flow a way in talks to: the chat API's and WhatsApp's (one row each, `id` = channel), or
 * a web widget (`id` = `web:` and the flow, with its settings).
 */
export interface ChannelBindingTable {
  id: string;
  channel: BoundChannel | "web";
  flowId: string;
  /** A web widget's settings, as JSON; null for the other channels. */
  settings: string | null;
  updatedAt: string;
}
