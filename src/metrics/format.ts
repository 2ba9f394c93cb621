/** The `Query metrics:` block, laid out as Fauna's documentation showed it. */
import type { QueryMetrics } from "./metrics";

const order: (keyof QueryMetrics)[] = ["bytesIn", "bytesOut", "computeOps", "readOps", "writeOps", "readBytes", "writeBytes", "queryTime", "retries"];

/** 1234567 → "1,234,567" (an Intl.NumberFormat would cost a cold start more than the whole query). */
function thousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

export function formatMetrics(metrics: QueryMetrics): string {
  const values = order.map((name) => (name === "queryTime" ? `${thousands(metrics[name])}ms` : thousands(metrics[name])));
  const width = Math.max(...values.map((value) => value.length));
  const nameWidth = Math.max(...order.map((name) => name.length));
  const lines = order.map((name, index) => `• ${name.padStart(nameWidth)}: ${values[index]!.padStart(width)}`);
  return ["Query metrics:", ...lines].join("\n");
}
