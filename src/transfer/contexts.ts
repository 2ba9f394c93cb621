/**
 * The query contexts an export reads and an import writes with: as the top
 * database's admin, seeing one database as its own; an import's at the time
 * of the version it writes, so that index history records that time.
 */
import { ROOT_ACCESS } from "../auth/access";
import { QueryContext } from "../evaluation/context";
import { SchemaCache } from "../evaluation/schema-cache";
import { MetricsRecorder } from "../metrics/metrics";
import { ROOT_DATABASE, type DatabaseId } from "../store/keys";
import type { ReadTxn, WriteTxn } from "../store/store";

/** Reads as the top database's admin. */
export function readingContext(txn: ReadTxn, schemaCache: SchemaCache): QueryContext {
  return new QueryContext(txn, new MetricsRecorder(), false, ROOT_ACCESS, Date.now, schemaCache);
}

/** Each has its own metrics, which nothing reads: they would otherwise keep a count per document written. */
export function writingContext(txn: WriteTxn, schemaCache: SchemaCache, db: DatabaseId, ts: bigint): QueryContext {
  const access = db === ROOT_DATABASE ? ROOT_ACCESS : { ...ROOT_ACCESS, database: db };
  return new QueryContext(txn, new MetricsRecorder(), true, access, Date.now, schemaCache, ts);
}

