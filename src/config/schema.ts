// The one schema for `.github/sas-guard.yml`, shared by the CLI and the App. Defaults live here and nowhere else;
// every type is derived from it. Objects are strict so that a typo is an error instead of a silently ignored key.
// Descriptions feed the published JSON Schema (schema/sas-guard.schema.json), which is what editors show on hover.
import { z } from "zod";
import { SEVERITIES } from "../detect/types.js";

const severity = z.enum(SEVERITIES);

// Negation would turn `paths.ignore: ["!src/**"]` into "ignore everything else": rejected instead of guessed at.
const glob = z.string().trim().min(1).regex(/^[^!]/, { error: 'negated globs ("!…") are not supported: list what to ignore, or use paths.include' });

/** `sg1:` + 24 lowercase hex: the fingerprint every report prints (src/detect/types.ts Finding.fingerprint). */
export const FINGERPRINT_PATTERN = /^sg1:[0-9a-f]{24}$/;

// host or host:port, no scheme and no path: an admin allows an endpoint, not a URL (verification is SSRF-sensitive).
const HOST_PORT_PATTERN =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::(?:6553[0-5]|655[0-2]\d|65[0-4]\d{2}|6[0-4]\d{3}|[1-5]\d{4}|[1-9]\d{0,3}))?$/;

const days = (description: string) => z.number().int().min(1).max(36500).describe(description);

const pathsSchema = z
  .strictObject({
    ignore: z.array(glob).default([]).describe("Globs of files never scanned, in addition to the built-in skip list (.git/, node_modules/, …)."),
    include: z.array(glob).default([]).describe("When not empty, only files matching one of these globs are scanned."),
  })
  .describe("Which files are scanned. Globs are relative to the repository root; a pattern without a slash matches at any depth.");

const policySchema = z
  .strictObject({
    shortWindowDays: days("A validity window at or below this many days counts as short-lived.").default(7),
    longWindowDays: days("A validity window above this many days counts as long-lived.").default(365),
    maxLifetimeDays: days("Tokens valid for longer than this many days break the policy.").optional(),
    forbidAccountSas: z.boolean().default(false).describe("Every account SAS breaks the policy."),
    requireHttpsOnly: z.boolean().default(false).describe("Tokens that allow plain HTTP (spr=https,http or no spr) break the policy."),
    requireStoredPolicy: z.boolean().default(false).describe("Service SAS tokens without a stored access policy (si) break the policy."),
    requireIpRange: z.boolean().default(false).describe("Tokens without an IP range (sip) break the policy."),
    violationSeverity: severity.default("high").describe("A token that breaks a policy rule is raised to at least this severity."),
  })
  // The risk model needs short < long; checked here so both keys are named in the error.
  .refine((p) => p.shortWindowDays < p.longWindowDays, {
    path: ["shortWindowDays"],
    error: (issue) => {
      const p = issue.input as { shortWindowDays: number; longWindowDays: number };
      return `must be less than policy.longWindowDays, which is ${p.longWindowDays}`;
    },
    params: { reset: ["shortWindowDays", "longWindowDays"] },
  })
  .describe("Tighten or loosen the default risk model. A token that breaks a rule says which rule it broke.");

const allowlistEntrySchema = z
  .strictObject({
    fingerprint: z
      .string()
      .regex(FINGERPRINT_PATTERN, { error: 'expected "sg1:" followed by 24 lowercase hex characters, as printed in the report' })
      .describe("The finding's fingerprint, as printed by the CLI, the check run and the review comment."),
    reason: z.string().trim().min(1).describe("Why this token is acceptable. Required: shown next to the suppressed finding."),
    expires: z.iso
      .date({ error: "expected a date written YYYY-MM-DD" })
      .optional()
      .describe("YYYY-MM-DD. From 00:00 UTC that day the entry stops suppressing and the finding says so."),
    path: glob.optional().describe("Glob limiting the entry to matching files; without it the entry applies everywhere."),
  })
  .describe("A deliberately accepted finding.");

const checksSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).default("SAS Guard").describe("Name of the check run."),
  annotations: z.boolean().default(true).describe("Annotate each finding's line in the check run."),
  conclusionBelowFailOn: z.enum(["neutral", "success"]).default("neutral").describe("Check conclusion when there are findings, all below failOn."),
});

const commentsSchema = z.strictObject({
  enabled: z.boolean().default(true).describe("Post a pull request review with one comment per finding."),
  minSeverity: severity.default("medium").describe("Only findings at or above this severity get an inline comment."),
  max: z.number().int().min(1).max(50).default(25).describe("At most this many inline comments per review; the rest are summarised."),
  event: z.enum(["COMMENT", "REQUEST_CHANGES"]).default("COMMENT").describe("The review event."),
  onDrafts: z.boolean().default(true).describe("Also review draft pull requests."),
});

const verifySchema = z
  .strictObject({
    enabled: z.boolean().default(false).describe("Ask Azure whether each token is live (one metadata-only request per token)."),
    allowEndpoints: z
      .array(z.string().regex(HOST_PORT_PATTERN, { error: 'expected a host or host:port without scheme or path, e.g. "127.0.0.1:10000"' }))
      .default([])
      .describe("Endpoints besides Azure Storage that verification may call (e.g. an emulator), as host or host:port."),
    timeoutMs: z.number().int().min(100).max(30000).default(5000).describe("Timeout of the single verification request."),
  })
  .describe("Opt-in verification of tokens against the service. Only read from the default branch.");

const baselineSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Scan the default branch when the App is installed."),
    issue: z.boolean().default(false).describe("Open (and keep updated) one issue listing the baseline findings."),
    forks: z.boolean().default(false).describe("Also baseline repositories that are forks."),
    history: z.boolean().default(false).describe("Also scan the default branch's history through the API: the newest 500 commits, each blob once."),
  })
  .describe("Scan of what is already in the repository when SAS Guard is installed.");

// Read from the organisation's default config (`<org>/.github` repository, `.github/sas-guard.yml`) only: the
// inventory is one per organisation, so a single repository cannot move or switch it off.
const inventorySchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Keep the organisation inventory (organisation installations only). Read from the org's .github repository."),
    repository: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,100}$/, { error: "expected a repository name of the organisation, without the owner" })
      .optional()
      .describe("Repository (of the organisation) holding the dashboard issue; default: the org's .github repository. Must be private."),
    codeScanning: z.boolean().default(true).describe("Upload findings of baselines and default-branch pushes to GitHub code scanning (SARIF)."),
    dashboard: z.boolean().default(true).describe("Keep one dashboard issue listing every open credential of the organisation."),
    reevaluateHours: z.number().int().min(1).max(720).default(24).describe("Re-rate every open credential against the current date this often (hours)."),
  })
  .describe("The organisation's inventory of leaked Azure credentials: code scanning, dashboard issue, re-evaluation.");

export const configSchema = z
  .strictObject({
    // Probot resolves and removes `_extends` before the App sees the file; the CLI accepts and ignores it.
    _extends: z.string().optional().describe("App only: inherit settings from another repository's sas-guard.yml."),
    paths: pathsSchema.prefault({}),
    maxFileSizeMB: z.number().gt(0).max(100).default(10).describe("Files larger than this are skipped (and listed as skipped)."),
    failOn: severity.default("high").describe("Unsuppressed findings at or above this severity fail the check and exit with 1."),
    onIncomplete: z
      .enum(["failure", "neutral"])
      .default("failure")
      .describe(
        "Conclusion when part of the change could not be scanned and nothing failed (read from the default branch only). A failing finding always fails.",
      ),
    policy: policySchema.prefault({}),
    allowlist: z.array(allowlistEntrySchema).default([]).describe("Findings accepted on purpose, by fingerprint."),
    inlineIgnore: z
      .union([z.boolean(), z.enum(["fail", "warn", "allow"])], { error: 'expected true, false, "fail", "warn" or "allow"' })
      .default("fail")
      .describe(
        'Honour `sas-guard:ignore reason="…"` comments on or above a finding\'s line (false: never). For an ignore that the pull request or push adds itself (App; always shown): "fail" (default) does not suppress until it is on the default branch, "warn" suppresses as a warning, "allow" suppresses as a notice. true means "fail". Read from the default branch only.',
      ),
    checks: checksSchema.prefault({}).describe("The check run."),
    comments: commentsSchema.prefault({}).describe("Pull request review comments."),
    verify: verifySchema.prefault({}),
    baseline: baselineSchema.prefault({}),
    inventory: inventorySchema.prefault({}),
  })
  .describe("SAS Guard configuration (.github/sas-guard.yml).");

type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** What a user may write: every key optional. */
export type SasGuardConfigInput = z.input<typeof configSchema>;
/** The resolved config: every default filled in. Readonly because resolved configs are deep-frozen. */
export type SasGuardConfig = DeepReadonly<z.infer<typeof configSchema>>;
export type AllowlistEntry = SasGuardConfig["allowlist"][number];
