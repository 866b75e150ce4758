// The pure parts: what an answer means, what it does to a finding, how a scan's findings are verified (once per
// secret, a few at a time, unsuppressed first), the Shared Key signature, and what each renderer shows.
import { describe, expect, it, jest } from "@jest/globals";
import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import type { Finding, Verification } from "../../src/detect/types.js";
import { renderJson } from "../../src/report/render-json.js";
import { renderCheckRun } from "../../src/report/render-markdown.js";
import { renderReviewComment } from "../../src/report/render-review.js";
import { toSarif } from "../../src/report/render-sarif.js";
import { renderText } from "../../src/report/render-text.js";
import type { ScanReport } from "../../src/report/scan-report.js";
import { applyVerification } from "../../src/verify/apply-verification.js";
import { classifyAnswer } from "../../src/verify/classify-answer.js";
import { planProbe } from "../../src/verify/plan-probe.js";
import type { SendProbe } from "../../src/verify/send-probe.js";
import { sharedKeyAuthorization } from "../../src/verify/shared-key.js";
import { verifyFindings } from "../../src/verify/verify-report.js";
import { keyFinding, recordingServer, sasFinding } from "./helpers.js";

const sig = (n: number) => encodeURIComponent(Buffer.alloc(32, n).toString("base64"));
const acctSas = (n = 1, extra = "") =>
  sasFinding(`https://acct.blob.core.windows.net/?sv=2022-11-02&ss=b&srt=sco&sp=rwdl&se=2099-01-01T00:00:00Z${extra}&sig=${sig(n)}`);
const at = "2026-11-25T09:35:50.000Z";
const verification = (status: Verification["status"], more: Partial<Verification> = {}): Verification => ({
  status,
  checkedAt: at,
  detail: "Get Account Information: test",
  ...more,
});

describe("applyVerification", () => {
  it.each([
    ["high", "critical"],
    ["critical", "critical"],
    ["low", "medium"],
  ] as const)("live raises %s to %s, with the verified-live reason first", (from, to) => {
    const f = { ...acctSas(), severity: from };
    const out = applyVerification(f, verification("live", { statusCode: 200 }));
    expect(out.severity).toBe(to);
    expect(out.reasons[0].id).toBe("verified-live");
    expect(out.verification?.statusCode).toBe(200);
    expect(f.severity).toBe(from); // pure: the input is unchanged
    expect(f.verification).toBeUndefined();
  });

  it.each([
    ["revoked", "verified-revoked"],
    ["expired", "verified-expired"],
    ["account-not-found", "verified-account-not-found"],
  ] as const)("%s lowers to info with the %s reason", (status, id) => {
    const out = applyVerification(acctSas(), verification(status, { statusCode: 403 }));
    expect(out.severity).toBe("info");
    expect(out.reasons[0].id).toBe(id);
  });

  it.each(["unknown", "ip-restricted", "refused", "skipped"] as const)("%s leaves the severity alone and says so in a note", (status) => {
    const f = acctSas();
    const out = applyVerification(f, verification(status));
    expect(out.severity).toBe(f.severity);
    expect(out.reasons).toEqual(f.reasons);
    expect(out.notes?.at(-1)).toMatch(/Severity unchanged\.$/);
  });
});

describe("classifyAnswer (Azure's answers)", () => {
  const now = new Date("2026-11-25T10:00:00Z");
  it.each([
    [{ statusCode: 200 }, "live"],
    [{ statusCode: 403, errorCode: "AuthenticationFailed", authenticationDetail: "Signature did not match. String to sign used was rl" }, "revoked"],
    [
      {
        statusCode: 403,
        errorCode: "AuthenticationFailed",
        authenticationDetail: "Signature not valid in the specified time frame: Start [..] - Expiry [..] - Current [..]",
      },
      "expired",
    ],
    [{ statusCode: 403, errorCode: "AuthorizationSourceIPMismatch" }, "ip-restricted"],
    [{ statusCode: 403, errorCode: "AuthorizationPermissionMismatch" }, "live"],
    [{ statusCode: 403, errorCode: "AuthorizationResourceTypeMismatch" }, "live"],
    // the account firewall: says nothing about the token
    [{ statusCode: 403, errorCode: "AuthorizationFailure", message: "This request is not authorized to perform this operation." }, "unknown"],
    [{ statusCode: 404, errorCode: "ResourceNotFound" }, "account-not-found"],
    [{ statusCode: 500, errorCode: "InternalError" }, "unknown"],
    [{ statusCode: 301, redirectHost: "elsewhere.example" }, "unknown"],
  ])("%j → %s", (answer, status) => {
    expect(classifyAnswer(answer, acctSas(), "sas", now, true).status).toBe(status);
  });

  it("a refused token whose se has passed is expired, whatever the wording", () => {
    const f = sasFinding(`https://acct.blob.core.windows.net/?sv=2022-11-02&ss=b&srt=s&sp=r&se=2020-01-01T00:00:00Z&sig=${sig(3)}`);
    expect(classifyAnswer({ statusCode: 403, errorCode: "AuthenticationFailed" }, f, "sas", now, true).status).toBe("expired");
  });

  it("404 on a container or blob path is not read as a missing account", () => {
    expect(classifyAnswer({ statusCode: 404, errorCode: "ResourceNotFound" }, acctSas(), "sas", now, false).status).toBe("unknown");
  });
});

describe("planProbe", () => {
  it("a queue service SAS is not checked (no conclusive metadata call), and says so", () => {
    const f = sasFinding(`https://acct.queue.core.windows.net/jobs?sv=2022-11-02&sp=r&se=2099-01-01&sig=${sig(1)}`);
    expect(planProbe({ ...f, token: { ...f.token, service: "queue" } })).toEqual({ skip: expect.stringContaining("queue service SAS is not checked") });
  });

  it("a bare query string with no known host has nothing to ask", () => {
    const f = acctSas();
    expect(planProbe({ ...f, redacted: "sv=2022-11-02&ss=b&srt=s&sp=r&se=2099-01-01&sig=<redacted>", token: { services: "b" } })).toEqual({
      skip: expect.stringContaining("names no storage endpoint"),
    });
  });

  it("an account SAS without the Blob service asks Get Queue Service Properties of the queue endpoint", () => {
    const f = sasFinding(`https://acct.queue.core.windows.net/?sv=2022-11-02&ss=q&srt=s&sp=r&se=2099-01-01&sig=${sig(1)}`);
    expect(planProbe(f)).toMatchObject({
      plan: {
        endpoint: { host: "acct.queue.core.windows.net" },
        path: "/",
        query: [
          ["restype", "service"],
          ["comp", "properties"],
        ],
      },
    });
  });

  it("an ADLS (dfs) SAS is asked at the blob endpoint of the same account and path", () => {
    const f = sasFinding(`https://acct.dfs.core.windows.net/fs/dir/file.csv?sv=2022-11-02&sr=b&sp=r&se=2099-01-01&sig=${sig(1)}`);
    expect(planProbe(f)).toMatchObject({ plan: { endpoint: { scheme: "https", host: "acct.blob.core.windows.net", port: 443 }, path: "/fs/dir/file.csv" } });
  });

  it("Service Bus credentials are skipped", () => {
    expect(planProbe({ ...acctSas(), kind: "servicebus-sas" })).toEqual({ skip: expect.stringContaining("Service Bus") });
  });
});

describe("verifyFindings", () => {
  it("asks once per fingerprint, at most 4 at a time, unsuppressed findings first", async () => {
    let inFlight = 0;
    let most = 0;
    const order: string[] = [];
    const send = jest.fn<SendProbe>(async (r) => {
      order.push(r.target);
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 10));
      inFlight--;
      return { statusCode: 200 };
    });
    const suppressed = { ...acctSas(99), suppression: { by: "allowlist" as const, reason: "test" } };
    const findings = [suppressed, ...Array.from({ length: 9 }, (_, i) => acctSas(i + 1)), { ...acctSas(1), path: "copy/of/the/same.env" }];
    const out = await verifyFindings(findings, { allowEndpoints: [], timeoutMs: 1000, send, lookup: async () => [{ address: "52.239.1.1", family: 4 }] });
    expect(send).toHaveBeenCalledTimes(10); // 11 findings, 10 distinct secrets
    expect(most).toBeLessThanOrEqual(4);
    expect(order.at(-1)).toContain(sig(99)); // the suppressed one last
    expect(out.map((f) => f.verification?.status)).toEqual(Array(11).fill("live"));
    expect(out.map((f) => f.path)).toEqual(findings.map((f) => f.path)); // order kept
  });

  it("stops sending at maxRequests; the rest say why they were not verified", async () => {
    const send = jest.fn<SendProbe>(async () => ({ statusCode: 200 }));
    const out = await verifyFindings([acctSas(1), acctSas(2), acctSas(3)], {
      allowEndpoints: [],
      timeoutMs: 1000,
      send,
      maxRequests: 2,
      lookup: async () => [{ address: "52.239.1.1", family: 4 }],
    });
    expect(send).toHaveBeenCalledTimes(2);
    expect(out.filter((f) => f.verification?.status === "skipped")[0].verification?.detail).toContain("over the limit of 2");
  });
});

describe("Shared Key", () => {
  it("signs exactly as @azure/storage-blob does (request captured on a loopback server)", async () => {
    const key = Buffer.alloc(64, 5).toString("base64");
    const server = await recordingServer((_req, res) => {
      res.writeHead(200, { "x-ms-sku-name": "Standard_LRS", "x-ms-account-kind": "StorageV2" });
      res.end();
    });
    try {
      const client = new BlobServiceClient(`http://127.0.0.1:${server.port}/acct`, new StorageSharedKeyCredential("acct", key), {
        retryOptions: { maxTries: 1 },
      });
      await client.getAccountInfo();
      const { url, headers } = server.requests[0];
      const u = new URL(url!, "http://x");
      const signed = Object.fromEntries(
        Object.entries(headers)
          .filter(([k]) => k.startsWith("x-ms-"))
          .map(([k, v]) => [k, String(v)]),
      );
      const ours = sharedKeyAuthorization({ method: "GET", account: "acct", path: u.pathname, query: [...u.searchParams], headers: signed }, key);
      expect(ours).toBe(headers.authorization);
    } finally {
      await server.close();
    }
  });

  it("a connection string is verified with one Shared Key-signed GET and no query secret", async () => {
    const key = Buffer.alloc(64, 6).toString("base64");
    const server = await recordingServer();
    try {
      const { verifyFinding } = await import("../../src/verify/verify-finding.js");
      const v = await verifyFinding(keyFinding(`http://127.0.0.1:${server.port}/acct`, "acct", key), {
        allowEndpoints: [`127.0.0.1:${server.port}`],
        timeoutMs: 1000,
      });
      expect(v.status).toBe("live");
      expect(server.requests[0].url).toBe("/acct/?restype=account&comp=properties");
      expect(server.requests[0].headers.authorization).toMatch(/^SharedKey acct:[A-Za-z0-9+/]{43}=$/);
    } finally {
      await server.close();
    }
  });
});

describe("renderers show the result", () => {
  const verified = applyVerification(acctSas(), verification("live", { statusCode: 200, endpoint: "https://acct.blob.core.windows.net" }));
  const report: ScanReport = {
    findings: [verified],
    skipped: [],
    stats: { files: 1, bytes: 1, ms: 1 },
    configSource: "defaults",
    configErrors: [],
    failOn: "high",
    incomplete: [],
  };
  const line = "Verified live at 2026-11-25T09:35:50Z: HTTP 200";

  it("text", () => expect(renderText(report, { color: false })).toContain(`verified     ${line}`));
  it("JSON: a verification object", () =>
    expect(JSON.parse(renderJson(report)).findings[0].verification).toEqual({
      status: "live",
      statusCode: 200,
      errorCode: null,
      checkedAt: at,
      endpoint: "https://acct.blob.core.windows.net",
      detail: "Get Account Information: test",
    }));
  it("SARIF: result properties", () => {
    const result = (toSarif(report, { version: "0", informationUri: "https://x" }) as { runs: { results: { properties: Record<string, unknown> }[] }[] })
      .runs[0].results[0];
    expect(result.properties.verification).toMatchObject({ status: "live", statusCode: 200, summary: line });
  });
  it("check run summary", () =>
    expect(renderCheckRun(report, { webBaseUrl: "https://github.com", owner: "o", repo: "r", sha: "a".repeat(40) }).summary).toContain(line));
  it("review comment: one line under the verdict", () => expect(renderReviewComment(verified).split("\n\n")[1]).toBe(line));
  it("no renderer output holds the signature", () => {
    const secret = (verified as Finding).secret.reveal();
    for (const out of [
      renderText(report, { color: false }),
      renderJson(report),
      JSON.stringify(toSarif(report, { version: "0", informationUri: "https://x" })),
      renderReviewComment(verified),
    ]) {
      expect(out).not.toContain(secret);
    }
  });
});
