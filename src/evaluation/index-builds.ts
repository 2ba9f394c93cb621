/**
 * Building indexes over documents that already exist. As in Fauna, an index
 * over one collection of at most 128 documents is built in the query that
 * creates it and is active at once; a bigger one is built in the background,
 * in steps of a bounded number of documents each (each its own transaction),
 * and is `active: false` — Match on it is an error — until done. Its progress
 * is kept in the database, so a build goes on after a restart. Documents
 * written meanwhile are indexed by their writes, as in any index.
 */
import { encodeValue, decodeValue } from "../store/codec";
import { metaKey, type DatabaseId } from "../store/keys";
import type { QueryContext } from "./context";
import { indexesOf, liveDocuments, reindexSource, sourceCollections, type ResolvedIndex } from "./indexing";

/** Fauna built an index at once when its one source collection held at most this many documents. */
export const SYNC_BUILD_LIMIT = 128;

/** Documents one background step indexes. */
export const BUILD_STEP = 2000;

const BUILD_PREFIX = "build/";

interface BuildState {
  readonly db: DatabaseId;
  readonly indexId: number;
  /** Which source and which of its collections the build is at, and the last document key done there. */
  readonly source: number;
  readonly collection: number;
  readonly afterKey: string | null;
  readonly done: number;
}

function stateKey(db: DatabaseId, indexId: number) {
  return metaKey(`${BUILD_PREFIX}${db}/${indexId}`);
}

function save(ctx: QueryContext, state: BuildState): void {
  ctx.writeTxn().put(stateKey(state.db, state.indexId), encodeValue([state.source, state.collection, state.afterKey, BigInt(state.done)]));
}

/** Whether an index can be built within the query that creates it. */
export function buildsAtOnce(ctx: QueryContext, index: ResolvedIndex): boolean {
  const { sources } = index.definition;
  const collections = sources.flatMap((source) => sourceCollections(ctx, index, source));
  if (sources.length !== 1 || collections.length > 1) return collections.length === 0;
  let count = 0;
  for (const document of liveDocuments(ctx, collections[0]!)) {
    void document;
    if (++count > SYNC_BUILD_LIMIT) return false;
  }
  return true;
}

/** Starts building an index in the background. */
export function startBuild(ctx: QueryContext, index: ResolvedIndex): void {
  save(ctx, { db: index.db, indexId: index.id, source: 0, collection: 0, afterKey: null, done: 0 });
}

/** Every build under way: [db, index id, documents done]. */
export function pendingBuilds(ctx: QueryContext): BuildState[] {
  const builds: BuildState[] = [];
  for (const { key, value } of ctx.txn.range({ low: metaKey(BUILD_PREFIX), high: metaKey(`${BUILD_PREFIX}\u00ff`) })) {
    const [db, indexId] = String(key[1]).slice(BUILD_PREFIX.length).split("/").map(Number) as [number, number];
    const [source, collection, afterKey, done] = decodeValue(value) as [number, number, string | null, bigint];
    builds.push({ db, indexId, source, collection, afterKey, done: Number(done) });
  }
  return builds;
}

/**
 * One step of the oldest build: up to BUILD_STEP documents. Returns the index
 * once it is built (the caller marks it active), and what the step did.
 */
export function buildStep(ctx: QueryContext): { built?: ResolvedIndex; name?: string; done: number } | undefined {
  const [state] = pendingBuilds(ctx);
  if (!state) return undefined;
  const index = indexesOf(ctx, state.db).find((candidate) => candidate.id === state.indexId);
  if (!index) {
    // The index was deleted while it was being built.
    ctx.writeTxn().delete(stateKey(state.db, state.indexId));
    return { done: state.done };
  }
  let { source, collection, afterKey, done } = state;
  let budget = BUILD_STEP;
  while (source < index.definition.sources.length) {
    const indexSource = index.definition.sources[source]!;
    const collections = sourceCollections(ctx, index, indexSource);
    if (collection >= collections.length) {
      source++;
      collection = 0;
      afterKey = null;
      continue;
    }
    const target = collections[collection]!;
    let finished = true;
    for (const [document, version] of liveDocuments(ctx, target, { fromKey: afterKey ?? undefined })) {
      if (document.address.key === afterKey) continue;
      if (budget-- === 0) {
        finished = false;
        break;
      }
      reindexSource(ctx, index, indexSource, document, version);
      afterKey = document.address.key;
      done++;
    }
    if (!finished) {
      save(ctx, { ...state, source, collection, afterKey, done });
      return { name: index.ref.id, done };
    }
    collection++;
    afterKey = null;
  }
  ctx.writeTxn().delete(stateKey(state.db, state.indexId));
  return { built: index, name: index.ref.id, done };
}
