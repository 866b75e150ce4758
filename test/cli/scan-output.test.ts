// `sas-guard scan` end to end: the real process on fixture trees. Output formats, --output, --now, config
// discovery and every exit code (issue 3, "Proof").
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { fakeSig } from "../support/fake-secrets.js";
import {
  cleanup,
  connectionString,
  ensureBuilt,
  expectNothingLeaked,
  findLeaks,
  makeTree,
  REPO,
  sasGuard,
  sasGuardAsync,
  sasUrl,
  scanJson,
  writeFiles,
  type JsonOutput,
  type RunResult,
} from "./cli-harness.js";

const NOW = "2026-01-01";
const TOKEN_KEYS = [
  "account",
  "service",
  "resource",
  "services",
  "resourceTypes",
  "permissions",
  "start",
  "expiry",
  "protocol",
  "ipRange",
  "storedPolicy",
  "version",
  "azureService",
];

let root: string;
let clean: string;

beforeAll(() => {
  ensureBuilt();
  root = makeTree({
    "README.md": `# Demo\n\nSample data: ${sasUrl("readme")}\n`, // read-only container SAS until 2030: medium
    "src/app.js": `// storage\nconst cs = "${connectionString("app")}";\nmodule.exports = cs;\n`, // critical
    // full account SAS until 2026-03-01: high on NOW, expired (info) after
    "docs/rotate.md": `Rotate before March:\n\n    ${sasUrl("rotate", { accountSas: true, expiry: "2026-03-01T00:00:00Z" })}\n`,
    "src/clean.ts": "export const nothing = 1 === 1;\n",
  });
  clean = makeTree({ "index.js": "console.log('hello');\n", "docs/a.md": "# no secrets here, sig is just a word\n" });
});
afterAll(cleanup);

const byPath = (out: JsonOutput) => Object.fromEntries(out.findings.map((f) => [f.path, f]));

describe("text output (default format)", () => {
  let stdout: string;
  let status: number | null;
  beforeAll(() => ({ stdout, status } = sasGuard(["scan", root, "--now", NOW])));

  it("exits 1: there are findings at or above the default threshold (high)", () => {
    expect(status).toBe(1);
    expect(stdout).toMatch(/FAIL: 2 findings at or above high\n$/);
  });

  it("groups findings under their file, relative to the scanned root, worst file first", () => {
    const lines = stdout.split("\n");
    const headers = lines.filter((l) => /^\S/.test(l) && !/^(Suppressed|Skipped|Config: |\d+ findings?|No Azure)/.test(l));
    expect(headers).toEqual(["src/app.js", "docs/rotate.md", "README.md"]);
    expect(stdout).not.toContain(root);
    // each finding block sits under its own file's header
    const section = (file: string): string => {
      const start = lines.indexOf(file);
      const end = lines.findIndex((l, i) => i > start && /^\S/.test(l));
      return lines.slice(start, end).join("\n");
    };
    expect(section("README.md")).toMatch(/^ {2}MEDIUM +service SAS at 3:14$/m);
    expect(section("docs/rotate.md")).toMatch(/^ {2}HIGH +account SAS at 3:5$/m);
    expect(section("src/app.js")).toMatch(/^ {2}CRITICAL connection string at 2:\d+$/m);
  });

  it("shows each finding's severity, redacted token, fingerprint, reasons and remediation", () => {
    expect(stdout).toContain(
      "token        https://contoso.blob.core.windows.net/data?sv=2022-11-02&sr=c&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=<redacted>",
    );
    expect(stdout).toContain("token        DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=<redacted>;EndpointSuffix=core.windows.net");
    expect(stdout.match(/^ {4}fingerprint {2}sg1:[0-9a-f]{24}$/gm)).toHaveLength(3);
    expect(stdout.match(/^ {4}why:$/gm)).toHaveLength(3);
    expect(stdout.match(/^ {4}how to fix:\n {6}1\. \S/gm)).toHaveLength(3);
    expect(stdout).toMatch(/^ {6}- It can only read and list: it cannot change or delete data\.$/m);
    expect(stdout).toMatch(/^ {6}1\. Revoke it: rotate this key on storage account `contoso`/m);
  });

  it("ends with a one-line summary and no colour codes when stdout is not a terminal", () => {
    expect(stdout).toMatch(/^3 findings \(1 critical, 1 high, 1 medium, 0 low, 0 info\); 4 files scanned in \d+ ms\. FAIL/m);
    expect(stdout).not.toContain("\x1b[");
  });

  it("--color forces colour; a clean tree says so and exits 0", () => {
    expect(sasGuard(["scan", root, "--now", NOW, "--color"]).stdout).toContain("\x1b[");
    const r = sasGuard(["scan", clean]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^No Azure credentials found\.\n/);
    expect(r.stdout).toMatch(/PASS: nothing at or above high\n$/);
    expect(r.stderr).toBe("");
  });
});

describe("--format json (the contract of issue 3 and docs/json-output.md)", () => {
  let out: JsonOutput;
  let status: number | null;
  let stderr: string;
  beforeAll(() => ({ json: out, status, stderr } = scanJson([root, "--now", NOW])));

  it("is version 1 with findings sorted by path, skipped and stats", () => {
    expect(status).toBe(1);
    expect(stderr).toBe("");
    expect(out.version).toBe(1);
    expect(Object.keys(out).sort()).toEqual(["configSource", "findings", "skipped", "stats", "version"]);
    expect(out.findings.map((f) => f.path)).toEqual(["README.md", "docs/rotate.md", "src/app.js"]);
    expect(out.skipped).toEqual([]);
  });

  it("counts the files and bytes scanned", () => {
    const files = ["README.md", "src/app.js", "docs/rotate.md", "src/clean.ts"];
    expect(out.stats.files).toBe(4);
    expect(out.stats.bytes).toBe(files.reduce((n, f) => n + statSync(join(root, f)).size, 0));
    expect(out.stats.ms).toBeGreaterThanOrEqual(0);
  });

  it("gives every finding the documented fields, paths relative to the scanned root", () => {
    for (const f of out.findings) {
      expect(f.path).not.toMatch(/^\/|\\|^\.\.?\//);
      expect(f).toMatchObject({ line: expect.any(Number), column: expect.any(Number), suppressed: false, commit: null, origin: null, notes: [] });
      expect(f.fingerprint).toMatch(/^sg1:[0-9a-f]{24}$/);
      expect(f.reasons.length).toBeGreaterThan(0);
      for (const r of f.reasons) expect(r).toEqual({ id: expect.stringMatching(/^[a-z-]+$/), message: expect.any(String) });
      expect(f.remediation.length).toBeGreaterThan(0);
      expect(Object.keys(f.token)).toEqual(TOKEN_KEYS);
    }
    const f = byPath(out);
    expect(f["README.md"]).toMatchObject({
      line: 3,
      column: 14,
      kind: "service-sas",
      severity: "medium",
      redacted: "https://contoso.blob.core.windows.net/data?sv=2022-11-02&sr=c&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=<redacted>",
      token: {
        account: "contoso",
        service: "blob",
        resource: "c",
        permissions: "rl",
        expiry: "2030-01-01T00:00:00Z",
        protocol: "https",
        version: "2022-11-02",
        start: null,
        ipRange: null,
        storedPolicy: null,
        services: null,
        resourceTypes: null,
      },
    });
    expect(f["README.md"].reasons.map((r) => r.id).sort()).toEqual(["container-scope", "long-expiry", "no-stored-policy", "read-only"]);
    expect(f["docs/rotate.md"]).toMatchObject({
      kind: "account-sas",
      severity: "high",
      token: { services: "bfqt", resourceTypes: "sco", permissions: "rwdlacup" },
    });
    expect(f["src/app.js"]).toMatchObject({ kind: "connection-string", severity: "critical", line: 2, token: { account: "contoso" } });
  });

  it("writes times as ISO 8601 UTC", () => {
    for (const f of out.findings) for (const t of [f.token.start, f.token.expiry]) if (t !== null) expect(t).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it("gives the same paths when run from inside the tree with the default PATH (.)", () => {
    const inside = scanJson(["--now", NOW], { cwd: root }).json;
    expect(inside.findings.map((f) => [f.path, f.fingerprint])).toEqual(out.findings.map((f) => [f.path, f.fingerprint]));
  });

  it("makes paths relative to the directory given, when that is a subdirectory", () => {
    const sub = scanJson([join(root, "src"), "--now", NOW]).json;
    expect(sub.findings.map((f) => f.path)).toEqual(["app.js"]);
    expect(sub.stats.files).toBe(2);
  });

  it("is stable: two runs give the same findings and fingerprints", () => {
    const again = scanJson([root, "--now", NOW]).json;
    expect(again.findings).toEqual(out.findings);
  });
});

describe("--format sarif", () => {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
  const { default: Ajv04 } = ajvDraft04;
  const { default: addFormats } = ajvFormats;

  it("is valid SARIF 2.1.0 with one result per finding, each with partialFingerprints", () => {
    const r = sasGuard(["scan", root, "--now", NOW, "--format", "sarif"]);
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe("2.1.0");
    const ajv = new Ajv04({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log) ? [] : validate.errors).toEqual([]);

    const json = scanJson([root, "--now", NOW]).json;
    const results = log.runs[0].results as {
      ruleId: string;
      level: string;
      partialFingerprints: Record<string, string>;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
    expect(results).toHaveLength(json.findings.length);
    for (const res of results) {
      const values = Object.values(res.partialFingerprints ?? {});
      expect(values.length).toBeGreaterThan(0);
      const loc = res.locations[0].physicalLocation;
      const f = json.findings.find((x) => x.path === loc.artifactLocation.uri && x.line === loc.region.startLine);
      expect(f).toBeDefined();
      expect(values.some((v) => v.includes(f!.fingerprint.slice(4)))).toBe(true);
      expect(res.ruleId).toBe(`sas-guard/${f!.kind}`);
    }
    const rules = log.runs[0].tool.driver.rules as { id: string }[];
    expect(rules.map((x) => x.id).sort()).toEqual(["sas-guard/account-sas", "sas-guard/connection-string", "sas-guard/service-sas"]);
  });
});

describe("--output FILE", () => {
  it("writes the report to the file (creating its directory) and nothing to stdout", () => {
    const outDir = makeTree();
    const file = join(outDir, "reports", "nested", "scan.json");
    const r = sasGuard(["scan", root, "--now", NOW, "--format", "json", "--output", file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    const written = JSON.parse(readFileSync(file, "utf8")) as JsonOutput;
    const direct = scanJson([root, "--now", NOW]).json;
    expect(written.findings).toEqual(direct.findings);
    expect(written.stats.files).toBe(direct.stats.files);
  });

  it("writes text without colour to a file, and SARIF too", () => {
    const outDir = makeTree();
    expect(sasGuard(["scan", root, "--now", NOW, "-o", join(outDir, "r.txt")]).stdout).toBe("");
    const text = readFileSync(join(outDir, "r.txt"), "utf8");
    expect(text).toContain("src/app.js\n  CRITICAL connection string");
    expect(text).not.toContain("\x1b[");
    sasGuard(["scan", root, "--now", NOW, "--format", "sarif", "--output", join(outDir, "r.sarif")]);
    expect(JSON.parse(readFileSync(join(outDir, "r.sarif"), "utf8")).runs[0].results).toHaveLength(3);
  });

  it("exits 2 and says why when the file cannot be written", () => {
    const outDir = makeTree({ "a-file": "x" });
    const r = sasGuard(["scan", clean, "--output", join(outDir, "a-file", "report.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^sas-guard: cannot write --output .*a-file\/report\.json: E(NOTDIR|EXIST)/);
  });
});

describe("--now and --fail-on", () => {
  it("--now after the expiry makes the expired token info, with the reason", () => {
    const f = byPath(scanJson([root, "--now", "2026-06-01"]).json)["docs/rotate.md"];
    expect(f.severity).toBe("info");
    expect(f.reasons.map((r) => r.id)).toContain("expired");
    expect(f.reasons.find((r) => r.id === "expired")!.message).toContain("2026-03-01");
  });

  it("exits 0 when every finding is below the threshold", () => {
    const onlyExpired = makeTree({ "old.md": `${sasUrl("expired", { accountSas: true, expiry: "2025-01-01T00:00:00Z" })}\n` });
    const r = sasGuard(["scan", onlyExpired, "--now", NOW]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}INFO +account SAS/m);
    expect(r.stdout).toMatch(/1 finding \(0 critical, 0 high, 0 medium, 0 low, 1 info\).*PASS: nothing at or above high\n$/);
    expect(sasGuard(["scan", onlyExpired, "--now", NOW, "--fail-on", "low"]).status).toBe(0);
  });

  it("exits 1 when a finding is at the threshold, 0 when the threshold is above it", () => {
    const medium = makeTree({ "m.md": `${sasUrl("medium")}\n` });
    expect(sasGuard(["scan", medium, "--now", NOW]).status).toBe(0);
    expect(sasGuard(["scan", medium, "--now", NOW, "--fail-on", "medium"]).status).toBe(1);
    expect(sasGuard(["scan", medium, "--now", NOW, "--fail-on", "info"]).status).toBe(1);
    expect(sasGuard(["scan", root, "--now", NOW, "--fail-on", "critical"]).status).toBe(1);
  });
});

describe("config discovery", () => {
  it("reads <root>/.github/sas-guard.yml by default, whether the root is given or is the working directory", () => {
    const tree = makeTree({ "m.md": `${sasUrl("discovered")}\n` });
    expect(sasGuard(["scan", tree, "--now", NOW]).status).toBe(0); // medium < high
    writeFiles(tree, { ".github/sas-guard.yml": "failOn: medium\n" });
    expect(sasGuard(["scan", tree, "--now", NOW]).status).toBe(1);
    expect(sasGuard(["scan", "--now", NOW], { cwd: tree }).status).toBe(1);
    // the flag wins over the file
    expect(sasGuard(["scan", tree, "--now", NOW, "--fail-on", "high"]).status).toBe(0);
  });

  it("--config FILE replaces the default file", () => {
    const tree = makeTree({ "m.md": `${sasUrl("explicit")}\n`, ".github/sas-guard.yml": "failOn: medium\n", "other.yml": "failOn: critical\n" });
    expect(sasGuard(["scan", tree, "--now", NOW]).status).toBe(1);
    expect(sasGuard(["scan", tree, "--now", NOW, "--config", join(tree, "other.yml")]).status).toBe(0);
  });

  it("applies the policy of the config (a broken rule is named)", () => {
    const tree = makeTree({ "m.md": `${sasUrl("policy", { https: false })}\n`, ".github/sas-guard.yml": "policy:\n  requireHttpsOnly: true\n" });
    const { json, status } = scanJson([tree, "--now", NOW]);
    expect(status).toBe(1);
    expect(json.findings[0].severity).toBe("high");
    expect(json.findings[0].reasons.map((r) => r.id)).toContain("policy-violation");
  });
});

describe("exit code 2: usage and config errors say what to fix", () => {
  const usageCases: [string[], RegExp][] = [
    [["scan", "--frobnicate"], /Unknown option '--frobnicate'.*sas-guard --help/],
    [["scan", "--fail-on", "severe"], /--fail-on must be one of critical, high, medium, low, info \(got "severe"\)/],
    [["scan", "--fail-on", "HIGH"], /--fail-on must be one of critical, high, medium, low, info \(got "HIGH"\)/],
    [["scan", "--format", "xml"], /--format must be one of text, json, sarif \(got "xml"\)/],
    [["scan", "--now", "yesterday"], /--now must be an ISO 8601 date/],
    [["lint"], /unknown command "lint"/],
    [["scan", "--history", "--staged"], /--history and --staged cannot be combined/],
    [["scan", "does-not-exist"], /does-not-exist does not exist/],
    [["scan", ".", "--config", "missing.yml"], /config file missing\.yml does not exist\. Check the path given to --config/],
  ];
  const usageRuns: RunResult[] = [];
  beforeAll(async () => usageRuns.push(...(await Promise.all(usageCases.map(([args]) => sasGuardAsync(args, { cwd: clean }))))));
  it.each(usageCases.map(([args, message], i) => [args.join(" "), message, i] as const))("sas-guard %s", (_args, message, i) => {
    const r = usageRuns[i];
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^sas-guard: /);
    expect(r.stderr).toMatch(message);
  });

  it("--history outside a git repository", () => {
    const r = sasGuard(["scan", clean, "--history"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not inside a git repository.*--history and --staged need one/);
  });

  // one fixture per failure mode, each listing the lines the user must see (`# expect:`); run concurrently
  const invalidDir = join(REPO, "test", "fixtures", "config", "invalid");
  const fixtures = readdirSync(invalidDir).filter((f) => f.endsWith(".yml"));
  const runs = new Map<string, RunResult>();
  beforeAll(async () => {
    const results = await Promise.all(fixtures.map((name) => sasGuardAsync(["scan", clean, "--config", join(invalidDir, name)])));
    fixtures.forEach((name, i) => runs.set(name, results[i]));
  });
  it.each(fixtures)("invalid config %s: exit 2, every problem listed", (name) => {
    const file = join(invalidDir, name);
    const expected = [...readFileSync(file, "utf8").matchAll(/^# expect: (.*)$/gm)].map((m) => m[1]);
    expect(expected.length).toBeGreaterThan(0);
    const r = runs.get(name)!;
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`invalid config ${file}`);
    for (const line of expected) expect(r.stderr).toContain(`  ${line}\n`);
    expect(r.stderr).toMatch(/Fix these keys \(see docs\/configuration\.md\)\.\n$/);
  });

  it("an invalid default config (.github/sas-guard.yml) exits 2 too", () => {
    const tree = makeTree({ "a.md": "hi\n", ".github/sas-guard.yml": "failon: high\n" });
    const r = sasGuard(["scan", tree]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('failon: unknown key — did you mean "failOn"?');
  });

  it("--help and --version exit 0", () => {
    const help = sasGuard(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: sas-guard scan \[PATH \.\.\.\]/);
    const version = sasGuard(["--version"]);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).version);
  });
});

test("the leak check itself finds a secret in any of its printed forms", () => {
  const sig = fakeSig("leak-check-self-test"); // not planted: never written to a file nor given to the CLI
  const lowerHex = encodeURIComponent(sig).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
  for (const printedForm of [sig, sig.replace(/=+$/, ""), encodeURIComponent(sig), lowerHex]) {
    expect(findLeaks([`url: sig=${printedForm}&x`], [sig]).length).toBeGreaterThan(0);
  }
  expect(findLeaks(["sig=<redacted>"], [sig])).toEqual([]);
});

test("no planted signature or key appears in any byte the CLI printed in this file", () => {
  expectNothingLeaked();
});
