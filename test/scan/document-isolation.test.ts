// Per-document isolation and the per-document work bound (issue 15): an exception in one document makes that
// document "not scanned: <reason>" and never drops another document's findings; a document's findings are capped
// (the most severe built in full, the rest counted).
import { jest } from "@jest/globals";
import { parseConfig } from "../../src/config/load-config.js";
import * as real from "../../src/detect/scan-text.js";
import * as severity from "../../src/detect/severity.js";
import * as types from "../../src/detect/types.js";
import type { Finding } from "../../src/detect/types.js";
import { fakeAccountKey, fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";

const NOW = new Date("2026-01-15T12:00:00Z");
const { config } = parseConfig("", "test.yml");
const SIG = fakeSig("isolation");
const critical = `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${fakeAccountKey("isolation")};EndpointSuffix=core.windows.net\n`;
const expired = (i: number) => `u${i}=https://acct.blob.core.windows.net/c/b${i}?sv=2020-08-04&sr=b&sp=r&se=2020-01-01&sig=${fakeSigEncoded(`old-${i}`)}\n`;

// The engine, except that it throws on the document "boom.txt", as a bug on some odd input would.
jest.unstable_mockModule("../../src/detect/index.js", () => {
  return {
    ...types,
    ...severity,
    scanText: real.scanText,
    scanTextLimited: (text: string, options: { path: string }, max: number) => {
      if (options.path === "boom.txt") throw new RangeError(`Invalid time value near https://a.blob.core.windows.net/c?sv=1&sig=${encodeURIComponent(SIG)}`);
      return real.scanTextLimited(text, options as never, max);
    },
  };
});
const { runScan } = await import("../../src/scan/run-scan.js");
const { buildScanConfig } = await import("../../src/scan/scan-config.js");
const sc = buildScanConfig({ config, source: "defaults", errors: [] }, { failOn: "high" });
const { scanDocumentSafely, MAX_DETAILED_FINDINGS } = await import("../../src/scan/scan-document-safely.js");

const collect = (docs: { path: string; text: string }[]) =>
  runScan(
    docs.map((d) => ({ ...d, bytes: d.text.length })),
    sc,
    { now: NOW, clock: () => 0 },
  );

describe("per-document isolation", () => {
  it("an exception in one document: that document is not scanned (listed, with what to do); the others' findings stay", async () => {
    const report = await collect([
      { path: "a.env", text: critical },
      { path: "boom.txt", text: "anything" },
      { path: "z.env", text: critical },
    ]);
    expect(report.findings.map((f: Finding) => [f.path, f.severity])).toEqual([
      ["a.env", "critical"],
      ["z.env", "critical"],
    ]);
    expect(report.skipped).toEqual([
      { path: "boom.txt", reason: expect.stringMatching(/^not scanned: the scanner failed on this file \(RangeError: Invalid time value/) },
    ]);
    expect(report.skipped[0]!.reason).toMatch(/Review this file by hand/);
    expect(report.incomplete).toEqual([expect.stringMatching(/^boom\.txt: not scanned/)]);
  });

  it("the error's message is redacted: a secret quoted in it is not echoed", async () => {
    const report = await collect([{ path: "boom.txt", text: "x" }]);
    const shown = JSON.stringify(report);
    for (const form of [SIG, encodeURIComponent(SIG)]) expect(shown).not.toContain(form);
    expect(report.skipped[0]!.reason).toContain("sig=<redacted>");
  });

  it("the 13-digit Service Bus se that used to throw: both documents are reported (through the real engine)", async () => {
    const odd = `Authorization: SharedAccessSignature sr=x&se=1000000000000&skn=x&sig=${fakeSigEncoded("odd")}\n`;
    const report = await collect([
      { path: "odd.http", text: odd },
      { path: "real.env", text: critical },
    ]);
    expect(report.findings.map((f: Finding) => [f.path, f.kind])).toEqual([
      ["odd.http", "servicebus-sas"],
      ["real.env", "connection-string"],
    ]);
    expect(report.incomplete).toEqual([]);
  });

  it("scanDocumentSafely turns any throw (not only Error) into not scanned", () => {
    const throwing = () => {
      throw "plain string";
    };
    expect(scanDocumentSafely("x", "a.txt", sc, NOW, throwing)).toEqual({ notScanned: expect.stringContaining("(Error: plain string)") });
  });
});

describe("per-document work bound", () => {
  it(`more than ${MAX_DETAILED_FINDINGS} findings in one document: the first ${MAX_DETAILED_FINDINGS} are detailed, the rest counted`, async () => {
    const text = Array.from({ length: MAX_DETAILED_FINDINGS + 250 }, (_, i) => expired(i)).join("");
    const report = await collect([
      { path: "many.txt", text },
      { path: "other.env", text: critical },
    ]);
    expect(report.findings.filter((f: Finding) => f.path === "many.txt")).toHaveLength(MAX_DETAILED_FINDINGS);
    expect(report.omitted).toEqual([{ path: "many.txt", count: 250, maxSeverity: "info" }]);
    expect(report.findings.filter((f: Finding) => f.path === "other.env")).toHaveLength(1);
  });

  it("the most severe findings are the detailed ones: a critical key after 1,200 expired tokens is never only counted", async () => {
    const text = Array.from({ length: 1200 }, (_, i) => expired(i)).join("") + critical;
    const report = await collect([{ path: "many.txt", text }]);
    expect(report.findings.filter((f: Finding) => f.severity === "critical").map((f: Finding) => f.line)).toEqual([1201]);
    expect(report.omitted).toEqual([{ path: "many.txt", count: 201, maxSeverity: "info" }]);
  });

  it("at the limit exactly, nothing is omitted", async () => {
    const text = Array.from({ length: MAX_DETAILED_FINDINGS }, (_, i) => expired(i)).join("");
    const report = await collect([{ path: "many.txt", text }]);
    expect(report.findings).toHaveLength(MAX_DETAILED_FINDINGS);
    expect(report.omitted).toBeUndefined();
  });
});
