/**
 * How long work reports how far it is: a progress bar redrawn in place on
 * one line, `Exporting [#######.............] 7,000/20,000 versions 35%` (or,
 * when the length is not known, `Importing 7,000 bytes`), at most ten times
 * a second, and as it ends; or nothing at all.
 */
import { performance } from "node:perf_hooks";

export interface Progress {
  /** The work is `total` units long (unknown when undefined: a stream read to its end). */
  start(total?: number): void;
  /** `done` units of it are done. */
  advance(done: number): void;
  finish(): void;
}

/** A progress report for a piece of work: its label ("Exporting") and the unit it counts in ("versions"). */
export type ProgressFactory = (label: string, unit: string) => Progress;

const silent: Progress = { start() {}, advance() {}, finish() {} };

export const noProgress: ProgressFactory = () => silent;

const REDRAW_MS = 100;
const BAR_WIDTH = 30;

class ProgressBar implements Progress {
  private total: number | undefined;
  private done = 0;
  private drawnAt = -Infinity;
  private drawnDone: number | undefined;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly label: string,
    private readonly unit: string,
    private readonly now: () => number,
  ) {}

  start(total?: number): void {
    this.total = total;
    this.draw();
  }

  advance(done: number): void {
    this.done = done;
    if (this.now() - this.drawnAt >= REDRAW_MS) this.draw();
  }

  finish(): void {
    if (this.drawnDone !== this.done) this.draw();
    this.out.write("\n");
  }

  private draw(): void {
    this.drawnAt = this.now();
    this.drawnDone = this.done;
    // Back to the start of the line, and the rest of the line cleared: the report stays on one line.
    if (this.total === undefined) return void this.out.write(`\r${this.label} ${this.done.toLocaleString("en-US")} ${this.unit}\x1b[K`);
    const fraction = this.total === 0 ? 1 : Math.min(1, this.done / this.total);
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = `[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}]`;
    const count = `${this.done.toLocaleString("en-US")}/${this.total.toLocaleString("en-US")} ${this.unit}`;
    this.out.write(`\r${this.label} ${bar} ${count} ${Math.floor(fraction * 100)}%\x1b[K`);
  }
}

/** Progress bars drawn on `out` (standard error); `now` in milliseconds. */
export function progressBars(out: NodeJS.WritableStream, now: () => number = () => performance.now()): ProgressFactory {
  return (label, unit) => new ProgressBar(out, label, unit, now);
}
