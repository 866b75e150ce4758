// `npm run worker`: consumes the Redis queue without serving webhooks (scale workers apart from web replicas).
import { createProbot } from "probot";
import { jobProcessor } from "./index.js";
import { RedisQueue } from "./queue/redis-queue.js";
import { createLogger } from "./server/logger.js";
import { createMetrics } from "./server/metrics.js";

const log = createLogger();
if (!process.env.REDIS_URL) {
  log.error("npm run worker needs REDIS_URL: the worker consumes the Redis job queue the app replicas fill");
  process.exit(2);
}
const queue = new RedisQueue({ url: process.env.REDIS_URL, concurrency: Number(process.env.SAS_GUARD_CONCURRENCY ?? 4) });
const probot = createProbot({ overrides: { log } });
queue.startWorker(jobProcessor(probot, {}, createMetrics(() => queue.depth())));
log.info("worker started");

process.on("SIGTERM", async () => {
  log.info("SIGTERM: finishing running jobs");
  await queue.close();
  process.exit(0);
});
