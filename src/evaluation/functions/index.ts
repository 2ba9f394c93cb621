/** Every function implementation, by catalog name. */
import type { Implementation } from "../execute";
import { authFunctions } from "./auth";
import { basicFunctions } from "./basic";
import { collectionFunctions } from "./collection";
import { conversionFunctions } from "./conversion";
import { logicFunctions } from "./logic";
import { mathFunctions } from "./math";
import { readFunctions } from "./read";
import { referenceFunctions } from "./reference";
import { setFunctions } from "./set";
import { stringFunctions } from "./string";
import { formatFunctions } from "./string-format";
import { regexFunctions } from "./string-regex";
import { timeFunctions } from "./time";
import { typeCheckFunctions } from "./type-checks";
import { writeFunctions } from "./write";

export const implementations: ReadonlyMap<string, Implementation> = new Map(
  Object.entries({
    ...authFunctions,
    ...basicFunctions,
    ...collectionFunctions,
    ...conversionFunctions,
    ...logicFunctions,
    ...mathFunctions,
    ...readFunctions,
    ...referenceFunctions,
    ...setFunctions,
    ...stringFunctions,
    ...regexFunctions,
    ...formatFunctions,
    ...timeFunctions,
    ...typeCheckFunctions,
    ...writeFunctions,
  }),
);
