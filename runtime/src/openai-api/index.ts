export { CHAT_ID_HEADER } from "./complete-chat.ts";
