// The words of a detector that lives in its own file (iot-hub.ts, event-grid.ts, cosmos-db.ts,
// identifiable-key-finder.ts) in the engine's structured form: its phrases are marked strings built with `code()`,
// turned into plain text plus parts here, the same way explain.ts and remediation.ts do for the original kinds.
import type { RiskAssessment } from "./assess-risk.js";
import type { Credential } from "./credential.js";
import { withoutMarkersIn } from "./explain.js";
import type { FamilyRules } from "./family-risk.js";
import { step } from "./remediation.js";
import { plainText, toText } from "./text.js";
import type { Finding, RiskPolicy, StepAction } from "./types.js";

type Words = Pick<Finding, "reasons" | "remediation" | "steps" | "summary" | "summaryText">;

// The detectors write their steps in the revoke → remove → prevent order, each opening with its verb.
const actionOf = (s: string, i: number, all: readonly string[]): StepAction =>
  /^Remove\b/.test(s)
    ? "remove"
    : /^Prevent\b/.test(s)
      ? "prevent"
      : /^Investigate\b/.test(s)
        ? "investigate"
        : i === all.length - 1 && all.length > 2
          ? "prevent"
          : "revoke";

/** A few words for a table cell: the step's first clause, without its "Revoke it:" lead. */
function shortOf(s: string): string {
  const body = s.replace(/^(?:Revoke it|Remove it|Prevent it|Investigate)\s*:\s*/, "");
  const first = body.split(/(?<=[.;])\s|,\s(?:then|after|and)\s|\s\(/)[0]!.replace(/[.;]$/, "");
  return first.charAt(0).toUpperCase() + first.slice(1);
}

export function familyWords(own: FamilyRules, credential: Credential, a: RiskAssessment, now: Date, policy: RiskPolicy): Words {
  const c = withoutMarkersIn(credential);
  const reasons = a.reasons.map((id) => {
    const text = toText(own.reason(id, c, a, now, policy));
    return { id, message: plainText(text), text };
  });
  const marked = own.remediation(c, a);
  const steps = marked.map((s, i) => step(actionOf(s, i, marked), s, shortOf(s)));
  const summaryText = toText(own.summary(c, a));
  return { reasons, remediation: steps.map((s) => plainText(s.text)), steps, summary: plainText(summaryText), summaryText };
}
