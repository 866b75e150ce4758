// Installing the CLI the ways users do, from a clean clone, with nothing built and no devDependencies:
// the tarball (`npm pack`, then `npm install -g` of it: what pre-commit < 4.6.1 does) and a git URL
// (`npm install -g git+file://…`: what `npm i -g github:…` and pre-commit ≥ 4.6.1 do). Each installs into a temp
// prefix and runs the installed `sas-guard` on a directory holding a fake token. Last, the README's first command in
// the clone: `npm ci && npx sas-guard scan .`.
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { criticalSas, findLeaks, writeFiles } from "../action/action-harness.js";
import { cleanClone, mustRun, removeTempDirs, run, tempDir, type Run } from "./clean-clone.js";

jest.setTimeout(900_000);
afterAll(removeTempDirs);

const printed: string[] = [];
let clone: { dir: string; sha: string };
let target: string;

beforeAll(() => {
  clone = cleanClone();
  target = tempDir("sas-guard-target-");
  writeFiles(target, { "app.env": `URL=${criticalSas("package-install")}\n`, "README.md": "# elsewhere\n" });
});

/** The installed command, run with only the prefix's bin/ and the system's node and git on PATH. */
function installed(prefix: string, args: string[]): Run {
  const r = run(join(prefix, "bin", "sas-guard"), args, target);
  printed.push(r.stdout, r.stderr);
  return r;
}

function expectWorkingCli(prefix: string): void {
  const pkgDir = join(prefix, "lib", "node_modules", "@sas-guard", "cli");
  expect(existsSync(join(pkgDir, "action", "dist", "cli.mjs"))).toBe(true);
  // nothing was built and no devDependency came along
  expect(existsSync(join(pkgDir, "dist"))).toBe(false);
  expect(existsSync(join(pkgDir, "node_modules", "typescript"))).toBe(false);
  expect(installed(prefix, ["--version"]).stdout.trim()).toBe(JSON.parse(readFileSync(join(clone.dir, "package.json"), "utf8")).version);
  const scan = installed(prefix, ["scan", ".", "--no-progress"]);
  expect(scan.status).toBe(1);
  expect(scan.stdout).toMatch(/app\.env/);
  expect(scan.stdout).toMatch(/CRITICAL/);
}

describe("tarball install (npm pack + npm install -g)", () => {
  it("npm pack prints only the tarball's file name on stdout (pre-commit reads it as the file name)", () => {
    const r = run("npm", ["pack"], clone.dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("sas-guard-cli-0.1.0.tgz\n".replace("0.1.0", JSON.parse(readFileSync(join(clone.dir, "package.json"), "utf8")).version));
    const prefix = tempDir("sas-guard-prefix-");
    mustRun("npm", ["install", "-g", "--prefix", prefix, "--no-audit", "--no-fund", join(clone.dir, r.stdout.trim())], clone.dir);
    expectWorkingCli(prefix);
  });
});

describe("git URL install (npm install -g git+file://…)", () => {
  it("installs without a build step and the command works", () => {
    const prefix = tempDir("sas-guard-prefix-");
    const r = run("npm", ["install", "-g", "--prefix", prefix, "--no-audit", "--no-fund", `git+file://${clone.dir}#${clone.sha}`], clone.dir);
    expect(`${r.status}\n${r.stderr}`).toMatch(/^0\n/);
    expectWorkingCli(prefix);
  });
});

describe("in the clean clone itself (the README's first command)", () => {
  it("npm ci && npx sas-guard scan . works without any build step, and the repository scans clean", () => {
    mustRun("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], clone.dir);
    const r = run("npx", ["sas-guard", "scan", ".", "--no-progress"], clone.dir);
    printed.push(r.stdout, r.stderr);
    expect(`${r.status}\n${r.stderr}`).toMatch(/^0\n/);
    expect(r.stdout).toMatch(/^0 findings .*PASS/m);
  });
});

it("no run printed a whole planted secret", () => {
  expect(printed.length).toBeGreaterThan(0);
  expect(findLeaks(printed)).toEqual([]);
});
