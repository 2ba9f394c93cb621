import { PassThrough } from "node:stream";
import { progressBars } from "../../src/transfer/progress";

describe("progress bars", () => {
  test("redraw in place at most every 100 ms, and as they end, ending the line", () => {
    const out = new PassThrough();
    let drawn = "";
    out.on("data", (chunk) => (drawn += chunk));
    let now = 0;
    const bar = progressBars(out, () => now)("Copying", "things");
    bar.start(2000);
    for (const [at, done] of [[50, 100], [100, 200], [150, 300], [199, 400], [200, 1000], [201, 2000]]) {
      now = at!;
      bar.advance(done!);
    }
    bar.finish();
    expect(drawn.split("\r")).toEqual([
      "",
      "Copying [..............................] 0/2,000 things 0%\x1b[K",
      "Copying [###...........................] 200/2,000 things 10%\x1b[K",
      "Copying [###############...............] 1,000/2,000 things 50%\x1b[K",
      "Copying [##############################] 2,000/2,000 things 100%\x1b[K\n",
    ]);
  });

  test("work of unknown length is counted without a bar", () => {
    const out = new PassThrough();
    let drawn = "";
    out.on("data", (chunk) => (drawn += chunk));
    const bar = progressBars(out, () => 0)("Importing", "bytes");
    bar.start();
    bar.advance(12_345);
    bar.finish();
    expect(drawn).toBe("\rImporting 0 bytes\x1b[K\rImporting 12,345 bytes\x1b[K\n");
  });

  test("work of no length is done from the start", () => {
    const out = new PassThrough();
    let drawn = "";
    out.on("data", (chunk) => (drawn += chunk));
    const bar = progressBars(out, () => 0)("Indexing", "versions");
    bar.start(0);
    bar.finish();
    expect(drawn).toBe("\rIndexing [##############################] 0/0 versions 100%\x1b[K\n");
  });
});
