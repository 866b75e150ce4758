// Builds the committed bundles the GitHub Action and the pre-commit hook run without `npm install`:
// action/dist/index.mjs (the Action), action/dist/cli.mjs (the CLI) and action/dist/scan-worker.mjs (its scan threads). `npm run build:action` after any change in
// src/; test/action/bundle.test.ts fails when the committed bundles are out of date.
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// The same bytes from any working directory and any checkout location: esbuild names each bundled module in a
// comment by its path relative to absWorkingDir, so that is pinned to the repository root (no absolute paths).
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
const outdir = resolve(process.argv[2] ?? join(root, "action/dist"));

const common = {
  absWorkingDir: root,
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
// The CLI's scan worker threads load this file, next to cli.mjs (src/scan/pool/worker-url.ts).
await build({ ...common, entryPoints: ["src/scan/pool/scan-worker.ts"], outfile: `${outdir}/scan-worker.mjs` });
