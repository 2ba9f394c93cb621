/**
 * `fqlite repl`: Node's REPL with FQL in place of JavaScript. Input continues
 * over several lines until its brackets balance; `.exit` leaves; function
 * names complete with Tab; history is kept in ~/.fqlite_repl_history (or
 * FQLITE_REPL_HISTORY; empty to keep none) when the terminal is interactive,
 * without the lines that could hold a password or a secret.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import repl from "node:repl";
import type { Engine } from "../engine";
import { functionCatalog } from "../catalog/functions";
import { FaunaError } from "../error/FaunaError";
import { fqlLexer } from "../../grammar/tokens";
import type { CliIo } from "./main";
import { formatError, formatResult, type OutputOptions } from "./output";

const openers = new Set(["LParen", "LBracket", "LBrace"]);
const closers = new Set(["RParen", "RBracket", "RBrace"]);

/** Input is unfinished while a bracket or a block comment is still open. */
export function isIncomplete(text: string): boolean {
  const { tokens, errors } = fqlLexer().tokenize(text);
  if (errors.some((error) => text.slice(error.offset).startsWith("/*"))) return true;
  let depth = 0;
  for (const token of tokens) {
    if (openers.has(token.tokenType.name)) depth++;
    else if (closers.has(token.tokenType.name)) depth--;
  }
  return depth > 0 || /=>\s*$/.test(text);
}

const functionNames = functionCatalog.map((spec) => spec.name);

function complete(line: string): [string[], string] {
  const word = /[A-Za-z_$][A-Za-z0-9_$]*$/.exec(line)?.[0] ?? "";
  const matches = word === "" ? [] : functionNames.filter((name) => name.startsWith(word));
  return [matches, word];
}

/** Lines the history file never keeps: any that mentions a password or a secret, or holds what looks like a key's or token's secret. */
const SENSITIVE_LINE = /password|secret|fn[AE][A-Za-z0-9_-]{20,}/i;

interface ReplOptions extends OutputOptions {
  readonly secret?: string;
  readonly timeout?: number;
}

/** Runs the prompt until `.exit` or the end of input. */
export function startRepl(engine: Engine, options: ReplOptions, io: CliIo): Promise<boolean> {
  return new Promise((resolve) => {
    const server = repl.start({
      prompt: "fqlite> ",
      input: io.stdin,
      output: io.stdout,
      terminal: (io.stdout as NodeJS.WriteStream).isTTY ?? false,
      ignoreUndefined: true,
      completer: complete,
      writer: (output: unknown) => String(output),
      eval: (input, _context, _file, callback) => {
        if (input.trim() === "") return callback(null, undefined);
        if (isIncomplete(input)) return callback(new repl.Recoverable(new Error("incomplete")), undefined);
        try {
          const lines = engine.prepareAll(input).map((query) => {
            try {
              return formatResult(engine.run(query, { secret: options.secret, timeoutMs: options.timeout }), options);
            } catch (error) {
              if (error instanceof FaunaError) return formatError(error, options);
              throw error;
            }
          });
          callback(null, lines.join("\n"));
        } catch (error) {
          if (error instanceof FaunaError) callback(null, formatError(error, options));
          else callback(error as Error, undefined);
        }
      },
    });
    const history = io.env.FQLITE_REPL_HISTORY ?? join(homedir(), ".fqlite_repl_history");
    if (server.terminal && history !== "") {
      // A line that may hold a password or a secret is left out of the history file, as database shells do.
      server.on("history", (lines: string[]) => {
        if (SENSITIVE_LINE.test(lines[0] ?? "")) lines.shift();
      });
      server.setupHistory(history, () => undefined);
    }
    server.on("exit", () => resolve(true));
  });
}
