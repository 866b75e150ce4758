// Shared helpers for the detection-engine table tests. Not a test file itself (no `.test.ts`).
// Every positive case runs `expectSafeFindings`, so a leak of the secret in any encoding fails the test that found it.
import { scanText, type Finding, type ReasonId, type Severity } from "../../src/detect/index.js";

/** The default scan date of the suite (SEVERITY.md windows are computed against it). */
export const NOW = new Date("2026-11-25T00:00:00Z");

const DAY = 86_400_000;

/** ISO 8601 UTC without milliseconds, the engine's time format. */
export const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** NOW (or `from`) shifted by `days` (fractions allowed), in the engine's time format. */
export const inDays = (days: number, from: Date = NOW): string => iso(new Date(from.getTime() + days * DAY));

/** NOW (or `from`) shifted by `minutes`. */
export const inMinutes = (minutes: number, from: Date = NOW): string => iso(new Date(from.getTime() + minutes * 60_000));

/** Unix seconds of NOW (or `from`) shifted by `days`: the Service Bus `se` form. */
export const unixInDays = (days: number, from: Date = NOW): number => Math.floor((from.getTime() + days * DAY) / 1000);

export interface ScanArgs {
  path?: string;
  now?: Date;
}

export const scan = (text: string, args: ScanArgs = {}): Finding[] => scanText(text, { path: args.path ?? "README.md", now: args.now ?? NOW });

/** Sorted reason ids, for exact-set comparison (the engine does not promise an order). */
export const reasonIds = (f: Finding): ReasonId[] => f.reasons.map((r) => r.id).sort();

export const sortedIds = (ids: readonly ReasonId[]): ReasonId[] => [...ids].sort();

/** Every text form in which a secret could leak: raw, unpadded, percent-encoded (upper/lower hex), double-encoded, base64 of it. */
export function leakForms(secret: string): string[] {
  const enc = encodeURIComponent(secret);
  const forms = new Set([
    secret,
    secret.replace(/=+$/, ""),
    enc,
    enc.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    encodeURIComponent(enc),
    Buffer.from(secret).toString("base64").replace(/=+$/, ""),
  ]);
  return [...forms].filter((f) => f.length >= 16);
}

/** No finding, in any of its text forms, carries any of `secrets` (raw, percent-encoded, double-encoded…). */
export function expectNoLeak(findings: Finding[], secrets: string[]): void {
  const json = JSON.stringify(findings);
  for (const secret of secrets) {
    for (const form of leakForms(secret)) {
      expect(json.includes(form)).toBe(false);
      for (const f of findings) {
        const shown = [String(f.secret), `${f.secret}`, f.redacted, f.summary, ...f.reasons.map((r) => r.message), ...f.remediation, ...(f.notes ?? [])].join(
          "\n",
        );
        expect(shown.includes(form)).toBe(false);
      }
    }
  }
}

/** Invariants every finding must satisfy, plus the no-leak check. */
export function expectSafeFindings(findings: Finding[], secrets: string[]): void {
  expectNoLeak(findings, secrets);
  for (const f of findings) {
    expect(f.fingerprint).toMatch(/^sg1:[0-9a-f]{24}$/);
    expect(f.reasons.length).toBeGreaterThan(0);
    for (const r of f.reasons) expect(r.message.trim().length).toBeGreaterThan(0);
    expect(f.remediation.length).toBeGreaterThan(0);
    for (const step of f.remediation) expect(step.trim().length).toBeGreaterThan(0);
    expect(f.summary.trim().length).toBeGreaterThan(0);
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeGreaterThanOrEqual(1);
    expect(f.endColumn).toBeGreaterThan(f.column);
  }
}

/** Scans, expects exactly one finding, checks the invariants and returns it. */
export function scanOne(text: string, secrets: string[], args: ScanArgs = {}): Finding {
  const findings = scan(text, args);
  expectSafeFindings(findings, secrets);
  expect(findings.map((f) => `${f.kind}@${f.line}`)).toHaveLength(1);
  return findings[0];
}

/** 1-based column of `anchor` on 1-based `line` of `text` (so expected columns are computed, not hand-counted). */
export function columnOf(text: string, line: number, anchor: string): number {
  const idx = text.split("\n")[line - 1].indexOf(anchor);
  if (idx < 0) throw new Error(`anchor ${JSON.stringify(anchor)} not on line ${line}`);
  return idx + 1;
}

/** 1-based line of the first line containing `anchor`. */
export function lineOf(text: string, anchor: string): number {
  const idx = text.split("\n").findIndex((l) => l.includes(anchor));
  if (idx < 0) throw new Error(`anchor ${JSON.stringify(anchor)} not in text`);
  return idx + 1;
}

export type { Finding, ReasonId, Severity };
