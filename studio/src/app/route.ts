/** The studio's screens, addressed by the URL's hash so the server serves one page. */
export type Route =
  | { screen: "flows" }
  | { screen: "editor"; flowId: string }
  | { screen: "inbox" }
  | { screen: "users" }
  | { screen: "audit" }
  | { screen: "tokens" }
  | { screen: "canned-replies" }
  | { screen: "invite"; token: string };

/** Reads a hash such as `#/flows/support`. */
export function parseRoute(hash: string): Route {
  const editor = /^#\/flows\/([^/]+)$/.exec(hash);
  if (editor?.[1]) return { screen: "editor", flowId: decodeURIComponent(editor[1]) };
  const invite = /^#\/invite\/([^/]+)$/.exec(hash);
  if (invite?.[1]) return { screen: "invite", token: decodeURIComponent(invite[1]) };
  if (hash === "#/inbox") return { screen: "inbox" };
  if (hash === "#/users") return { screen: "users" };
  if (hash === "#/audit") return { screen: "audit" };
  if (hash === "#/tokens") return { screen: "tokens" };
  if (hash === "#/canned-replies") return { screen: "canned-replies" };
  return { screen: "flows" };
}

export function routeHash(route: Route): string {
  switch (route.screen) {
    case "editor":
      return `#/flows/${encodeURIComponent(route.flowId)}`;
    case "invite":
      return `#/invite/${encodeURIComponent(route.token)}`;
    case "flows":
      return "#/";
    default:
      return `#/${route.screen}`;
  }
}
