/** The `Query metrics:` block, laid out as Fauna's documentation showed it. */
import type { QueryMetrics } from "./metrics";

const order: (keyof QueryMetrics)[] = ["bytesIn", "bytesOut", "computeOps", "readOps", "writeOps", "readBytes", "writeBytes", "queryTime", "retries"];
const thousands = new Intl.NumberFormat("en-US");

export function formatMetrics(metrics: QueryMetrics): string {
  const values = order.map((name) => (name === "queryTime" ? `${thousands.format(metrics[name])}ms` : thousands.format(metrics[name])));
  const width = Math.max(...values.map((value) => value.length));
  const nameWidth = Math.max(...order.map((name) => name.length));
  const lines = order.map((name, index) => `• ${name.padStart(nameWidth)}: ${values[index]!.padStart(width)}`);
  return ["Query metrics:", ...lines].join("\n");
}
