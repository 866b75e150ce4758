// Settings the App refuses to start without in production (issue 15.9). Without WEBHOOK_SECRET Probot falls back
// to the secret "development", so anyone could sign deliveries: a production App that accepts them would scan and
// report whatever an attacker sends, and could be made to close real check runs.

/** What is wrong with `env` for a production start, in words that say what to do; empty when it may start. */
export function productionStartupProblems(env: NodeJS.ProcessEnv): string[] {
  if (env.NODE_ENV !== "production") return [];
  const problems: string[] = [];
  const secret = env.WEBHOOK_SECRET;
  if (secret === undefined || secret.trim() === "") {
    problems.push(
      "WEBHOOK_SECRET is not set. Set it to the webhook secret of your GitHub App (Settings → Developer settings → " +
        "GitHub Apps → your App → Webhook secret); without it any delivery would be accepted.",
    );
  } else if (secret === "development") {
    problems.push(
      'WEBHOOK_SECRET is "development", Probot\'s public default. Generate a random secret (for example ' +
        "`openssl rand -hex 32`), set it as the GitHub App's webhook secret and in WEBHOOK_SECRET.",
    );
  }
  return problems;
}

/** Refuses to start (exit code 1) when `productionStartupProblems` finds any; the message goes to stderr. */
export function refuseUnsafeProductionStart(env: NodeJS.ProcessEnv = process.env, exit: (code: number) => never = process.exit): void {
  const problems = productionStartupProblems(env);
  if (problems.length === 0) return;
  process.stderr.write(`sas-guard: refusing to start in production (NODE_ENV=production):\n${problems.map((p) => `  - ${p}\n`).join("")}`);
  exit(1);
}
