// The default risk model (SEVERITY.md §2, §5, §7): every cell of the class × scope × window table, the modifiers
// (expired, si, sip, floor, http-allowed), user delegation windows, clock skew and every worked example.
import { fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";
import { NOW, inDays, iso, inMinutes, reasonIds, scanOne, unixInDays, type ReasonId, type Severity } from "./scan-helpers.js";

type Cls = "read" | "write";
type Scope = "account" | "container" | "object";
type Win = "long" | "medium" | "short";

interface SasSpec {
  host?: string;
  path?: string;
  /** Kind/scope parameters (`ss=…&srt=…`, `sr=c`, `tn=…`, or "" for a queue SAS). */
  q: string;
  sp?: string;
  st?: string;
  se?: string;
  spr?: string | null; // null: no spr parameter (https,http)
  extra?: string;
  seed: string;
}

/** A storage SAS URL with a fake signature. */
const sasUrl = (s: SasSpec): string => {
  const params = [
    "sv=2022-11-02",
    s.q,
    s.sp !== undefined ? `sp=${s.sp}` : "",
    s.st ? `st=${s.st}` : "",
    s.se ? `se=${s.se}` : "",
    s.spr === null ? "" : `spr=${s.spr ?? "https"}`,
    s.extra ?? "",
    `sig=${fakeSigEncoded(s.seed)}`,
  ].filter(Boolean);
  return `https://${s.host ?? "acct.blob.core.windows.net"}${s.path ?? "/"}?${params.join("&")}`;
};

/** A Service Bus SAS for the namespace (entity "") or one entity; `se` in Unix seconds. */
const sbSas = (entity: string, se: number, skn: string, seed: string): string =>
  `Authorization: SharedAccessSignature sr=${encodeURIComponent(`https://ns.servicebus.windows.net/${entity}`)}&sig=${fakeSigEncoded(seed)}&se=${se}&skn=${skn}`;

const SCOPES: Record<Scope, { path: string; q: string; id: ReasonId }> = {
  account: { path: "/", q: "ss=bfqt&srt=sco", id: "account-scope" },
  container: { path: "/reports", q: "sr=c", id: "container-scope" },
  object: { path: "/reports/q3.pdf", q: "sr=b", id: "object-scope" },
};
const SP: Record<Cls, Record<Scope, string>> = {
  read: { account: "rl", container: "rl", object: "r" },
  write: { account: "rwl", container: "rwl", object: "w" },
};
const WINDOW: Record<Win, { se: string; id: ReasonId }> = {
  long: { se: inDays(800), id: "long-expiry" },
  medium: { se: inDays(100), id: "medium-expiry" },
  short: { se: inDays(3), id: "short-lived" },
};

// SEVERITY.md §2, copied row by row.
const TABLE: [Cls, Scope, Record<Win, Severity>][] = [
  ["write", "account", { long: "critical", medium: "high", short: "high" }],
  ["write", "container", { long: "critical", medium: "high", short: "medium" }],
  ["write", "object", { long: "high", medium: "high", short: "medium" }],
  ["read", "account", { long: "high", medium: "medium", short: "low" }],
  ["read", "container", { long: "medium", medium: "medium", short: "low" }],
  ["read", "object", { long: "medium", medium: "low", short: "low" }],
];

interface SeverityCase {
  name: string;
  text: string;
  now?: Date;
  severity: Severity;
  includes?: ReasonId[];
  excludes?: ReasonId[];
  seed: string;
}

const tableCells: SeverityCase[] = TABLE.flatMap(([cls, scope, sevs]): SeverityCase[] =>
  (Object.keys(sevs) as Win[]).map((win): SeverityCase => {
    const seed = `cell-${cls}-${scope}-${win}`;
    return {
      name: `${cls} × ${scope} × ${win} → ${sevs[win]}`,
      text: sasUrl({ path: SCOPES[scope].path, q: SCOPES[scope].q, sp: SP[cls][scope], st: inDays(-1), se: WINDOW[win].se, seed }),
      severity: sevs[win],
      includes: [SCOPES[scope].id, WINDOW[win].id, cls === "read" ? "read-only" : "write", "no-stored-policy"],
      excludes: ["http-allowed", "expired"],
      seed,
    };
  }),
);

// The "none" half of the "long / none" column: no se is only possible with si=, which lowers one level.
const noneCells: SeverityCase[] = [
  {
    name: "write (no sp: from policy) × container × none with si → critical −1 = high",
    text: sasUrl({ path: "/reports", q: "sr=c&si=reports-rw-policy", seed: "none-wc" }),
    severity: "high",
    includes: ["container-scope", "no-expiry", "stored-policy", "permissions-from-policy"],
    seed: "none-wc",
  },
  {
    name: "write × object × none with si → high −1 = medium",
    text: sasUrl({ path: "/reports/q3.pdf", q: "sr=b&si=writer", sp: "w", seed: "none-wo" }),
    severity: "medium",
    includes: ["object-scope", "no-expiry", "stored-policy", "write"],
    seed: "none-wo",
  },
  {
    name: "read × container × none with si → medium −1 = low",
    text: sasUrl({ path: "/reports", q: "sr=c&si=reader", sp: "rl", seed: "none-rc" }),
    severity: "low",
    includes: ["container-scope", "no-expiry", "stored-policy", "read-only"],
    seed: "none-rc",
  },
  {
    name: "read × object × none with si → medium −1 = low",
    text: sasUrl({ path: "/reports/q3.pdf", q: "sr=b&si=reader", sp: "r", seed: "none-ro" }),
    severity: "low",
    includes: ["object-scope", "no-expiry", "stored-policy", "read-only"],
    seed: "none-ro",
  },
];

// Every resource that SEVERITY.md §2 maps to container or object scope (long window).
const scopeVariants: SeverityCase[] = [
  {
    name: "file share sr=s is container scope (write, long → critical)",
    host: "acct.file.core.windows.net",
    path: "/share",
    q: "sr=s",
    sp: "rwl",
    scope: "container-scope",
    severity: "critical",
  },
  {
    name: "ADLS directory sr=d is container scope (write, long → critical)",
    host: "acct.dfs.core.windows.net",
    path: "/fs/dir",
    q: "sr=d&sdd=1",
    sp: "rwl",
    scope: "container-scope",
    severity: "critical",
  },
  {
    name: "table SAS tn= is container scope (write, long → critical)",
    host: "acct.table.core.windows.net",
    path: "/Orders",
    q: "tn=Orders",
    sp: "raud",
    scope: "container-scope",
    severity: "critical",
  },
  {
    name: "queue SAS (no sr) is container scope (write, long → critical)",
    host: "acct.queue.core.windows.net",
    path: "/jobs",
    q: "",
    sp: "raup",
    scope: "container-scope",
    severity: "critical",
  },
  {
    name: "file share sr=s read, long → medium",
    host: "acct.file.core.windows.net",
    path: "/share",
    q: "sr=s",
    sp: "rl",
    scope: "container-scope",
    severity: "medium",
  },
  { name: "blob snapshot sr=bs is object scope (write, long → high)", path: "/c/b.txt", q: "sr=bs", sp: "rw", scope: "object-scope", severity: "high" },
  { name: "blob version sr=bv is object scope (write, long → high)", path: "/c/b.txt", q: "sr=bv", sp: "rwx", scope: "object-scope", severity: "high" },
  {
    name: "file sr=f is object scope (write, long → high)",
    host: "acct.file.core.windows.net",
    path: "/share/a.txt",
    q: "sr=f",
    sp: "rw",
    scope: "object-scope",
    severity: "high",
  },
  {
    name: "file sr=f read, long → medium",
    host: "acct.file.core.windows.net",
    path: "/share/a.txt",
    q: "sr=f",
    sp: "r",
    scope: "object-scope",
    severity: "medium",
  },
].map((v, i): SeverityCase => ({
  name: v.name,
  text: sasUrl({ host: v.host, path: v.path, q: v.q, sp: v.sp, st: inDays(-1), se: inDays(800), seed: `variant-${i}` }),
  severity: v.severity as Severity,
  includes: [v.scope as ReasonId, "long-expiry"],
  seed: `variant-${i}`,
}));

const serviceBus: SeverityCase[] = [
  {
    name: "Service Bus namespace × long → critical",
    text: sbSas("", unixInDays(800), "RootManageSharedAccessKey", "sb1"),
    severity: "critical",
    includes: ["container-scope", "rights-from-policy", "manage-rights", "long-expiry"],
    seed: "sb1",
  },
  {
    name: "Service Bus namespace × medium → high",
    text: sbSas("", unixInDays(100), "RootManageSharedAccessKey", "sb2"),
    severity: "high",
    includes: ["container-scope", "medium-expiry"],
    seed: "sb2",
  },
  {
    name: "Service Bus namespace × short → medium",
    text: sbSas("", unixInDays(1), "RootManageSharedAccessKey", "sb3"),
    severity: "medium",
    includes: ["container-scope", "short-lived"],
    seed: "sb3",
  },
  {
    name: "Service Bus entity × long → high",
    text: sbSas("orders", unixInDays(800), "SendOnly", "sb4"),
    severity: "high",
    includes: ["object-scope", "rights-from-policy", "long-expiry"],
    excludes: ["manage-rights"],
    seed: "sb4",
  },
  {
    name: "Service Bus entity × medium → high",
    text: sbSas("orders", unixInDays(100), "SendOnly", "sb5"),
    severity: "high",
    includes: ["object-scope", "medium-expiry"],
    seed: "sb5",
  },
  {
    name: "Service Bus entity × short → medium",
    text: sbSas("orders", unixInDays(1), "SendOnly", "sb6"),
    severity: "medium",
    includes: ["object-scope", "short-lived"],
    seed: "sb6",
  },
  { name: "Service Bus expired → info", text: sbSas("orders", unixInDays(-2), "SendOnly", "sb7"), severity: "info", includes: ["expired"], seed: "sb7" },
];

const obj = (sp: string, se: string, seed: string, extra = "", st = inDays(-1)) => sasUrl({ path: "/c/b.txt", q: "sr=b", sp, st, se, extra, seed });
const acct = (sp: string, se: string, seed: string, extra = "", st = inDays(-1)) => sasUrl({ path: "/", q: "ss=b&srt=sco", sp, st, se, extra, seed });
const cont = (sp: string | undefined, se: string | undefined, seed: string, q = "sr=c") => sasUrl({ path: "/c", q, sp, st: inDays(-1), se, seed });

const modifiers: SeverityCase[] = [
  {
    name: "expired write × account × was-long → info",
    text: acct("rwdl", inDays(-1), "exp1", "", inDays(-800)),
    severity: "info",
    includes: ["expired", "account-scope"],
    excludes: ["long-expiry"],
    seed: "exp1",
  },
  { name: "expired read × object → info", text: obj("r", inDays(-30), "exp2", "", inDays(-60)), severity: "info", includes: ["expired"], seed: "exp2" },
  {
    name: "expired with si and sip is still info (the floor at low does not lift expired tokens)",
    text: sasUrl({ path: "/c", q: "sr=c&si=p1", sp: "rwl", st: inDays(-30), se: inDays(-1), extra: "sip=203.0.113.10", seed: "exp3" }),
    severity: "info",
    includes: ["expired", "stored-policy", "ip-restricted"],
    seed: "exp3",
  },
  {
    name: "si lowers one level: write × container × long with si → high",
    text: cont("rwl", inDays(800), "si1", "sr=c&si=p1"),
    severity: "high",
    includes: ["stored-policy"],
    excludes: ["no-stored-policy"],
    seed: "si1",
  },
  {
    name: "sip lowers one level: write × account × long with sip → high",
    text: acct("rwl", inDays(800), "sip1", "sip=203.0.113.10-203.0.113.20"),
    severity: "high",
    includes: ["ip-restricted", "no-stored-policy"],
    seed: "sip1",
  },
  {
    name: "si + sip lower two levels: write × container × long → medium",
    text: sasUrl({ path: "/c", q: "sr=c&si=p1", sp: "rwl", st: inDays(-1), se: inDays(800), extra: "sip=203.0.113.10", seed: "sisip" }),
    severity: "medium",
    includes: ["stored-policy", "ip-restricted"],
    seed: "sisip",
  },
  {
    name: "si + sip from medium stop at low (floor), never info",
    text: sasUrl({ path: "/c", q: "sr=c&si=p1", sp: "rl", st: inDays(-1), se: inDays(800), extra: "sip=203.0.113.10", seed: "floor1" }),
    severity: "low",
    includes: ["stored-policy", "ip-restricted"],
    seed: "floor1",
  },
  {
    name: "si on an already-low token stays low",
    text: sasUrl({ path: "/c/b.txt", q: "sr=b&si=p1", sp: "r", st: inDays(-1), se: inDays(3), seed: "floor2" }),
    severity: "low",
    seed: "floor2",
  },
  { name: "sip on an already-low token stays low", text: obj("r", inDays(3), "floor3", "sip=203.0.113.10"), severity: "low", seed: "floor3" },
  {
    name: "spr=https,http does not change severity (write × account × long stays critical)",
    text: sasUrl({ path: "/", q: "ss=b&srt=sco", sp: "rwl", st: inDays(-1), se: inDays(800), spr: "https,http", seed: "http1" }),
    severity: "critical",
    includes: ["http-allowed"],
    seed: "http1",
  },
  {
    name: "missing spr (https,http) does not change severity (read × object × short stays low)",
    text: sasUrl({ path: "/c/b.txt", q: "sr=b", sp: "r", st: inDays(-1), se: inDays(3), spr: null, seed: "http2" }),
    severity: "low",
    includes: ["http-allowed"],
    seed: "http2",
  },
  {
    name: "spr=https has no http-allowed (read × object × short is low)",
    text: obj("r", inDays(3), "http3"),
    severity: "low",
    excludes: ["http-allowed"],
    seed: "http3",
  },
  {
    name: "missing se with si: none window (read × object) → medium −1 = low",
    text: sasUrl({ path: "/c/b.txt", q: "sr=b&si=p", sp: "r", seed: "nose" }),
    severity: "low",
    includes: ["no-expiry", "stored-policy"],
    seed: "nose",
  },
];

// Window edges (SEVERITY.md §2, §5). read × account distinguishes all three windows: low / medium / high.
const windows: SeverityCase[] = [
  { name: "exactly 7 days is short", text: acct("rl", inDays(7), "w1"), severity: "low", includes: ["short-lived"], seed: "w1" },
  { name: "7 days and 1 hour is medium", text: acct("rl", inDays(7 + 1 / 24), "w2"), severity: "medium", includes: ["medium-expiry"], seed: "w2" },
  { name: "exactly 365 days is medium", text: acct("rl", inDays(365), "w3"), severity: "medium", includes: ["medium-expiry"], seed: "w3" },
  { name: "365 days and 1 hour is long", text: acct("rl", inDays(365 + 1 / 24), "w4"), severity: "high", includes: ["long-expiry"], seed: "w4" },
  {
    name: "future st: window counts from st (st +30d, se +35d → short)",
    text: acct("rl", inDays(35), "w5", "", inDays(30)),
    severity: "low",
    includes: ["short-lived"],
    seed: "w5",
  },
  {
    name: "future st: window counts from st (st +400d, se +700d → medium)",
    text: acct("rl", inDays(700), "w6", "", inDays(400)),
    severity: "medium",
    includes: ["medium-expiry"],
    seed: "w6",
  },
  {
    name: "no st: window counts from now",
    text: sasUrl({ path: "/", q: "ss=b&srt=sco", sp: "rl", se: inDays(100), seed: "w7" }),
    severity: "medium",
    includes: ["medium-expiry"],
    seed: "w7",
  },
  {
    name: "clock skew: expired 14 minutes ago is not expired (short)",
    text: obj("w", inMinutes(-14), "skew1", "", inDays(-1)),
    severity: "medium",
    includes: ["short-lived"],
    excludes: ["expired"],
    seed: "skew1",
  },
  {
    name: "clock skew applies to Service Bus se too: 14 minutes ago is not expired",
    text: sbSas("orders", unixInDays(-14 / 1440), "SendOnly", "skew4"),
    severity: "medium",
    includes: ["short-lived"],
    excludes: ["expired"],
    seed: "skew4",
  },
  {
    name: "clock skew: expired 16 minutes ago is expired",
    text: obj("w", inMinutes(-16), "skew2", "", inDays(-1)),
    severity: "info",
    includes: ["expired"],
    seed: "skew2",
  },
];

const ud = (p: { sp: string; sr?: string; st?: string; se: string; skt: string; ske: string; seed: string }) =>
  `https://acct.blob.core.windows.net/${p.sr === "b" ? "c/b.txt" : "c"}?sp=${p.sp}${p.st ? `&st=${p.st}` : ""}&se=${p.se}` +
  `&skoid=11111111-2222-3333-4444-555555555555&sktid=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee&skt=${p.skt}&ske=${p.ske}` +
  `&sks=b&skv=2022-11-02&spr=https&sv=2022-11-02&sr=${p.sr ?? "c"}&sig=${fakeSigEncoded(p.seed)}`;

const userDelegation: SeverityCase[] = [
  {
    name: "clock skew applies to ske too: delegation key expired 14 minutes ago is not expired",
    text: ud({ sp: "r", se: inDays(300), skt: inDays(-6), ske: inMinutes(-14), seed: "skew3" }),
    severity: "low",
    includes: ["short-lived"],
    excludes: ["expired"],
    seed: "skew3",
  },
  {
    name: "user delegation: ske caps a 25-year se (read × container → short → low)",
    text: ud({ sp: "rl", se: "2051-10-06T00:00:00Z", skt: inDays(-1), ske: inDays(6), seed: "ud1" }),
    severity: "low",
    includes: ["user-delegation", "short-lived", "container-scope"],
    excludes: ["long-expiry", "no-stored-policy", "stored-policy"],
    seed: "ud1",
  },
  {
    name: "user delegation: window starts at skt when it is later than now (9 days from now, 7 from skt → short)",
    text: ud({ sp: "rl", se: inDays(9), skt: inDays(2), ske: inDays(9), seed: "ud2" }),
    severity: "low",
    includes: ["short-lived"],
    seed: "ud2",
  },
  {
    name: "user delegation: window starts at max(st, skt)",
    text: ud({ sp: "rl", st: inDays(3), se: inDays(9), skt: inDays(-1), ske: inDays(9), seed: "ud3" }),
    severity: "low",
    includes: ["short-lived"],
    seed: "ud3",
  },
  {
    name: "user delegation: ske in the past → expired → info, whatever se says",
    text: ud({ sp: "racwl", se: inDays(300), skt: inDays(-10), ske: inDays(-3), seed: "ud4" }),
    severity: "info",
    includes: ["expired", "user-delegation"],
    seed: "ud4",
  },
  {
    name: "user delegation: write × object × short → medium",
    text: ud({ sp: "cw", sr: "b", se: inDays(5), skt: inDays(-1), ske: inDays(6), seed: "ud5" }),
    severity: "medium",
    includes: ["object-scope", "short-lived", "write"],
    seed: "ud5",
  },
];

describe("severity table (SEVERITY.md §2), scanned at 2026-11-25", () => {
  test.each([...tableCells, ...noneCells, ...scopeVariants, ...serviceBus, ...modifiers, ...windows, ...userDelegation])("$name", (c) => {
    const f = scanOne(c.text, [fakeSig(c.seed)], { now: c.now ?? NOW });
    expect(f.severity).toBe(c.severity);
    expect(f.baseSeverity).toBe(c.severity); // no policy: the default model alone
    const ids = reasonIds(f);
    for (const id of c.includes ?? []) expect(ids).toContain(id);
    for (const id of c.excludes ?? []) expect(ids).not.toContain(id);
  });
});

const INCIDENT_QUERY = "sv=2020-08-04&ss=bfqt&srt=sco&sp=rwdlacupitfx&se=2051-10-06T07:09:59Z&st=2021-10-05T23:09:59Z&spr=https,http";
const incident = (seed: string) =>
  `Download the models: https://robustnessws4285631339.blob.core.windows.net/public-models/robust_imagenet/?${INCIDENT_QUERY}&sig=${fakeSigEncoded(seed)}`;
// The earlier, 16-month version (SAS.md §6): ss=b&srt=sco&sp=rlx, https only.
// `x` (delete version) is a write letter (SEVERITY.md §2 lists it), so the class is *write*, not *read*; 16 months
// (487 days) is more than 365 days, so the window is *long* when scanned on its start date:
// write × account × long = critical. (Were it read-only, read × account × long would be high.)
const earlier = (seed: string) =>
  `https://robustnessws4285631339.blob.core.windows.net/public-models?sv=2020-08-04&ss=b&srt=sco&sp=rlx&st=2020-06-01T00:00:00Z&se=2021-10-01T00:00:00Z&spr=https&sig=${fakeSigEncoded(seed)}`;

interface ExampleCase extends SeverityCase {
  kind: string;
  exactly?: ReasonId[];
}

const workedExamples: ExampleCase[] = [
  {
    name: "§6/§7 the 2023 incident token: write × account × long → critical",
    text: incident("incident"),
    kind: "account-sas",
    severity: "critical",
    exactly: ["account-scope", "full-permissions", "long-expiry", "http-allowed", "no-stored-policy"],
    seed: "incident",
  },
  {
    name: "§6 the incident token's earlier version on its start date: rlx is write (x), 16 months is long → critical",
    text: earlier("earlier"),
    now: new Date("2020-06-01T00:00:00Z"),
    kind: "account-sas",
    severity: "critical",
    exactly: ["account-scope", "delete", "long-expiry", "no-stored-policy"],
    seed: "earlier",
  },
  {
    name: "§6 the incident token's earlier version scanned today → expired → info",
    text: earlier("earlier"),
    kind: "account-sas",
    severity: "info",
    includes: ["expired"],
    seed: "earlier",
  },
  {
    name: "§7 sp=r 8-hour blob token, scanned 30 minutes before st → low (read × object × short)",
    text: `https://acct.blob.core.windows.net/c/b.txt?sp=r&st=2029-09-14T08:30Z&se=2029-09-14T16:30Z&sv=2022-11-02&sr=b&sig=${fakeSigEncoded("ex2")}`,
    now: new Date("2029-09-14T08:00:00Z"),
    kind: "service-sas",
    severity: "low",
    exactly: ["object-scope", "read-only", "short-lived", "http-allowed", "no-stored-policy"],
    seed: "ex2",
  },
  {
    name: "§7 sr=c&sp=rl&se=2030-02-14 with no st → medium (read × container × long)",
    text: `https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=2030-02-14&spr=https&sig=${fakeSigEncoded("ex3")}`,
    kind: "service-sas",
    severity: "medium",
    exactly: ["container-scope", "read-only", "long-expiry", "no-stored-policy"],
    seed: "ex3",
  },
  {
    name: "§7 sr=c&si=reports-rw-policy with no sp, no se → high (critical −1 for si)",
    text: `https://acct.blob.core.windows.net/reports?sv=2022-11-02&sr=c&si=reports-rw-policy&spr=https&sig=${fakeSigEncoded("ex4")}`,
    kind: "service-sas",
    severity: "high",
    exactly: ["container-scope", "permissions-from-policy", "no-expiry", "stored-policy"],
    seed: "ex4",
  },
  {
    name: "§7 user delegation sp=racwl, se=2029-03-08, ske 7 days after skt → medium (write × container × short)",
    text: ud({ sp: "racwl", se: "2029-03-08", skt: "2029-03-01T00:00:00Z", ske: "2029-03-08T00:00:00Z", seed: "ex5" }),
    now: new Date("2029-03-01T00:00:00Z"),
    kind: "user-delegation-sas",
    severity: "medium",
    exactly: ["container-scope", "write", "short-lived", "user-delegation"],
    seed: "ex5",
  },
  {
    name: "§7 user delegation sp=r, se=2051, ske 7 days after skt → low (window capped by ske)",
    text: ud({ sp: "r", sr: "b", se: "2051-10-06T07:09:59Z", skt: "2029-03-01T00:00:00Z", ske: "2029-03-08T00:00:00Z", seed: "ex6" }),
    now: new Date("2029-03-01T00:00:00Z"),
    kind: "user-delegation-sas",
    severity: "low",
    exactly: ["object-scope", "read-only", "short-lived", "user-delegation"],
    seed: "ex6",
  },
  {
    name: "§7 account SAS sp=rwdl, 10 years, sip range → high (critical −1 for sip)",
    text: sasUrl({ q: "ss=b&srt=sco", sp: "rwdl", st: iso(NOW), se: inDays(3652), extra: "sip=203.0.113.10-203.0.113.20", seed: "ex7" }),
    kind: "account-sas",
    severity: "high",
    exactly: ["account-scope", "full-permissions", "long-expiry", "no-stored-policy", "ip-restricted"],
    seed: "ex7",
  },
  {
    name: "§7 Service Bus RootManageSharedAccessKey namespace token, se=1893456000 → critical",
    text: `SharedAccessSignature sr=https%3A%2F%2Fns.servicebus.windows.net%2F&sig=${fakeSigEncoded("ex8")}&se=1893456000&skn=RootManageSharedAccessKey`,
    kind: "servicebus-sas",
    severity: "critical",
    exactly: ["container-scope", "rights-from-policy", "manage-rights", "long-expiry"],
    seed: "ex8",
  },
  {
    name: "§7 same Service Bus token with se=1600000000 → info (expired)",
    text: `SharedAccessSignature sr=https%3A%2F%2Fns.servicebus.windows.net%2F&sig=${fakeSigEncoded("ex9")}&se=1600000000&skn=RootManageSharedAccessKey`,
    kind: "servicebus-sas",
    severity: "info",
    exactly: ["container-scope", "rights-from-policy", "manage-rights", "expired"],
    seed: "ex9",
  },
];

describe("worked examples (SAS.md §6, SEVERITY.md §7)", () => {
  test.each(workedExamples)("$name", (c) => {
    const f = scanOne(c.text, [fakeSig(c.seed)], { now: c.now ?? NOW });
    expect(f.kind).toBe(c.kind);
    expect(f.severity).toBe(c.severity);
    expect(f.baseSeverity).toBe(c.severity);
    if (c.exactly) expect(reasonIds(f)).toEqual([...c.exactly].sort());
    for (const id of c.includes ?? []) expect(reasonIds(f)).toContain(id);
  });

  test("the incident token's parsed fields", () => {
    const f = scanOne(incident("incident"), [fakeSig("incident")]);
    expect(f.token).toMatchObject({
      account: "robustnessws4285631339",
      services: "bfqt",
      resourceTypes: "sco",
      permissions: "rwdlacupitfx",
      start: "2021-10-05T23:09:59Z",
      expiry: "2051-10-06T07:09:59Z",
      protocol: "https,http",
      version: "2020-08-04",
    });
    expect(f.token.storedPolicy).toBeUndefined();
    expect(f.token.ipRange).toBeUndefined();
  });
});
