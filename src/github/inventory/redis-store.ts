// The inventory in Redis (REDIS_URL, the Redis the job queue already uses): one hash per org,
// `sas-guard:inventory:<org>`, a field per record (`record:<fingerprint>`), per repository (`repo:<name>`) and one
// `meta` field; the set `sas-guard:inventory:orgs` lists the orgs. Updates are optimistic transactions
// (WATCH/MULTI): two replicas updating one org never lose each other's change, the loser retries.
import { Redis } from "ioredis";
import { KeyedLock, type InventoryStore } from "./store.js";
import { emptyInventory, type OrgInventory } from "./types.js";

export const INVENTORY_PREFIX = "sas-guard:inventory";
const MAX_TRIES = 20;

function decode(org: string, hash: Record<string, string>): OrgInventory {
  const inv = emptyInventory(org);
  for (const [field, value] of Object.entries(hash)) {
    if (field === "meta") Object.assign(inv, JSON.parse(value), { records: inv.records, repos: inv.repos });
    else if (field.startsWith("record:")) inv.records[field.slice(7)] = JSON.parse(value);
    else if (field.startsWith("repo:")) inv.repos[field.slice(5)] = JSON.parse(value);
  }
  return inv;
}

function encode(inv: OrgInventory): Record<string, string> {
  const { records, repos, ...meta } = inv;
  const out: Record<string, string> = { meta: JSON.stringify(meta) };
  for (const [k, v] of Object.entries(records)) out[`record:${k}`] = JSON.stringify(v);
  for (const [k, v] of Object.entries(repos)) out[`repo:${k}`] = JSON.stringify(v);
  return out;
}

export class RedisInventoryStore implements InventoryStore {
  readonly #redis: Redis;
  readonly #lock = new KeyedLock();

  constructor(url: string) {
    this.#redis = new Redis(url, { maxRetriesPerRequest: 3 });
  }

  #key = (org: string): string => `${INVENTORY_PREFIX}:${org.toLowerCase()}`;

  async read(org: string): Promise<OrgInventory> {
    return decode(org, await this.#redis.hgetall(this.#key(org)));
  }

  // WATCH is per connection: steps of this process are serialised, other processes are caught by EXEC.
  update(org: string, change: (inventory: OrgInventory) => OrgInventory | void): Promise<OrgInventory> {
    return this.#lock.run(org.toLowerCase(), async () => {
      const key = this.#key(org);
      for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
        await this.#redis.watch(key);
        const raw = await this.#redis.hgetall(key);
        const current = decode(org, raw);
        let next: OrgInventory;
        try {
          next = change(current) ?? current;
        } catch (error) {
          await this.#redis.unwatch();
          throw error;
        }
        const fields = encode(next);
        const stale = Object.keys(raw).filter((f) => !(f in fields));
        const tx = this.#redis.multi();
        if (stale.length) tx.hdel(key, ...stale);
        tx.hset(key, fields).sadd(`${INVENTORY_PREFIX}:orgs`, org.toLowerCase());
        if ((await tx.exec()) !== null) return next;
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
      throw new Error(`inventory of ${org}: ${MAX_TRIES} concurrent updates in a row, giving up`);
    });
  }

  async orgs(): Promise<string[]> {
    const names = await this.#redis.smembers(`${INVENTORY_PREFIX}:orgs`);
    const out: string[] = [];
    for (const n of names) out.push((await this.read(n)).org);
    return out.sort();
  }

  async delete(org: string): Promise<void> {
    await this.#redis.multi().del(this.#key(org)).srem(`${INVENTORY_PREFIX}:orgs`, org.toLowerCase()).exec();
  }

  async close(): Promise<void> {
    await this.#redis.quit().catch(() => undefined);
  }
}
