/**
 * An import's first part: each line's version stored as the write that made
 * it stored it — the document and its history, its ttl's expiry hint, a
 * token's or credentials' place under its identity, what finding a key needs,
 * a database's global id, a schema document's internal number — at
 * the line's `ts`. Index entries are left to `index-history.ts`, which makes
 * them once every document is in.
 *
 * A line is refused, with the reason, when it cannot be stored as it is: its
 * database or collection does not exist yet (a collection that a line without
 * `action` names is made for it), its fields are not what its kind of document
 * has, or its version does not follow the document's last one (a create of a
 * live document, an update of a missing one, a `ts` not after the last one).
 */
import { recordKeyWrite } from "../auth/authenticate";
import { formatGlobalId, parseGlobalId, randomGlobalId } from "../auth/secrets";
import { FaunaError } from "../error/FaunaError";
import { storedFromQuery } from "../evaluation/databases";
import { reindexInstance } from "../evaluation/instances";
import { hasInternalId, newInternalId, resolveDatabase, resolveDocument, schemaDocument, type ResolvedDocument } from "../evaluation/refs";
import { SchemaCache } from "../evaluation/schema-cache";
import { kindsByNative, validated } from "../evaluation/writing";
import type { QueryContext } from "../evaluation/context";
import { printValue } from "../language/printer";
import type { NativeCollectionId, ObjectValue, Ref } from "../language/values";
import { collectionKind, userDocumentKind, type DocumentKind } from "../schema/kinds";
import { nativeCollection } from "../schema/native";
import { validateFields } from "../schema/validation";
import type { StoredVersion } from "../store/codec";
import type { DocumentAddress } from "../store/documents";
import { ROOT_DATABASE, type DatabaseId } from "../store/keys";
import type { WriteTxn } from "../store/store";
import { wellFormedFields } from "../evaluation/well-formed-text";
import { writingContext } from "./contexts";
import { parseLine, type Header, type VersionLine } from "./format";
import { ImportError } from "./import-error";
import type { Line } from "./lines";

/** Fields FQLite gives documents of a kind itself, which no write may set: taken as they come. */
const SYSTEM_FIELDS: Partial<Record<NativeCollectionId, readonly string[]>> = { databases: ["global_id"], access_providers: ["audience"] };

/** The fields a kind of document has, checked as a write checks them; fields it does not have are dropped, as a write drops them. */
function checkedFields(kind: DocumentKind, native: NativeCollectionId | undefined, given: ObjectValue): ObjectValue {
  const { fields: checked, failures } = validateFields(given, kind.schema);
  if (failures.length > 0) throw new ImportError(failures.map((failure) => `${failure.field.join(".")}: ${failure.description}`).join(" "));
  const system = (native && SYSTEM_FIELDS[native]) || [];
  const fields: ObjectValue = new Map();
  for (const [name, value] of given) {
    if (checked.has(name)) fields.set(name, checked.get(name)!);
    else if (system.includes(name) && value !== null) {
      if (typeof value !== "string") throw new ImportError(`${name}: it must be a String.`);
      fields.set(name, value);
    }
  }
  return fields;
}

export interface ReplaySummary {
  versions: number;
  documents: number;
  /** Collections made for documents (lines without `action`) that named them. */
  collectionsMade: number;
}

export class Replay {
  readonly summary: ReplaySummary = { versions: 0, documents: 0, collectionsMade: 0 };
  private readonly schemaCache = new SchemaCache();
  private linesRead = 0;
  private lastTs: bigint | undefined;
  private lastId = 0n;
  /** The database each global id is of (the top one's from the header), to refuse a second live database with one. */
  private readonly globalIds = new Map<bigint, { readonly address?: DocumentAddress; readonly name: string }>();
  /** Collections made for documents that named them, by `db/name`: the line that made each. */
  private readonly madeCollections = new Map<string, number>();

  /** Stores what a line says; refused: an `ImportError` naming the line. */
  line(txn: WriteTxn, line: Line): void {
    try {
      const parsed = parseLine(line.text, this.linesRead++ === 0);
      if ("header" in parsed) this.header(txn, parsed.header);
      else this.version(txn, parsed.version, line.number);
    } catch (error) {
      if (error instanceof ImportError) throw error.at(line.number);
      if (error instanceof FaunaError) throw new ImportError(error.message, line.number);
      throw error;
    }
  }

  /** Makes later writes come after every version imported, with ids after every id imported. */
  finish(txn: WriteTxn): void {
    if (this.lastTs !== undefined) writingContext(txn, this.schemaCache, ROOT_DATABASE, this.lastTs).advancePast(this.lastTs, this.lastId);
  }

  /** The top database takes the exported one's global id, so that its tokens' secrets still name it. */
  private header(txn: WriteTxn, header: Header): void {
    const globalId = parseGlobalId(header.globalId);
    if (globalId === undefined) throw new ImportError(`"global_id" ${JSON.stringify(header.globalId)} is not a database's global id.`);
    // It writes no version: no time to write at.
    writingContext(txn, this.schemaCache, ROOT_DATABASE, 0n).setDatabaseGlobalId(ROOT_DATABASE, globalId);
    this.globalIds.set(globalId, { name: "the top database" });
  }

  private version(txn: WriteTxn, line: VersionLine, number: number): void {
    const ctx = writingContext(txn, this.schemaCache, ROOT_DATABASE, line.ts);
    const document = this.placed(ctx, line, number);
    const shown = printValue(line.ref);
    const latest = ctx.documents.latest(document.address);
    const madeHere = latest && this.madeFor(document);
    if (madeHere) throw new ImportError(madeHere);
    if (latest && latest.ts === line.ts) throw new ImportError(`${shown} has a version at ts ${line.ts} already.`);
    if (latest && latest.ts > line.ts) throw new ImportError(`${shown} has a version at ts ${latest.ts}, after this one's (${line.ts}): a document's versions come in ts order.`);
    const current = latest?.deleted ? undefined : latest;
    const action = line.action ?? "create";
    if (action === "create" && current) throw new ImportError(`${shown} exists already: its version at ts ${current.ts} was not deleted.`);
    if (action === "update" && !current) throw new ImportError(`${shown} does not exist to update.`);
    const native = document.collection.native;
    if (action === "delete") {
      ctx.documents.delete(document.address, line.ts);
      reindexInstance(ctx, document, current, undefined);
    } else {
      const version = this.storedVersion(ctx, document, line, current);
      ctx.documents.put(document.address, version);
      reindexInstance(ctx, document, current, version);
      if (native?.id === "keys") recordKeyWrite(ctx, document, current, version);
      if (native?.id === "databases") this.recordGlobalId(ctx, document, version);
    }
    this.summary.versions++;
    if (!latest) this.summary.documents++;
    if (this.lastTs === undefined || line.ts > this.lastTs) this.lastTs = line.ts;
    if (!native?.named && BigInt(line.ref.id) > this.lastId) this.lastId = BigInt(line.ref.id);
  }

  /** The database a scope names, which must exist. */
  private database(ctx: QueryContext, scope: Ref | undefined): DatabaseId {
    try {
      return resolveDatabase(ctx, scope, undefined);
    } catch (error) {
      if (!(error instanceof FaunaError)) throw error;
      throw new ImportError(`${printValue(scope!)} does not exist: a database's line must come before the lines of what is in it.`);
    }
  }

  /** Where a line's document goes; a collection that a line without `action` names is made when missing. */
  private placed(ctx: QueryContext, line: VersionLine, number: number): ResolvedDocument {
    const { ref } = line;
    if (ref.isNative) throw new ImportError(`${printValue(ref)} is a collection, not a document.`);
    const collection = ref.collection!;
    const named = collection.isNative && nativeCollection(collection.id as NativeCollectionId).named;
    const db = this.database(ctx, named ? ref.database : collection.database);
    if (!collection.isNative && !schemaDocument(ctx, db, "collections", collection.id)) {
      if (line.action !== undefined) throw new ImportError(`${printValue(collection)} does not exist: a collection's line must come before its documents'.`);
      this.makeCollection(ctx, db, collection.id, line.ts, number);
    }
    try {
      return resolveDocument(ctx, ref, undefined);
    } catch (error) {
      if (!(error instanceof FaunaError)) throw error;
      throw new ImportError(`${printValue(ref)}: ${error.description}`);
    }
  }

  /** A collection as `CreateCollection({ name })` makes it, at `ts`. */
  private makeCollection(ctx: QueryContext, db: DatabaseId, name: string, ts: bigint, number: number): void {
    const address = { db, collection: nativeCollection("collections").internalId, key: name };
    const fields = validated(collectionKind, new Map([["name", name]]), undefined);
    ctx.documents.put(address, { ts, fields, hidden: new Map([["id", newInternalId(ctx, "collections")]]) });
    this.madeCollections.set(`${db}/${name}`, number);
    this.summary.collectionsMade++;
  }

  /** Why a collection's line comes too late, when it does: its collection was made for a document before it. */
  private madeFor(document: ResolvedDocument): string | undefined {
    if (document.collection.native?.id !== "collections") return undefined;
    const line = this.madeCollections.get(`${document.address.db}/${document.address.key}`);
    return line === undefined ? undefined : `${printValue(document.ref)} was made at line ${line}, for the document there: a collection's line must come before its documents'.`;
  }

  /** The version a line stores: its fields checked and with refs as its database stores them; a schema document's internal number. */
  private storedVersion(ctx: QueryContext, document: ResolvedDocument, line: VersionLine, current: StoredVersion | undefined): StoredVersion {
    const native = document.collection.native;
    const relative = storedFromQuery(ctx, document.address.db, line.fields);
    if ("outside" in relative) throw new ImportError(`${printValue(relative.outside)} names nothing in the database ${printValue(line.ref)} is in.`);
    const kind = native ? kindsByNative[native.id]! : userDocumentKind;
    const fields = wellFormedFields(checkedFields(kind, native?.id, relative.stored as ObjectValue));
    if (native?.named && fields.get("name") !== line.ref.id) throw new ImportError(`its name, "${String(fields.get("name"))}", is not the one its ref gives, "${line.ref.id}".`);
    // A database a line gives no global id gets one, as `CreateDatabase` gives it.
    if (native?.id === "databases" && !fields.has("global_id")) fields.set("global_id", formatGlobalId(randomGlobalId()));
    if (!native || !hasInternalId(native.id)) return { ts: line.ts, fields };
    // A schema document keeps its number while it lives; made again, it is a new one (what was in the old one went with it).
    return { ts: line.ts, fields, hidden: current?.hidden ?? new Map([["id", newInternalId(ctx, native.id)]]) };
  }

  /** A database's global id, which its tokens' secrets carry: one database's only, while it lives. */
  private recordGlobalId(ctx: QueryContext, document: ResolvedDocument, version: StoredVersion): void {
    const text = version.fields.get("global_id") as string;
    const globalId = parseGlobalId(text);
    if (globalId === undefined) throw new ImportError(`global_id "${text}" is not a database's global id.`);
    const holder = this.globalIds.get(globalId);
    const { address } = document;
    const sameDatabase = holder?.address?.db === address.db && holder.address.key === address.key;
    if (holder && !sameDatabase && (!holder.address || ctx.documents.current(holder.address))) throw new ImportError(`global_id "${text}" is ${holder.name}'s already.`);
    this.globalIds.set(globalId, { address, name: printValue(document.ref) });
    ctx.setDatabaseGlobalId(Number(version.hidden!.get("id") as bigint), globalId);
  }
}
