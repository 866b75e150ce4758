// The embedded inventory store: one JSON file per org under a data directory, written to a temporary file and
// renamed over the old one, so a crash mid-write leaves the previous version intact (rename is atomic on POSIX).
// One process at a time: replicas must use Redis.
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { KeyedLock, type InventoryStore } from "./store.js";
import { emptyInventory, type OrgInventory } from "./types.js";

// An org login is [A-Za-z0-9-]; anything else is encoded so a name can never leave the directory.
const fileName = (org: string): string => `${encodeURIComponent(org.toLowerCase()).replace(/\./g, "%2E")}.json`;

export class FileInventoryStore implements InventoryStore {
  readonly #lock = new KeyedLock();
  constructor(readonly dir: string) {}

  async read(org: string): Promise<OrgInventory> {
    try {
      return JSON.parse(await readFile(join(this.dir, fileName(org)), "utf8")) as OrgInventory;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyInventory(org);
      throw error;
    }
  }

  update(org: string, change: (inventory: OrgInventory) => OrgInventory | void): Promise<OrgInventory> {
    return this.#lock.run(org.toLowerCase(), async () => {
      const current = await this.read(org);
      const next = change(current) ?? current;
      await this.#write(org, next);
      return next;
    });
  }

  async #write(org: string, inventory: OrgInventory): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const target = join(this.dir, fileName(org));
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, `${JSON.stringify(inventory)}\n`, { mode: 0o600 });
    await rename(temp, target);
  }

  async orgs(): Promise<string[]> {
    try {
      const names = await readdir(this.dir);
      const out: string[] = [];
      for (const n of names.filter((x) => x.endsWith(".json"))) out.push((await this.read(decodeURIComponent(n.slice(0, -5)))).org);
      return out;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
  }

  async delete(org: string): Promise<void> {
    await this.#lock.run(org.toLowerCase(), () => rm(join(this.dir, fileName(org)), { force: true }));
  }

  async close(): Promise<void> {}
}
