import { defineConfig } from "vitest/config";

export default defineConfig({
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
