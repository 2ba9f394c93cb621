/** Where an export's text goes: a stream, at the pace it takes it, or a file made whole or not at all. */
import { once } from "node:events";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export type TextWriter = (text: string) => Promise<void>;

/** Writes to a stream, waiting whenever it asks to: output is never held in memory beyond its buffer. */
export function streamWriter(stream: NodeJS.WritableStream): TextWriter {
  return async (text) => {
    if (!stream.write(text)) await once(stream, "drain");
  };
}

/**
 * Makes the file `path` with what `fill` writes: into a new file beside it,
 * flushed to disk and renamed into place once complete, so that `path` is
 * never half-written; nothing is left behind when `fill` fails.
 */
export async function writeFileWhole<T>(path: string, fill: (write: TextWriter) => Promise<T>): Promise<T> {
  const partial = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  const file = await open(partial, "wx");
  try {
    const result = await fill(async (text) => {
      await file.write(text);
    });
    await file.sync();
    await file.close();
    await rename(partial, path);
    return result;
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}
