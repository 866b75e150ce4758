// The check-run page as a reader sees it: the 2023 incident token (SAS.md §6) scanned and rendered by the real
// engine and renderer, its Markdown turned into HTML by a GFM renderer (marked), in a page styled like GitHub's
// check-run pane (a content column of ~870 px, GitHub's Markdown basics written here). Used by the jest test
// (test/report/check-run-page.test.ts), `npm run screenshot` and `npm run demo`. The signature is fake.
import { marked } from "marked";
import { applyExposure } from "../../src/detect/exposure.js";
import { scanText } from "../../src/detect/scan-text.js";
import { html } from "../../src/report/escape.js";
import { conclusionFor, renderCheckRun, type CheckRunOutput } from "../../src/report/render-markdown.js";
import type { ScanReport } from "../../src/report/scan-report.js";
import { fakeSigEncoded } from "./fake-secrets.js";

/** The incident's account SAS: every service and resource type, read/write/delete and more, until 2051, HTTP allowed. */
export const incidentSas = (sig: string): string =>
  `https://robustnessws4285631339.blob.core.windows.net/?sv=2020-08-04&ss=bfqt&srt=sco&sp=rwdlacupitfx&se=2051-10-06T07:09:59Z&st=2021-10-05T23:09:59Z&spr=https,http&sig=${sig}`;

export const INCIDENT_SEED = "demo-incident";
export const INCIDENT_NOW = new Date("2026-11-25T09:00:00Z");
const SHA = "3f786850e387550fdab836ed7e6dc881de23001b";

/** The README of the demo's pull request, with the token on an azcopy line (as in scripts/demo.mjs). */
export const incidentReadme = (sig = fakeSigEncoded(INCIDENT_SEED)): string =>
  [
    "# Robustness workshop",
    "",
    "The images and labels are in our storage account. Download them with azcopy:",
    "",
    "```",
    `azcopy copy "${incidentSas(sig)}" ./data --recursive`,
    "```",
    "",
  ].join("\n");

/** What the App reports for the demo's pull request: one finding, in a public repository, committed today. */
export function incidentCheckRun(): { report: ScanReport; output: CheckRunOutput; conclusion: string } {
  const text = incidentReadme();
  const findings = scanText(text, { path: "README.md", now: INCIDENT_NOW }).map((f) =>
    applyExposure(
      f,
      { visibility: "public", since: "2026-11-25T08:41:00Z", commit: SHA, author: "contoso-dev", stillPresent: true, branch: "share-dataset" },
      INCIDENT_NOW,
    ),
  );
  const report: ScanReport = {
    findings,
    skipped: [],
    stats: { files: 1, bytes: Buffer.byteLength(text), ms: 4 },
    configSource: "defaults (no .github/sas-guard.yml in the repository or the owner's .github repository)",
    configErrors: [],
    failOn: "high",
    incomplete: [],
  };
  const output = renderCheckRun(report, { webBaseUrl: "https://github.com", owner: "contoso", repo: "robustness-workshop", sha: SHA });
  return { report, output, conclusion: conclusionFor(report) };
}

/** GFM to HTML. Untrusted text in our Markdown is already escaped; the only raw HTML is our own `<details>`. */
export const markdownHtml = (markdown: string): string => marked.parse(markdown, { async: false, gfm: true });

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#1f2328;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5}
.pane{width:100%;max-width:900px;padding:16px}
.run-head{border:1px solid #d1d9e0;border-radius:6px 6px 0 0;padding:12px 16px;background:#f6f8fa}
.run-head .name{font-weight:600;font-size:16px}
.badge{display:inline-block;color:#fff;border-radius:2em;padding:0 8px;font-size:12px;font-weight:500;line-height:20px;margin-left:8px;vertical-align:1px}
.failure{background:#cf222e}.success{background:#1a7f37}.neutral{background:#59636e}
.run-title{font-size:20px;font-weight:600;margin:8px 0 0;line-height:1.25}
.run-body{border:1px solid #d1d9e0;border-top:0;border-radius:0 0 6px 6px;padding:16px 24px}
.markdown-body{word-wrap:break-word}
.markdown-body>*:first-child{margin-top:0}
.markdown-body p,.markdown-body ul,.markdown-body ol,.markdown-body table,.markdown-body blockquote,.markdown-body details,.markdown-body pre{margin-top:0;margin-bottom:16px}
.markdown-body h2,.markdown-body h3,.markdown-body h4{margin:24px 0 16px;font-weight:600;line-height:1.25}
.markdown-body h2{font-size:1.5em;padding-bottom:.3em;border-bottom:1px solid #d1d9e0b3}
.markdown-body h3{font-size:1.25em}.markdown-body h4{font-size:1em}
.markdown-body a{color:#0969da;text-decoration:none}
.markdown-body strong{font-weight:600}
.markdown-body code{font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:85%;padding:.2em .4em;margin:0;background:#818b981f;border-radius:6px;white-space:break-spaces}
.markdown-body pre{padding:16px;overflow:auto;font-size:85%;background:#f6f8fa;border-radius:6px}
.markdown-body pre code{padding:0;background:transparent;white-space:pre}
.markdown-body ul,.markdown-body ol{padding-left:2em}
.markdown-body li+li{margin-top:.25em}
.markdown-body table{border-spacing:0;border-collapse:collapse;display:block;width:max-content;max-width:100%;overflow:auto}
.markdown-body th,.markdown-body td{padding:6px 13px;border:1px solid #d1d9e0}
.markdown-body th{font-weight:600;text-align:left}
.markdown-body tr{background:#fff;border-top:1px solid #d1d9e0b3}
.markdown-body tr:nth-child(2n){background:#f6f8fa}
.markdown-body hr{height:.25em;padding:0;margin:24px 0;background:#d1d9e0;border:0}
.markdown-body blockquote{padding:0 1em;color:#59636e;border-left:.25em solid #d1d9e0}
`;

export interface CheckRunPage {
  name: string;
  conclusion: string;
  title: string;
  summary: string;
}

/** A section like GitHub's check-run pane: name and conclusion, the title, then the summary as GFM. */
export const checkRunSection = (run: CheckRunPage): string =>
  `<div class="run-head"><span class="name">${html(run.name)}</span><span class="badge ${html(run.conclusion)}">${html(run.conclusion)}</span>` +
  `<p class="run-title">${html(run.title)}</p></div><div class="run-body markdown-body">${markdownHtml(run.summary)}</div>`;

/** A Markdown body (a review, a comment) under a plain heading. */
export const markdownSection = (heading: string, markdown: string): string =>
  `<div class="run-head"><span class="name">${html(heading)}</span></div><div class="run-body markdown-body">${markdownHtml(markdown)}</div>`;

/** A whole page: the sections one under another, in the pane's width. */
export const page = (title: string, sections: string[]): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title><style>${CSS}</style></head>` +
  `<body><main class="pane">${sections.join('<div style="height:24px"></div>')}</main></body></html>`;

/** The page the screenshot shows: the incident's check run. */
export function incidentCheckRunPage(): string {
  const { output, conclusion } = incidentCheckRun();
  return page("SAS Guard check run — the 2023 incident token", [
    checkRunSection({ name: "SAS Guard", conclusion, title: output.title, summary: output.summary }),
  ]);
}
