/**
 * `fqlite restore`: a backup put in place as a database directory, whole or
 * not at all (as `fqlite import` puts the database it makes); and
 * `CommandError`, a command's refusal.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { openEngine, type Engine } from "../engine";
import { lmdbDataFile, unreadableLmdbStore } from "../store/lmdb-store";

/** A command's refusal: printed as `Error: …`, with exit code 1. */
export class CommandError extends Error {}

/** Opens the database that `path` must already hold; `refusal` words why it cannot be opened. */
export async function openExisting(path: string, refusal: (reason: string) => string): Promise<Engine> {
  try {
    return await openEngine({ path, existing: true });
  } catch (error) {
    throw new CommandError(refusal((error as Error).message));
  }
}

/**
 * Puts the backup in `source` in place as the database directory `target`. The
 * copy is made and checked in a new sibling directory, then renamed into place,
 * so that `target` is never half-restored. Resolves to the database file.
 */
export async function restore(source: string, target: string, force: boolean): Promise<string> {
  const backupFile = lmdbDataFile(source);
  if (!existsSync(backupFile)) throw new CommandError(`${source} is not an FQLite backup: it has no ${basename(backupFile)}.`);
  await replaceDatabase(target, force, "restoring", async (staging) => {
    const file = lmdbDataFile(staging);
    copyFileSync(backupFile, file);
    // On disk before it takes the database's place.
    const fd = openSync(file, "r+");
    fsyncSync(fd);
    closeSync(fd);
    const notABackup = (reason: string) => `${source} is not an FQLite backup: ${reason}`;
    const unreadable = unreadableLmdbStore(staging);
    if (unreadable) throw new CommandError(notABackup(unreadable));
    await (await openExisting(staging, notABackup)).close();
  });
  return lmdbDataFile(target);
}

/**
 * Makes a database directory with `make`, in a new sibling of `target` named
 * for what it does ("restoring"), then renames it into place: `target` is
 * never half-made, and stays as it was when `make` fails. A `target` that
 * holds a database is replaced only when `force`; one that holds anything
 * else, never.
 */
export async function replaceDatabase<T>(target: string, force: boolean, doing: string, make: (staging: string) => Promise<T>): Promise<T> {
  const replacing = existsSync(target) && readdirSync(target).length > 0;
  // --force replaces a database, never a directory of something else.
  if (replacing && !existsSync(lmdbDataFile(target))) throw new CommandError(`${target} is not empty and holds no FQLite database; it is left as it is.`);
  if (replacing && !force) throw new CommandError(`${target} already holds a database; add --force to replace it (stop whatever uses it first).`);
  const absolute = resolve(target);
  mkdirSync(dirname(absolute), { recursive: true });
  const staging = mkdtempSync(join(dirname(absolute), `.${basename(absolute)}.${doing}-`));
  try {
    const made = await make(staging);
    replaceDirectory(staging, absolute);
    return made;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Renames `from` to `to`; what `to` held is set aside until `from` has taken its place, then removed. */
function replaceDirectory(from: string, to: string): void {
  if (!existsSync(to)) return renameSync(from, to);
  const aside = `${from}-replaced`;
  renameSync(to, aside);
  try {
    renameSync(from, to);
  } catch (error) {
    renameSync(aside, to);
    throw error;
  }
  rmSync(aside, { recursive: true, force: true });
}
