/**
 * FQL query text → expression trees. A text may hold several queries, separated
 * by newlines or ';'; each becomes its own tree.
 */
import type { CstNode, IToken } from "chevrotain";
import { functionsByName } from "../catalog/functions";
import { isStackOverflow } from "../error/stack-overflow";
import { fqlParser } from "../../grammar/parser";
import { fqlLexer } from "../../grammar/tokens";
import { literal, type ArrayExpr, type Expr, type ObjectExpr, type SourceLocation } from "./ast";
import { callFromPositional, syntaxError } from "./calls";
import { decodeBase64 } from "./base64";
import { Bytes, LONG_MAX, LONG_MIN } from "./values";

export interface ParsedQuery {
  readonly expr: Expr;
  /** The query's own text, for messages. */
  readonly text: string;
}

type Children = Record<string, (CstNode | IToken)[] | undefined>;

/** Parses every query in `text`. Throws a positioned syntax error at the first problem. */
export function parseQueries(text: string): ParsedQuery[] {
  const lexed = fqlLexer().tokenize(text);
  const lexError = lexed.errors[0];
  if (lexError) {
    const shown = text.slice(lexError.offset, lexError.offset + lexError.length);
    const message = /^["']/.test(shown) ? "Unterminated string." : `Unexpected character '${shown.slice(0, 1)}'.`;
    throw syntaxError(message, { line: lexError.line ?? 1, column: lexError.column ?? 1, offset: lexError.offset, endOffset: lexError.offset + lexError.length });
  }
  checkNesting(lexed.tokens, text);
  try {
    return buildQueries(lexed.tokens, text);
  } catch (error) {
    // The limit above keeps the parser well within the stack; should it still run out, the query is refused all the same.
    if (isStackOverflow(error)) throw syntaxError(`Expressions nest too deeply.`, undefined);
    throw error;
  }
}

/**
 * How deeply query text may nest: brackets of every kind, and arrow functions.
 * FQLite's own limit (Fauna read no text): its parser walks the text on the
 * stack. Any query within it is also within Fauna's limit on request JSON.
 */
export const MAX_TEXT_NESTING = 256;

/** Refuses text nested deeper than `MAX_TEXT_NESTING`, before it is parsed. */
function checkNesting(tokens: readonly IToken[], text: string): void {
  const outerArrows: number[] = [];
  let arrows = 0; // arrow functions open at the current bracket level: each ends at a ',', ';' or the closing bracket
  let depth = 0;
  let previous: IToken | undefined;
  for (const token of tokens) {
    // At the top, a new line may start the next query.
    if (outerArrows.length === 0 && previous && token.startLine! > previous.endLine!) {
      depth -= arrows;
      arrows = 0;
    }
    previous = token;
    switch (token.tokenType.name) {
      case "LParen":
      case "LBracket":
      case "LBrace":
        outerArrows.push(arrows);
        arrows = 0;
        depth++;
        break;
      case "RParen":
      case "RBracket":
      case "RBrace":
        if (outerArrows.length === 0) break; // unbalanced: the parser says so
        depth -= arrows + 1;
        arrows = outerArrows.pop()!;
        break;
      case "Arrow":
        arrows++;
        depth++;
        break;
      case "Comma":
      case "Semicolon":
        depth -= arrows;
        arrows = 0;
        break;
    }
    if (depth > MAX_TEXT_NESTING) throw syntaxError(`Expressions nest more than ${MAX_TEXT_NESTING} levels deep.`, tokenLocation(token, text));
  }
}

function buildQueries(tokens: IToken[], text: string): ParsedQuery[] {
  const parser = fqlParser();
  parser.input = tokens;
  const cst = parser.program();
  const parseError = parser.errors[0];
  if (parseError) throw syntaxError(parseError.message, tokenLocation(parseError.token, text));

  const builder = new AstBuilder(text);
  const queries: ParsedQuery[] = [];
  let previousEndLine = 0;
  let separated = true;
  for (const child of orderedChildren(cst)) {
    if (isToken(child)) {
      separated = true;
      continue;
    }
    const expr = builder.expression(child);
    const loc = expr.loc!;
    if (!separated && previousEndLine === loc.line) throw syntaxError("Expected a new line or ';' before the next query.", loc);
    queries.push({ expr, text: text.slice(loc.offset, loc.endOffset) });
    previousEndLine = child.location!.endLine!;
    separated = false;
  }
  return queries;
}

/** Parses text that must hold exactly one query. */
export function parseQuery(text: string): Expr {
  const queries = parseQueries(text);
  if (queries.length !== 1) {
    const loc = queries[1]?.expr.loc;
    throw syntaxError(queries.length === 0 ? "Expected a query." : "Expected a single query.", loc);
  }
  return queries[0]!.expr;
}

class AstBuilder {
  /** How many arrow functions enclose the current expression: inside one, a bare name is Var(name). */
  private arrowDepth = 0;

  constructor(private readonly text: string) {}

  expression(node: CstNode): Expr {
    const [child] = orderedChildren(node);
    if (child === undefined) throw syntaxError("Expected an expression.", undefined);
    if (isToken(child)) return this.identifier(child);
    switch (child.name) {
      case "arrow":
        return this.arrow(child);
      case "call":
        return this.call(child);
      case "parenthesized":
        return this.expression(only(child, "expression"));
      case "array":
        return this.array(child);
      case "object":
        return this.object(child);
      case "literal":
        return this.literal(orderedChildren(child)[0] as IToken);
      default:
        throw new Error(`Unknown grammar rule ${child.name}`);
    }
  }

  private location(node: CstNode | IToken): SourceLocation {
    const at = isToken(node) ? node : node.location!;
    return { line: at.startLine!, column: at.startColumn!, offset: at.startOffset, endOffset: at.endOffset! + 1 };
  }

  private identifier(token: IToken): Expr {
    const loc = this.location(token);
    if (this.arrowDepth > 0) return callOf("Var", [literal(token.image, loc)], loc);
    const hint = functionsByName.has(token.image) ? `call it: ${token.image}(…)` : `write Var("${token.image}") or use it inside an arrow function`;
    throw syntaxError(`Unknown identifier '${token.image}': ${hint}.`, loc);
  }

  private arrow(node: CstNode): Expr {
    const loc = this.location(node);
    const paramsNode = only(node, "arrowParams");
    const names = tokens(paramsNode, "Identifier").map((token) => literal(token.image, this.location(token)));
    // The driver named a single parameter by itself and several as an array.
    const params: Expr = names.length === 1 ? names[0]! : { kind: "array", elements: names, loc: this.location(paramsNode) };
    this.arrowDepth++;
    try {
      const body = this.expression(only(node, "expression"));
      return callOf("Lambda", [params, body], loc);
    } finally {
      this.arrowDepth--;
    }
  }

  private call(node: CstNode): Expr {
    const loc = this.location(node);
    const namespace = (node.children.namespace as IToken[] | undefined)?.[0];
    if (namespace && namespace.image !== "q") throw syntaxError(`Unknown namespace '${namespace.image}': only 'q.' may prefix a function.`, this.location(namespace));
    const nameToken = (node.children.name as IToken[])[0]!;
    const fn = functionsByName.get(nameToken.image);
    if (!fn) throw syntaxError(`Unknown function '${nameToken.image}'.`, this.location(nameToken));
    const list = node.children.expressionList as CstNode[] | undefined;
    const args = list ? (list[0]!.children.expression as CstNode[]).map((child) => this.expression(child)) : [];
    if (fn.literal) return this.literalCall(fn.name, args, loc);
    return callFromPositional(fn, args, loc) as Expr;
  }

  /** `Bytes("…")` and `Object({…})` build their value where they stand. */
  private literalCall(name: string, args: Expr[], loc: SourceLocation): Expr {
    const [arg] = args;
    if (name === "Object") {
      if (arg?.kind !== "object") throw syntaxError("Object takes an object literal.", loc);
      return { ...arg, loc };
    }
    if (arg?.kind !== "literal" || typeof arg.value !== "string") throw syntaxError("Bytes takes a base64 string literal.", loc);
    const bytes = decodeBase64(arg.value);
    if (!bytes) throw syntaxError(`'${arg.value}' is not base64.`, arg.loc);
    return literal(new Bytes(bytes), loc);
  }

  private array(node: CstNode): ArrayExpr {
    const list = node.children.expressionList as CstNode[] | undefined;
    const elements = list ? (list[0]!.children.expression as CstNode[]).map((child) => this.expression(child)) : [];
    return { kind: "array", elements, loc: this.location(node) };
  }

  private object(node: CstNode): ObjectExpr {
    const entries: [string, Expr][] = [];
    for (const property of (node.children.property as CstNode[] | undefined) ?? []) {
      const keyToken = orderedChildren(property)[0] as IToken;
      const key = /^["']/.test(keyToken.image) ? unescapeString(keyToken, this.text) : keyToken.image;
      const value = this.expression(only(property, "expression"));
      // As in JavaScript, a repeated key keeps its first place and its last value.
      const existing = entries.findIndex(([name]) => name === key);
      if (existing >= 0) entries[existing] = [key, value];
      else entries.push([key, value]);
    }
    return { kind: "object", entries, loc: this.location(node) };
  }

  private literal(token: IToken): Expr {
    const loc = this.location(token);
    switch (token.tokenType.name) {
      case "DoubleQuotedString":
      case "SingleQuotedString":
        return literal(unescapeString(token, this.text), loc);
      case "LongLiteral": {
        const value = BigInt(token.image);
        if (value < LONG_MIN || value > LONG_MAX) throw syntaxError(`${token.image} does not fit in a 64-bit integer (write it as a double, e.g. ${token.image}.0).`, loc);
        return literal(value, loc);
      }
      case "DoubleLiteral":
        return literal(Number(token.image), loc);
      case "True":
        return literal(true, loc);
      case "False":
        return literal(false, loc);
      default:
        return literal(null, loc);
    }
  }
}

function callOf(name: string, args: Expr[], loc: SourceLocation): Expr {
  return callFromPositional(functionsByName.get(name)!, args, loc) as Expr;
}

const simpleEscapes: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", "0": "\0" };

/**
 * The value of a quoted string token, with JavaScript's escapes. A lone
 * surrogate (`"\ud800"`) becomes U+FFFD: storage keeps text as UTF-8, which
 * cannot hold one.
 */
function unescapeString(token: IToken, text: string): string {
  const body = token.image.slice(1, -1);
  return unescapedBody(token, text, body).toWellFormed();
}

function unescapedBody(token: IToken, text: string, body: string): string {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])/g, (whole, escape: string, offset: number) => {
    if (escape.startsWith("u{")) {
      const code = parseInt(escape.slice(2, -1), 16);
      if (code > 0x10ffff) throw syntaxError(`Invalid escape '${whole}'.`, tokenLocation(token, text, offset + 1));
      return String.fromCodePoint(code);
    }
    if (escape.length > 1 && (escape[0] === "u" || escape[0] === "x")) return String.fromCharCode(parseInt(escape.slice(1), 16));
    if (escape === "\n" || escape === "\r\n" || escape === "\r" || escape === "\u2028" || escape === "\u2029") return "";
    if (escape === "u" || escape === "x") throw syntaxError(`Invalid escape '${whole}'.`, tokenLocation(token, text, offset + 1));
    return simpleEscapes[escape] ?? escape;
  });
}

function tokenLocation(token: IToken, text: string, extraOffset = 0): SourceLocation {
  const offset = Number.isNaN(token.startOffset) ? text.length : token.startOffset + extraOffset;
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return { line, column, offset, endOffset: offset + Math.max(token.image.length, 1) };
}

function isToken(node: CstNode | IToken): node is IToken {
  return "image" in node;
}

/** A CST node's children in source order. */
function orderedChildren(node: CstNode): (CstNode | IToken)[] {
  return Object.values(node.children as Children)
    .flatMap((list) => list ?? [])
    .sort((a, b) => startOffsetOf(a) - startOffsetOf(b));
}

function startOffsetOf(node: CstNode | IToken): number {
  return isToken(node) ? node.startOffset : node.location!.startOffset;
}

function only(node: CstNode, name: string): CstNode {
  return (node.children[name] as CstNode[])[0]!;
}

function tokens(node: CstNode, name: string): IToken[] {
  return (node.children[name] as IToken[] | undefined) ?? [];
}
