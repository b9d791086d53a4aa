import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) builds. Node, and so `npm start`,
    // loads the CJS one everywhere; Vite's resolver would pick the ESM one for our
    // own files while dependencies keep the CJS one: two graphql instances in one
    // process ("Cannot use GraphQLSchema from another module or realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    include: ["{server,shared,client,test}/**/*.test.{ts,tsx}"],
    globalSetup: ["test/globalSetup.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: the embedded database, the servers under test and Chromium share them.
    maxWorkers: 2,
    reporters: process.env.CI ? ["default"] : ["default"],
  },
});
