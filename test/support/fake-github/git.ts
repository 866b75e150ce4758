// Git's object model, small: blobs, trees and commits with the ids git itself computes (SHA-1 of
// "<type> <size>\0<body>"), so SHAs in the fake behave like GitHub's (content-addressed, stable, 40 hex).
import { createHash } from "node:crypto";

export interface Blob {
  sha: string;
  content: Buffer;
}
export interface TreeEntry {
  name: string;
  mode: "100644" | "100755" | "040000" | "120000" | "160000";
  type: "blob" | "tree" | "commit";
  sha: string;
}
export interface Tree {
  sha: string;
  entries: TreeEntry[];
}
export interface Commit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: { name: string; email: string; date: string };
}

const hash = (type: string, body: Buffer): string => createHash("sha1").update(`${type} ${body.length}\0`).update(body).digest("hex");

/** Every object of one repository, by SHA. Files are written as path → text (null deletes). */
export class ObjectStore {
  readonly blobs = new Map<string, Blob>();
  readonly trees = new Map<string, Tree>();
  readonly commits = new Map<string, Commit>();

  putBlob(content: string | Buffer): string {
    const buf = Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8");
    const sha = hash("blob", buf);
    this.blobs.set(sha, { sha, content: buf });
    return sha;
  }

  /** Builds the trees for a flat path → blob SHA map; returns the root tree SHA. */
  putFiles(files: Map<string, string>): string {
    const root = new Map<string, unknown>();
    for (const [path, sha] of files) {
      const parts = path.split("/");
      let dir = root;
      for (const p of parts.slice(0, -1)) {
        if (!dir.has(p)) dir.set(p, new Map<string, unknown>());
        dir = dir.get(p) as Map<string, unknown>;
      }
      dir.set(parts[parts.length - 1], sha);
    }
    const write = (dir: Map<string, unknown>): string => {
      const entries: TreeEntry[] = [];
      for (const [name, v] of dir) {
        if (typeof v === "string") entries.push({ name, mode: "100644", type: "blob", sha: v });
        else entries.push({ name, mode: "040000", type: "tree", sha: write(v as Map<string, unknown>) });
      }
      // git orders entries by name, a directory compared as if its name ended in "/"
      const key = (e: TreeEntry) => (e.type === "tree" ? `${e.name}/` : e.name);
      entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      const body = Buffer.concat(
        entries.map((e) => Buffer.concat([Buffer.from(`${e.mode === "040000" ? "40000" : e.mode} ${e.name}\0`), Buffer.from(e.sha, "hex")])),
      );
      const sha = hash("tree", body);
      this.trees.set(sha, { sha, entries });
      return sha;
    };
    return write(root);
  }

  putCommit(tree: string, parents: string[], message: string, date: Date): string {
    const author = { name: "Monalisa Octocat", email: "octocat@example.com", date: date.toISOString().replace(/\.\d{3}Z$/, "Z") };
    const stamp = `${author.name} <${author.email}> ${Math.floor(date.getTime() / 1000)} +0000`;
    const body = Buffer.from([`tree ${tree}`, ...parents.map((p) => `parent ${p}`), `author ${stamp}`, `committer ${stamp}`, "", message, ""].join("\n"));
    const sha = hash("commit", body);
    this.commits.set(sha, { sha, tree, parents, message, author });
    return sha;
  }

  /** path → blob SHA for every file of a tree. */
  flatten(treeSha: string, prefix = "", out = new Map<string, string>()): Map<string, string> {
    for (const e of this.trees.get(treeSha)?.entries ?? []) {
      if (e.type === "tree") this.flatten(e.sha, `${prefix}${e.name}/`, out);
      else out.set(`${prefix}${e.name}`, e.sha);
    }
    return out;
  }

  filesOf(commitSha: string): Map<string, string> {
    const c = this.commits.get(commitSha);
    return c ? this.flatten(c.tree) : new Map();
  }

  text(blobSha: string): string {
    return this.blobs.get(blobSha)?.content.toString("utf8") ?? "";
  }

  /** Commits reachable from `sha`, nearest first (breadth-first over parents). */
  ancestors(sha: string): string[] {
    const seen: string[] = [];
    const set = new Set<string>();
    const queue = [sha];
    while (queue.length > 0) {
      const s = queue.shift()!;
      if (set.has(s) || !this.commits.has(s)) continue;
      set.add(s);
      seen.push(s);
      queue.push(...this.commits.get(s)!.parents);
    }
    return seen;
  }

  mergeBase(a: string, b: string): string | undefined {
    const fromA = new Set(this.ancestors(a));
    return this.ancestors(b).find((s) => fromA.has(s));
  }
}
