/** Exports and imports for the transfer tests, without the command line. */
import { openEngine, type Engine } from "../../src/engine";
import { exportDatabase } from "../../src/transfer/export";
import { importLines, type ImportSummary } from "../../src/transfer/import";
import { linesOf } from "../../src/transfer/lines";
import { noProgress } from "../../src/transfer/progress";
import { testClock, type TestClock } from "../helpers";

/** The whole export as text. */
export async function exportText(engine: Engine): Promise<string> {
  let text = "";
  await exportDatabase(
    engine,
    async (chunk) => {
      text += chunk;
    },
    noProgress,
  );
  return text;
}

/** Imports `text` into a new database at `path`. */
export async function importText(path: string, text: string): Promise<ImportSummary> {
  const engine = await openEngine({ path });
  try {
    return await importLines(engine, linesOf([Buffer.from(text)]), Buffer.byteLength(text), noProgress);
  } finally {
    await engine.close();
  }
}

/** Runs `body` on the database at `path`, with a clock the test moves; closed afterwards. */
export async function withEngineAt<T>(path: string, body: (engine: Engine, clock: TestClock) => Promise<T>, clock = testClock()): Promise<T> {
  const engine = await openEngine({ path, clock });
  try {
    return await body(engine, clock);
  } finally {
    await engine.close();
  }
}
