/** Why an import stopped: what is wrong, and on which line of its input. */
export class ImportError extends Error {
  constructor(
    readonly reason: string,
    readonly line?: number,
  ) {
    super(line === undefined ? reason : `line ${line}: ${reason}`);
    this.name = "ImportError";
  }

  /** The same reason, placed on `line` (unless it already names one). */
  at(line: number): ImportError {
    return this.line === undefined ? new ImportError(this.reason, line) : this;
  }
}
