import { formatGlobalId } from "../../src/auth/secrets";
import { parseGlobalId } from "../../src/auth/secrets";
import { linesOf, type Line } from "../../src/transfer/lines";

async function read(chunks: Uint8Array[]): Promise<Line[]> {
  const lines: Line[] = [];
  for await (const line of linesOf(chunks)) lines.push(line);
  return lines;
}

describe("an import's input", () => {
  test("is read a line at a time across chunks, counting lines and bytes; blank lines and line ends are dropped", async () => {
    const bytes = Buffer.from('\ufeff{"a":1}\r\n{"b":"é"}\n\n  \nlast');
    // The é (two bytes) is cut between two chunks.
    const cut = bytes.indexOf(Buffer.from("é")) + 1;
    expect(await read([bytes.subarray(0, 5), bytes.subarray(5, cut), bytes.subarray(cut)])).toEqual([
      { number: 1, text: '{"a":1}', bytesRead: 12 },
      { number: 2, text: '{"b":"é"}', bytesRead: 23 },
      { number: 5, text: "last", bytesRead: bytes.length },
    ]);
  });

  test("that is not UTF-8 is refused at its line", async () => {
    await expect(read([Buffer.from("{}\n"), Buffer.from([0x22, 0xc3, 0x22, 0x0a])])).rejects.toThrow("line 2: not UTF-8 text.");
  });

  test("global ids read back as written, and text that is none is refused", () => {
    for (const id of [0n, 1n, 297508389823496704n, (1n << 59n) - 1n, (1n << 63n) - 1n]) expect(parseGlobalId(formatGlobalId(id))).toBe(id);
    expect(parseGlobalId("yyyyyyyyyyyyn")).toBe(1n);
    for (const text of ["", "yyyyyyyyyyyy", "yyyyyyyyyyyyyy", "Yyyyyyyyyyyyy", "yyyyyyyyyyyyl", "yyyyyyyyyyyyb"]) expect(parseGlobalId(text)).toBeUndefined();
  });
});
