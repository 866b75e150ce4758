// Production entry point: `node dist/main.js` (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, … from env / .env).
// Webhooks are acknowledged at once and scanned in the background: the embedded queue by default, BullMQ on Redis
// when REDIS_URL is set. SIGTERM stops taking jobs and lets the running ones finish.
import { run, type Probot } from "probot";
import { createApp } from "./index.js";
import { probotOctokit } from "./github/probot-factory.js";
import { createLogger } from "./server/logger.js";
import { createQueue } from "./queue/create-queue.js";
import { failAbandonedJobs } from "./server/shutdown.js";
import { webBaseUrl } from "./github/client-factory.js";
import { createInventoryStore } from "./inventory/store.js";
import { checkEveryMsFrom, startInventorySchedule } from "./inventory/schedule.js";

const log = createLogger();
const queue = createQueue(process.env, log);
let app: Probot | undefined;
// The organisation inventory (README "Organisation inventory"): SAS_GUARD_INVENTORY=false turns it off for every org.
const inventory = process.env.SAS_GUARD_INVENTORY === "false" ? undefined : { store: createInventoryStore(process.env) };
const worker = process.env.SAS_GUARD_WORKER !== "false";
const server = await run(createApp({ queue, worker, onLoad: (a) => (app = a), ...(inventory ? { inventory } : {}) }), { log, Octokit: probotOctokit() });
const schedule = inventory && worker ? startInventorySchedule({ store: inventory.store, auth: (id) => app!.auth(id), webBaseUrl: webBaseUrl(), redisUrl: process.env.REDIS_URL, checkEveryMs: checkEveryMsFrom(process.env), log }) : undefined;

let stopping = false;
process.on("SIGTERM", async () => {
  if (stopping) return;
  stopping = true;
  log.info("SIGTERM: no new jobs; finishing the running ones");
  await server.stop().catch(() => undefined);
  await queue.close();
  await schedule?.stop().catch(() => undefined);
  await inventory?.store.close();
  await failAbandonedJobs(queue, log, app);
  process.exit(0);
});
