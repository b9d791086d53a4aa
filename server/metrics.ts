import { createHash, timingSafeEqual } from "node:crypto";
import type { Request, Response } from "express";

/**
 * `GET /metrics`: process and realtime figures in the Prometheus text format,
 * for operators and for the memory soak (`npm run soak`). Off unless
 * `KOERS_METRICS_TOKEN` is set; then only `Authorization: Bearer <token>`
 * reads it (the figures say how busy the service is, so they are not public).
 * `?gc=1` runs a full garbage collection first when Node was started with
 * `--expose-gc` (the soak does), so that the heap figure is the live size.
 */
export interface MetricSources {
  realtime: () => { documents: number; sockets: number; structs: number };
  trackedSockets: () => number;
  dbUp: () => boolean;
}

interface Metric {
  name: string;
  help: string;
  type: "gauge" | "counter";
  value: number;
}

export function collectMetrics(sources: MetricSources): Metric[] {
  const memory = process.memoryUsage();
  const realtime = sources.realtime();
  const gauge = (name: string, help: string, value: number): Metric => ({
    name,
    help,
    type: "gauge",
    value,
  });
  return [
    gauge("process_resident_memory_bytes", "Resident set size.", memory.rss),
    gauge("nodejs_heap_used_bytes", "V8 heap in use.", memory.heapUsed),
    gauge("nodejs_heap_total_bytes", "V8 heap reserved.", memory.heapTotal),
    gauge("nodejs_external_memory_bytes", "Memory of C++ objects bound to JS.", memory.external),
    gauge("nodejs_array_buffers_bytes", "Memory of ArrayBuffers and Buffers.", memory.arrayBuffers),
    {
      name: "process_cpu_seconds_total",
      help: "User and system CPU time.",
      type: "counter",
      value: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    },
    gauge("koers_realtime_documents", "Co-writing documents loaded in memory.", realtime.documents),
    gauge("koers_realtime_sockets", "Open co-writing sockets.", realtime.sockets),
    gauge(
      "koers_realtime_structs",
      "Yjs structs held by the loaded documents (content, tombstones, GC ranges).",
      realtime.structs,
    ),
    gauge(
      "koers_tracked_sockets",
      "Open sockets tracked for revocation.",
      sources.trackedSockets(),
    ),
    gauge("koers_db_up", "1 when the database answers, 0 when not.", sources.dbUp() ? 1 : 0),
  ];
}

export function formatMetrics(metrics: Metric[]): string {
  return metrics
    .map((m) => `# HELP ${m.name} ${m.help}\n# TYPE ${m.name} ${m.type}\n${m.name} ${m.value}\n`)
    .join("");
}

const digest = (s: string) => createHash("sha256").update(s).digest();

export function metricsHandler(token: string | undefined, sources: MetricSources) {
  const expected = token ? digest(token) : null;
  return (req: Request, res: Response) => {
    if (!expected) return res.status(404).json({ error: "not found" });
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    // Hashes of equal length, so the comparison takes the same time whatever was sent.
    if (!timingSafeEqual(digest(given), expected)) {
      res.setHeader("WWW-Authenticate", "Bearer");
      return res.status(401).json({ error: "unauthorized" });
    }
    const gc = (globalThis as { gc?: () => void }).gc;
    if (req.query.gc === "1" && gc) gc();
    res.setHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
    res.send(formatMetrics(collectMetrics(sources)));
  };
}
