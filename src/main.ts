// Production entry point: `node dist/main.js` (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, … from env / .env).
// Webhooks are acknowledged at once and scanned in the background: the embedded queue by default, BullMQ on Redis
// when REDIS_URL is set. SIGTERM stops taking jobs and lets the running ones finish.
import { existsSync } from "node:fs";
import { run, type Probot } from "probot";
import { createApp } from "./index.js";
import { probotOctokit } from "./github/probot-factory.js";
import { createLogger } from "./server/logger.js";
import { createQueue } from "./queue/create-queue.js";
import { installScanPool } from "./scan/pool/installed-pool.js";
import { poolFromEnv } from "./scan/pool/pool-settings.js";
import { shutdown } from "./server/shutdown.js";
import { inSetupMode, startSetupMode } from "./server/setup-mode.js";
import { refuseUnsafeProductionStart } from "./server/startup-checks.js";
import { webBaseUrl } from "./github/client-factory.js";
import { createInventoryStore } from "./github/inventory/store.js";
import { checkEveryMsFrom, startInventorySchedule } from "./github/inventory/schedule.js";

const log = createLogger();
// Probot's run() reads .env itself; the setup-mode check needs it first (variables already set win).
if (existsSync(".env")) process.loadEnvFile(".env");
// `npm start` before the App is registered: the setup page (src/server/setup-mode.ts), nothing else.
if (inSetupMode(process.env)) {
  const setup = await startSetupMode(process.env, log);
  process.on("SIGTERM", () => setup.close(() => process.exit(0)));
} else {
  refuseUnsafeProductionStart(); // before anything listens: no production App without a real webhook secret
  await startApp();
}

async function startApp(): Promise<void> {
  const queue = createQueue(process.env, log);
  // Scans run on worker threads (SAS_GUARD_SCAN_THREADS, default one per core but one): this thread verifies, enqueues, acks and talks to GitHub.
  const pool = poolFromEnv(process.env, undefined, true);
  installScanPool(pool);
  let app: Probot | undefined;
  // The organisation inventory (README "Organisation inventory"): SAS_GUARD_INVENTORY=false turns it off for every org.
  const inventory = process.env.SAS_GUARD_INVENTORY === "false" ? undefined : { store: createInventoryStore(process.env) };
  const worker = process.env.SAS_GUARD_WORKER !== "false";
  const server = await run(createApp({ queue, worker, onLoad: (a) => (app = a), ...(inventory ? { inventory } : {}) }), { log, Octokit: probotOctokit() });
  const schedule =
    inventory && worker
      ? startInventorySchedule({
          store: inventory.store,
          auth: (id) => app!.auth(id),
          webBaseUrl: webBaseUrl(),
          redisUrl: process.env.REDIS_URL,
          checkEveryMs: checkEveryMsFrom(process.env),
          log,
        })
      : undefined;

  let stopping = false;
  process.on("SIGTERM", async () => {
    if (stopping) return;
    stopping = true;
    log.info("SIGTERM: no new jobs; finishing the running ones");
    await schedule?.stop().catch(() => undefined);
    await shutdown({ server, queue, pool, log, probot: app });
    await inventory?.store.close();
    process.exit(0);
  });
}
