/** `npm run docs`: writes docs/functions.md from the function catalog. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageFile } from "../server/package-files";
import { functionsMarkdown } from "./functions-doc";

writeFileSync(join(packageFile("docs"), "functions.md"), functionsMarkdown());
