// Every GitHub client comes from src/github/client-factory.ts, honours the configured host, and goes through the
// environment's proxy.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { join } from "node:path";
import { apiBaseUrl, createTokenClient, webBaseUrl } from "../../src/github/client-factory.js";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const listen = async (server: ReturnType<typeof createServer>): Promise<number> => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
};

describe("client factory", () => {
  test("no module outside the factory constructs an Octokit or a Probot", () => {
    const offenders = sourceFiles(join(process.cwd(), "src"))
      .filter((f) => !f.endsWith(join("github", "client-factory.ts")) && !f.endsWith(join("github", "probot-factory.ts")))
      .filter((f) => /new Octokit\(|new Probot\(|createProbot\(|ProbotOctokit\.defaults\(/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });

  test.each([
    [{}, "https://api.github.com", "https://github.com"],
    [{ GHE_HOST: "github.example.com" }, "https://github.example.com/api/v3", "https://github.example.com"],
    [{ GHE_HOST: "ghes.local:8443", GHE_PROTOCOL: "http" }, "http://ghes.local:8443/api/v3", "http://ghes.local:8443"],
    [{ GITHUB_API_URL: "https://api.acme.ghe.com/", GITHUB_SERVER_URL: "https://acme.ghe.com" }, "https://api.acme.ghe.com", "https://acme.ghe.com"],
  ])("hosts from %j", (env, api, web) => {
    expect(apiBaseUrl(env)).toBe(api);
    expect(webBaseUrl(env)).toBe(web);
  });

  test("a token client reaches GITHUB_API_URL through HTTPS_PROXY (CONNECT), and NO_PROXY bypasses it", async () => {
    const upstream = createServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ full_name: "o/r", path: req.url }));
    });
    const upstreamPort = await listen(upstream);
    // A forward proxy on loopback: it records each CONNECT and tunnels it to the local upstream, whatever host was asked.
    const tunnels: string[] = [];
    const proxy = createServer();
    proxy.on("connect", (req, client) => {
      tunnels.push(req.url ?? "");
      const server = connect(upstreamPort, "127.0.0.1", () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        server.pipe(client);
        client.pipe(server);
      });
    });
    const proxyPort = await listen(proxy);
    try {
      const env = {
        HTTP_PROXY: `http://127.0.0.1:${proxyPort}`,
        HTTPS_PROXY: `http://127.0.0.1:${proxyPort}`,
        GITHUB_API_URL: "http://ghes.internal.example/api/v3",
      };
      const { data } = await createTokenClient("t0ken", { env }).rest.repos.get({ owner: "o", repo: "r" });
      expect(data).toEqual({ full_name: "o/r", path: "/api/v3/repos/o/r" });
      expect(tunnels).toEqual(["ghes.internal.example:80"]);

      const direct = { ...env, GITHUB_API_URL: `http://127.0.0.1:${upstreamPort}`, NO_PROXY: "127.0.0.1" };
      await createTokenClient("t0ken", { env: direct }).rest.repos.get({ owner: "o", repo: "r" });
      expect(tunnels).toHaveLength(1); // not proxied
    } finally {
      proxy.close();
      upstream.close();
      proxy.closeAllConnections?.();
      upstream.closeAllConnections?.();
    }
  });
});
