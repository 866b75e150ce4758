// `npm run worker`: consumes the Redis queue without serving webhooks (scale workers apart from web replicas).
import { createWorkerProbot } from "./github/probot-factory.js";
import { jobProcessor } from "./index.js";
import { redisQueueOptions } from "./queue/create-queue.js";
import { RedisQueue } from "./queue/redis-queue.js";
import { createLogger } from "./server/logger.js";
import { createMetrics } from "./server/metrics.js";
import { installScanPool } from "./scan/pool/installed-pool.js";
import { poolFromEnv } from "./scan/pool/pool-settings.js";
import { webBaseUrl } from "./github/client-factory.js";
import { createInventoryStore } from "./github/inventory/store.js";
import { checkEveryMsFrom, startInventorySchedule } from "./github/inventory/schedule.js";

const log = createLogger();
if (!process.env.REDIS_URL) {
  log.error("npm run worker needs REDIS_URL: the worker consumes the Redis job queue the app replicas fill");
  process.exit(2);
}
// Same settings as the app replicas (src/queue/create-queue.ts): a worker must not use other retry or lock times.
const queue = new RedisQueue(redisQueueOptions(process.env));
const probot = createWorkerProbot(log);
const pool = poolFromEnv(process.env, undefined, true); // scans on worker threads, SAS_GUARD_SCAN_THREADS (default: cores - 1, at least 1)
installScanPool(pool);
const inventory = process.env.SAS_GUARD_INVENTORY === "false" ? undefined : { store: createInventoryStore(process.env) };
queue.startWorker(
  jobProcessor(
    probot,
    inventory ? { inventory } : {},
    createMetrics(() => queue.depth()),
  ),
);
const schedule = inventory
  ? startInventorySchedule({
      store: inventory.store,
      auth: (id) => probot.auth(id),
      webBaseUrl: webBaseUrl(),
      redisUrl: process.env.REDIS_URL,
      checkEveryMs: checkEveryMsFrom(process.env),
      log,
    })
  : undefined;
log.info("worker started");

process.on("SIGTERM", async () => {
  log.info("SIGTERM: finishing running jobs");
  await queue.close();
  await schedule?.stop().catch(() => undefined);
  await pool?.close();
  await inventory?.store.close();
  process.exit(0);
});
