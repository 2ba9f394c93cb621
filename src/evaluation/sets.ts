/**
 * Sets and their pages. A set is read in its order from a cursor; a page holds
 * up to `size` elements and the cursors to go on (`after`, `before`).
 *
 * The sets here are the documents of a collection: `Documents(Collection("c"))`
 * and the native collections (`Tokens()`, `Collections()`, …), whose elements
 * are refs in id (or name) order.
 */
import { Errors } from "../error/catalog";
import { queryError, type ErrorSite } from "../error/FaunaError";
import { Page, Ref, SetRef, type Value } from "../language/values";
import { idFromKey, idKey } from "../store/keys";
import type { QueryContext } from "./context";
import { isExpired } from "./docs";
import { resolveCollection, type CollectionInfo } from "./refs";
import { typeName } from "./types";

/** Index partitions a set without terms was spread over; reading a page touched each. */
const UNPARTITIONED_SET_PARTITIONS = 8;

export interface PageRequest {
  readonly size: number;
  /** Start here, inclusive (the cursor's first element is a ref); null: from the start. */
  readonly after?: Value[] | null;
  /** End here, exclusive, reading backwards; null: from the end. */
  readonly before?: Value[] | null;
}

export interface FaunaSet {
  page(ctx: QueryContext, request: PageRequest): Page;
  /** The set's elements from the start, in order. */
  elements(ctx: QueryContext): Iterable<Value>;
}

/** The set a value stands for, or an error if it stands for none. */
export function setOf(ctx: QueryContext, value: Value, site: ErrorSite): FaunaSet {
  if (value instanceof Ref && value.isNative) return new DocumentsSet(resolveCollection(ctx, value, site));
  if (value instanceof SetRef && value.parts.get("documents") instanceof Ref) {
    return new DocumentsSet(resolveCollection(ctx, value.parts.get("documents") as Ref, site));
  }
  throw queryError(Errors.invalidArgument, site, ["Set"], typeName(value));
}

export function isSetValue(value: Value): boolean {
  return (value instanceof Ref && value.isNative) || value instanceof SetRef;
}

class DocumentsSet implements FaunaSet {
  constructor(private readonly collection: CollectionInfo) {}

  private named(): boolean {
    return this.collection.native?.named ?? false;
  }

  private refOf(docKey: string): Ref {
    const { native, ref } = this.collection;
    if (native?.named) return Ref.schema(native.id, docKey, ref.database);
    return new Ref(idFromKey(docKey).toString(), ref);
  }

  private keyOf(cursor: Value[] | null | undefined): string | undefined {
    const first = cursor?.[0];
    if (!(first instanceof Ref)) return undefined;
    if (this.named()) return first.id;
    return /^-?\d+$/.test(first.id) ? idKey(BigInt(first.id)) : undefined;
  }

  *elements(ctx: QueryContext): Iterable<Value> {
    for (const [docKey, version] of ctx.documents.scan(this.collection.db, this.collection.internalId)) {
      if (!isExpired(ctx, version)) yield this.refOf(docKey);
    }
  }

  page(ctx: QueryContext, request: PageRequest): Page {
    const backwards = request.before !== undefined;
    const scan = backwards
      ? ctx.documents.scan(this.collection.db, this.collection.internalId, { toKey: this.keyOf(request.before), reverse: true })
      : ctx.documents.scan(this.collection.db, this.collection.internalId, { fromKey: this.keyOf(request.after) });
    const found: Ref[] = [];
    let bytes = 0;
    for (const [docKey, version, size] of scan) {
      bytes += size;
      if (isExpired(ctx, version)) continue;
      found.push(this.refOf(docKey));
      if (found.length > request.size) break;
    }
    ctx.metrics.setRead(bytes, UNPARTITIONED_SET_PARTITIONS);
    const more = found.length > request.size;
    const data = found.slice(0, request.size);
    if (backwards) {
      data.reverse();
      const before = more && data.length > 0 ? [data[0]!] : undefined;
      return new Page(data, before, request.before ?? undefined);
    }
    return new Page(data, request.after ?? undefined, more ? [found[request.size]!] : undefined);
  }
}
