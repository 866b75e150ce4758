// Exposure (issue 11), the pure part: the window sentence, the `public-repository` severity rule (one level up, never
// above critical, never for an expired token) and the kind-specific investigation step. Findings come from the real
// engine; every secret is built from test/support/fake-secrets.ts.
import { applyExposure, exposureDuration, exposureSentence, investigationStep } from "../../src/detect/exposure.js";
import { scanText, type Exposure, type Finding } from "../../src/detect/index.js";
import { fakeAccountKey, fakeServiceBusKey, fakeSigEncoded } from "../support/fake-secrets.js";

const NOW = new Date("2026-11-25T00:00:00Z");
const DAY = 86_400_000;

function one(text: string): Finding {
  const found = scanText(text, { path: "config/app.env", now: NOW });
  expect(found).toHaveLength(1);
  return found[0];
}

const SAMPLES = {
  "account-sas": () =>
    one(
      `https://acct.blob.core.windows.net/?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2051-10-06T00:00:00Z&spr=https&sig=${fakeSigEncoded("ex-acct")}`,
    ),
  /** read-only, one blob, a few weeks: low */
  "service-sas": () =>
    one(`https://acct.blob.core.windows.net/c/report.pdf?sv=2022-11-02&sr=b&sp=r&se=2026-12-20T00:00:00Z&spr=https&sig=${fakeSigEncoded("ex-blob")}`),
  "service-sas (queue)": () =>
    one(`https://acct.queue.core.windows.net/jobs?sv=2022-11-02&sp=a&se=2027-01-01T00:00:00Z&spr=https&sig=${fakeSigEncoded("ex-queue")}`),
  "user-delegation-sas": () =>
    one(
      `https://acct.blob.core.windows.net/uploads?sp=racwl&st=2026-11-24T00:00:00Z&se=2026-11-30T00:00:00Z&skoid=11111111-2222-3333-4444-555555555555` +
        `&sktid=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee&skt=2026-11-24T00:00:00Z&ske=2026-12-01T00:00:00Z&sks=b&skv=2022-11-02&spr=https&sv=2022-11-02&sr=c&sig=${fakeSigEncoded("ex-ud")}`,
    ),
  "servicebus-sas": () =>
    one(
      `Authorization: SharedAccessSignature sr=https%3A%2F%2Fcontoso-ns.servicebus.windows.net%2Forders&sig=${fakeSigEncoded("ex-sb")}&se=1893456000&skn=SendOnly`,
    ),
  "storage-account-key": () => one(`az storage blob list --account-name acct --container-name c --account-key ${fakeAccountKey("ex-key")} -o table`),
  "connection-string (storage)": () =>
    one(`DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=${fakeAccountKey("ex-conn")};EndpointSuffix=core.windows.net`),
  "connection-string (Service Bus)": () =>
    one(`Endpoint=sb://contoso-ns.servicebus.windows.net/;SharedAccessKeyName=orders-send;SharedAccessKey=${fakeServiceBusKey("ex-sbconn")};EntityPath=orders`),
  /** expired a year ago: info */
  expired: () =>
    one(`https://acct.blob.core.windows.net/c/report.pdf?sv=2022-11-02&sr=b&sp=r&se=2025-12-20T00:00:00Z&spr=https&sig=${fakeSigEncoded("ex-old")}`),
  /** se two years ahead, but the delegation key (ske) expired in 2025: the engine calls it expired */
  "expired delegation key": () =>
    one(
      `https://acct.blob.core.windows.net/uploads?sp=racwl&st=2025-11-24T00:00:00Z&se=2027-11-30T00:00:00Z&skoid=11111111-2222-3333-4444-555555555555` +
        `&sktid=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee&skt=2025-11-24T00:00:00Z&ske=2025-12-01T00:00:00Z&sks=b&skv=2022-11-02&spr=https&sv=2022-11-02&sr=c&sig=${fakeSigEncoded("ex-ske")}`,
    ),
};

const SINCE = "2021-10-05T09:00:00Z";
const PUBLIC: Exposure = {
  since: SINCE,
  commit: "abc1234def5678abc1234def5678abc1234def56",
  author: "octocat",
  stillPresent: true,
  branch: "main",
  visibility: "public",
  forks: 3,
};
const PRIVATE: Exposure = { ...PUBLIC, visibility: "private", forks: 0 };
const ids = (f: Finding) => f.reasons.map((r) => r.id);

describe("exposureDuration", () => {
  const at = (days: number) => new Date(Date.parse(SINCE) + days * DAY);
  test.each([
    [0.5, "less than a day"],
    [1, "1 day"],
    [12, "12 days"],
    [31, "1 month"],
    [150, "5 months"],
    [364, "11 months"], // never "12 months"
    [365, "1 year"],
    [729, "1 year 11 months"],
    [3 * 365 + 8 * 30 + 10, "3 years 8 months"],
  ])("%s days → %s", (days, words) => {
    expect(exposureDuration(SINCE, at(days))).toBe(words);
  });
  test("a date in the future (clock skew) counts as less than a day", () => {
    expect(exposureDuration("2030-01-01T00:00:00Z", NOW)).toBe("less than a day");
  });
});

describe("exposureSentence", () => {
  const now = new Date(Date.parse(SINCE) + (3 * 365 + 8 * 30 + 10) * DAY);
  test("the issue's example: since, commit, author, still on main; public repository with forks", () => {
    expect(exposureSentence({ ...PUBLIC, forks: 12 }, now)).toBe(
      "Exposed since 2021-10-05 (3 years 8 months) in commit abc1234 by octocat, still on main; public repository with 12 forks.",
    );
  });
  test("removed since: no longer on the branch, but still in its history", () => {
    expect(exposureSentence({ ...PUBLIC, stillPresent: false, visibility: "unknown", forks: undefined }, now)).toBe(
      "Exposed since 2021-10-05 (3 years 8 months) in commit abc1234 by octocat, no longer on main, but still in its history.",
    );
  });
  test("one fork is singular; no forks are not mentioned; no branch name says the default branch", () => {
    expect(exposureSentence({ visibility: "public", forks: 1, stillPresent: true }, now)).toBe("Still on the default branch; public repository with 1 fork.");
    expect(exposureSentence({ visibility: "internal", forks: 0, since: SINCE }, now)).toBe("Exposed since 2021-10-05 (3 years 8 months); internal repository.");
  });
  test("visibility alone reads as a sentence; nothing known is an empty string", () => {
    expect(exposureSentence({ visibility: "private" }, now)).toBe("The repository is private.");
    expect(exposureSentence({ visibility: "public", forks: 2 }, now)).toBe("The repository is public with 2 forks.");
    expect(exposureSentence({ visibility: "unknown" }, now)).toBe("");
  });
  test("an unparsable date is left out rather than printed as NaN", () => {
    expect(exposureSentence({ visibility: "private", since: "yesterday-ish" }, now)).toBe("The repository is private.");
  });
});

describe("applyExposure: the public-repository rule", () => {
  test("public with forks: one level up, the reason says public and how many forks, baseSeverity kept", () => {
    const f = SAMPLES["service-sas"]();
    expect(f.severity).toBe("low");
    const out = applyExposure(f, PUBLIC, NOW);
    expect(out.severity).toBe("medium");
    expect(out.baseSeverity).toBe(f.baseSeverity);
    expect(out.reasons.find((r) => r.id === "public-repository")!.message).toBe(
      "The repository is public and has 3 forks: anyone on the internet could read this token, and copies may live on in forks, mirrors and archives.",
    );
    expect(out.exposure).toEqual({
      ...PUBLIC,
      summary: "Exposed since 2021-10-05 (5 years 1 month) in commit abc1234 by octocat, still on main; public repository with 3 forks.",
    });
    // the input is not changed
    expect(f.severity).toBe("low");
    expect(ids(f)).not.toContain("public-repository");
    expect(f.exposure).toBeUndefined();
  });

  test("never above critical: a critical token stays critical, with the reason", () => {
    const out = applyExposure(SAMPLES["account-sas"](), PUBLIC, NOW);
    expect(out.severity).toBe("critical");
    expect(ids(out)).toContain("public-repository");
  });

  test("high → critical (Service Bus SAS)", () => {
    const f = SAMPLES["servicebus-sas"]();
    expect(f.severity).toBe("high");
    expect(applyExposure(f, PUBLIC, NOW).severity).toBe("critical");
  });

  test("applied twice: raised once, one reason, one investigation step", () => {
    const f = SAMPLES["service-sas"]();
    const twice = applyExposure(applyExposure(f, PUBLIC, NOW), PUBLIC, NOW);
    expect(twice.severity).toBe("medium");
    expect(ids(twice).filter((id) => id === "public-repository")).toHaveLength(1);
    expect(twice.remediation.filter((s) => s.startsWith("Investigate:"))).toHaveLength(1);
  });

  test.each([["private" as const], ["internal" as const], ["unknown" as const]])(
    "%s repository: severity unchanged, no public-repository reason",
    (visibility) => {
      const f = SAMPLES["service-sas"]();
      const out = applyExposure(f, { ...PRIVATE, visibility }, NOW);
      expect(out.severity).toBe("low");
      expect(ids(out)).not.toContain("public-repository");
      expect(out.remediation.some((s) => s.startsWith("Investigate:"))).toBe(true);
    },
  );

  test("an expired token in a public repository is not raised", () => {
    const f = SAMPLES.expired();
    expect(f.severity).toBe("info");
    const out = applyExposure(f, PUBLIC, NOW);
    expect(out.severity).toBe("info");
    expect(ids(out)).not.toContain("public-repository");
  });

  test("a user delegation SAS whose key (ske) expired is not raised, even though its se is in the future", () => {
    const f = SAMPLES["expired delegation key"]();
    expect(f.severity).toBe("info");
    expect(ids(f)).toContain("expired");
    const out = applyExposure(f, PUBLIC, NOW);
    expect(out.severity).toBe("info");
    expect(ids(out)).not.toContain("public-repository");
    expect(investigationStep(f, PUBLIC, NOW)).toContain("from 2021-10-05 until it expired on 2025-12-01");
  });

  test("a token Azure Storage answered as expired (verified-expired) is not raised", () => {
    const f = SAMPLES["service-sas"]();
    const verified: Finding = { ...f, severity: "info", reasons: [{ id: "verified-expired", message: "Verified expired." }, ...f.reasons] };
    expect(applyExposure(verified, PUBLIC, NOW).severity).toBe("info");
  });

  test("the investigation step goes after the revoke step and before the removal step", () => {
    const f = SAMPLES["service-sas"]();
    const out = applyExposure(f, PRIVATE, NOW);
    expect(out.remediation).toHaveLength(f.remediation.length + 1);
    expect(out.remediation[0]).toBe(f.remediation[0]);
    expect(out.remediation[1]).toMatch(/^Investigate: /);
    expect(out.remediation[2]).toMatch(/^Remove it/);
  });
});

describe("investigationStep: kind-specific, naming the account or namespace and the window", () => {
  const WINDOW = "from 2021-10-05 until you revoke it";
  const HISTORY = "Removing the commit from history does not undo the exposure";
  test.each([
    [
      "account-sas",
      [
        "storage account `acct`",
        "(StorageBlobLogs, StorageFileLogs, StorageQueueLogs, StorageTableLogs)",
        "AuthenticationType SAS",
        "every resource of Blob, File, Queue and Table storage in the account",
      ],
    ],
    ["service-sas", ["storage account `acct`", "(StorageBlobLogs)", "AuthenticationType SAS", "`/c/report.pdf` and what is under it"]],
    ["service-sas (queue)", ["storage account `acct`", "(StorageQueueLogs)", "`/jobs` and what is under it"]],
    ["user-delegation-sas", ["storage account `acct`", "(StorageBlobLogs)", "`/uploads` and what is under it"]],
    ["servicebus-sas", ["namespace `contoso-ns`", "RuntimeAuditLogs", "Incoming/Outgoing Messages metrics", "rule `SendOnly`"]],
    // a bare key's account comes from `--account-name acct` on its line (issue 17)
    [
      "storage-account-key",
      [
        "query the storage account `acct`'s resource logs",
        "AuthenticationType AccountKey (Shared Key) or SAS",
        "everything in the account (and on any SAS signed with this key)",
      ],
    ],
    ["connection-string (storage)", ["storage account `contoso`", "AuthenticationType AccountKey (Shared Key) or SAS", "everything in the account"]],
    ["connection-string (Service Bus)", ["namespace `contoso-ns`", "RuntimeAuditLogs", "rule `orders-send`"]],
  ] as const)("%s", (sample, parts) => {
    const f = SAMPLES[sample]();
    const step = investigationStep(f, PUBLIC, NOW);
    expect(step).toMatch(/^Investigate: /);
    for (const p of [...parts, WINDOW, HISTORY]) expect(step).toContain(p);
    // and applyExposure puts exactly this step into the remediation
    expect(applyExposure(f, PUBLIC, NOW).remediation).toContain(step);
  });

  test("every kind gets a different step (no two kinds share one)", () => {
    const steps = (
      [
        "account-sas",
        "service-sas",
        "user-delegation-sas",
        "servicebus-sas",
        "storage-account-key",
        "connection-string (storage)",
        "connection-string (Service Bus)",
      ] as const
    ).map((k) => investigationStep(SAMPLES[k](), PRIVATE, NOW));
    expect(new Set(steps).size).toBe(steps.length);
  });

  test("without a first commit the window starts the day it was first committed", () => {
    expect(investigationStep(SAMPLES["service-sas"](), { visibility: "private" }, NOW)).toContain("from the day it was first committed until you revoke it");
  });

  test("an expired token: the window ends when it expired", () => {
    expect(investigationStep(SAMPLES.expired(), PUBLIC, NOW)).toContain("from 2021-10-05 until it expired on 2025-12-20");
  });

  test("a token committed after it had expired: nothing to look for in that window", () => {
    const step = investigationStep(SAMPLES.expired(), { visibility: "public", since: "2026-10-01T00:00:00Z" }, NOW);
    expect(step).toBe(
      "Investigate: nothing to look for from this exposure: the token had already expired on 2025-12-20 when it was first committed on 2026-10-01. Check where else it was shared before then.",
    );
  });

  test("no step or sentence carries the secret", () => {
    for (const make of Object.values(SAMPLES)) {
      const f = make();
      const out = applyExposure(f, PUBLIC, NOW);
      const shown = [...out.remediation, ...out.reasons.map((r) => r.message), out.exposure!.summary!].join("\n");
      expect(shown.includes(f.secret.reveal())).toBe(false);
      expect(shown.includes(encodeURIComponent(f.secret.reveal()))).toBe(false);
    }
  });
});
