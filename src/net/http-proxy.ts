// Outbound HTTP honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY (organisations behind an egress proxy). Node's fetch,
// which Octokit uses, does not read them; undici's EnvHttpProxyAgent does. Clients get a fetch bound to that agent
// (explicit, so it works wherever the client is created, not only where a global dispatcher is visible).
import { EnvHttpProxyAgent, fetch as undiciFetch } from "undici";

const PROXY_VARS = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"];

/** A fetch that goes through the environment's proxy, or undefined when no proxy is configured. */
export function proxyFetch(env: NodeJS.ProcessEnv = process.env): typeof fetch | undefined {
  if (!PROXY_VARS.some((v) => env[v])) return undefined;
  const dispatcher = new EnvHttpProxyAgent({
    httpProxy: env.HTTP_PROXY ?? env.http_proxy,
    httpsProxy: env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy,
    noProxy: env.NO_PROXY ?? env.no_proxy,
  });
  const viaProxy = (input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) => undiciFetch(input, { ...init, dispatcher });
  return viaProxy as unknown as typeof fetch;
}
