// npm run screenshot — the check-run page for the 2023 incident token (the demo's token, fake signature) rendered
// as GFM and styled like GitHub's check-run pane, screenshot by Debian's headless Chromium at the pane's width.
// Writes docs/check-run-2023-token.png (and the HTML next to it in a temp dir, path printed). Needs
// /usr/bin/chromium (`apt-get install -y chromium`) or CHROMIUM=/path/to/chromium.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { incidentCheckRunPage } from "../dist-support/test/support/check-run-page.js";

const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(`No Chromium at ${chromium}: apt-get update && apt-get install -y chromium (or set CHROMIUM).`);
  process.exit(1);
}
const out = resolve(process.argv[2] ?? "docs/check-run-2023-token.png");
const dir = mkdtempSync(join(tmpdir(), "sas-guard-screenshot-"));
const page = join(dir, "check-run.html");
writeFileSync(page, incidentCheckRunPage());
execFileSync(
  chromium,
  [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--hide-scrollbars", `--user-data-dir=${join(dir, "profile")}`,
    `--screenshot=${out}`, "--window-size=900,1400", `file://${page}`,
  ],
  { stdio: ["ignore", "ignore", "pipe"], timeout: 60_000 },
);
console.log(`HTML: ${page}\nScreenshot: ${out}`);
