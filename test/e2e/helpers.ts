// Shared pieces of the end-to-end suites: the fake GitHub + App process set-up, waiting on the fake, the
// incident-shaped token (signature built at run time), and the leak check over every request the fake received.
import { FakeGitHub } from "../support/fake-github/index.js";
import { generateAppKeys, startApp, type AppKeys, type AppProcess, type StartOptions } from "../support/app-process.js";
import { fakeAccountKey, fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";

export { FakeGitHub, generateAppKeys, startApp, type AppKeys, type AppProcess };

/** The 2023 incident's account SAS (SAS.md §6) with a fake signature: critical. */
export const incidentUrl = (seed: string): string =>
  `https://robustnessws4285631339.blob.core.windows.net/?sv=2020-08-04&ss=bfqt&srt=sco&sp=rwdlacupitfx&se=2051-10-06T07:09:59Z&st=2021-10-05T23:09:59Z&spr=https,http&sig=${fakeSigEncoded(seed)}`;

export const connectionString = (seed: string): string =>
  `DefaultEndpointsProtocol=https;AccountName=robustnessws4285631339;AccountKey=${fakeAccountKey(seed)};EndpointSuffix=core.windows.net`;

/** Every form a planted secret could take in a request: raw, unpadded, percent-encoded (both hex cases), double-encoded. */
export function leakForms(secret: string): string[] {
  const enc = encodeURIComponent(secret);
  return [...new Set([secret, secret.replace(/=+$/, ""), enc, enc.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()), encodeURIComponent(enc)])];
}

/** Secrets the tests planted, to grep for in everything the fake received. */
export class Planted {
  readonly secrets = new Set<string>();
  sig(seed: string): string {
    this.secrets.add(fakeSig(seed));
    return incidentUrl(seed);
  }
  key(seed: string): string {
    this.secrets.add(fakeAccountKey(seed));
    return connectionString(seed);
  }
  /** Requests carrying a planted secret, the App's private key or its webhook secret. */
  leaks(fake: FakeGitHub, keys: AppKeys): string[] {
    const needles = [...[...this.secrets].flatMap(leakForms), keys.webhookSecret, ...keys.privateKey.split("\n").filter((l) => l.length > 40)];
    return fake.requestsContaining(needles).map((r) => `${r.method} ${r.path}`);
  }
}

export async function waitFor(what: string, cond: () => boolean, timeoutMs = 30_000, diagnose?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${diagnose ? `\n${diagnose()}` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the fake and one App process (embedded queue unless REDIS_URL is given). */
export async function startWorld(options: Partial<StartOptions> = {}): Promise<{ fake: FakeGitHub; app: AppProcess; keys: AppKeys }> {
  const keys = options.keys ?? generateAppKeys();
  const fake = await new FakeGitHub({ appId: keys.appId, publicKey: keys.publicKey }).start();
  const app = await startApp({ keys, gheHost: fake.host, logLevel: "info", ...options });
  return { fake, app, keys };
}

/** One line per check run: repo, sha, status, conclusion, history — for failure messages. */
export const describeRuns = (fake: FakeGitHub): string =>
  fake
    .checkRuns()
    .map(
      (r) =>
        `${r.repo} ${r.head_sha.slice(0, 8)} #${r.id} ${r.external_id} ${r.status}/${r.conclusion} ${r.history.map((h) => h.conclusion ?? h.status).join("→")}`,
    )
    .join("\n");
