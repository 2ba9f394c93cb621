/**
 * `fqlite export`: the whole tree of databases as it is at one commit, as
 * JSON lines (see format.ts), streamed out as they are made: first counted,
 * for the progress bar, then written a chunk at a time.
 */
import { readFileSync } from "node:fs";
import { formatGlobalId } from "../auth/secrets";
import type { Engine } from "../engine";
import { seenFromQuery } from "../evaluation/databases";
import { refInCollection } from "../evaluation/indexing";
import { SchemaCache } from "../evaluation/schema-cache";
import { Timestamp, type ObjectValue } from "../language/values";
import { packageFile } from "../server/package-files";
import type { StoredVersion } from "../store/codec";
import { ROOT_DATABASE } from "../store/keys";
import { readingContext } from "./contexts";
import { headerLine, versionLine, type Action } from "./format";
import type { ProgressFactory } from "./progress";
import { collectionsOf, databaseScopes } from "./tree";

export interface TransferSummary {
  /** Lines of document versions (deletions included). */
  readonly versions: number;
  readonly documents: number;
  readonly databases: number;
}

/** Output is handed on in pieces of about this many characters. */
const CHUNK_CHARS = 64 * 1024;

function fqliteVersion(): string {
  return (JSON.parse(readFileSync(packageFile("package.json"), "utf8")) as { version: string }).version;
}

/** Each version with its action, as history shows it: a create where no version was live before it, a deletion's delete, else an update. */
function* withActions(versions: readonly StoredVersion[]): Generator<[StoredVersion, Action]> {
  let live = false;
  for (const version of versions) {
    yield [version, version.deleted ? "delete" : live ? "update" : "create"];
    live = !version.deleted;
  }
}

/** Writes the whole database to `write`, which resolves when it can take more. */
export function exportDatabase(engine: Engine, write: (text: string) => Promise<void>, progress: ProgressFactory): Promise<TransferSummary> {
  return engine.readSnapshot(async (txn) => {
    const ctx = readingContext(txn, new SchemaCache());
    const scopes = databaseScopes(ctx);
    const collections = scopes.flatMap((scope) => collectionsOf(ctx, scope));
    const bar = progress("Exporting", "versions");
    bar.start(collections.reduce((total, collection) => total + ctx.documents.countVersions(collection.db, collection.internalId), 0));
    const summary = { versions: 0, documents: 0, databases: scopes.length };
    let chunk = headerLine({ fqlite: fqliteVersion(), exportedAt: Timestamp.fromMicros(engine.now()), globalId: formatGlobalId(ctx.databaseGlobalId(ROOT_DATABASE)) });
    try {
      for (const collection of collections) {
        for (const { key, versions } of ctx.documents.histories(collection.db, collection.internalId)) {
          summary.documents++;
          const ref = refInCollection(collection, key);
          for (const [version, action] of withActions(versions)) {
            chunk += versionLine({ ref, ts: version.ts, action, fields: seenFromQuery(ctx, collection.db, version.fields) as ObjectValue });
            summary.versions++;
            if (chunk.length < CHUNK_CHARS) continue;
            await write(chunk);
            chunk = "";
            bar.advance(summary.versions);
          }
        }
      }
      await write(chunk);
      bar.advance(summary.versions);
    } finally {
      bar.finish();
    }
    return summary;
  });
}
