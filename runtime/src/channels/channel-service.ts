import type { Database } from "../db/index.ts";
import { AppError } from "../errors.ts";
import type { FlowRuntime } from "../flows/index.ts";
import type { BoundChannel } from "./channel-binding.table.ts";
import {
  bindChannel,
  deleteWidget,
  findChannelFlow,
  findWidget,
  listChannelFlows,
  listWidgets,
  saveWidget,
  unbindChannel,
  type Widget,
} from "./channel-bindings.repository.ts";
import type { WidgetSettings } from "./widget-settings.ts";

/** Where a channel's new chats go: its bound flow, or (`bound: false`) the configured one. */
interface ChannelFlow {
  flowId: string;
  bound: boolean;
  /** Whether the channel is on (WhatsApp is off without its settings). */
  enabled: boolean;
  updatedAt: string | null;
}

/** Every way in and the flow it talks to, as the studio shows them. */
export interface ChannelsOverview {
  /** The flow of a chat whose client names none (`DEFAULT_FLOW`). */
  defaultFlow: string;
  channels: Record<BoundChannel, ChannelFlow>;
  /** The web widgets, one per flow. */
  widgets: Widget[];
}

/**
 * Channel bindings: which flow the chat API's and WhatsApp's new chats talk to, and each flow's
 * web widget with its settings. A bound flow must be published; deleting it unbinds it.
 */
export interface ChannelService {
  overview(): Promise<ChannelsOverview>;
  /** The flow a channel's new chats talk to. */
  flowOf(channel: BoundChannel): Promise<string>;
  /** @throws AppError `not_found` when the flow is not published. */
  bind(channel: BoundChannel, flowId: string): Promise<ChannelFlow>;
  /** Back to the configured flow. */
  unbind(channel: BoundChannel): Promise<ChannelFlow>;
  /** @throws AppError `not_found` when the flow has no widget. */
  widget(flowId: string): Promise<Widget>;
  /** @throws AppError `not_found` when the flow is not published. */
  saveWidget(flowId: string, settings: WidgetSettings): Promise<Widget>;
  /** @throws AppError `not_found` when the flow has no widget. */
  deleteWidget(flowId: string): Promise<void>;
}

export interface ChannelServiceOptions {
  database: Database;
  flows: FlowRuntime;
  /** The flow of each channel while it is unbound (the server's settings). */
  configured: Record<BoundChannel, string>;
  /** Whether each channel is on, asked when the overview is read. */
  enabled: Record<BoundChannel, () => boolean>;
  defaultFlow: string;
}

/** @example const channels = createChannelService({ database, flows, configured, defaultFlow }); */
export function createChannelService({
  database: { db },
  flows,
  configured,
  enabled,
  defaultFlow,
}: ChannelServiceOptions): ChannelService {
  const unbound = (channel: BoundChannel): ChannelFlow => ({
    flowId: configured[channel],
    bound: false,
    enabled: enabled[channel](),
    updatedAt: null,
  });
  const noWidget = (flowId: string) =>
    new AppError("not_found", `Flow "${flowId}" has no web widget.`);

  return {
    async overview() {
      const channels = { api: unbound("api"), whatsapp: unbound("whatsapp") };
      for (const row of await listChannelFlows(db))
        channels[row.channel] = {
          flowId: row.flowId,
          bound: true,
          enabled: enabled[row.channel](),
          updatedAt: row.updatedAt,
        };
      return { defaultFlow, channels, widgets: await listWidgets(db) };
    },
    async flowOf(channel) {
      return (await findChannelFlow(db, channel)) ?? configured[channel];
    },
    async bind(channel, flowId) {
      await flows.assertPublished(flowId);
      await bindChannel(db, channel, flowId);
      return {
        flowId,
        bound: true,
        enabled: enabled[channel](),
        updatedAt: new Date().toISOString(),
      };
    },
    async unbind(channel) {
      await unbindChannel(db, channel);
      return unbound(channel);
    },
    async widget(flowId) {
      const widget = await findWidget(db, flowId);
      if (!widget) throw noWidget(flowId);
      return widget;
    },
    async saveWidget(flowId, settings) {
      await flows.assertPublished(flowId);
      return saveWidget(db, flowId, settings);
    },
    async deleteWidget(flowId) {
      if (!(await deleteWidget(db, flowId))) throw noWidget(flowId);
    },
  };
}
