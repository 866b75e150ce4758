// Entry of the bundled Action (action/dist/index.mjs). Usage errors fail the step with a message saying what to fix.
import { runAction } from "./run-action.js";
import { InputError } from "./inputs.js";
import { GitError } from "../sources/git.js";
import { UsageError } from "../cli/args.js";
import { VERSION } from "../version.js";

try {
  process.exitCode = await runAction({ env: process.env, stdout: (s) => void process.stdout.write(s), now: () => new Date(), version: VERSION });
} catch (error) {
  if (error instanceof InputError || error instanceof GitError || error instanceof UsageError) {
    process.stdout.write(`::error::SAS Guard: ${error.message}\n`);
    process.exitCode = 2;
  } else throw error;
}
