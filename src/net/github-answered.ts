// The one wording of a failed GitHub request, for every message that reports one (CLI, Action, check runs, skips):
// "GitHub answered 403 to the review: Resource not accessible by integration".
export function githubAnswered(error: unknown, doing?: string, noStatus = "with an error"): string {
  const e = error as { status?: number; message?: string } | undefined;
  // Octokit appends " - <documentation_url>" to GitHub's message: people need the message, not the link.
  const message = String(e?.message ?? error ?? "")
    .split("\n")[0]
    .replace(/ - https?:\/\/\S+$/, "");
  return `GitHub answered ${e?.status ?? noStatus}${doing ? ` ${doing}` : ""}: ${message}`;
}
