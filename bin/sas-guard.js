#!/usr/bin/env node
// Entry of the `sas-guard` command. Installed packages (tarball, git URL, registry, pre-commit) run the committed
// single-file bundle action/dist/cli.mjs: nothing is built at install time, so no devDependency is needed. In a
// development clone where `npm run build:dist` has built dist/, that build runs instead (the tests drive it).
import { existsSync } from "node:fs";

const built = new URL("../dist/cli/main.js", import.meta.url);
if (existsSync(built)) {
  const { main } = await import(built.href);
  process.exitCode = await main(process.argv.slice(2));
} else {
  await import(new URL("../action/dist/cli.mjs", import.meta.url).href);
}
