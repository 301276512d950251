import { useSyncExternalStore } from "react";
import { parseRoute, type Route, routeHash } from "./route.ts";

const subscribe = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};

/** The current route, following the back and forward buttons. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

export function navigate(route: Route) {
  window.location.hash = routeHash(route);
}
