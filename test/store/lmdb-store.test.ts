import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLmdbStore } from "../../src/store/lmdb-store";
import type { RangeOptions, Store } from "../../src/store/store";

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const text = (value: Uint8Array | undefined) => (value ? Buffer.from(value).toString() : undefined);

describe("the LMDB store", () => {
  let path: string;
  let store: Store;
  beforeEach(() => {
    path = mkdtempSync(join(tmpdir(), "fqlite-store-"));
    store = openLmdbStore(path);
  });
  afterEach(async () => {
    await store.close();
    rmSync(path, { recursive: true, force: true });
  });

  test("reads what a committed write put", () => {
    store.write((txn) => txn.put(["doc", 0, 5, "a"], bytes("A")));
    expect(text(store.read((txn) => txn.get(["doc", 0, 5, "a"])))).toBe("A");
  });

  test("a write sees its own puts and deletes", () => {
    store.write((txn) => {
      txn.put(["k", 1], bytes("one"));
      expect(text(txn.get(["k", 1]))).toBe("one");
      txn.delete(["k", 1]);
      expect(txn.get(["k", 1])).toBeUndefined();
    });
  });

  test("a write that throws leaves nothing behind", () => {
    store.write((txn) => txn.put(["k", 1], bytes("before")));
    expect(() =>
      store.write((txn) => {
        txn.put(["k", 1], bytes("after"));
        txn.put(["k", 2], bytes("new"));
        throw new Error("fail");
      }),
    ).toThrow("fail");
    expect(store.read((txn) => [text(txn.get(["k", 1])), text(txn.get(["k", 2]))])).toEqual(["before", undefined]);
  });

  test("ranges run over [low, high) in key order, either way, with a limit", () => {
    store.write((txn) => {
      for (const key of ["b", "a", "d", "c"]) txn.put(["doc", 0, 5, key], bytes(key));
      txn.put(["doc", 0, 6, "a"], bytes("other collection"));
    });
    const keys = (options: RangeOptions) =>
      store.read((txn) => [...txn.range(options)].map((entry) => entry.key[3]));
    expect(keys({ low: ["doc", 0, 5], high: ["doc", 0, 6] })).toEqual(["a", "b", "c", "d"]);
    expect(keys({ low: ["doc", 0, 5, "b"], high: ["doc", 0, 5, "d"] })).toEqual(["b", "c"]);
    expect(keys({ low: ["doc", 0, 5, "b"], high: ["doc", 0, 5, "d"], reverse: true })).toEqual(["c", "b"]);
    expect(keys({ low: ["doc", 0, 5], high: ["doc", 0, 6], reverse: true, limit: 2 })).toEqual(["d", "c"]);
  });
});
