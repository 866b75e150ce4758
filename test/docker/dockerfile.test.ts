// The Dockerfile and docker-compose.yml, checked without a Docker engine: the stages, the base image, the same
// npm commands CI runs, production dependencies only, non-root, HOST=0.0.0.0, a HEALTHCHECK on /healthz that the
// app serves, and a CMD whose entry file exists after `npm run build:dist` and needs only production dependencies.
import { execFile, execFileSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { beforeAll, describe, expect, test } from "@jest/globals";
import picomatch from "picomatch";
import { parse as parseYaml } from "yaml";
import { healthHandler } from "../../src/server/health-handler.js";
import { createMetrics } from "../../src/server/metrics.js";
import { freePort } from "../support/ports.js";

const ROOT = resolve(process.cwd());
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

interface Instruction {
  op: string;
  args: string;
}

interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** Dockerfile instructions with line continuations joined and comments (and parser directives) dropped. */
function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!pending && (line === "" || line.startsWith("#"))) continue;
    if (pending && line.startsWith("#")) continue; // comment inside a continued instruction
    if (line.endsWith("\\")) {
      pending += line.slice(0, -1).trim() + " ";
      continue;
    }
    const full = (pending + line).trim();
    pending = "";
    if (!full) continue;
    const m = /^(\S+)\s*(.*)$/s.exec(full)!;
    out.push({ op: m[1].toUpperCase(), args: m[2] });
  }
  return out;
}

function stages(list: Instruction[]): Stage[] {
  const out: Stage[] = [];
  for (const i of list) {
    if (i.op === "FROM") {
      const m = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(i.args)!;
      out.push({ from: m[1], ...(m[2] ? { name: m[2] } : {}), instructions: [] });
    } else if (out.length > 0) {
      out[out.length - 1].instructions.push(i);
    }
  }
  return out;
}

const args = (stage: Stage, op: string) => stage.instructions.filter((i) => i.op === op).map((i) => i.args);

/** ENV a=b c=d (and the legacy ENV a b). */
function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const a of args(stage, "ENV")) {
    if (!a.includes("=")) {
      const [k, ...v] = a.split(/\s+/);
      env[k] = v.join(" ");
      continue;
    }
    for (const m of a.matchAll(/(\w+)=("([^"]*)"|\S*)/g)) env[m[1]] = m[3] ?? m[2];
  }
  return env;
}

/** COPY [--from=x] src... dest → { from, sources, dest }. */
function copies(stage: Stage): { from?: string; sources: string[]; dest: string }[] {
  return args(stage, "COPY").map((a) => {
    const parts = a.split(/\s+/);
    const flags = parts.filter((p) => p.startsWith("--"));
    const rest = parts.filter((p) => !p.startsWith("--"));
    const from = flags.find((f) => f.startsWith("--from="))?.slice("--from=".length);
    return { ...(from ? { from } : {}), sources: rest.slice(0, -1), dest: rest[rest.length - 1] };
  });
}

const nodeMajor = (image: string): number | undefined => {
  const m =
    /^(?:docker\.io\/(?:library\/)?)?node:(\d+)(?:[.\d]*)-(?:bookworm-|trixie-)?slim(?:@sha256:[0-9a-f]+)?$/.exec(image) ?? /^node:(\d+)-slim/.exec(image);
  return m ? Number(m[1]) : undefined;
};

const dockerfile = read("Dockerfile");
const all = stages(instructions(dockerfile));
const build = all[0];
const runtime = all[all.length - 1];
const runtimeCmd = (): string[] => {
  const cmds = args(runtime, "CMD");
  expect(cmds.length).toBeGreaterThan(0);
  const cmd = JSON.parse(cmds[cmds.length - 1]) as unknown; // exec form: node is PID 1 and gets SIGTERM
  expect(Array.isArray(cmd)).toBe(true);
  return cmd as string[];
};

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist/main.js")) || !existsSync(join(ROOT, "dist/worker.js"))) {
    execFileSync("npm", ["run", "build:dist"], { cwd: ROOT, stdio: "pipe", timeout: 180_000 });
  }
}, 200_000);

describe("Dockerfile", () => {
  test("is multi-stage: a build stage, then a runtime stage on node:22-slim or newer", () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(build.name).toBeDefined();
    expect(runtime).not.toBe(build);
    expect(nodeMajor(runtime.from)).toBeGreaterThanOrEqual(22);
    expect(nodeMajor(build.from)).toBe(nodeMajor(runtime.from)); // built with the Node it runs on
    // the runtime takes only the build output from the build stage, never its node_modules (dev dependencies)
    const fromBuild = copies(runtime).filter((c) => c.from === build.name);
    expect(fromBuild.length).toBeGreaterThan(0);
    for (const c of fromBuild) for (const s of c.sources) expect(s).not.toMatch(/node_modules/);
    expect(fromBuild.flatMap((c) => c.sources)).toContain("/app/dist");
  });

  test("the build stage runs npm ci and npm run build:dist, commands CI runs and package.json defines", () => {
    const runs = args(build, "RUN").join(" && ");
    expect(runs).toMatch(/\bnpm ci\b/);
    expect(runs).toMatch(/\bnpm run build:dist\b/);
    expect(runs.indexOf("npm ci")).toBeLessThan(runs.indexOf("npm run build:dist"));
    expect(read(".ci/run")).toMatch(/^npm ci\b/m);
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
    expect(scripts["build:dist"]).toMatch(/tsc -p tsconfig\.build\.json/);
    expect(scripts["test:e2e"]).toMatch(/^npm run build:dist\b/);
    // everything the build reads is copied in: package files, both tsconfigs, the sources
    const copied = copies(build).flatMap((c) => c.sources);
    for (const f of ["package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json", "src"]) expect(copied).toContain(f);
  });

  test("the runtime installs production dependencies only, from the lock file", () => {
    const runs = args(runtime, "RUN").join(" && ");
    expect(runs).toMatch(/\bnpm ci\b[^&]*--omit=dev/);
    for (const m of runs.matchAll(/\bnpm (ci|install|i)\b[^&]*/g)) expect(m[0]).toMatch(/--omit=dev/);
    const copied = copies(runtime)
      .filter((c) => !c.from)
      .flatMap((c) => c.sources);
    expect(copied).toEqual(expect.arrayContaining(["package.json", "package-lock.json"]));
  });

  test("the runtime copies what the app reads at run time: dist/, package.json (version) and app.yml", () => {
    const dests = copies(runtime).map((c) => ({ sources: c.sources, dest: c.dest }));
    expect(dests).toEqual(expect.arrayContaining([expect.objectContaining({ sources: ["/app/dist"], dest: "./dist" })]));
    const plain = copies(runtime)
      .filter((c) => !c.from)
      .flatMap((c) => c.sources);
    expect(plain).toEqual(expect.arrayContaining(["package.json", "app.yml"]));
  });

  test("every COPY source from the build context exists and is not excluded by .dockerignore", () => {
    const ignore = read(".dockerignore")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
    const ignored = (p: string) => ignore.some((pattern) => picomatch(pattern, { dot: true })(p) || p === pattern || p.startsWith(`${pattern}/`));
    for (const stage of all) {
      for (const c of copies(stage).filter((c) => !c.from)) {
        for (const s of c.sources) {
          expect(existsSync(join(ROOT, s))).toBe(true);
          expect({ source: s, ignored: ignored(s) }).toEqual({ source: s, ignored: false });
        }
      }
    }
    // and what must never reach an image: local secrets, local builds, node_modules
    for (const p of [".env", "app.pem", "node_modules", "dist", ".git"]) expect({ path: p, ignored: ignored(p) }).toEqual({ path: p, ignored: true });
  });

  test("runs as a non-root USER, set before CMD", () => {
    const users = args(runtime, "USER");
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1].split(":")[0];
    expect(["root", "0"]).not.toContain(user);
    const ops = runtime.instructions.map((i) => i.op);
    expect(ops.lastIndexOf("USER")).toBeLessThan(ops.lastIndexOf("CMD"));
  });

  test("sets HOST=0.0.0.0 (Probot listens on localhost otherwise) and NODE_ENV=production", () => {
    const env = envOf(runtime);
    expect(env.HOST).toBe("0.0.0.0");
    expect(env.NODE_ENV).toBe("production");
    expect(args(runtime, "EXPOSE").join(" ")).toContain(env.PORT ?? "3000");
  });

  test("has a HEALTHCHECK on /healthz, a path the app serves", () => {
    const checks = args(runtime, "HEALTHCHECK");
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatch(/\bCMD\b/);
    expect(checks[0]).toMatch(/\/healthz\b/);
    expect(checks[0]).not.toMatch(/\/ping\b/);
    expect(checks[0]).toMatch(/127\.0\.0\.1|localhost/);
    expect(read("src/server/health-handler.ts")).toMatch(/path === "\/healthz"/);
  });

  test("its CMD entry file exists after npm run build:dist, inside a directory the runtime copies", () => {
    const cmd = runtimeCmd();
    expect(cmd[0]).toBe("node");
    const entry = cmd[1];
    expect(entry).toBe("dist/main.js");
    expect(existsSync(join(ROOT, entry))).toBe(true);
    const copiedDirs = copies(runtime).map((c) => c.dest.replace(/^\.\//, "").replace(/\/$/, ""));
    expect(copiedDirs).toContain(entry.split("/")[0]);
    // package.json's start script runs the same file
    expect((JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts.start).toBe(`node ${entry}`);
  });

  test("dist/main.js and dist/worker.js need only production dependencies (what npm ci --omit=dev installs)", () => {
    const pkg = JSON.parse(read("package.json")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const builtins = new Set(builtinModules);
    const needed = new Map<string, string>(); // package → first file importing it
    const seen = new Set<string>();
    const queue = [join(ROOT, "dist/main.js"), join(ROOT, "dist/worker.js")];
    const specifiers = /(?:^|[;\s})])(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)/g;
    while (queue.length) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      expect(existsSync(file)).toBe(true);
      for (const m of readFileSync(file, "utf8").matchAll(specifiers)) {
        const spec = m[1] ?? m[2];
        if (spec.startsWith(".")) queue.push(resolve(dirname(file), spec));
        else if (spec.startsWith("node:") || builtins.has(spec.split("/")[0])) continue;
        else {
          const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
          if (!needed.has(name)) needed.set(name, relative(ROOT, file));
        }
      }
    }
    expect(seen.size).toBeGreaterThan(20); // the graph was really walked
    const notProduction = [...needed].filter(([name]) => !(name in pkg.dependencies)).map(([name, file]) => `${name} (imported by ${file})`);
    expect(notProduction).toEqual([]);
    expect([...needed.keys()]).toEqual(expect.arrayContaining(["probot", "bullmq", "ioredis", "pino", "prom-client"]));
  });
});

interface ComposeService {
  build?: unknown;
  image?: string;
  command?: string | string[];
  env_file?: string | (string | { path: string })[];
  environment?: Record<string, unknown> | string[];
  ports?: string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test: string | string[]; interval?: string };
  volumes?: string[];
}

describe("docker-compose.yml", () => {
  const compose = parseYaml(read("docker-compose.yml")) as { services: Record<string, ComposeService>; volumes?: Record<string, unknown> };
  const svc = (name: string): ComposeService => {
    const s = compose.services[name];
    expect(s).toBeDefined();
    return s;
  };
  const environment = (s: ComposeService): Record<string, unknown> =>
    Array.isArray(s.environment) ? Object.fromEntries(s.environment.map((e) => [e.split("=")[0], e.slice(e.indexOf("=") + 1)])) : (s.environment ?? {});
  const envFiles = (s: ComposeService): string[] =>
    s.env_file === undefined ? [] : (Array.isArray(s.env_file) ? s.env_file : [s.env_file]).map((f) => (typeof f === "string" ? f : f.path));
  const healthTest = (s: ComposeService): string => {
    expect(s.healthcheck).toBeDefined();
    const t = s.healthcheck!.test;
    return Array.isArray(t) ? t.join(" ") : t;
  };

  test("has the services app, worker and redis", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["app", "redis", "worker"]);
  });

  test("app: the web replica, built from the Dockerfile, on 0.0.0.0, enqueuing to Redis without consuming", () => {
    const app = svc("app");
    expect(app.build).toBeDefined();
    const env = environment(app);
    expect(env.HOST).toBe("0.0.0.0");
    expect(env.REDIS_URL).toBe("redis://redis:6379");
    expect(env.SAS_GUARD_WORKER).toBe("false"); // a string: compose rejects booleans in environment maps
    for (const v of Object.values(env)) expect(typeof v).toBe("string");
    expect(envFiles(app)).toEqual([".env"]);
    expect(app.ports).toEqual(["3000:3000"]);
    expect(healthTest(app)).toMatch(/\/healthz\b/);
    expect(app.depends_on).toMatchObject({ redis: { condition: "service_healthy" } });
  });

  test("worker: the same image, running the worker entry (npm run worker / node dist/worker.js)", () => {
    const worker = svc("worker");
    const app = svc("app");
    expect(worker.image ?? worker.build).toEqual(app.image ?? app.build);
    const command = Array.isArray(worker.command) ? worker.command.join(" ") : (worker.command ?? "");
    expect(command).toMatch(/^(npm run worker|node dist\/worker\.js)$/);
    expect((JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts.worker).toBe("node dist/worker.js");
    expect(existsSync(join(ROOT, "dist/worker.js"))).toBe(true);
    const env = environment(worker);
    expect(env.REDIS_URL).toBe("redis://redis:6379");
    expect(env.SAS_GUARD_WORKER).toBeUndefined();
    for (const v of Object.values(env)) expect(typeof v).toBe("string");
    expect(envFiles(worker)).toEqual([".env"]);
    expect(worker.ports).toBeUndefined();
    expect(healthTest(worker)).not.toMatch(/\/healthz/); // the worker serves no HTTP
    expect(healthTest(worker)).toMatch(/REDIS_URL/);
    expect(worker.depends_on).toMatchObject({ redis: { condition: "service_healthy" } });
  });

  test("redis: redis:7 with a healthcheck, persistent and without eviction (BullMQ needs noeviction)", () => {
    const redis = svc("redis");
    expect(redis.image).toMatch(/^redis:7(\b|\.|-|$)/);
    expect(healthTest(redis)).toMatch(/redis-cli ping/);
    const command = Array.isArray(redis.command) ? redis.command.join(" ") : (redis.command ?? "");
    expect(command).toMatch(/--maxmemory-policy noeviction/);
    expect(command).toMatch(/--appendonly yes/);
    expect(redis.volumes?.[0]).toMatch(/^redis-data:\/data$/);
    expect(compose.volumes).toHaveProperty("redis-data");
  });

  test("REDIS_URL names the redis service, and env_file is the documented .env", () => {
    for (const name of ["app", "worker"]) {
      const url = new URL(String(environment(svc(name)).REDIS_URL));
      expect(Object.keys(compose.services)).toContain(url.hostname);
    }
    expect(existsSync(join(ROOT, ".env.example"))).toBe(true);
  });
});

describe("the healthcheck commands, run for real (no Docker: the same command lines on this machine)", () => {
  // asynchronous: the health server below runs in this process and must answer while the command waits
  const run = (file: string, argv: string[], env: Record<string, string>) =>
    new Promise<{ status: number | null; stderr: string }>((done) => {
      execFile(file, argv, { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8", timeout: 15_000 }, (error, _stdout, stderr) =>
        done({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stderr }),
      );
    });

  test("the Dockerfile's HEALTHCHECK passes against the app's health handler and fails when nothing answers", async () => {
    const check = args(runtime, "HEALTHCHECK")[0];
    const command = check.slice(check.search(/\bCMD\b/) + "CMD".length).trim();
    const handler = healthHandler(
      async () => false,
      createMetrics(async () => 0),
    ); // liveness does not need readiness
    const server = createServer((req, res) => void handler(req, res).then((ok) => ok || res.writeHead(404).end()));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const port = String((server.address() as AddressInfo).port);
      const up = await run("/bin/sh", ["-c", command], { PORT: port });
      expect({ status: up.status, stderr: up.stderr }).toEqual({ status: 0, stderr: "" });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    const down = await run("/bin/sh", ["-c", command], { PORT: String(await freePort()) });
    expect(down.status).toBe(1);
  });
});
