/**
 * A query worker of `fqlite serve`: its own engine on the server's database
 * directory, running the queries the server hands it, one at a time, and
 * telling the server what its writes changed while anyone follows changes.
 */
import { parentPort } from "node:worker_threads";
import { openEngine } from "../engine";
import { answerQuery, encodeChanges, type QueryRequest } from "./backend";

type ServerMessage = { readonly id: number; readonly request: QueryRequest } | { readonly follow: boolean } | { readonly close: true };

export async function runQueryWorker(options: { readonly path: string; readonly rootSecret?: string }): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error("runQueryWorker runs in a worker thread.");
  const engine = await openEngine(options);
  let stopFollowing: (() => void) | undefined;
  port.on("message", (message: ServerMessage) => {
    if ("close" in message) {
      stopFollowing?.();
      void engine.close().then(() => process.exit(0));
    } else if ("follow" in message) {
      stopFollowing?.();
      stopFollowing = message.follow ? engine.onCommit((changes) => port.postMessage({ changes: encodeChanges(changes) })) : undefined;
    } else {
      void answerQuery(engine, message.request).then((answer) => port.postMessage({ id: message.id, answer: { ...answer, txnTime: answer.txnTime?.toString() } }));
    }
  });
}
