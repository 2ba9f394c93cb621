/**
 * The lines of an import's input, read as it streams in: a file of any size
 * is never held whole, only the line being read.
 */
import { ImportError } from "./import-error";

export interface Line {
  /** Counted from 1, blank lines included. */
  readonly number: number;
  readonly text: string;
  /** Bytes of the input read up to the end of this line. */
  readonly bytesRead: number;
}

const NEWLINE = 0x0a;
const BYTE_ORDER_MARK = "\ufeff";

/** The lines of UTF-8 text, without their line ends (`\n` or `\r\n`); blank lines are skipped. */
export async function* linesOf(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Line> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pending: Uint8Array[] = [];
  let number = 0;
  let bytesRead = 0;
  const line = (bytes: Uint8Array): Line | undefined => {
    number++;
    bytesRead += bytes.length + 1;
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      throw new ImportError("not UTF-8 text.", number);
    }
    if (number === 1 && text.startsWith(BYTE_ORDER_MARK)) text = text.slice(1);
    if (text.endsWith("\r")) text = text.slice(0, -1);
    return text.trim() === "" ? undefined : { number, text, bytesRead };
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      pending.push(chunk.subarray(start, end));
      const complete = line(Buffer.concat(pending));
      pending = [];
      start = end + 1;
      if (complete) yield complete;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) {
    const last = line(Buffer.concat(pending));
    // The last line has no line end to count.
    if (last) yield { ...last, bytesRead: last.bytesRead - 1 };
  }
}
