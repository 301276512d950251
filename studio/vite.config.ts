import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** Where `vite` (the dev server) sends API calls: a runtime started with `bun run switchboard serve`. */
const runtime = process.env.SWITCHBOARD_URL ?? "http://localhost:8181";

/**
 * The studio is served by the runtime at `/studio/` (from `dist/`), and in development by
 * Vite's dev server, which forwards the API to a running runtime.
 */
export default defineConfig({
  base: "/studio/",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1024 },
  server: {
    proxy: { "/api": runtime, "/models": runtime, "/health": runtime },
  },
});
