export type { WhatsAppStatus } from "./whatsapp-service.ts";
