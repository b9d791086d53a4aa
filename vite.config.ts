import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  root: "client",
  plugins: [react()],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    sourcemap: true,
    // dist/client/.vite/manifest.json: the module graph of each chunk, read by bench/bundle.bench.ts.
    manifest: true,
  },
  server: {
    port: 5173,
    proxy: {
      "/graphql": { target: "http://127.0.0.1:4000", ws: true },
      "/auth": "http://127.0.0.1:4000",
      "/yjs": { target: "http://127.0.0.1:4000", ws: true },
      "/healthz": "http://127.0.0.1:4000",
    },
  },
});
