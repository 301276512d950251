export { toServerEvents } from "./to-server-events.ts";
