/**
 * `fqlite import`: a new database made from JSON lines — an export's, or
 * documents as the faunadb driver printed them — read as they stream in and
 * stored a batch of lines per transaction (`replay.ts`); then every index's
 * entries made from the documents' histories (`index-history.ts`). It stops
 * at the first line it cannot take, with an `ImportError` naming the line:
 * the caller imports into a database no one else uses, and puts it in place
 * only once all of it is in.
 */
import type { Engine } from "../engine";
import { SchemaCache } from "../evaluation/schema-cache";
import { readingContext } from "./contexts";
import type { TransferSummary } from "./export";
import { rebuildIndexes } from "./index-history";
import type { Line } from "./lines";
import type { ProgressFactory } from "./progress";
import { Replay } from "./replay";
import { databaseScopes } from "./tree";

export interface ImportSummary extends TransferSummary {
  /** Collections made for documents that named them (lines without `action`). */
  readonly collectionsMade: number;
}

/** A transaction stores at most this many lines, or lines of about this many characters. */
const BATCH_LINES = 1000;
const BATCH_CHARS = 4 * 1024 * 1024;

/** Imports `lines` (of an input `totalBytes` long, when known) into `engine`'s database, which must be new. */
export async function importLines(engine: Engine, lines: AsyncIterable<Line>, totalBytes: number | undefined, progress: ProgressFactory): Promise<ImportSummary> {
  const replay = new Replay();
  const bar = progress("Importing", "bytes");
  bar.start(totalBytes);
  let batch: Line[] = [];
  let batchChars = 0;
  const store = () => {
    engine.writeTransaction((txn) => {
      for (const line of batch) replay.line(txn, line);
    });
    if (batch.length > 0) bar.advance(batch.at(-1)!.bytesRead);
    batch = [];
    batchChars = 0;
  };
  try {
    for await (const line of lines) {
      batch.push(line);
      batchChars += line.text.length;
      if (batch.length >= BATCH_LINES || batchChars >= BATCH_CHARS) store();
    }
    store();
    engine.writeTransaction((txn) => replay.finish(txn));
  } finally {
    bar.finish();
  }
  rebuildIndexes(engine, progress);
  const databases = await engine.readSnapshot(async (txn) => databaseScopes(readingContext(txn, new SchemaCache())).length);
  return { ...replay.summary, databases };
}
