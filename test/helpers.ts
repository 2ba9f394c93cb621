/** Shared test helpers: a temporary database per test, a clock the test moves, queries as text. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openEngine, type Engine, type EngineOptions, type QueryOptions } from "../src/engine";
import { FaunaError } from "../src/error/FaunaError";
import { printValue } from "../src/language/printer";
import type { Value } from "../src/language/values";
import { encodeValue, type WireJson } from "../src/language/wire";

/** 2021-06-21T21:22:30.300Z, about when Fauna's Tokens page was written. */
export const SEED_TIME_MS = Date.UTC(2021, 5, 21, 21, 22, 30, 300);

export interface TestClock {
  (): number;
  advance(milliseconds: number): void;
  set(milliseconds: number): void;
}

/** A clock that stands still until moved, or, with `tick`, moves on by `tick` ms at every reading. */
export function testClock(start = SEED_TIME_MS, tick = 0): TestClock {
  let now = start - tick;
  const clock = (() => (now += tick)) as TestClock;
  clock.advance = (milliseconds) => {
    now += milliseconds;
  };
  clock.set = (milliseconds) => {
    now = milliseconds;
  };
  return clock;
}

/** Runs `body` with a fresh temporary database, always closed (and removed) afterwards. */
export async function withDb<T>(body: (db: Engine, clock: TestClock) => Promise<T>, options: EngineOptions = {}): Promise<T> {
  const clock = testClock();
  const db = await openEngine({ clock, ...options });
  try {
    return await body(db, clock);
  } finally {
    await db.close();
  }
}

export async function value(db: Engine, query: string | WireJson, options: QueryOptions = {}): Promise<Value> {
  return (await db.query(query, options)).value;
}

/** The result as Fauna's wire JSON: exact about types (1 vs 1.0) and order. */
export async function wire(db: Engine, query: string | WireJson, options: QueryOptions = {}): Promise<string> {
  return encodeValue(await value(db, query, options));
}

/** The secret a query (a Login, a CreateKey, a Create(Tokens(), …)) returns. */
export async function secretOf(db: Engine, query: string, options: QueryOptions = {}): Promise<string> {
  return (await value(db, `Select("secret", ${query})`, options)) as string;
}

/** The result as fauna-shell printed it. */
export async function printed(db: Engine, query: string): Promise<string> {
  return printValue(await value(db, query));
}

/** The error a query fails with (the test fails if it succeeds). */
export async function failure(db: Engine, query: string | WireJson, options: QueryOptions = {}): Promise<FaunaError> {
  try {
    await db.query(query, options);
  } catch (error) {
    if (error instanceof FaunaError) return error;
    throw error;
  }
  throw new Error(`Expected ${query} to fail`);
}

/** An error's wire form, without the text location. */
export function errorJson(error: FaunaError): unknown[] {
  return error.errors.map((entry) => ({
    ...(entry.kind.request ? {} : { position: entry.position }),
    code: entry.code,
    description: entry.description,
    ...(entry.failures ? { failures: entry.failures } : {}),
  }));
}

/** A fresh directory for every test of the file, removed after it; call the result for the current test's. */
export function directoryPerTest(prefix: string): () => string {
  let directory = "";
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });
  return () => directory;
}
