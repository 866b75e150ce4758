// Kubernetes Secret values (issue 15.3): the entry scanner is linear. The old ENTRY regex backtracked over the
// spaces after a base64 value (150 KB line: 4-7 s, quadratic) and overflowed the stack on ~6M base64 characters.
// The large cases run in a worker that is killed after a generous timeout, so a regression fails instead of hanging.
import { fakeAccountKey } from "../support/fake-secrets.js";
import { scanIsolated } from "../support/isolated-engine.js";
import { NOW, expectSafeFindings, scan } from "./scan-helpers.js";

const b64 = (n: number): string => {
  let s = "";
  for (let i = 0; s.length < n; i++) s += fakeAccountKey(`k8s-${i}`).slice(0, 86);
  return s.slice(0, n);
};
const secret = (entry: string) => `apiVersion: v1\nkind: Secret\ndata:\n${entry}\n`;
const MB = 1 << 20;
const TIMEOUT_MS = 20_000;

const LARGE: [string, () => string][] = [
  ["a base64 value followed by 1 MB of spaces and a stray character", () => secret(`  key: ${b64(MB)}${" ".repeat(MB)}x`)],
  ["a base64 value followed by 2 MB of tabs", () => secret(`  key: ${b64(1000)}${"\t".repeat(2 * MB)}!`)],
  ["6M base64 characters on one line", () => secret(`  key: ${b64(6_000_000)}`)],
  ["many `a: AAAA… ` lines each ending in spaces and junk", () => secret(`  k: ${b64(64)}${" ".repeat(200)}#\n`.repeat(20_000))],
  ["a quoted key then 1 MB of spaces before the colon", () => secret(`  "key"${" ".repeat(MB)}x: ${b64(100)}`)],
];

describe("kubernetes Secret entries: linear on adversarial lines", () => {
  it.each(LARGE)(
    "%s",
    async (_name, make) => {
      await expect(scanIsolated(make(), NOW, TIMEOUT_MS, "secret.yaml")).resolves.toEqual(expect.any(Array));
    },
    TIMEOUT_MS + 10_000,
  );
});

describe("kubernetes Secret entries: what the scanner accepts (same as the former regex)", () => {
  const key = fakeAccountKey("k8s-entry");
  const value = Buffer.from(key).toString("base64");
  const cases: [string, string, boolean][] = [
    ["plain `name: value`", `  azurestorageaccountkey: ${value}`, true],
    ["quoted name and value (JSON)", `    "azurestorageaccountkey": "${value}",`, true],
    ["single-quoted value, trailing spaces", `  azurestorageaccountkey: '${value}'   `, true],
    ["CRLF line end", `  azurestorageaccountkey: ${value}\r`, true],
    ["value followed by a comment is not an entry", `  azurestorageaccountkey: ${value} # note`, false],
    ["three `=` of padding is not base64", `  azurestorageaccountkey: ${value}=`, false],
    ["value shorter than 16 characters", "  k: QUJDREVGR0g=", false],
    ["no colon", `  azurestorageaccountkey ${value}`, false],
  ];
  it.each(cases)("%s", (_name, entry, found) => {
    const findings = scan(secret(entry), { path: "secret.yaml" });
    expectSafeFindings(findings, [key, value]);
    expect(findings.map((f) => f.kind)).toEqual(found ? ["storage-account-key"] : []);
  });
});
