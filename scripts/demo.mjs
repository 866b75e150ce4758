// npm run demo — what SAS Guard does on a pull request, in one command, without registering a GitHub App.
// Starts the fake GitHub (test/support/fake-github, built into dist-support/) with a sample repository and an open
// pull request that adds the 2023 incident's account SAS (SAS.md §6; the signature is fake bytes made at run time),
// starts the real App (`node dist/main.js`) against it, replays the `pull_request.opened` delivery, and prints the
// check run and the review the App posted — in the terminal as Markdown, and as an HTML page (path printed).
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeGitHub } from "../dist-support/test/support/fake-github/index.js";
import { generateAppKeys, startApp } from "../dist-support/test/support/app-process.js";
import { fakeSigEncoded } from "../dist-support/test/support/fake-secrets.js";
import { INCIDENT_SEED, checkRunSection, incidentSas, markdownSection, page } from "../dist-support/test/support/check-run-page.js";
import { html as esc } from "../dist-support/src/report/escape.js";
import { codeSpan, escapeText } from "../dist-support/src/report/markdown.js";

const token = incidentSas(fakeSigEncoded(INCIDENT_SEED));

const keys = generateAppKeys();
const fake = await new FakeGitHub({ appId: keys.appId, publicKey: keys.publicKey }).start();
const repo = fake.createRepo("contoso", "robustness-workshop", 1, {
  "README.md": "# Robustness workshop\n\nMaterials for the storage robustness workshop.\n",
});
repo.commit(
  "share-dataset",
  {
    "README.md": [
      "# Robustness workshop",
      "",
      "Materials for the storage robustness workshop.",
      "",
      "## Dataset",
      "",
      "The images and labels are in our storage account. Download them with azcopy:",
      "",
      "```",
      `azcopy copy "${token}" ./data --recursive`,
      "```",
      "",
    ].join("\n"),
  },
  "Share the workshop dataset",
);
const { pr, payload } = fake.pullRequest(repo, "share-dataset", { title: "Share the workshop dataset" });

console.log(`Fake GitHub on http://${fake.host} with ${repo.fullName}; pull request #${pr.number} "${pr.title}" adds the 2023 incident's account SAS to README.md.`);
const app = await startApp({ keys, gheHost: fake.host, logLevel: "warn" });
console.log(`SAS Guard (node dist/main.js) on ${app.url}; replaying pull_request.opened…\n`);
const ack = await app.deliver("pull_request", payload);
if (ack.status !== 200) throw new Error(`the App answered ${ack.status}: ${ack.body}`);

const deadline = Date.now() + 60_000;
const run = () => repo.checkRuns.find((r) => r.head_sha === pr.head.sha && r.status === "completed");
while ((!run() || (run().conclusion === "failure" && repo.reviews.length === 0)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
await app.stop();
await fake.stop();
const checkRun = run();
if (!checkRun) {
  console.error("No completed check run within 60 s. App log:\n" + app.logs.join("\n"));
  process.exit(1);
}
const review = repo.reviews[0];
const comments = repo.comments;

const rule = "─".repeat(100);
console.log(`${rule}\nCHECK RUN "${checkRun.name}" — conclusion: ${checkRun.conclusion}\nTitle: ${checkRun.output.title}\n${rule}\n${checkRun.output.summary}\n`);
for (const a of checkRun.annotations) console.log(`Annotation (${a.annotation_level}) ${a.path}:${a.start_line}: ${a.title ?? ""}`);
if (review) {
  console.log(`\n${rule}\nREVIEW (${review.state})\n${rule}\n${review.body}\n`);
  for (const c of comments) console.log(`${rule}\nREVIEW COMMENT on ${c.path} line ${c.line}\n${rule}\n${c.body}\n`);
}

// ---- HTML: GFM rendered by marked, in the same GitHub-styled pane as `npm run screenshot` ----------------------
const annotations = checkRun.annotations.map((a) => `- ${a.annotation_level} on ${codeSpan(`${a.path}:${a.start_line}`)}: ${escapeText(a.title ?? "")}`).join("\n");
const html = page(`SAS Guard demo — ${repo.fullName}#${pr.number}`, [
  `<p>SAS Guard on <b>${esc(repo.fullName)}</b> pull request #${pr.number} “${esc(pr.title)}”, produced by <code>npm run demo</code> on ${esc(new Date().toISOString())} against a local fake GitHub. The token's signature is fake.</p>`,
  checkRunSection({ name: checkRun.name, conclusion: checkRun.conclusion, title: checkRun.output.title ?? "", summary: checkRun.output.summary ?? "" }),
  ...(annotations ? [markdownSection("Annotations", annotations)] : []),
  ...(review ? [markdownSection(`Review (${review.state})`, review.body)] : []),
  ...comments.map((c) => markdownSection(`Review comment on ${c.path} line ${c.line}`, c.body)),
]);
const file = join(tmpdir(), `sas-guard-demo-${Date.now()}.html`);
writeFileSync(file, html);
console.log(`${rule}\nHTML page: ${file}`);
process.exit(0);
