// Code scanning SARIF uploads (https://docs.github.com/en/rest/code-scanning/code-scanning#upload-an-analysis-as-sarif-data):
// 202 with the upload's id; 403 when Advanced Security is not enabled for the repository (FakeRepo.codeScanningRefusal).
import { randomUUID } from "node:crypto";
import { json, route, unprocessable, type Ctx, type Reply, type Route } from "./http.js";

function upload(ctx: Ctx): Reply {
  const r = ctx.repo;
  if (r.codeScanningRefusal === 403)
    return json(403, {
      message: "Advanced Security must be enabled for this repository to use code scanning.",
      documentation_url: "https://docs.github.com/rest/code-scanning/code-scanning#upload-an-analysis-as-sarif-data",
      status: "403",
    });
  if (r.codeScanningRefusal === 404) return json(404, { message: "Not Found", status: "404" });
  if (r.archived) return json(403, { message: "Repository was archived so is read-only.", status: "403" });
  const b = ctx.body ?? {};
  if (typeof b.commit_sha !== "string" || !/^[0-9a-f]{40}$/.test(b.commit_sha) || typeof b.ref !== "string" || typeof b.sarif !== "string")
    return unprocessable('Invalid request.\n\n"commit_sha", "ref", "sarif" weren\'t supplied or are invalid.');
  if (!r.git.commits.has(b.commit_sha)) return unprocessable(`No commit found for SHA: ${b.commit_sha}`);
  const id = randomUUID();
  r.sarifs.push({ id, commit_sha: b.commit_sha, ref: b.ref, sarif: b.sarif, tool_name: b.tool_name });
  return json(202, { id, url: `${r.apiUrl}/code-scanning/sarifs/${id}` });
}

export const codeScanningRoutes: Route[] = [route("POST", "/repos/:owner/:repo/code-scanning/sarifs", upload)];
