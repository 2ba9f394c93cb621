/**
 * The storage interface FQLite's evaluator sees: an ordered, transactional
 * key-value store. Keys are tuples of strings and numbers ordered element by
 * element (numbers before strings); values are opaque bytes. Anything that can
 * offer this — snapshot reads and all-or-nothing writes over ordered keys — can
 * back FQLite; `lmdb-store.ts` is the implementation in use.
 */
export type KeyPart = string | number;
export type Key = readonly KeyPart[];

export interface Entry {
  readonly key: Key;
  readonly value: Uint8Array;
}

/** Keys `low <= key < high`, ascending, or descending when `reverse`. */
export interface RangeOptions {
  readonly low: Key;
  readonly high: Key;
  readonly reverse?: boolean;
  readonly limit?: number;
}

/** A consistent snapshot for the length of one query. */
export interface ReadTxn {
  /** The value at `key`; its bytes are valid until the next call on the store (copy them to keep them). */
  get(key: Key): Uint8Array | undefined;
  range(options: RangeOptions): Iterable<Entry>;
}

/** Reads see the transaction's own earlier writes. */
export interface WriteTxn extends ReadTxn {
  put(key: Key, value: Uint8Array): void;
  delete(key: Key): void;
}

export interface Store {
  read<T>(action: (txn: ReadTxn) => T): T;
  /**
   * Like `read`, on one snapshot kept for as long as `action` runs, across
   * awaits, while writers carry on: for reads too long for one turn of the
   * event loop (an export). The snapshot is released when `action` settles.
   */
  snapshot<T>(action: (txn: ReadTxn) => Promise<T>): Promise<T>;
  /** Commits when `action` returns, rolls everything back when it throws. */
  write<T>(action: (txn: WriteTxn) => T): T;
  /**
   * Copies the store as it is at one moment, while it stays in use (also by
   * other processes), into `directory`, which must not exist; resolves to the
   * files written.
   */
  backup(directory: string): Promise<string[]>;
  close(): Promise<void>;
}
