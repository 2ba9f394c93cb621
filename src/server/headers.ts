/** Fauna's metric headers: the same numbers the CLI prints, under the names the driver reads. */
import type { QueryMetrics } from "../metrics/metrics";

export function metricsHeaders(metrics: QueryMetrics): Record<string, string> {
  return {
    "x-compute-ops": String(metrics.computeOps),
    "x-byte-read-ops": String(metrics.readOps),
    "x-byte-write-ops": String(metrics.writeOps),
    "x-query-time": String(metrics.queryTime),
    "x-query-bytes-in": String(metrics.bytesIn),
    "x-query-bytes-out": String(metrics.bytesOut),
    "x-storage-bytes-read": String(metrics.readBytes),
    "x-storage-bytes-write": String(metrics.writeBytes),
    "x-txn-retries": String(metrics.retries),
  };
}
