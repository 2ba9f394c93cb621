/**
 * Per-query metrics, counted the way Fauna billed them:
 *  - computeOps: one per 50 function calls (and lambda applications), at least 1;
 *  - readOps: per document read, one per 4 KB, the first time the query reads it;
 *    per set page read, one per 4 KB of entries plus one per extra partition;
 *    reads that writes make internally are not billed;
 *  - writeOps: per document written, one per 1 KB of everything written for it;
 *  - readBytes / writeBytes: the bytes FQLite read from / wrote to storage;
 *  - bytesIn / bytesOut: the byte lengths of the query and of its response in
 *    Fauna's JSON wire format.
 */

export interface QueryMetrics {
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly computeOps: number;
  readonly readOps: number;
  readonly writeOps: number;
  readonly readBytes: number;
  readonly writeBytes: number;
  /** Milliseconds. */
  readonly queryTime: number;
  readonly retries: number;
}

const CALLS_PER_COMPUTE_OP = 50;
const READ_OP_BYTES = 4096;
const WRITE_OP_BYTES = 1024;

export class MetricsRecorder {
  private calls = 0;
  private readOps = 0;
  private readBytes = 0;
  private writeBytes = 0;
  /** What the query's transaction writes, counting each thing once however many copies storage keeps. */
  private transactionWriteBytes = 0;
  private readonly documentsRead = new Set<string>();
  private readonly bytesWrittenByDocument = new Map<string, number>();

  call(): void {
    this.calls++;
  }

  /** A document the query asked for (Get, Select on a page of documents, …). */
  documentRead(document: string, bytes: number): void {
    if (this.documentsRead.has(document)) return;
    this.documentsRead.add(document);
    this.readOps += Math.max(1, Math.ceil(bytes / READ_OP_BYTES));
  }

  /** Runs `read` without billing read ops for it (its bytes still count): reads Fauna did not bill. */
  unbilled<T>(read: () => T): T {
    const readOps = this.readOps;
    try {
      return read();
    } finally {
      this.readOps = readOps;
    }
  }

  /**
   * Runs `read` leaving no trace in the metrics, neither read ops nor bytes:
   * for a look-up whose cost would tell the caller what it may not know
   * (whether an identity has credentials).
   */
  unmetered<T>(read: () => T): T {
    const { readOps, readBytes } = this;
    try {
      return read();
    } finally {
      this.readOps = readOps;
      this.readBytes = readBytes;
    }
  }

  /** A page of a set read from `partitions` index partitions. */
  setRead(bytes: number, partitions: number): void {
    this.readOps += Math.max(1, Math.ceil(bytes / READ_OP_BYTES)) + partitions - 1;
  }

  /** Bytes read from storage by the query so far. */
  get readBytesSoFar(): number {
    return this.readBytes;
  }

  storageRead(bytes: number): void {
    this.readBytes += bytes;
  }

  /** `bytes` written for `document`, kept in `copies` places. */
  storageWrite(document: string, bytes: number, copies = 1): void {
    this.writeBytes += bytes * copies;
    this.transactionWriteBytes += bytes;
    this.bytesWrittenByDocument.set(document, (this.bytesWrittenByDocument.get(document) ?? 0) + bytes * copies);
  }

  /** The size of the query's transaction so far, as Fauna's limit on it counts. */
  get transactionBytes(): number {
    return this.transactionWriteBytes;
  }

  finish(bytesIn: number, bytesOut: number, queryTime: number): QueryMetrics {
    let writeOps = 0;
    for (const bytes of this.bytesWrittenByDocument.values()) writeOps += Math.ceil(bytes / WRITE_OP_BYTES);
    return {
      bytesIn,
      bytesOut,
      computeOps: Math.max(1, Math.ceil(this.calls / CALLS_PER_COMPUTE_OP)),
      readOps: this.readOps,
      writeOps,
      readBytes: this.readBytes,
      writeBytes: this.writeBytes,
      queryTime,
      retries: 0,
    };
  }
}
