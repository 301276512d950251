/** The studio's screens, addressed by the URL's hash so the server serves one page. */
export type Route = { screen: "flows" } | { screen: "editor"; flowId: string };

/** Reads a hash such as `#/flows/support`. */
export function parseRoute(hash: string): Route {
  const match = /^#\/flows\/([^/]+)$/.exec(hash);
  return match?.[1]
    ? { screen: "editor", flowId: decodeURIComponent(match[1]) }
    : { screen: "flows" };
}

export function routeHash(route: Route): string {
  return route.screen === "editor" ? `#/flows/${encodeURIComponent(route.flowId)}` : "#/";
}
