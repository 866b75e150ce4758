// Entry of the bundled CLI (action/dist/cli.mjs), used where there is no build step (pre-commit).
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
