import type { BoundChannel, WidgetSettings } from "../../../runtime/src/api-types.ts";
import { type OnApiError, settle } from "../api/api-result.ts";
import type { Client } from "../api/client.ts";

/**
 * The channel bindings, each call one route of `/api/channels` or `/api/widgets`, each answer an
 * `ApiResult`.
 *
 * @example
 * const channels = createChannelsApi(createClient(token));
 * const overview = await channels.overview();
 */
export function createChannelsApi(client: Client, onError?: OnApiError) {
  const channel = (name: BoundChannel) => client.api.channels({ channel: name });
  const widget = (flow: string) => client.api.widgets({ flow });
  return {
    overview: () => settle(client.api.channels.get(), onError),
    bind: (name: BoundChannel, flow: string) => settle(channel(name).put({ flow }), onError),
    unbind: (name: BoundChannel) => settle(channel(name).delete(), onError),
    saveWidget: (flow: string, settings: WidgetSettings) =>
      settle(widget(flow).put({ settings }), onError),
    deleteWidget: (flow: string) => settle(widget(flow).delete(), onError),
  };
}
