/**
 * Writes grammar/fql.html, the railroad diagram of the FQL grammar, with
 * chevrotain's own generator (`npm run diagram`). Open it in a browser.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createSyntaxDiagramsCode } from "chevrotain";
import { FqlParser } from "./parser";

const output = join(process.cwd(), "grammar", "fql.html");
writeFileSync(output, createSyntaxDiagramsCode(new FqlParser(true).getSerializedGastProductions()));
process.stdout.write(`Wrote ${output}\n`);
