/** @type {import('jest').Config} */
export default {
  testEnvironment: "node",
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  // test/e2e runs the built App as a process: `npm run test:e2e` (jest.e2e.config.js)
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
  setupFiles: ["<rootDir>/test/setup-polyfills.ts"],
  extensionsToTreatAsEsm: [".ts"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "es6" } },
    ],
  },
  // source uses NodeNext-style "./x.js" specifiers; map them back to the .ts file for Jest
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  testTimeout: 30000,
  // nock patches Node's http and fetch for the whole process, and a test file's leftover interceptors or
  // disableNetConnect() break the next file's loopback servers. A worker whose memory is above this limit after a
  // file is replaced, so with a limit this low every test file gets a fresh process.
  workerIdleMemoryLimit: "1MB",
  maxWorkers: 2,
};
