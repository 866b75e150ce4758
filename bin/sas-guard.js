#!/usr/bin/env node
// Entry of the `sas-guard` command: runs the built CLI (npm ci builds dist/ through the prepare script).
import { main } from "../dist/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
