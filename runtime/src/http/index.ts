export { acceptsEventStream, createEventStream } from "./event-stream.ts";
