export { BACKEND_USER } from "./api-user.ts";
