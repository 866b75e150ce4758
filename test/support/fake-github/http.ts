// The fake's tiny HTTP layer: a route table of (method, pattern) → handler, and GitHub-shaped answers.
import type { IncomingMessage } from "node:http";
import type { FakeRepo } from "./repo.js";

export interface Reply {
  status: number;
  body?: unknown;
  /** Sent as is (raw media types); otherwise `body` is sent as JSON. */
  raw?: string | Buffer;
  headers?: Record<string, string>;
}

export interface Ctx {
  req: IncomingMessage;
  method: string;
  /** Path after `/api/v3`, percent-encoding kept (e.g. `/repos/o/r/contents/.github%2Fsas-guard.yml`). */
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body: any;
  /** The repository a `/repos/{owner}/{repo}/…` route names (resolved and access-checked before the handler). */
  repo: FakeRepo;
  /** Absolute URL of this request (for Link headers). */
  url: URL;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** `/repos/:owner/:repo/pulls/:number/files` → a RegExp with named groups. */
export function route(method: string, template: string, handler: Handler): Route {
  const source = template
    .replace(/[.]/g, "\\.")
    .replace(/:(\w+)/g, (_m, name: string) => `(?<${name}>${name === "path" || name === "basehead" ? ".+" : "[^/]+"})`);
  return { method, pattern: new RegExp(`^${source}$`), handler };
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({ status, body, headers });

export const notFound = (): Reply => json(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" });

export const unprocessable = (message: string, errors: unknown[] = []): Reply =>
  json(422, { message, errors, documentation_url: "https://docs.github.com/rest", status: "422" });

/** page/per_page as GitHub reads them (per_page default 30, max 100), and the Link header for the slice. */
export function paginate<T>(
  ctx: Ctx,
  items: T[],
  options: { defaultPerPage?: number; maxPerPage?: number; cap?: number } = {},
): { page: T[]; headers: Record<string, string> } {
  const all = options.cap !== undefined ? items.slice(0, options.cap) : items;
  const perPage = Math.min(options.maxPerPage ?? 100, Math.max(1, Number(ctx.query.get("per_page") ?? options.defaultPerPage ?? 30) || 30));
  const pageNo = Math.max(1, Number(ctx.query.get("page") ?? 1) || 1);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const link = (n: number, rel: string) => {
    // GitHub's Link headers name the repository by id: /repositories/{id}/…
    const u = new URL(ctx.url.toString().replace(`/repos/${ctx.repo.fullName}/`, `/repositories/${ctx.repo.id}/`));
    u.searchParams.set("per_page", String(perPage));
    u.searchParams.set("page", String(n));
    return `<${u.toString()}>; rel="${rel}"`;
  };
  const rels: string[] = [];
  if (pageNo > 1) rels.push(link(pageNo - 1, "prev"));
  if (pageNo < last) rels.push(link(pageNo + 1, "next"), link(last, "last"));
  if (pageNo > 1) rels.push(link(1, "first"));
  return { page: all.slice((pageNo - 1) * perPage, pageNo * perPage), headers: rels.length ? { link: rels.join(", ") } : {} };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, "Z");
