/**
 * The only module that touches LMDB.
 *
 * One LMDB environment per FQLite database directory, one unnamed database in it,
 * keys in lmdb-js's ordered-binary tuple encoding, values as raw bytes (FQLite
 * encodes values itself, see `codec.ts`). Key layout — every key is a
 * tuple whose first element names its kind:
 *
 *   ["meta", name]                            engine metadata (format version, id counters)
 *   ["doc", dbId, collectionId, docKey]       current version of a document
 *   ["hist", dbId, collectionId, docKey, ts]  every version and deletion, by ts (µs)
 *   ["idx", dbId, indexId, terms, sortKey]    an index entry: [values, ref, ttl]
 *   ["idxh", dbId, indexId, terms, ts, sortKey]  an entry added ("add") or removed ("remove") at ts
 *   ["inst", dbId, collectionId, instance, docKey]  a token or credentials document, by its identity
 *   ["ttl", expiresAt, dbId, collectionId, docKey]  a document with a ttl, for the expunger
 *
 * `dbId` is 0 for the top database; child databases get ids from a counter.
 * `collectionId` is the internal number of a collection (native collections have
 * fixed small numbers, user collections are numbered from a counter so that a
 * rename moves no data); `indexId` likewise for indexes. `docKey` is a document
 * id shifted and padded to 20 digits, so that byte order is numeric order, or
 * the name of a schema document. `terms` is the exact text of an entry's terms;
 * `sortKey` the order-preserving encoding of its values and ref (`value-keys.ts`).
 *
 * Durability: a write transaction is flushed to disk (fsync) as part of its
 * commit, before the query that made it returns: an acknowledged query
 * survives a crash of the process, of the machine, or a power cut. lmdb-js
 * would otherwise flush after the commit ("overlapping sync"), where the last
 * acknowledged queries can be lost to a machine crash. A temporary database
 * (`durable: false`), removed on close, is never flushed.
 *
 * Files: a directory holds `data.mdb` (the data) and `lock.mdb` (the readers'
 * table, remade when missing). A backup is a directory with LMDB's own copy of
 * `data.mdb` alone: made in one read transaction, so it is the database at one
 * commit, while readers and writers — in this process or others — carry on
 * (writers wait only while it copies the meta pages). An export reads in one
 * read transaction kept open for as long as it runs (`snapshot`): the
 * database at one commit too, while writers carry on.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { open, type RootDatabase, type Transaction } from "lmdb";
import type { Entry, Key, RangeOptions, ReadTxn, Store, WriteTxn } from "./store";

type LmdbKey = KeyPart[];
type KeyPart = string | number;

/** The file that holds the data of the store in `directory`. */
export function lmdbDataFile(directory: string): string {
  return join(directory, "data.mdb");
}

/** Opens the store in `process.argv[2]` read-only and reads every entry; an error ends it with status 1. */
const READ_WHOLE_STORE = `
const [lmdb, path] = process.argv.slice(1);
try {
  const db = require(lmdb).open({ path, noSubdir: false, readOnly: true, encoding: "binary", keyEncoding: "ordered-binary" });
  for (const entry of db.getRange()) void entry;
} catch (error) {
  process.stderr.write(error.message);
  process.exit(1);
}`;

/**
 * Why the store in `directory` cannot be read whole, or undefined when it can.
 * LMDB trusts its file: a foreign, damaged or truncated one crashes the process
 * that maps it (SIGSEGV, SIGBUS), so another process reads it first.
 */
export function unreadableLmdbStore(directory: string): string | undefined {
  const result = spawnSync(process.execPath, ["-e", READ_WHOLE_STORE, require.resolve("lmdb"), directory], { encoding: "utf8" });
  if (result.status === 0) return undefined;
  return result.signal ? `it is not an LMDB file, or a damaged one (reading it ended in ${result.signal}).` : result.stderr.trim() || `reading it failed (${String(result.error ?? result.status)}).`;
}

export function openLmdbStore(path: string, { durable = true } = {}): Store {
  const db: RootDatabase<Uint8Array, LmdbKey> = open<Uint8Array, LmdbKey>({
    path,
    // A directory, whatever its name: lmdb-js would take a name with a dot for a single file.
    noSubdir: false,
    encoding: "binary",
    keyEncoding: "ordered-binary",
    ...(durable ? { overlappingSync: false } : { noSync: true }),
  });

  const readTxn = readerOf(db);
  const writeTxn: WriteTxn = {
    ...readTxn,
    put: (key, value) => db.putSync(key as LmdbKey, value),
    delete: (key) => {
      db.removeSync(key as LmdbKey);
    },
  };

  return {
    read: (action) => {
      // lmdb-js keeps reading one snapshot until a timer of the event loop resets it, and a thread
      // can run many queries before then: each query starts on the newest snapshot, so that it sees
      // every commit made before it began, by any thread or process.
      db.resetReadTxn();
      return action(readTxn);
    },
    snapshot: async (action) => {
      db.resetReadTxn();
      const transaction = db.useReadTransaction();
      try {
        return await action(readerOf(db, transaction));
      } finally {
        transaction.done();
      }
    },
    write: (action) => db.transactionSync(() => action(writeTxn)),
    backup: async (directory) => {
      mkdirSync(dirname(directory), { recursive: true });
      mkdirSync(directory); // fails when it exists: a backup never overwrites anything
      try {
        // LMDB writes `data.mdb` into the directory. Without compaction the copy is page for page:
        // the fastest, and it holds writers back only while it reads the meta pages.
        await db.backup(directory, false);
      } catch (error) {
        rmSync(directory, { recursive: true, force: true });
        throw error;
      }
      return [lmdbDataFile(directory)];
    },
    close: () => db.close(),
  };
}

/** Reads in the current read transaction, or in `transaction` (a snapshot kept open) when given. */
function readerOf(db: RootDatabase<Uint8Array, LmdbKey>, transaction?: Transaction): ReadTxn {
  // lmdb-js reads in a given transaction when asked to; its types leave the option out of getBinaryFast.
  const getBinaryFast = db.getBinaryFast.bind(db) as (key: LmdbKey, options?: { transaction?: Transaction }) => Buffer | undefined;
  return {
    // The fast variant reuses one buffer (whose `length` lmdb-js sets to the value's): a view of it is
    // valid until the next call, and callers decode the bytes before then.
    get: (key) => {
      const shared = getBinaryFast(key as LmdbKey, transaction && { transaction });
      return shared && shared.subarray(0, shared.length);
    },
    range: (options) => rangeOf(db, options, transaction),
  };
}

function rangeOf(db: RootDatabase<Uint8Array, LmdbKey>, options: RangeOptions, transaction?: Transaction): Iterable<Entry> {
  const { low, high, reverse, limit } = options;
  const range = reverse
    ? db.getRange({ start: high as LmdbKey, exclusiveStart: true, end: low as LmdbKey, inclusiveEnd: true, reverse, limit, transaction })
    : db.getRange({ start: low as LmdbKey, end: high as LmdbKey, limit, transaction });
  return range as Iterable<{ key: Key; value: Uint8Array }>;
}
