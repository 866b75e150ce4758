// What a finding says about itself: the exact reason-id set per token shape (SEVERITY.md §6 and the contract's
// permission mapping), confidence, and remediation that names the right way to revoke.
import { fakeAccountKey, fakeServiceBusKey, fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";
import { inDays, reasonIds, scanOne, sortedIds, unixInDays, type ReasonId } from "./scan-helpers.js";

const SHORT = `st=${inDays(-1)}&se=${inDays(3)}`;
const LONG = `st=${inDays(-1)}&se=${inDays(800)}`;
const container = (sp: string, seed: string, extra = "") =>
  `https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=${sp}&${SHORT}&spr=https${extra}&sig=${fakeSigEncoded(seed)}`;
const BASE: ReasonId[] = ["container-scope", "short-lived", "no-stored-policy"];

interface ReasonCase {
  name: string;
  text: string;
  secret: string;
  reasons: ReasonId[];
  confidence?: "high" | "low";
}

const PERMISSIONS: [sp: string, ids: ReasonId[]][] = [
  ["r", ["read-only"]],
  ["rl", ["read-only"]],
  ["rlf", ["read-only"]],
  ["lr", ["read-only"]],
  ["rwdl", ["full-permissions"]],
  ["ldwr", ["full-permissions"]],
  ["racwdxyltfmeopiu", ["full-permissions"]],
  ["rw", ["write"]],
  ["racwl", ["write"]],
  ["cw", ["write"]],
  ["rt", ["write"]],
  ["rd", ["delete"]],
  ["rx", ["delete"]],
  ["ly", ["delete"]],
  ["rwd", ["write", "delete"]],
  ["wdl", ["write", "delete"]],
  ["racwdx", ["write", "delete"]],
];
const permissionCases: ReasonCase[] = PERMISSIONS.map(([sp, ids], i) => ({
  name: `sp=${sp} → ${ids.join(" + ")}`,
  text: container(sp, `perm-${i}`),
  secret: fakeSig(`perm-${i}`),
  reasons: [...BASE, ...ids],
}));

const ud = (seed: string) =>
  `https://acct.blob.core.windows.net/c/b.txt?sp=r&st=${inDays(-1)}&se=${inDays(5)}&skoid=11111111-2222-3333-4444-555555555555` +
  `&sktid=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee&skt=${inDays(-1)}&ske=${inDays(6)}&sks=b&skv=2022-11-02&spr=https&sv=2022-11-02&sr=b&sig=${fakeSigEncoded(seed)}`;
const sb = (entity: string, skn: string, seed: string) =>
  `SharedAccessSignature sr=${encodeURIComponent(`https://ns.servicebus.windows.net/${entity}`)}&sig=${fakeSigEncoded(seed)}&se=${unixInDays(800)}&skn=${skn}`;
// A signature that is base64 of 64 bytes, not the 32 of an HMAC-SHA256: reported, with low confidence (SAS.md §4).
const oddSig = encodeURIComponent(fakeAccountKey("odd-sig"));

const otherCases: ReasonCase[] = [
  {
    name: "missing sp with si → permissions-from-policy + stored-policy",
    text: `https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&si=readers&${SHORT}&spr=https&sig=${fakeSigEncoded("pol")}`,
    secret: fakeSig("pol"),
    reasons: ["container-scope", "short-lived", "permissions-from-policy", "stored-policy"],
  },
  {
    name: "sip → ip-restricted",
    text: container("rl", "sip", "&sip=203.0.113.0-203.0.113.255"),
    secret: fakeSig("sip"),
    reasons: [...BASE, "read-only", "ip-restricted"],
  },
  {
    name: "spr=https,http → http-allowed",
    text: container("rl", "http").replace("spr=https", "spr=https,http"),
    secret: fakeSig("http"),
    reasons: [...BASE, "read-only", "http-allowed"],
  },
  {
    name: "spr missing → http-allowed",
    text: container("rl", "nospr").replace("&spr=https", ""),
    secret: fakeSig("nospr"),
    reasons: [...BASE, "read-only", "http-allowed"],
  },
  {
    name: "user delegation SAS → user-delegation, no stored-policy ids",
    text: ud("ud"),
    secret: fakeSig("ud"),
    reasons: ["object-scope", "read-only", "short-lived", "user-delegation"],
  },
  {
    name: "account SAS, long → account-scope + long-expiry",
    text: `https://acct.blob.core.windows.net/?sv=2022-11-02&ss=bf&srt=sc&sp=rl&${LONG}&spr=https&sig=${fakeSigEncoded("acct")}`,
    secret: fakeSig("acct"),
    reasons: ["account-scope", "read-only", "long-expiry", "no-stored-policy"],
  },
  {
    name: "signature that does not decode to 32 bytes → unusual-signature, low confidence",
    text: `https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&${SHORT}&spr=https&sig=${oddSig}`,
    secret: fakeAccountKey("odd-sig"),
    reasons: [...BASE, "read-only", "unusual-signature"],
    confidence: "low",
  },
  {
    name: "Service Bus namespace token, RootManageSharedAccessKey",
    text: sb("", "RootManageSharedAccessKey", "sbns"),
    secret: fakeSig("sbns"),
    reasons: ["container-scope", "rights-from-policy", "manage-rights", "long-expiry"],
  },
  {
    name: "Service Bus entity token, other rule",
    text: sb("orders", "orders-send", "sbent"),
    secret: fakeSig("sbent"),
    reasons: ["object-scope", "rights-from-policy", "long-expiry"],
  },
  {
    name: "Service Bus entity token, RootManage* rule → manage-rights",
    text: sb("orders", "RootManageSharedAccessKey", "sbent2"),
    secret: fakeSig("sbent2"),
    reasons: ["object-scope", "rights-from-policy", "manage-rights", "long-expiry"],
  },
  {
    name: "Service Bus namespace sr without a trailing slash is still the namespace",
    text: `SharedAccessSignature sr=https%3A%2F%2Fns.servicebus.windows.net&sig=${fakeSigEncoded("sbns2")}&se=${unixInDays(800)}&skn=listen`,
    secret: fakeSig("sbns2"),
    reasons: ["container-scope", "rights-from-policy", "long-expiry"],
  },
  {
    name: "Service Bus sr without a scheme, lower-case hex (Event Hubs samples)",
    text: `SharedAccessSignature sr=ns.servicebus.windows.net%2fhub1&sig=${fakeSigEncoded("sbnoscheme", true)}&se=${unixInDays(800)}&skn=send`,
    secret: fakeSig("sbnoscheme"),
    reasons: ["object-scope", "rights-from-policy", "long-expiry"],
  },
  {
    name: "Event Hubs publisher path is one entity",
    text: sb("hub1/publishers/device-7", "send", "sbpub"),
    secret: fakeSig("sbpub"),
    reasons: ["object-scope", "rights-from-policy", "long-expiry"],
  },
];

describe("reason ids: exact set per token", () => {
  test.each([...permissionCases, ...otherCases])("$name", (c) => {
    const f = scanOne(c.text, [c.secret]);
    expect(reasonIds(f)).toEqual(sortedIds(c.reasons));
    expect(f.confidence).toBe(c.confidence ?? "high");
    expect(f.violations).toEqual([]);
    expect(f.suppression).toBeUndefined();
    expect(f.secret.reveal()).toBe(c.secret);
  });
});

interface RemediationCase {
  name: string;
  text: string;
  secret: string;
  /** Every pattern must match the remediation steps joined. */
  mentions: RegExp[];
}

const ROTATE_KEY = [/rotat/i, /account key/i];
const remediationCases: RemediationCase[] = [
  {
    name: "account SAS: rotate the account key",
    text: `https://acct.blob.core.windows.net/?sv=2022-11-02&ss=b&srt=sco&sp=rwl&${LONG}&spr=https&sig=${fakeSigEncoded("rem-acct")}`,
    secret: fakeSig("rem-acct"),
    mentions: ROTATE_KEY,
  },
  {
    name: "ad hoc service SAS: rotate the account key",
    text: container("rw", "rem-svc"),
    secret: fakeSig("rem-svc"),
    mentions: ROTATE_KEY,
  },
  {
    name: "service SAS with si: delete the stored access policy",
    text: `https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&si=readers&${SHORT}&spr=https&sig=${fakeSigEncoded("rem-si")}`,
    secret: fakeSig("rem-si"),
    mentions: [/delet/i, /stored access policy/i],
  },
  {
    name: "user delegation SAS: revoke user delegation keys",
    text: ud("rem-ud"),
    secret: fakeSig("rem-ud"),
    mentions: [/revok/i, /user delegation key/i],
  },
  {
    name: "Service Bus SAS: regenerate the rule's keys",
    text: sb("orders", "orders-send", "rem-sb"),
    secret: fakeSig("rem-sb"),
    mentions: [/regenerat/i, /key/i],
  },
  {
    name: "Service Bus connection string: regenerate the rule's keys",
    text: `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=orders-send;SharedAccessKey=${fakeServiceBusKey("rem-sbc")}`,
    secret: fakeServiceBusKey("rem-sbc"),
    mentions: [/regenerat/i, /key/i],
  },
  {
    name: "bare storage account key: rotate the account key",
    text: `ACCOUNT_KEY = "${fakeAccountKey("rem-key")}"`,
    secret: fakeAccountKey("rem-key"),
    mentions: ROTATE_KEY,
  },
  {
    name: "storage connection string: rotate the account key",
    text: `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${fakeAccountKey("rem-conn")};EndpointSuffix=core.windows.net`,
    secret: fakeAccountKey("rem-conn"),
    mentions: ROTATE_KEY,
  },
  {
    name: "http-allowed token: remediation says to use HTTPS only (SEVERITY.md §2)",
    text: container("rl", "rem-http").replace("&spr=https", ""),
    secret: fakeSig("rem-http"),
    mentions: [/https/i],
  },
];

describe("remediation names the right way to revoke", () => {
  test.each(remediationCases)("$name", (c) => {
    const f = scanOne(c.text, [c.secret]);
    const joined = f.remediation.join("\n");
    for (const re of c.mentions) expect(joined).toMatch(re);
  });
});

describe("reason messages", () => {
  test("each reason is one non-empty sentence on one line", () => {
    const f = scanOne(
      `https://acct.blob.core.windows.net/?sv=2020-08-04&ss=bfqt&srt=sco&sp=rwdlacupitfx&se=2051-10-06T07:09:59Z&st=2021-10-05T23:09:59Z&spr=https,http&sig=${fakeSigEncoded("msg")}`,
      [fakeSig("msg")],
    );
    for (const r of f.reasons) {
      expect(r.message.trim()).not.toBe("");
      expect(r.message).not.toContain("\n");
    }
    expect(new Set(f.reasons.map((r) => r.message)).size).toBe(f.reasons.length);
  });
});
