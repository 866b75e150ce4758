// ESLint (flat config): typescript-eslint's recommended rules, without type information so `npm run lint` stays
// fast. Formatting is not linted. Run by `npm test` (pretest) after the type check.
//
// typescript-eslint parses with TypeScript's JS API, which TypeScript 7 (the Go compiler this project type-checks
// with) no longer ships. As the TS 7 release notes advise, the API comes from TypeScript 6 installed side by side
// (devDependency `typescript6`): typescript-eslint's own `require("typescript")` is pointed at it, nothing else.
import Module, { createRequire } from "node:module";
import js from "@eslint/js";

const require = createRequire(import.meta.url);
const typescript6 = require.resolve("typescript6");
const LINTER_PACKAGES = /[\\/]node_modules[\\/](?:@typescript-eslint|typescript-eslint|ts-api-utils)[\\/]/;
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === "typescript" && LINTER_PACKAGES.test(parent?.filename ?? "")) return typescript6;
  return resolveFilename.call(this, request, parent, ...rest);
};
const { default: tseslint } = await import("typescript-eslint");

export default tseslint.config(
  { ignores: ["dist/", "dist-support/", "action/dist/", "coverage/", "node_modules/"] },
  {
    files: ["src/**/*.ts", "test/**/*.ts"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    // a leading underscore marks a parameter or binding kept on purpose (a position in a signature, a destructured rest)
    rules: { "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }] },
  },
  // Escaping strips control characters and ESC sequences on purpose (terminal, Markdown, workflow commands).
  { files: ["src/report/**/*.ts", "src/detect/**/*.ts", "test/**/*.ts"], rules: { "no-control-regex": "off" } },
  // Tests read webhook payloads, request bodies and SARIF as untyped JSON.
  { files: ["test/**/*.ts"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
);
