import { Identifier } from "@switchboard/engine";
import { Elysia, t } from "elysia";
import { authGuard } from "../auth/index.ts";
import type { Services } from "../services.ts";
import { WidgetSettings } from "./widget-settings.ts";

const FlowParams = t.Object({ flow: Identifier });
const ChannelParams = t.Object({ channel: t.UnionEnum(["api", "whatsapp"]) });
const ChannelFlow = t.Object({
  flowId: t.String(),
  bound: t.Boolean(),
  enabled: t.Boolean(),
  updatedAt: t.Nullable(t.String()),
});
const Widget = t.Object({ flowId: t.String(), settings: WidgetSettings, updatedAt: t.String() });

/**
 * Channel bindings, set in the studio: `/api/channels` (which flow the chat API and WhatsApp
 * talk to, and the widgets) and `/api/widgets/:flow` (a flow's web widget). A widget's settings
 * are also served to any page at `/widgets/:flow`, for `embed.js`.
 */
export function channelRoutes({ channels, tokens }: Services) {
  const admin = new Elysia({ tags: ["Channels"] })
    .use(authGuard(tokens))
    .get("/api/channels", () => channels.overview(), {
      auth: "editor",
      response: t.Object({
        defaultFlow: t.String(),
        channels: t.Object({ api: ChannelFlow, whatsapp: ChannelFlow }),
        widgets: t.Array(Widget),
      }),
      detail: { summary: "Every way in and the flow it talks to" },
    })
    .put("/api/channels/:channel", ({ params, body }) => channels.bind(params.channel, body.flow), {
      auth: "editor",
      params: ChannelParams,
      body: t.Object({ flow: t.String({ minLength: 1 }) }),
      response: ChannelFlow,
      detail: { summary: "Binds a channel's new chats to a published flow" },
    })
    .delete("/api/channels/:channel", ({ params }) => channels.unbind(params.channel), {
      auth: "editor",
      params: ChannelParams,
      response: ChannelFlow,
      detail: { summary: "Unbinds a channel: its new chats go to the configured flow" },
    })
    .get("/api/widgets/:flow", ({ params }) => channels.widget(params.flow), {
      auth: "editor",
      params: FlowParams,
      response: Widget,
      detail: { summary: "A flow's web widget" },
    })
    .put(
      "/api/widgets/:flow",
      ({ params, body }) => channels.saveWidget(params.flow, body.settings),
      {
        auth: "editor",
        params: FlowParams,
        body: t.Object({ settings: WidgetSettings }),
        response: Widget,
        detail: { summary: "Puts a published flow on the web as a widget, with its settings" },
      },
    )
    .delete(
      "/api/widgets/:flow",
      async ({ params }) => {
        await channels.deleteWidget(params.flow);
        return { deleted: true as const };
      },
      {
        auth: "editor",
        params: FlowParams,
        detail: { summary: "Takes a flow's web widget off the web" },
      },
    );
  // Public: what every visitor's page shows anyway, read by embed.js from any site.
  const published = new Elysia({ detail: { hide: true } }).get(
    "/widgets/:flow",
    async ({ params, set }) => {
      set.headers["access-control-allow-origin"] = "*";
      set.headers["cache-control"] = "no-cache";
      const { flowId, settings } = await channels.widget(params.flow);
      return { flowId, settings };
    },
    { params: FlowParams },
  );
  return new Elysia().use(admin).use(published);
}
