/**
 * Tokens of FQL v4's shell syntax: the JavaScript-call style of fauna-shell and
 * of Fauna's documentation.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\f\v\u00a0\ufeff\u2028\u2029]+/, group: Lexer.SKIPPED });
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\n\r]*/, group: Lexer.SKIPPED });
export const BlockComment = createToken({ name: "BlockComment", pattern: /\/\*[\s\S]*?\*\//, group: Lexer.SKIPPED });

// String bodies: any character but the quote, a backslash or a line break; or a
// backslash escape (which may escape a line break: a line continuation).
export const DoubleQuotedString = createToken({
  name: "DoubleQuotedString",
  pattern: /"(?:[^"\\\n\r]|\\(?:\r\n|[\s\S]))*"/,
  label: "string",
});
export const SingleQuotedString = createToken({
  name: "SingleQuotedString",
  pattern: /'(?:[^'\\\n\r]|\\(?:\r\n|[\s\S]))*'/,
  label: "string",
});

/** A number with a fraction or an exponent: a Double. */
export const DoubleLiteral = createToken({
  name: "DoubleLiteral",
  pattern: /-?(?:\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+)/,
  label: "number",
});
/** Digits only: a Long. */
export const LongLiteral = createToken({ name: "LongLiteral", pattern: /-?\d+/, label: "number" });

export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_$][A-Za-z0-9_$]*/, label: "identifier" });
export const True = createToken({ name: "True", pattern: /true/, longer_alt: Identifier, label: "'true'" });
export const False = createToken({ name: "False", pattern: /false/, longer_alt: Identifier, label: "'false'" });
export const Null = createToken({ name: "Null", pattern: /null/, longer_alt: Identifier, label: "'null'" });

export const Arrow = createToken({ name: "Arrow", pattern: /=>/, label: "'=>'" });
export const LParen = createToken({ name: "LParen", pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: "RParen", pattern: /\)/, label: "')'" });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/, label: "'['" });
export const RBracket = createToken({ name: "RBracket", pattern: /]/, label: "']'" });
export const LBrace = createToken({ name: "LBrace", pattern: /{/, label: "'{'" });
export const RBrace = createToken({ name: "RBrace", pattern: /}/, label: "'}'" });
export const Comma = createToken({ name: "Comma", pattern: /,/, label: "','" });
export const Colon = createToken({ name: "Colon", pattern: /:/, label: "':'" });
export const Semicolon = createToken({ name: "Semicolon", pattern: /;/, label: "';'" });
export const Dot = createToken({ name: "Dot", pattern: /\./, label: "'.'" });

export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  DoubleQuotedString,
  SingleQuotedString,
  DoubleLiteral,
  LongLiteral,
  True,
  False,
  Null,
  Identifier,
  Arrow,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  Comma,
  Colon,
  Semicolon,
  Dot,
];

/** `validate` checks the token definitions themselves: the tests do; starting the CLI need not. */
export function createLexer(validate = false): Lexer {
  return new Lexer(allTokens, { positionTracking: "full", ensureOptimizations: validate, skipValidations: !validate });
}

let lexer: Lexer | undefined;

/** The one lexer every parse uses, made when first needed (a server that only takes wire JSON never needs it). */
export function fqlLexer(): Lexer {
  return (lexer ??= createLexer());
}
