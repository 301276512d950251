export { createSimulationFiles } from "./simulation-files.ts";
