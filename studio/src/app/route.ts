import {
  type AnalyticsView,
  analyticsViewQuery,
  type FigureLink,
  figureQuery,
  parseAnalyticsView,
  parseFigureQuery,
} from "../analytics/figure-link.ts";

/** The studio's screens, addressed by the URL's hash so the server serves one page. */
export type Route =
  | { screen: "flows" }
  /** A flow in the editor; with `conversations`, its Conversations tab open on a figure's. */
  | { screen: "editor"; flowId: string; conversations?: FigureLink }
  | { screen: "knowledge"; flowId: string }
  /** The analytics screen, with the days and flow it shows when the URL names them. */
  | { screen: "analytics"; view?: AnalyticsView }
  | { screen: "inbox" }
  | { screen: "users" }
  | { screen: "audit" }
  | { screen: "tokens" }
  | { screen: "canned-replies" }
  /** The WhatsApp messages that could not be sent. */
  | { screen: "dead-letters" }
  | { screen: "invite"; token: string };

/** Reads a hash such as `#/flows/support` or `#/flows/support/conversations?from=…`. */
export function parseRoute(hash: string): Route {
  const editor = /^#\/flows\/([^/?]+)(?:\/conversations\?(.*))?$/.exec(hash);
  if (editor?.[1]) {
    const conversations = editor[2] === undefined ? undefined : parseFigureQuery(editor[2]);
    return {
      screen: "editor",
      flowId: decodeURIComponent(editor[1]),
      ...(conversations ? { conversations } : {}),
    };
  }
  const knowledge = /^#\/flows\/([^/]+)\/knowledge$/.exec(hash);
  if (knowledge?.[1]) return { screen: "knowledge", flowId: decodeURIComponent(knowledge[1]) };
  const invite = /^#\/invite\/([^/]+)$/.exec(hash);
  if (invite?.[1]) return { screen: "invite", token: decodeURIComponent(invite[1]) };
  const analytics = /^#\/analytics(?:\?(.*))?$/.exec(hash);
  if (analytics) {
    const view = analytics[1] === undefined ? undefined : parseAnalyticsView(analytics[1]);
    return { screen: "analytics", ...(view ? { view } : {}) };
  }
  if (hash === "#/inbox") return { screen: "inbox" };
  if (hash === "#/users") return { screen: "users" };
  if (hash === "#/audit") return { screen: "audit" };
  if (hash === "#/tokens") return { screen: "tokens" };
  if (hash === "#/canned-replies") return { screen: "canned-replies" };
  if (hash === "#/dead-letters") return { screen: "dead-letters" };
  return { screen: "flows" };
}

export function routeHash(route: Route): string {
  switch (route.screen) {
    case "editor": {
      const flow = `#/flows/${encodeURIComponent(route.flowId)}`;
      return route.conversations
        ? `${flow}/conversations?${figureQuery(route.conversations)}`
        : flow;
    }
    case "knowledge":
      return `#/flows/${encodeURIComponent(route.flowId)}/knowledge`;
    case "analytics":
      return route.view ? `#/analytics?${analyticsViewQuery(route.view)}` : "#/analytics";
    case "invite":
      return `#/invite/${encodeURIComponent(route.token)}`;
    case "flows":
      return "#/";
    default:
      return `#/${route.screen}`;
  }
}
