/**
 * The `fqlite` command:
 *   fqlite run FILE…    every query in the files, each its own transaction
 *   fqlite eval QUERY   one query
 *   fqlite repl         an interactive prompt
 *   fqlite expunge      remove every document whose ttl has passed
 *   fqlite serve        Fauna's v4 HTTP endpoint, for the faunadb driver
 *   fqlite backup DEST  a consistent copy of a database in use
 *   fqlite restore SRC  a backup put in place as the database directory
 *   fqlite export [FILE]  the whole database as JSON lines (docs/export-format.md)
 *   fqlite import FILE    a new database made from such lines (- for standard input)
 * The query commands take --db, --secret, --root-secret, --format, --no-metrics.
 */
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { Command, InvalidArgumentError, Option } from "commander";
import { DEFAULT_QUERY_TIMEOUT_MS, DEFAULT_ROOT_SECRET, openEngine, type Engine, type PreparedQuery } from "../engine";
import { FaunaError } from "../error/FaunaError";
import { startServer } from "../server/server";
import { formatError, formatResult, type OutputOptions } from "./output";
import { CommandError, openExisting, replaceDatabase, restore } from "./restore";
import { exportDatabase, type TransferSummary } from "../transfer/export";
import { importLines } from "../transfer/import";
import { ImportError } from "../transfer/import-error";
import { linesOf } from "../transfer/lines";
import { streamWriter, writeFileWhole } from "../transfer/output";
import { noProgress, progressBars, type ProgressFactory } from "../transfer/progress";

interface CommonOptions {
  db: string;
  secret?: string;
  rootSecret: string;
  format: OutputOptions["format"];
  metrics: boolean;
  timeout: number;
}

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
}

function dbOption(env: NodeJS.ProcessEnv): Option {
  return new Option("--db <dir>", "database directory").default(env.FQLITE_DB ?? "./.fqlite");
}

function withCommonOptions(command: Command, env: NodeJS.ProcessEnv): Command {
  return command
    .addOption(dbOption(env))
    .addOption(new Option("--secret <secret>", "secret to run the queries with (default: the root secret)").default(env.FQLITE_SECRET))
    .addOption(new Option("--root-secret <secret>", "the top database's admin secret").default(env.FQLITE_ROOT_SECRET ?? DEFAULT_ROOT_SECRET))
    .addOption(new Option("--format <format>", "output format").choices(["shell", "json"]).default("shell"))
    .addOption(new Option("--timeout <time>", "how long a query may run: 500ms, 30s, 2m").default(DEFAULT_QUERY_TIMEOUT_MS, `${DEFAULT_QUERY_TIMEOUT_MS / 1000}s`).argParser(parseTimeLimit))
    .option("--no-metrics", "do not print query metrics");
}

/** Runs queries one by one, printing each outcome; true when all succeeded. */
function runAll(engine: Engine, queries: PreparedQuery[], options: CommonOptions, io: CliIo, source?: string): boolean {
  let succeeded = true;
  let printed = false;
  for (const query of queries) {
    try {
      // In the shell format, results are set apart by a blank line.
      const separator = options.format === "shell" && printed ? "\n" : "";
      io.stdout.write(`${separator}${formatResult(engine.run(query, { secret: options.secret, timeoutMs: options.timeout }), options)}\n`);
      printed = true;
    } catch (error) {
      if (!(error instanceof FaunaError)) throw error;
      succeeded = false;
      (options.format === "json" ? io.stdout : io.stderr).write(`${formatError(error, options, source)}\n`);
    }
  }
  return succeeded;
}

/** Parses a text, reporting a syntax error instead of throwing it; undefined when it does not parse. */
function prepareAll(engine: Engine, text: string, options: CommonOptions, io: CliIo, source?: string): PreparedQuery[] | undefined {
  try {
    return engine.prepareAll(text);
  } catch (error) {
    if (!(error instanceof FaunaError)) throw error;
    (options.format === "json" ? io.stdout : io.stderr).write(`${formatError(error, options, source)}\n`);
    return undefined;
  }
}

/** Waits for indexes being built in the background; past a second, says how far they are, once a second. */
async function finishIndexBuilds(engine: Engine, io: CliIo): Promise<void> {
  const started = Date.now();
  let lastReport = started;
  await engine.indexesBuilt((index, done, finished) => {
    const now = Date.now();
    if (now - started < 1000 || (!finished && now - lastReport < 1000)) return;
    lastReport = now;
    io.stderr.write(finished ? `Index ${index} is built (${done.toLocaleString("en-US")} documents).\n` : `Building index ${index}: ${done.toLocaleString("en-US")} documents so far…\n`);
  });
}

function withEngine(options: CommonOptions, io: CliIo, action: (engine: Engine) => boolean | Promise<boolean>): Promise<boolean> {
  return closingAfter(openEngine({ path: options.db, rootSecret: options.rootSecret }), async (engine) => {
    const result = await action(engine);
    await finishIndexBuilds(engine, io);
    return result;
  });
}

/** Runs `body` on the engine being opened, and closes it whatever happens. */
async function closingAfter<T>(opening: Promise<Engine>, body: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await opening;
  try {
    return await body(engine);
  } finally {
    await engine.close();
  }
}

function sizeOf(file: string): string {
  return `${statSync(file).size.toLocaleString("en-US")} bytes`;
}

function counted(count: number, noun: string): string {
  return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}

function describeTransfer(summary: TransferSummary): string {
  return `${counted(summary.versions, "version")} of ${counted(summary.documents, "document")} in ${counted(summary.databases, "database")}`;
}

function isTerminal(stream: NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/**
 * Progress bars on standard error when `--progress` asks for them; by default
 * when standard error is a terminal, unless the output goes to it too.
 */
function progressFor(io: CliIo, asked: boolean | undefined, outputToStdout: boolean): ProgressFactory {
  const shown = asked ?? (isTerminal(io.stderr) && !(outputToStdout && isTerminal(io.stdout)));
  return shown ? progressBars(io.stderr) : noProgress;
}

function withProgressOptions(command: Command): Command {
  return command.option("--progress", "show a progress bar on standard error (by default only on a terminal)").option("--no-progress", "show no progress bar");
}


/** "90s", "5m", "1h", "500ms" or a number of seconds, as milliseconds. */
function parseInterval(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new InvalidArgumentError("expected a time such as 90s, 5m or 1h");
  const scale = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? "s"]!;
  return Number(match[1]) * scale;
}

/** A time limit: an interval longer than nothing. */
function parseTimeLimit(text: string): number {
  const limit = parseInterval(text);
  if (limit <= 0) throw new InvalidArgumentError("expected a time longer than 0");
  return limit;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: readonly string[], io: CliIo = process): Promise<number> {
  let exitCode = 0;
  const program = new Command("fqlite")
    .description("An embedded FQL v4 database")
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride();

  withCommonOptions(program.command("run").description("run every query in the files").argument("<files...>"), io.env).action(
    async (files: string[], options: CommonOptions) => {
      const ok = await withEngine(options, io, (engine) => {
        let allOk = true;
        for (const file of files) {
          const queries = prepareAll(engine, readFileSync(file, "utf8"), options, io, file);
          allOk = (queries !== undefined && runAll(engine, queries, options, io, file)) && allOk;
        }
        return allOk;
      });
      if (!ok) exitCode = 1;
    },
  );

  withCommonOptions(program.command("eval").description("run one query").argument("<query>"), io.env).action(async (query: string, options: CommonOptions) => {
    const ok = await withEngine(options, io, (engine) => {
      const queries = prepareAll(engine, query, options, io);
      return queries !== undefined && runAll(engine, queries, options, io);
    });
    if (!ok) exitCode = 1;
  });

  withCommonOptions(program.command("repl").description("an interactive prompt"), io.env).action(async (options: CommonOptions) => {
    // Loaded only here: Node's REPL is not needed to run queries.
    const { startRepl } = await import("./repl");
    await withEngine(options, io, (engine) => startRepl(engine, options, io));
  });

  program
    .command("serve")
    .description("serve Fauna's v4 HTTP endpoint (HTTP/1.1 and HTTP/2 on one port) until stopped")
    .addOption(dbOption(io.env))
    .addOption(new Option("--host <host>", "address to listen on").default("127.0.0.1"))
    .addOption(new Option("--port <port>", "port to listen on").default("8443").argParser((text) => Number(text)))
    .addOption(new Option("--root-secret <secret>", "the top database's admin secret").default(io.env.FQLITE_ROOT_SECRET ?? DEFAULT_ROOT_SECRET))
    .addOption(new Option("--expunge-interval <time>", "how often to remove expired documents: 90s, 5m, 1h").default("60s").argParser(parseInterval))
    .option("--log", "print one JSON line per request")
    .action(async (options: { db: string; host: string; port: number; rootSecret: string; expungeInterval: number; log?: boolean }) => {
      const server = await startServer({
        path: options.db,
        host: options.host,
        port: options.port,
        rootSecret: options.rootSecret,
        expungeIntervalMs: options.expungeInterval,
        log: options.log ? (line) => io.stdout.write(`${line}\n`) : undefined,
      });
      io.stdout.write(`FQLite serves ${options.db} at ${server.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => void server.close().then(resolve);
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });

  program
    .command("expunge")
    .description("remove every document whose ttl has passed (tokens, keys, credentials, documents), with its index entries")
    .addOption(dbOption(io.env))
    .action(async (options: { db: string }) => {
      const counts = await closingAfter(openEngine({ path: options.db }), (engine) => engine.expungeExpired());
      io.stdout.write(`Expunged ${counts.tokens} tokens, ${counts.keys} keys, ${counts.credentials} credentials, ${counts.documents} documents.\n`);
    });

  program
    .command("backup")
    .description("copy the database, consistent at one moment, while it may be in use (also by fqlite serve)")
    .argument("<dest>", "a directory to make for the backup; must not exist")
    .addOption(dbOption(io.env))
    .action(async (dest: string, options: { db: string }) => {
      if (existsSync(dest)) throw new CommandError(`${dest} already exists; a backup never overwrites anything.`);
      const files = await closingAfter(openExisting(options.db, (reason) => `${options.db}: ${reason}`), (engine) => engine.backup(dest));
      for (const file of files) io.stdout.write(`Backed up ${options.db} to ${file} (${sizeOf(file)}).\n`);
    });

  program
    .command("restore")
    .description("put a backup in place as the database directory")
    .argument("<source>", "a directory made by fqlite backup")
    .addOption(dbOption(io.env))
    .option("--force", "replace the database the directory holds")
    .action(async (source: string, options: { db: string; force?: boolean }) => {
      const file = await restore(source, options.db, options.force === true);
      io.stdout.write(`Restored ${source} to ${options.db} (${sizeOf(file)}).\n`);
    });

  withProgressOptions(
    program
      .command("export")
      .description("write the whole database, its child databases and every document's history, as JSON lines")
      .argument("[file]", "a file to make (it must not exist); without one, standard output")
      .addOption(dbOption(io.env)),
  ).action(async (file: string | undefined, options: { db: string; progress?: boolean }) => {
    if (file !== undefined && existsSync(file)) throw new CommandError(`${file} already exists; an export never overwrites anything.`);
    const progress = progressFor(io, options.progress, file === undefined);
    const summary = await closingAfter(openExisting(options.db, (reason) => `${options.db}: ${reason}`), (engine) =>
      file === undefined ? exportDatabase(engine, streamWriter(io.stdout), progress) : writeFileWhole(file, (write) => exportDatabase(engine, write, progress)),
    );
    if (file !== undefined) io.stdout.write(`Exported ${options.db} to ${file}: ${describeTransfer(summary)}.\n`);
  });

  withProgressOptions(
    program
      .command("import")
      .description("make the database from JSON lines: fqlite export's, or documents as the faunadb driver printed them")
      .argument("<file>", "the file to read, or - for standard input")
      .addOption(dbOption(io.env))
      .option("--force", "replace the database the directory holds"),
  ).action(async (file: string, options: { db: string; force?: boolean; progress?: boolean }) => {
    const fromStdin = file === "-";
    if (!fromStdin && (!existsSync(file) || !statSync(file).isFile())) throw new CommandError(`${file} is not a file.`);
    const source = fromStdin ? "standard input" : file;
    const progress = progressFor(io, options.progress, false);
    const input = () => (fromStdin ? io.stdin : createReadStream(file)) as AsyncIterable<Uint8Array>;
    const summary = await replaceDatabase(options.db, options.force === true, "importing", (staging) =>
      closingAfter(openEngine({ path: staging }), (engine) => importLines(engine, linesOf(input()), fromStdin ? undefined : statSync(file).size, progress)),
    ).catch((error: unknown) => {
      throw error instanceof ImportError ? new CommandError(`${source}, ${error.message} Nothing was imported.`) : error;
    });
    const made = summary.collectionsMade > 0 ? `; made ${counted(summary.collectionsMade, "collection")} that documents named` : "";
    io.stdout.write(`Imported ${source} into ${options.db}: ${describeTransfer(summary)}${made}.\n`);
  });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommandError) {
      io.stderr.write(`Error: ${error.message}\n`);
      return 1;
    }
    const code = (error as { exitCode?: number }).exitCode;
    if (code !== undefined) return code;
    throw error;
  }
  return exitCode;
}
