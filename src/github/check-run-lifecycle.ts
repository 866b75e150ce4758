// When a scan's check run is written. Probot's throttling spaces an installation's writes about 1 s apart, so every
// write per event costs pushes per minute: a scan that ends within IN_PROGRESS_AFTER_MS creates its run already
// completed, in one request; a longer one is shown in progress when the timer fires, then completed. An unfinished
// run of ours found for the commit (a redelivery, a retry, a restart) is completed in place, never duplicated.
import { redactSecretsInText } from "../detect/redact-text.js";
import { githubAnswered } from "../net/github-answered.js";
import { decideConclusion, RERUN_ACTION, type ConclusionPolicy } from "../scan/conclusion.js";
import type { GitHubClient } from "./github-client.js";
import {
  completeCheckRun,
  createCompletedCheckRun,
  findCheckRun,
  SCANNING_SUMMARY,
  startCheckRun,
  type CheckRunTarget,
  type ExistingRun,
  type FinalOutput,
} from "./publish-check-run.js";

/** How long a scan runs before its check run shows "in progress" (README "Check runs"). Most pushes scan in well
 * under a second; 2 s keeps those at one write while a slow scan (large blobs, a slow GitHub) still shows, within a
 * moment, that it is under way. */
export const IN_PROGRESS_AFTER_MS = 2_000;

/** Starts a one-shot timer and returns its cancel. Tests inject one they fire by hand (no real waiting). */
export type StartTimer = (ms: number, fire: () => void) => () => void;

const realTimer: StartTimer = (ms, fire) => {
  const t = setTimeout(fire, ms);
  t.unref();
  return () => clearTimeout(t);
};

export interface CheckRunTiming {
  /** Default IN_PROGRESS_AFTER_MS; 0 or less: in progress at once, before the scan starts (two writes per event). */
  inProgressAfterMs?: number;
  timer?: StartTimer;
}

/** SAS_GUARD_IN_PROGRESS_AFTER_MS (milliseconds; 0 shows every run in progress first). Unset or invalid: the default. */
export function checkRunTimingFromEnv(env: NodeJS.ProcessEnv): CheckRunTiming {
  const ms = Number(env.SAS_GUARD_IN_PROGRESS_AFTER_MS);
  return env.SAS_GUARD_IN_PROGRESS_AFTER_MS?.trim() && Number.isFinite(ms) ? { inProgressAfterMs: ms } : {};
}

interface Log {
  warn: (o: object, msg: string) => void;
}

export class CheckRunLifecycle {
  #id?: number;
  #url?: string;
  /** The in-progress create, once the timer fired (the completion waits for it, then updates that run). */
  #starting?: Promise<void>;
  #startFailed = false;
  #finished = false;
  #cancelTimer: () => void = () => undefined;

  private constructor(
    private readonly client: GitHubClient,
    private readonly target: CheckRunTarget,
    /** The run of ours the commit had before this scan: a run found after a failed create is that create's only
     * if it is not this one. */
    private readonly prior: ExistingRun | undefined,
    private readonly log?: Log,
  ) {}

  /** `existing`: the newest run of ours for the commit (findCheckRun), if any. */
  static async open(client: GitHubClient, target: CheckRunTarget, existing: ExistingRun | undefined, timing: CheckRunTiming = {}, log?: Log) {
    const run = new CheckRunLifecycle(client, target, existing, log);
    const after = timing.inProgressAfterMs ?? IN_PROGRESS_AFTER_MS;
    if (existing && existing.status !== "completed") {
      run.#id = existing.id;
      run.#url = existing.url;
      // Another trigger's run (a push run a pull request scan takes over): renamed now, so a shutdown finds it by
      // this job's external id. A run already ours stays as it is: it shows in progress already.
      if (existing.externalId !== target.externalId) run.#url = (await startCheckRun(client, target, existing, SCANNING)).url ?? existing.url;
    } else if (after <= 0) await run.#start(true);
    else run.#cancelTimer = (timing.timer ?? realTimer)(after, () => void run.#start(false));
    return run;
  }

  /** Creates the in-progress run unless there is one; errors are thrown only when asked (the up-front start). */
  async #start(throwErrors: boolean): Promise<void> {
    if (this.#finished || this.#id !== undefined || this.#starting) return this.#starting;
    this.#starting = startCheckRun(this.client, this.target, undefined, SCANNING).then(
      (run) => {
        this.#id = run.id;
        this.#url = run.url;
      },
      (error: unknown) => {
        this.#startFailed = true;
        if (throwErrors) throw error;
        this.log?.warn({ err: error }, "could not show the check run in progress; it is created when the scan ends");
      },
    );
    return this.#starting;
  }

  /** Stops the timer and waits for an in-progress create under way, so the run it makes is the one completed. */
  async #settle(): Promise<void> {
    this.#finished = true;
    this.#cancelTimer();
    await this.#starting?.catch(() => undefined);
    if (this.#id === undefined && this.#startFailed) {
      // the failed create may have landed after all (no answer): complete that run rather than leave it in progress
      const landed = await findCheckRun(this.client, this.target);
      if (landed && landed.externalId === this.target.externalId && landed.status !== "completed" && landed.id !== this.prior?.id) this.#id = landed.id;
    }
  }

  /** Writes the final output: an update of the run if there is one, else one create, already completed. */
  async complete(out: FinalOutput): Promise<{ id: number; url?: string }> {
    await this.#settle();
    if (this.#id !== undefined) {
      await completeCheckRun(this.client, this.target, this.#id, out);
      return { id: this.#id, ...(this.#url ? { url: this.#url } : {}) };
    }
    const run = await createCompletedCheckRun(this.client, this.target, out, this.prior?.id);
    this.#id = run.id;
    this.#url = run.url;
    return { id: run.id, ...(run.url ? { url: run.url } : {}) };
  }

  /**
   * The scan could not finish. On the final attempt the run completes (failure, unless `onIncomplete: neutral`)
   * saying what went wrong, with a Re-run button, created so if there was none yet. On an attempt the queue will
   * retry, the run is left (or, if there was none, created) in progress: the retry finds and completes it, and a
   * shutdown meanwhile completes it failure (src/server/shutdown.ts). A write failing here is logged: the scan's
   * error is the one the queue sees.
   */
  async fail(error: unknown, policy: ConclusionPolicy, finalAttempt: boolean): Promise<void> {
    if (finalAttempt) {
      await this.complete(failureOutput(error, policy));
      return;
    }
    try {
      await this.#settle();
      if (this.#id !== undefined) return;
      this.#id = (await startCheckRun(this.client, this.target, undefined, RETRYING.title, RETRYING.summary)).id;
    } catch (err) {
      this.log?.warn({ err }, "could not show the check run in progress before the retry");
    }
  }
}

const SCANNING = "Scanning for Azure credentials…";
const RETRYING = {
  title: "Scanning for Azure credentials… (trying again)",
  summary: `${SCANNING_SUMMARY}\n\nThe first attempt could not finish; SAS Guard tries again shortly.`,
};

/** The final output of a scan that could not finish. */
export function failureOutput(error: unknown, policy: ConclusionPolicy = {}): FinalOutput {
  // An error may quote what it was working on (a verification request's SAS URL, say): redacted like every free text.
  const what = redactSecretsInText((error as { status?: number }).status ? githubAnswered(error) : String((error as Error)?.message ?? error).split("\n")[0]);
  return {
    conclusion: decideConclusion(undefined, policy, true).conclusion,
    actions: [RERUN_ACTION],
    title: "Scan incomplete: SAS Guard could not finish",
    summary: `SAS Guard could not scan this commit, so nothing here says it is free of Azure credentials.\n\n**What went wrong:** ${what}\n\nUse **Re-run** (the button above, or on the check) to try again. If it keeps failing, check the App's logs for this delivery.`,
    annotations: [],
  };
}
