// Builds the committed bundles the GitHub Action and the pre-commit hook run without `npm install`:
// action/dist/index.mjs (the Action) and action/dist/cli.mjs (the CLI). `npm run build:action` after any change in
// src/; test/action/bundle.test.ts fails when the committed bundles are out of date.
import { build } from "esbuild";
import { readFileSync } from "node:fs";

const version = JSON.parse(readFileSync("package.json", "utf8")).version;
const outdir = process.argv[2] ?? "action/dist";

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  legalComments: "none",
  sourcemap: false,
  minify: false,
  logLevel: "warning",
  define: { SAS_GUARD_VERSION: JSON.stringify(version) },
  // Some bundled CommonJS dependencies call require(): give the ES module one.
  banner: { js: 'import { createRequire as __sasGuardRequire } from "node:module"; const require = __sasGuardRequire(import.meta.url);' },
};

await build({ ...common, entryPoints: ["src/action/main.ts"], outfile: `${outdir}/index.mjs` });
await build({ ...common, entryPoints: ["src/cli/bin.ts"], outfile: `${outdir}/cli.mjs` });
