// Prometheus metrics (prom-client): queue depth, job durations, findings by severity, GitHub API calls and errors.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface Metrics {
  registry: Registry;
  jobDuration: Histogram<"trigger" | "outcome">;
  findings: Counter<"severity">;
  githubCalls: Counter<"method">;
  githubErrors: Counter<"status">;
  queueDepth: Gauge;
}

export function createMetrics(depth: () => Promise<number>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    jobDuration: new Histogram({
      name: "sas_guard_job_duration_seconds",
      help: "Scan job duration",
      labelNames: ["trigger", "outcome"],
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120],
      registers: [registry],
    }),
    findings: new Counter({ name: "sas_guard_findings_total", help: "Findings reported, by severity", labelNames: ["severity"], registers: [registry] }),
    githubCalls: new Counter({ name: "sas_guard_github_requests_total", help: "GitHub API requests", labelNames: ["method"], registers: [registry] }),
    githubErrors: new Counter({ name: "sas_guard_github_errors_total", help: "GitHub API errors, by status", labelNames: ["status"], registers: [registry] }),
    queueDepth: new Gauge({
      name: "sas_guard_queue_depth",
      help: "Scan jobs waiting",
      registers: [registry],
      async collect() {
        this.set(await depth().catch(() => -1));
      },
    }),
  };
}
