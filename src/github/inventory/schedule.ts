// Keeps the inventory current without new pushes: every `checkEveryMs` (default 1 hour) each org whose last
// re-evaluation is older than its `inventory.reevaluateHours` (default 24) is re-evaluated (reevaluate.ts).
// With REDIS_URL the tick is a repeatable BullMQ job (a job scheduler), so one replica runs it per tick however
// many there are; with the embedded queue it is a timer in this process. The app entry starts and stops it.
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { GitHubClient } from "../github-client.js";
import { reevaluateOrg, type ReevaluateOutcome } from "./reevaluate.js";
import type { InventoryStore } from "./store.js";

export const SCHEDULE_QUEUE = "sas-guard-inventory";
const DEFAULT_CHECK_MS = 3_600_000;

export interface ScheduleOptions {
  store: InventoryStore;
  /** An installation client for an org's installation id. */
  auth: (installationId: number) => Promise<GitHubClient>;
  webBaseUrl: string;
  now?: () => Date;
  /** How often to look for orgs that are due (ms). */
  checkEveryMs?: number;
  redisUrl?: string;
  log?: { info: (o: object, msg: string) => void; warn: (o: object, msg: string) => void };
}

export interface InventorySchedule {
  /** One tick now: re-evaluates every org that is due. */
  runOnce(): Promise<Map<string, ReevaluateOutcome>>;
  stop(): Promise<void>;
}

/** SAS_GUARD_INVENTORY_CHECK_MINUTES (whole minutes, default 60). */
export const checkEveryMsFrom = (env: NodeJS.ProcessEnv): number =>
  env.SAS_GUARD_INVENTORY_CHECK_MINUTES && /^\d+$/.test(env.SAS_GUARD_INVENTORY_CHECK_MINUTES)
    ? Math.max(1, Number(env.SAS_GUARD_INVENTORY_CHECK_MINUTES)) * 60_000
    : DEFAULT_CHECK_MS;

export function startInventorySchedule(o: ScheduleOptions): InventorySchedule {
  const now = o.now ?? (() => new Date());
  const log = o.log ?? { info: () => {}, warn: () => {} };
  const every = o.checkEveryMs ?? DEFAULT_CHECK_MS;

  async function runOnce(): Promise<Map<string, ReevaluateOutcome>> {
    const done = new Map<string, ReevaluateOutcome>();
    for (const org of await o.store.orgs()) {
      const inv = await o.store.read(org);
      const last = inv.lastReevaluatedAt ? Date.parse(inv.lastReevaluatedAt) : 0;
      if (inv.installationId === undefined || now().getTime() - last < (inv.reevaluateHours ?? 24) * 3_600_000) continue;
      try {
        const outcome = await reevaluateOrg(org, { client: await o.auth(inv.installationId), store: o.store, now: now(), webBaseUrl: o.webBaseUrl });
        done.set(org, outcome);
        log.info({ org, changed: outcome.changed, newlyFailing: outcome.newlyFailing.length }, "inventory re-evaluated");
      } catch (error) {
        log.warn({ org, err: error }, "inventory re-evaluation failed; next tick tries again");
      }
    }
    return done;
  }

  if (o.redisUrl) {
    const connection = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(SCHEDULE_QUEUE, { connection, prefix: "sas-guard" });
    const workerConnection = connection.duplicate();
    const worker = new Worker(SCHEDULE_QUEUE, async () => void (await runOnce()), { connection: workerConnection, prefix: "sas-guard", concurrency: 1 });
    worker.on("error", (err) => log.warn({ err }, "inventory schedule worker error"));
    void queue
      .upsertJobScheduler("reevaluate", { every }, { name: "reevaluate", opts: { removeOnComplete: 100, removeOnFail: 100 } })
      .catch((err: unknown) => log.warn({ err }, "could not schedule the inventory re-evaluation"));
    return {
      runOnce,
      async stop() {
        await worker.close();
        await queue.close();
        await connection.quit().catch(() => undefined);
        await workerConnection.quit().catch(() => undefined);
      },
    };
  }
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void runOnce().finally(() => (running = false));
  }, every);
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
    },
  };
}
