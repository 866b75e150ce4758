// Production entry point: `node dist/main.js` (reads APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, … from env / .env).
import { run } from "probot";
import app from "./index.js";

await run(app);
