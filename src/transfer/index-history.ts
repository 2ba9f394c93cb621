/**
 * An import's second part: every index's entries, and their history, made
 * from the documents' histories once all of them are in, as the writes that
 * stored them made them. An index starts when it was made (its first version
 * since it was last deleted): the documents there then are added at that
 * time, as building it added them, and from then on each version changes the
 * entries at its own ts. No entry is refused as not unique: the export held
 * them all. An index that was still being built is built again, in the
 * background, as after `CreateIndex`.
 *
 * Each index's source collections are taken in batches of documents, each
 * batch its own transaction (of the new database no one else sees yet).
 */
import type { Engine } from "../engine";
import { startBuild } from "../evaluation/index-builds";
import { indexesOf, indexMadeAt, refInCollection, replayIndexHistory, sourceCollections, type ResolvedIndex } from "../evaluation/indexing";
import { refResolves, type CollectionInfo, type ResolvedDocument } from "../evaluation/refs";
import { SchemaCache } from "../evaluation/schema-cache";
import type { IndexSource } from "../schema/indexes";
import type { DocumentHistory } from "../store/documents";
import type { WriteTxn } from "../store/store";
import { readingContext, writingContext } from "./contexts";
import type { ProgressFactory } from "./progress";
import { databaseScopes } from "./tree";

/** One source collection of one index to make the entries of. */
interface IndexJob {
  readonly index: ResolvedIndex;
  readonly source: IndexSource;
  readonly collection: CollectionInfo;
  /** When the index was made (µs). */
  readonly madeAt: bigint;
  /** Versions stored in the collection, for the progress bar. */
  readonly versions: number;
}

/** Versions of documents one transaction replays, about. */
const BATCH_VERSIONS = 5000;

/** What is to be made: every source collection of every active index; an inactive one's build is started. */
function plan(txn: WriteTxn, schemaCache: SchemaCache): IndexJob[] {
  const jobs: IndexJob[] = [];
  for (const { db } of databaseScopes(readingContext(txn, schemaCache))) {
    // Nothing planning writes has a time.
    const ctx = writingContext(txn, schemaCache, db, 0n);
    for (const index of indexesOf(ctx, db)) {
      if (!index.active) {
        startBuild(ctx, index);
        continue;
      }
      const made = indexMadeAt(ctx, index);
      for (const source of index.definition.sources) {
        // A collection deleted from under an index with other sources leaves a source that names nothing.
        if (source.collection !== "_" && !refResolves(ctx, source.collection, undefined)) continue;
        for (const collection of sourceCollections(ctx, index, source)) jobs.push({ index, source, collection, madeAt: made, versions: ctx.documents.countVersions(collection.db, collection.internalId) });
      }
    }
  }
  return jobs;
}

/** A document's entries in one index, version by version, as the index saw its writes from when it was made. */
function replayDocument(txn: WriteTxn, schemaCache: SchemaCache, job: IndexJob, { key, versions }: DocumentHistory): void {
  const { index, source, collection, madeAt } = job;
  const document: ResolvedDocument = { ref: refInCollection(collection, key), address: { db: collection.db, collection: collection.internalId, key }, collection };
  replayIndexHistory((ts) => writingContext(txn, schemaCache, index.db, ts), index, source, document, versions, madeAt);
}

/** Replays documents of a job after `afterKey`, about a batch of them; the last one done while more remain. */
function replayBatch(txn: WriteTxn, schemaCache: SchemaCache, job: IndexJob, afterKey: string | undefined): { lastKey?: string; versions: number } {
  let versions = 0;
  const { documents } = writingContext(txn, schemaCache, job.index.db, 0n);
  for (const history of documents.histories(job.collection.db, job.collection.internalId, afterKey)) {
    if (versions >= BATCH_VERSIONS) return { lastKey: afterKey, versions };
    replayDocument(txn, schemaCache, job, history);
    versions += history.versions.length;
    afterKey = history.key;
  }
  return { versions };
}

/** Makes the entries of every index of every database, from the documents' histories. */
export function rebuildIndexes(engine: Engine, progress: ProgressFactory): void {
  const schemaCache = new SchemaCache();
  const jobs = engine.writeTransaction((txn) => plan(txn, schemaCache));
  const bar = progress("Indexing", "versions");
  bar.start(jobs.reduce((total, job) => total + job.versions, 0));
  let done = 0;
  try {
    for (const job of jobs) {
      let lastKey: string | undefined;
      do {
        const batch = engine.writeTransaction((txn) => replayBatch(txn, schemaCache, job, lastKey));
        lastKey = batch.lastKey;
        done += batch.versions;
        bar.advance(done);
      } while (lastKey !== undefined);
    }
  } finally {
    bar.finish();
  }
}
