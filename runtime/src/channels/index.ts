export type { ChannelService } from "./channel-service.ts";
