/**
 * The grammar of FQL v4 query text, as a chevrotain CST parser.
 *
 *   program    := (expression | ';')*
 *   expression := arrow | call | Identifier | '(' expression ')' | array | object | literal
 *   arrow      := (Identifier | '(' (Identifier (',' Identifier)* ','?)? ')') '=>' expression
 *   call       := (Identifier '.')? Identifier '(' (expression (',' expression)* ','?)? ')'
 *   array      := '[' (expression (',' expression)* ','?)? ']'
 *   object     := '{' (property (',' property)* ','?)? '}'
 *   property   := (Identifier | string | number | 'true' | 'false' | 'null') ':' expression
 *
 * Whether expressions are separated by a newline or ';', which function names
 * exist and where a bare identifier may stand are checked when the CST becomes an
 * AST (`src/language/parse.ts`), where the errors can say more.
 */
import { CstParser, EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";
import * as T from "./tokens";

function describeToken(token: IToken): string {
  return token.tokenType === EOF ? "end of input" : `'${token.image}'`;
}

function labelOf(type: TokenType): string {
  return type.LABEL ?? type.name;
}

/** Messages in the words a user of the shell syntax thinks in. */
const errorMessages: IParserErrorMessageProvider = {
  // After a comma a closing bracket may end the list, but so may another element come.
  buildMismatchTokenMessage: ({ expected, actual, previous }) =>
    previous.tokenType === T.Comma && (expected === T.RParen || expected === T.RBracket)
      ? `Expected an expression or ${labelOf(expected)} but found ${describeToken(actual)}.`
      : `Expected ${labelOf(expected)} but found ${describeToken(actual)}.`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `Unexpected ${describeToken(firstRedundant)}: expected the end of the query.`,
  buildNoViableAltMessage: ({ actual, ruleName }) =>
    `Expected ${ruleName === "property" ? "a property name" : "an expression"} but found ${describeToken(actual[0]!)}.`,
  buildEarlyExitMessage: ({ actual }) => `Expected an expression but found ${describeToken(actual[0]!)}.`,
};

export class FqlParser extends CstParser {
  /** `validate` checks the grammar itself (ambiguities, left recursion): the tests do; starting the CLI need not. */
  constructor(validate = false) {
    super(T.allTokens, { errorMessageProvider: errorMessages, maxLookahead: 3, nodeLocationTracking: "full", skipValidations: !validate });
    this.performSelfAnalysis();
  }

  program = this.RULE("program", () => {
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Semicolon) }, { ALT: () => this.SUBRULE(this.expression) }]);
    });
  });

  expression = this.RULE("expression", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        // Trying an arrow costs an exception when it fails: try only where one can start.
        { GATE: () => this.arrowCanStart(), ALT: () => this.SUBRULE(this.arrow) },
        { ALT: () => this.SUBRULE(this.call) },
        { ALT: () => this.CONSUME(T.Identifier) },
        { ALT: () => this.SUBRULE(this.parenthesized) },
        { ALT: () => this.SUBRULE(this.array) },
        { ALT: () => this.SUBRULE(this.object) },
        { ALT: () => this.SUBRULE(this.literal) },
      ],
    });
  });

  private arrowCanStart(): boolean {
    const first = this.LA(1).tokenType;
    if (first === T.Identifier) return this.LA(2).tokenType === T.Arrow;
    return first === T.LParen && this.isArrowHead.call(this);
  }

  arrowHead = this.RULE("arrowHead", () => {
    this.SUBRULE(this.arrowParams);
    this.CONSUME(T.Arrow);
  });

  private readonly isArrowHead = this.BACKTRACK(this.arrowHead);

  arrow = this.RULE("arrow", () => {
    this.SUBRULE(this.arrowParams);
    this.CONSUME(T.Arrow);
    this.SUBRULE(this.expression);
  });

  arrowParams = this.RULE("arrowParams", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.OPTION(() => {
            this.CONSUME2(T.Identifier);
            this.MANY({
              GATE: () => this.LA(2).tokenType !== T.RParen,
              DEF: () => {
                this.CONSUME(T.Comma);
                this.CONSUME3(T.Identifier);
              },
            });
            this.OPTION2(() => this.CONSUME2(T.Comma));
          });
          this.CONSUME(T.RParen);
        },
      },
    ]);
  });

  call = this.RULE("call", () => {
    this.OPTION(() => {
      this.CONSUME(T.Identifier, { LABEL: "namespace" });
      this.CONSUME(T.Dot);
    });
    this.CONSUME2(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.LParen);
    this.OPTION2(() => this.SUBRULE(this.expressionList));
    this.CONSUME(T.RParen);
  });

  parenthesized = this.RULE("parenthesized", () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
  });

  array = this.RULE("array", () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => this.SUBRULE(this.expressionList));
    this.CONSUME(T.RBracket);
  });

  /** Comma-separated expressions with an optional trailing comma. */
  expressionList = this.RULE("expressionList", () => {
    this.SUBRULE(this.expression);
    this.MANY({
      GATE: () => !isClosing(this.LA(2).tokenType),
      DEF: () => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.expression);
      },
    });
    this.OPTION(() => this.CONSUME2(T.Comma));
  });

  object = this.RULE("object", () => {
    this.CONSUME(T.LBrace);
    this.OPTION(() => {
      this.SUBRULE(this.property);
      this.MANY({
        GATE: () => this.LA(2).tokenType !== T.RBrace,
        DEF: () => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.property);
        },
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  property = this.RULE("property", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.DoubleQuotedString) },
      { ALT: () => this.CONSUME(T.SingleQuotedString) },
      { ALT: () => this.CONSUME(T.LongLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.Null) },
    ]);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expression);
  });

  literal = this.RULE("literal", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.DoubleQuotedString) },
      { ALT: () => this.CONSUME(T.SingleQuotedString) },
      { ALT: () => this.CONSUME(T.LongLiteral) },
      { ALT: () => this.CONSUME(T.DoubleLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.Null) },
    ]);
  });
}

function isClosing(type: TokenType): boolean {
  return type === T.RParen || type === T.RBracket;
}

let parser: FqlParser | undefined;

/** One parser serves every parse (chevrotain parsers are reusable), made when first needed. */
export function fqlParser(): FqlParser {
  return (parser ??= new FqlParser());
}
