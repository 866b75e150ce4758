// GitHub App authentication as GitHub checks it: the App signs a JWT (RS256) with its private key to exchange it
// for an installation token; every other call carries that token.
import { randomBytes, verify } from "node:crypto";
import type { KeyObject } from "node:crypto";

export interface Installation {
  id: number;
  token?: string;
}

const b64url = (s: string): Buffer => Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");

/** Why the JWT is refused, or undefined when it is valid for this app. */
export function jwtProblem(authorization: string | undefined, appId: number, publicKey: KeyObject | string, now = Date.now()): string | undefined {
  const m = /^bearer\s+([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(authorization ?? "");
  if (!m) return "A JSON web token could not be decoded";
  let header: { alg?: string };
  let payload: { iss?: string | number; exp?: number; iat?: number };
  try {
    header = JSON.parse(b64url(m[1]).toString("utf8"));
    payload = JSON.parse(b64url(m[2]).toString("utf8"));
  } catch {
    return "A JSON web token could not be decoded";
  }
  if (header.alg !== "RS256") return `'${header.alg}' is not a supported algorithm`;
  if (!verify("RSA-SHA256", Buffer.from(`${m[1]}.${m[2]}`), publicKey, b64url(m[3]))) return "A JSON web token could not be decoded";
  if (String(payload.iss) !== String(appId)) return `'Issuer' claim ('iss') must be an Integer`;
  const s = now / 1000;
  if (typeof payload.exp !== "number" || payload.exp < s)
    return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
  if (payload.exp - (payload.iat ?? s) > 600 + 60) return "'Expiration time' claim ('exp') is too far in the future";
  return undefined;
}

export const newToken = (): string => `ghs_${randomBytes(18).toString("hex")}`;
