// The fake GitHub: an HTTP server on 127.0.0.1 (random free port) answering the REST API under /api/v3 and GraphQL
// at /api/graphql, as a GitHub Enterprise Server would (GHE_HOST=127.0.0.1:<port>, GHE_PROTOCOL=http). It records
// every request and can inject faults. Build the scene with createRepo()/repo.commit()/repo.openPullRequest(),
// then hand the payloads from push()/pullRequest() to the App.
import { createPublicKey, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { jwtProblem, newToken } from "./auth.js";
import { Faults, type FaultSpec } from "./faults.js";
import { graphql } from "./graphql.js";
import { json, notFound, readBody, type Reply, type Route } from "./http.js";
import { pullRequestPayload, pushPayload } from "./payloads.js";
import { FakeRepo, type CheckRun, type FileChanges, type PullRequest } from "./repo.js";
import { checkRoutes } from "./routes-checks.js";
import { gitRoutes } from "./routes-git.js";
import { pullRoutes } from "./routes-pulls.js";
import { issueRoutes } from "./routes-issues.js";
import { codeScanningRoutes } from "./routes-code-scanning.js";
import { repoJson } from "./routes-git.js";

export interface RecordedRequest {
  seq: number;
  method: string;
  /** Path and query as received, including `/api/v3`. */
  path: string;
  body: string;
  status: number;
  installationId?: number;
}

export interface FakeGitHubOptions {
  appId: number;
  /** The App's public key (PEM or KeyObject): JWTs must verify against it. */
  publicKey: string | KeyObject;
  /** Recursive trees with more entries come back truncated (default 100 000, like GitHub). */
  treeLimit?: number;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly faults = new Faults();
  readonly repos = new Map<string, FakeRepo>();
  treeLimit: number;
  #server?: Server;
  #port = 0;
  #nextId = 1000;
  readonly #tokens = new Map<string, number>(); // token → installation id
  readonly #publicKey: KeyObject;
  readonly #routes: Route[];
  /** Requests the fake had no route for (a test should fail on any). */
  readonly unhandled: string[] = [];

  constructor(readonly options: FakeGitHubOptions) {
    this.#publicKey = typeof options.publicKey === "string" ? createPublicKey(options.publicKey) : options.publicKey;
    this.treeLimit = options.treeLimit ?? 100_000;
    this.#routes = [...gitRoutes({ treeLimit: () => this.treeLimit }), ...checkRoutes, ...pullRoutes, ...issueRoutes, ...codeScanningRoutes];
  }

  get host(): string {
    return `127.0.0.1:${this.#port}`;
  }
  get apiBase(): string {
    return `http://${this.host}/api/v3`;
  }
  get webBase(): string {
    return `http://${this.host}`;
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.#server!.listen(0, "127.0.0.1", resolve));
    this.#port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  // ---- builder ------------------------------------------------------------------------------------------------

  /** A repository with one commit on `main` holding `files`. */
  createRepo(owner: string, name: string, installationId: number, files: FileChanges = { "README.md": `# ${name}\n` }): FakeRepo {
    const world = { nextId: () => this.#nextId++, now: () => new Date(), apiBase: this.apiBase, webBase: this.webBase };
    const repo = new FakeRepo(world, owner, name, installationId);
    repo.commit("main", files, "Initial commit");
    this.repos.set(repo.fullName, repo);
    return repo;
  }

  /** Commits on `branch` and returns the matching `push` payload. */
  push(repo: FakeRepo, branch: string, changes: FileChanges, message?: string, from?: string): { payload: any; sha: string } {
    const { before, after } = repo.commit(branch, changes, message, from);
    return { payload: pushPayload(repo, `refs/heads/${branch}`, before, after), sha: after };
  }

  /** Opens a pull request from `head` and returns it with its `pull_request.opened` payload. */
  pullRequest(repo: FakeRepo, head: string, options?: { base?: string; title?: string; draft?: boolean }): { pr: PullRequest; payload: any } {
    const pr = repo.openPullRequest(head, options);
    return { pr, payload: pullRequestPayload(repo, pr, "opened") };
  }

  // ---- inspection ---------------------------------------------------------------------------------------------

  /** An installation token without the JWT exchange (tests of the fake itself). */
  issueToken(installationId: number): string {
    const t = newToken();
    this.#tokens.set(t, installationId);
    return t;
  }

  addFault(spec: FaultSpec): void {
    this.faults.add(spec);
  }

  /** Every non-GET request. */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== "GET");
  }

  checkRuns(sha?: string): (CheckRun & { repo: string })[] {
    const out: (CheckRun & { repo: string })[] = [];
    for (const r of this.repos.values()) for (const run of r.checkRuns) if (!sha || run.head_sha === sha) out.push({ ...run, repo: r.fullName });
    return out;
  }

  /** Requests whose path or body contains any of `needles` (secrets that must never reach GitHub). */
  requestsContaining(needles: string[]): RecordedRequest[] {
    return this.requests.filter((r) => needles.some((n) => n && (r.path.includes(n) || r.body.includes(n))));
  }

  // ---- HTTP ---------------------------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", this.webBase);
    const method = req.method ?? "GET";
    const record: RecordedRequest = { seq: this.requests.length + 1, method, path: url.pathname + url.search, body, status: 0 };
    this.requests.push(record);
    let reply: Reply;
    try {
      reply = await this.#answer(req, url, method, body, record);
    } catch (error) {
      reply = json(500, { message: `fake GitHub error: ${(error as Error).stack}` });
    }
    record.status = reply.status;
    const headers: Record<string, string> = {
      "x-github-request-id": `FAKE:${record.seq}`,
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4999",
      "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
      "x-ratelimit-resource": "core",
      ...reply.headers,
    };
    if (reply.raw !== undefined) {
      res.writeHead(reply.status, headers).end(reply.raw);
    } else if (reply.body === undefined) {
      res.writeHead(reply.status, headers).end();
    } else {
      res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(reply.body));
    }
  }

  async #answer(req: IncomingMessage, url: URL, method: string, raw: string, record: RecordedRequest): Promise<Reply> {
    let path = url.pathname;
    const isGraphql = path === "/api/graphql";
    if (!isGraphql) {
      if (!path.startsWith("/api/v3/")) return notFound();
      path = path.slice("/api/v3".length);
    }
    const fault = this.faults.take(`${method} ${path}${url.search}`);
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.reply && !fault.afterHandling) return fault.reply;

    let parsed: any = undefined;
    if (raw) {
      try {
        parsed = JSON.parse(raw);
      } catch {
        return json(400, { message: "Problems parsing JSON" });
      }
    }

    const tokenExchange = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (method === "POST" && tokenExchange) {
      const problem = jwtProblem(req.headers.authorization, this.options.appId, this.#publicKey);
      if (problem) return json(401, { message: problem, documentation_url: "https://docs.github.com/rest" });
      const id = Number(tokenExchange[1]);
      if (![...this.repos.values()].some((r) => r.installationId === id)) return notFound();
      const t = newToken();
      this.#tokens.set(t, id);
      return json(201, {
        token: t,
        expires_at: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
        permissions: { checks: "write", contents: "read", metadata: "read", pull_requests: "write" },
        repository_selection: "all",
      });
    }

    const auth = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    const installationId = auth ? this.#tokens.get(auth[1]) : undefined;
    if (installationId === undefined) return json(401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
    record.installationId = installationId;
    const visible = (r: FakeRepo | undefined) => (r && r.installationId === installationId ? r : undefined);

    if (isGraphql) {
      if (method !== "POST") return notFound();
      const all = () => [...this.repos.values()].filter((r) => r.installationId === installationId);
      const answer = graphql(
        {
          repo: (o, n) => visible(this.repos.get(`${o}/${n}`)),
          thread: (id) =>
            all()
              .flatMap((r) => r.threads)
              .find((t) => t.id === id),
        },
        parsed ?? {},
      );
      return json(answer.status, answer.body);
    }

    // Link headers point at /repositories/{id}/…: map them back to the owner/name form the routes use.
    const byId = /^\/repositories\/(\d+)(\/.*)?$/.exec(path);
    if (byId) {
      const r = [...this.repos.values()].find((x) => x.id === Number(byId[1]));
      if (!r) return notFound();
      path = `/repos/${r.fullName}${byId[2] ?? ""}`;
    }
    // GET /orgs/{org}/repos: the installation's repositories of that owner (one page of up to 100)
    const orgRepos = /^\/orgs\/([^/]+)\/repos$/.exec(path);
    if (orgRepos && method === "GET")
      return json(200, [...this.repos.values()].filter((r) => r.owner === orgRepos[1] && r.installationId === installationId).map(repoJson));
    const m = /^\/repos\/([^/]+)\/([^/]+)/.exec(path);
    const repo = m ? visible(this.repos.get(`${m[1]}/${m[2]}`)) : undefined;
    if (!repo) {
      if (!m) this.unhandled.push(`${method} ${path}`);
      return notFound();
    }
    for (const r of this.#routes) {
      if (r.method !== method) continue;
      const match = r.pattern.exec(path);
      if (!match) continue;
      const reply = await r.handler({ req, method, path, query: url.searchParams, params: { ...match.groups }, body: parsed, repo, url });
      return fault?.reply ?? reply;
    }
    this.unhandled.push(`${method} ${path}`);
    return notFound();
  }
}
