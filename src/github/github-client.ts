import type { Context } from "probot";

/** The installation-authenticated Octokit Probot hands to handlers (not @octokit/rest's type: RECIPE.md P9). */
export type GitHubClient = Context["octokit"];

export interface RepoRef {
  owner: string;
  repo: string;
}
