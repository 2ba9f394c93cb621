/** Files of the fqlite package, found wherever this code runs from: its sources, or the bundle in dist/. */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

export function packageFile(relative: string): string {
  for (let directory = __dirname; ; directory = dirname(directory)) {
    if (existsSync(join(directory, "scripts", "bundle.js")) && existsSync(join(directory, "package.json"))) return join(directory, relative);
    if (dirname(directory) === directory) throw new Error(`The fqlite package was not found above ${__dirname}.`);
  }
}
