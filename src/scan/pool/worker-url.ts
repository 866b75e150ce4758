// Where the worker's compiled entry point is. Worker threads run plain JavaScript:
// - from dist/ (npm run build:dist) it is the sibling scan-worker.js;
// - from the committed bundles (action/dist/cli.mjs) it is the sibling bundle scan-worker.mjs;
// - when this module runs from src/ (Jest transpiles the .ts on the fly) the worker still loads the build in
//   dist/, which the tests build first (test/cli/cli-harness.ts ensureBuilt).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function scanWorkerUrl(): URL {
  const here = import.meta.url;
  const url = here.endsWith(".ts")
    ? new URL("../../../dist/scan/pool/scan-worker.js", here)
    : new URL(here.endsWith(".mjs") ? "./scan-worker.mjs" : "./scan-worker.js", here);
  if (!existsSync(fileURLToPath(url)))
    throw new Error(`the scan worker is missing: ${fileURLToPath(url)} (npm run build:dist; or --threads 0 to scan in one thread)`);
  return url;
}
