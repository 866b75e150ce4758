// docs/action.md is runnable: its workflow and .pre-commit-config.yaml parse, use only inputs action.yml declares,
// grant the permissions the steps need, and every input is documented.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ROOT, actionYml } from "./action-harness.js";

const doc = readFileSync(join(ROOT, "docs", "action.md"), "utf8");
const yamlBlocks = [...doc.matchAll(/```yaml\n([^]*?)```/g)].map((m) => m[1]);
type Json = any; // parsed YAML

describe("docs/action.md", () => {
  const workflow: Json = parse(yamlBlocks.find((b) => b.includes("runs-on:"))!);
  const steps: Json[] = workflow.jobs.scan.steps;

  it("the example workflow checks out with fetch-depth 0, runs the Action and uploads its SARIF", () => {
    expect(steps[0]).toMatchObject({ uses: expect.stringMatching(/^actions\/checkout@v\d+$/), with: { "fetch-depth": 0 } });
    const ours = steps.find((s) => /^sas-guard\/sas-guard@/.test(s.uses));
    expect(ours).toBeDefined();
    for (const name of Object.keys(ours.with)) expect(Object.keys(actionYml().inputs)).toContain(name);
    const upload = steps.find((s) => /^github\/codeql-action\/upload-sarif@v\d+$/.test(s.uses));
    expect(upload.with.sarif_file).toBe(`\${{ steps.${ours.id}.outputs.sarif-file }}`);
    expect(upload.if).toMatch(/!cancelled\(\)|always\(\)/); // the Action fails the job exactly when the upload matters
  });

  it("grants contents: read, security-events: write, actions: read (upload-sarif on private repositories), and pull-requests: write for comment: true", () => {
    expect(workflow.permissions).toEqual({ contents: "read", "security-events": "write", actions: "read", "pull-requests": "write" });
    expect(steps.find((s) => /^sas-guard\//.test(s.uses)).with.comment).toBe(true);
  });

  it("documents every input and output of action.yml", () => {
    for (const name of Object.keys(actionYml().inputs)) expect(doc).toContain(`| \`${name}\` |`);
    for (const name of Object.keys(actionYml().outputs)) expect(doc).toContain(`\`${name}\``);
  });

  it("the .pre-commit-config.yaml example uses the sas-guard hook", () => {
    const config: Json = parse(yamlBlocks.find((b) => b.includes("repos:"))!);
    expect(config.repos[0].hooks).toEqual([{ id: "sas-guard" }]);
    const hooks: Json[] = parse(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8"));
    expect(hooks.map((h) => h.id)).toContain(config.repos[0].hooks[0].id);
  });

  it("says how to rebuild the committed bundle", () => {
    expect(doc).toContain("npm run build:action");
  });
});
