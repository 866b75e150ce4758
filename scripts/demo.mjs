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

const token = `https://robustnessws4285631339.blob.core.windows.net/?sv=2020-08-04&ss=bfqt&srt=sco&sp=rwdlacupitfx&se=2051-10-06T07:09:59Z&st=2021-10-05T23:09:59Z&spr=https,http&sig=${fakeSigEncoded("demo-incident")}`;

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

// ---- HTML --------------------------------------------------------------------------------------------------------
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const ALLOWED = /&lt;(\/?)(details|summary|br|sub|sup|b|strong|em|code|kbd)(\s*\/?)&gt;/g;
const inline = (s) =>
  esc(s)
    .replace(ALLOWED, "<$1$2$3>")
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
function markdown(md) {
  const out = [];
  const lines = md.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith("```")) {
      const code = [];
      while (++i < lines.length && !lines[i].startsWith("```")) code.push(lines[i]);
      out.push(`<pre>${esc(code.join("\n"))}</pre>`);
    } else if (/^\|/.test(l)) {
      const rows = [];
      for (; i < lines.length && /^\|/.test(lines[i]); i++) rows.push(lines[i]);
      i--;
      const cells = (r) => r.replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
      const body = rows.slice(2).map((r) => `<tr>${cells(r).map((c) => `<td>${inline(c)}</td>`).join("")}</tr>`).join("");
      out.push(`<table><thead><tr>${cells(rows[0]).map((c) => `<th>${inline(c)}</th>`).join("")}</tr></thead><tbody>${body}</tbody></table>`);
    } else if (/^#{1,6} /.test(l)) {
      const n = l.indexOf(" ");
      out.push(`<h${n}>${inline(l.slice(n + 1))}</h${n}>`);
    } else if (/^\s*(?:[-*]|\d+\.) /.test(l)) {
      const ordered = /^\s*\d+\./.test(l);
      const items = [];
      for (; i < lines.length && /^\s*(?:[-*]|\d+\.) /.test(lines[i]); i++) items.push(`<li>${inline(lines[i].replace(/^\s*(?:[-*]|\d+\.) /, ""))}</li>`);
      i--;
      out.push(ordered ? `<ol>${items.join("")}</ol>` : `<ul>${items.join("")}</ul>`);
    } else if (l.trim() === "") out.push("");
    else out.push(`<p>${inline(l)}</p>`);
  }
  return out.join("\n");
}
const badge = checkRun.conclusion === "failure" ? "#cf222e" : checkRun.conclusion === "success" ? "#1a7f37" : "#9a6700";
const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SAS Guard demo — ${esc(repo.fullName)}#${pr.number}</title>
<style>body{font:15px/1.5 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#1f2328}
section{border:1px solid #d0d7de;border-radius:6px;margin:1.5em 0;padding:0 1em 1em}h1{font-size:1.5em}.badge{color:#fff;background:${badge};border-radius:2em;padding:.1em .7em;font-size:.9em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #d0d7de;padding:.3em .6em;vertical-align:top}code,pre{background:#f6f8fa;border-radius:4px;padding:.1em .3em}pre{padding:1em;overflow:auto}.meta{color:#59636e}</style></head><body>
<h1>SAS Guard on ${esc(repo.fullName)} pull request #${pr.number}: “${esc(pr.title)}”</h1>
<p class="meta">Produced by <code>npm run demo</code> on ${new Date().toISOString()} against a local fake GitHub. The token's signature is fake.</p>
<section><h2>Check run “${esc(checkRun.name)}” <span class="badge">${esc(checkRun.conclusion)}</span></h2><h3>${esc(checkRun.output.title ?? "")}</h3>${markdown(checkRun.output.summary ?? "")}
${checkRun.annotations.map((a) => `<p class="meta">Annotation (${esc(a.annotation_level)}) on <code>${esc(a.path)}:${a.start_line}</code>: ${esc(a.title ?? "")}</p>`).join("\n")}</section>
${review ? `<section><h2>Review (${esc(review.state)})</h2>${markdown(review.body)}</section>` : ""}
${comments.map((c) => `<section><h2>Review comment on <code>${esc(c.path)}</code> line ${c.line}</h2>${markdown(c.body)}</section>`).join("\n")}
</body></html>`;
const file = join(tmpdir(), `sas-guard-demo-${Date.now()}.html`);
writeFileSync(file, html);
console.log(`${rule}\nHTML page: ${file}`);
process.exit(0);
