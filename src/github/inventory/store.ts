// Where the inventory lives. Two implementations of one interface: Redis (REDIS_URL: one hash per org, shared by
// every replica, updated with optimistic transactions) and an embedded on-disk store (one JSON file per org,
// written atomically) by default. `update` is read-modify-write, serialised per org.
import { FileInventoryStore } from "./file-store.js";
import { RedisInventoryStore } from "./redis-store.js";
import type { OrgInventory } from "./types.js";

export interface InventoryStore {
  read(org: string): Promise<OrgInventory>;
  /** Applies `change` to the org's current inventory and saves it, as one step (no lost update between replicas). */
  update(org: string, change: (inventory: OrgInventory) => OrgInventory | void): Promise<OrgInventory>;
  /** Every org with stored data. */
  orgs(): Promise<string[]>;
  /** Deletes everything stored about `org`. */
  delete(org: string): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = "./.sas-guard-data";

/** Redis when REDIS_URL is set, otherwise `${SAS_GUARD_DATA_DIR:-./.sas-guard-data}/inventory`. */
export function createInventoryStore(env: NodeJS.ProcessEnv): InventoryStore {
  if (env.REDIS_URL) return new RedisInventoryStore(env.REDIS_URL);
  return new FileInventoryStore(`${env.SAS_GUARD_DATA_DIR || DEFAULT_DATA_DIR}/inventory`);
}

/** Serialises async steps per key within one process. */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<unknown>>();
  run<T>(key: string, step: () => Promise<T>): Promise<T> {
    const prev = this.#tails.get(key) ?? Promise.resolve();
    const next = prev.then(step, step);
    const tail = next.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => this.#tails.get(key) === tail && this.#tails.delete(key));
    return next;
  }
}
