// End-to-end tests (test/e2e): the built App (`npm run build:dist` first) as a real process against the fake GitHub
// and, for the Redis tests, a throwaway redis-server. Run with `npm run test:e2e`.
import base from "./jest.config.js";

/** @type {import('jest').Config} */
export default {
  ...base,
  testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/"],
  testTimeout: 120_000,
  // the suites start processes and ports of their own: one file at a time keeps timings honest on 2 cores
  maxWorkers: 1,
};
