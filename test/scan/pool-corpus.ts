// Documents for the pool tests: every credential form the engine knows, planted among ordinary lines, plus this
// repository's own source and tests (real files, no secrets). Built at run time: nothing secret is committed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fakeAccountKey, fakeServiceBusKey, fakeSig } from "../support/fake-secrets.js";
import { REPO } from "../cli/cli-harness.js";

export const planted = new Set<string>();

const sig = (seed: string): string => {
  const s = fakeSig(seed);
  planted.add(s);
  return encodeURIComponent(s);
};
const key = (seed: string): string => {
  const k = fakeAccountKey(seed);
  planted.add(k);
  return k;
};
const sbKey = (seed: string): string => {
  const k = fakeServiceBusKey(seed);
  planted.add(k);
  return k;
};

/** One line holding credential form `n % 9`. */
function secretLine(n: number): string {
  const s = `c${n}`;
  switch (n % 9) {
    case 0:
      return `const url = "https://acct${n}.blob.core.windows.net/data?sv=2022-11-02&sr=c&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=${sig(s)}";`;
    case 1:
      return `ACCOUNT_SAS=https://acct${n}.blob.core.windows.net/?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacup&se=2051-10-06T07:09:59Z&spr=https,http&sig=${sig(s)}`;
    case 2:
      return `AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=acct${n};AccountKey=${key(s)};EndpointSuffix=core.windows.net`;
    case 3:
      return `SB=Endpoint=sb://ns${n}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${sbKey(s)}`;
    case 4:
      return `expired: "https://acct${n}.blob.core.windows.net/c/x.txt?sv=2020-08-04&sr=b&sp=r&se=2021-01-01T00:00:00Z&sig=${sig(s)}"`;
    case 5:
      return `{"url": "https://acct${n}.blob.core.windows.net/c?sv=2022-11-02\\u0026sr=c\\u0026sp=rwl\\u0026se=2031-01-01T00:00:00Z\\u0026sig=${sig(s)}"}`;
    case 6:
      return `key = "${key(s)}"`;
    case 7:
      return `url = "https://acct${n}.blob.core.windows.net/d?sv=2022-11-02&sr=c&sp=r&se=2030-01-01T00:00:00Z&sig=${sig(s)}" # sas-guard:ignore reason="public sample"`;
    default:
      return `<a href="https://acct${n}.blob.core.windows.net/c?sv=2022-11-02&amp;sr=c&amp;sp=rl&amp;se=2030-01-01T00:00:00Z&amp;sig=${sig(s)}">x</a>`;
  }
}

const FILLER = ["import { x } from './x.js';", "// nothing to see here", "export const n = 42;", "sig = compute(a, b); // sig=value in prose", "padding==", ""];

/** `count` generated documents, some with secrets (several per file), some plain, plus the repository's own files. */
export function corpus(count = 120): { path: string; text: string }[] {
  const docs: { path: string; text: string }[] = [];
  for (let i = 0; i < count; i++) {
    const lines: string[] = [];
    const secrets = i % 4 === 0 ? 0 : 1 + (i % 5);
    for (let j = 0; j < 20 + (i % 13); j++) {
      lines.push(FILLER[(i + j) % FILLER.length]);
      if (j % 7 === 3 && secrets > j / 7) lines.push(secretLine(i * 5 + j));
    }
    const ext = [".ts", ".env", ".json", ".yaml", ".md", ".html"][i % 6];
    docs.push({ path: `gen/file-${String(i).padStart(3, "0")}${ext}`, text: lines.join("\n") + "\n" });
  }
  for (const dir of ["src", "test"])
    for (const rel of listFiles(join(REPO, dir))) docs.push({ path: `${dir}/${rel}`, text: readFileSync(join(REPO, dir, rel), "utf8") });
  return docs;
}

function listFiles(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.isDirectory()) out.push(...listFiles(join(dir, e.name), `${prefix}${e.name}/`));
    else if (e.isFile() && /\.(ts|json|md|ya?ml)$/.test(e.name)) out.push(prefix + e.name);
  }
  return out;
}
