#!/usr/bin/env node
// Entry of the `sas-guard` command. Runs the build in dist/ (npm ci builds it through the prepare script), or the
// committed bundle action/dist/cli.mjs where nothing was built (a pre-commit hook's install).
import { existsSync } from "node:fs";

const built = new URL("../dist/cli/main.js", import.meta.url);
if (existsSync(built)) {
  const { main } = await import(built.href);
  process.exitCode = await main(process.argv.slice(2));
} else {
  await import(new URL("../action/dist/cli.mjs", import.meta.url).href);
}
