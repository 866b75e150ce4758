// GET /healthz (the process answers), GET /readyz (the queue's back end is reachable), GET /metrics (Prometheus).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Metrics } from "./metrics.js";

export function healthHandler(ready: () => Promise<boolean>, metrics: Metrics) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== "GET") return false;
    const path = (req.url ?? "").split("?")[0];
    if (path === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return true;
    }
    if (path === "/readyz") {
      const ok = await ready().catch(() => false);
      res.writeHead(ok ? 200 : 503, { "content-type": "text/plain" }).end(ok ? "ready" : "not ready: the job queue's Redis is unreachable");
      return true;
    }
    if (path === "/metrics") {
      res.writeHead(200, { "content-type": metrics.registry.contentType }).end(await metrics.registry.metrics());
      return true;
    }
    return false;
  };
}
