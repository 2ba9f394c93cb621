import { formatMetrics } from "../../src/metrics/format";
import { MetricsRecorder } from "../../src/metrics/metrics";

describe("the Query metrics block", () => {
  test("is laid out as on Fauna's Tokens page", () => {
    const metrics = { bytesIn: 215, bytesOut: 327, computeOps: 1, readOps: 0, writeOps: 1, readBytes: 1364, writeBytes: 484, queryTime: 68, retries: 0 };
    expect(formatMetrics(metrics)).toBe(
      [
        "Query metrics:",
        "•    bytesIn:   215",
        "•   bytesOut:   327",
        "• computeOps:     1",
        "•    readOps:     0",
        "•   writeOps:     1",
        "•  readBytes: 1,364",
        "• writeBytes:   484",
        "•  queryTime:  68ms",
        "•    retries:     0",
      ].join("\n"),
    );
  });

  test("aligns to its widest value", () => {
    const metrics = { bytesIn: 28, bytesOut: 81, computeOps: 1, readOps: 8, writeOps: 0, readBytes: 250, writeBytes: 0, queryTime: 8, retries: 0 };
    expect(formatMetrics(metrics).split("\n").slice(1, 3)).toEqual(["•    bytesIn:  28", "•   bytesOut:  81"]);
  });
});

describe("the cost model", () => {
  test("one compute op per 50 calls, at least one", () => {
    const recorder = new MetricsRecorder();
    expect(recorder.finish(0, 0, 0).computeOps).toBe(1);
    for (let call = 0; call < 101; call++) recorder.call();
    expect(recorder.finish(0, 0, 0).computeOps).toBe(3);
  });

  test("a read op per 4 KB of each document, the first time a query reads it", () => {
    const recorder = new MetricsRecorder();
    recorder.documentRead("a", 100);
    recorder.documentRead("a", 100);
    recorder.documentRead("b", 4097);
    expect(recorder.finish(0, 0, 0).readOps).toBe(3);
  });

  test("a set page costs one op per 4 KB plus one per extra partition", () => {
    const recorder = new MetricsRecorder();
    recorder.setRead(0, 8);
    expect(recorder.finish(0, 0, 0).readOps).toBe(8);
  });

  test("a write op per 1 KB written for each document", () => {
    const recorder = new MetricsRecorder();
    recorder.storageWrite("a", 600);
    recorder.storageWrite("a", 600);
    recorder.storageWrite("b", 10);
    const metrics = recorder.finish(0, 0, 0);
    expect(metrics.writeOps).toBe(3);
    expect(metrics.writeBytes).toBe(1210);
  });
});
