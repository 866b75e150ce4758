// Nothing echoes a secret (issue 15.7), through the real CLI in every format: an inline-ignore reason that quotes
// a SAS URL, an allowlist reason that does, a config value that is one, and a YAML alias named after a signature.
// Every output is searched for every form of each planted secret (raw, unpadded, percent-encoded in both cases,
// double- and triple-encoded, base64url).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { secretForms } from "../../src/detect/redact-text.js";
import { fakeSig } from "../support/fake-secrets.js";
import { cleanup, ensureBuilt, makeTree, planted, sasGuard, sasUrl, writeFiles } from "./cli-harness.js";

const NOW = "2026-01-01";
beforeAll(ensureBuilt);
afterAll(cleanup);

const forms = (secret: string): string[] => {
  const enc = encodeURIComponent;
  return [...new Set([...secretForms(secret), enc(enc(enc(secret))), enc(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())])].filter(
    (f) => f.length >= 16,
  );
};
const leaked = (outputs: string[]): string[] => {
  const all = outputs.join("\n");
  return [...planted].flatMap((s) =>
    forms(s)
      .filter((f) => all.includes(f))
      .map((f) => `${f.slice(0, 6)}…`),
  );
};

/** Every output the CLI writes for `root`: text, JSON, SARIF on stdout and stderr, and SARIF through --output. */
function allOutputs(root: string): string[] {
  const out: string[] = [];
  for (const format of ["text", "json", "sarif"]) {
    const run = sasGuard(["scan", root, "--now", NOW, "--format", format]);
    out.push(run.stdout, run.stderr);
  }
  const file = join(root, "..", `report-${Math.random().toString(36).slice(2)}.sarif`);
  const run = sasGuard(["scan", root, "--now", NOW, "--format", "sarif", "--output", file]);
  // a broken config stops the CLI before any report (exit 2): then only its error message is there to search
  out.push(run.stdout, run.stderr, existsSync(file) ? readFileSync(file, "utf8") : "");
  return out;
}

describe("secrets quoted in reasons and config are redacted in every CLI output", () => {
  it("an inline-ignore reason holding a SAS URL", () => {
    const root = makeTree({ "a.env": `X=${sasUrl("kept")} # sas-guard:ignore reason="same as ${sasUrl("in-reason")}"\n` });
    const outputs = allOutputs(root);
    expect(outputs.join("\n")).toContain("same as https://contoso.blob.core.windows.net/data?");
    expect(leaked(outputs)).toEqual([]);
  });

  it("an allowlist reason holding a SAS URL", () => {
    const root = makeTree({ "a.env": `X=${sasUrl("allow")}\n` });
    const first = JSON.parse(sasGuard(["scan", root, "--now", NOW, "--format", "json"]).stdout);
    writeFiles(root, {
      ".github/sas-guard.yml": `allowlist:\n  - fingerprint: ${first.findings[0].fingerprint}\n    reason: "copied from ${sasUrl("allow-reason")}"\n`,
    });
    const outputs = allOutputs(root);
    expect(outputs.join("\n")).toContain("copied from https://contoso.blob.core.windows.net/data?");
    expect(leaked(outputs)).toEqual([]);
  });

  it.each([
    ["a config value that is a SAS URL", () => `failOn: "${sasUrl("config-value")}"\n`],
    ["a config value that is a bare percent-encoded signature", () => (planted.add(fakeSig("pct")), `failOn: "${encodeURIComponent(fakeSig("pct"))}"\n`)],
    ["a YAML alias named after a raw signature", () => (planted.add(fakeSig("alias")), `failOn: *${fakeSig("alias")}\n`)],
    [
      "a YAML alias named after a percent-encoded signature",
      () => (planted.add(fakeSig("alias-enc")), `failOn: *${encodeURIComponent(fakeSig("alias-enc"))}\n`),
    ],
    ["an unknown key that is a signature", () => (planted.add(fakeSig("key")), `"${fakeSig("key")}": 1\n`)],
  ])("%s", (_name, config) => {
    const root = makeTree({ "a.env": `X=${sasUrl("with-config")}\n`, ".github/sas-guard.yml": config() });
    const outputs = allOutputs(root);
    expect(outputs.join("\n")).toMatch(/sas-guard\.yml/);
    expect(leaked(outputs)).toEqual([]);
  });
});
