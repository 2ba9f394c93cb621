"use strict";
/**
 * FQLite runs from its TypeScript sources without a separate build step: the
 * first start (and any start after a source file changed) bundles them with
 * esbuild into dist/, later starts load that one file, compiled from V8's
 * code cache kept beside it. A single bundled file also keeps cold starts
 * short (chevrotain alone is hundreds of small modules).
 *
 *   node scripts/bundle.js            bundle the library (dist/fqlite.js)
 *   node scripts/bundle.js FILE.ts …  bundle FILE.ts and run it with the rest of the arguments
 */
const fs = require("node:fs");
const path = require("node:path");
const { isMainThread, threadId, workerData } = require("node:worker_threads");

const root = path.resolve(__dirname, "..");
const sourceDirs = ["src", "grammar"].map((dir) => path.join(root, dir));
// Native or self-loading packages stay outside the bundle.
const external = ["lmdb", "msgpackr", "esbuild", "fsevents"];

function newestSourceTime(dirs) {
  let newest = 0;
  for (const dir of dirs) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function isFresh(outfile, dirs) {
  try {
    return fs.statSync(outfile).mtimeMs >= newestSourceTime(dirs);
  } catch {
    return false;
  }
}

/** Bundles `entry` into `outfile` (and its source map); each file appears whole or not at all. */
function bundle(entry, outfile) {
  const esbuild = require("esbuild");
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  const { outputFiles } = esbuild.buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    external,
    sourcemap: "linked",
    minify: true,
    logLevel: "error",
    write: false,
  });
  // The map first: the bundle's arrival is what marks the build as done.
  for (const file of [...outputFiles].sort((a) => (a.path.endsWith(".map") ? -1 : 1))) {
    // Per process and thread: the workers of a server may all find the bundle stale and build it at once.
    const temporary = `${file.path}.${process.pid}.${threadId}.tmp`;
    fs.writeFileSync(temporary, file.contents);
    fs.renameSync(temporary, file.path);
  }
}

const libraryBundle = path.join(root, "dist", "fqlite.js");

/** The library, bundled first if the sources are newer than the bundle. */
function loadLibrary() {
  if (!isFresh(libraryBundle, sourceDirs)) bundle(path.join(root, "src", "index.ts"), libraryBundle);
  return requireWithCodeCache(libraryBundle);
}

/**
 * Loads a CommonJS file as `require` would, with V8's code cache kept beside
 * it (`FILE.cache`): compiling the bundle is a good part of a cold start, and
 * a cache saves most of it. A process that found no usable cache (none yet,
 * or one made for another build or Node) writes one as it exits, holding
 * every function it ran. Anything amiss with the cache, and the file is
 * simply required.
 */
function requireWithCodeCache(file) {
  const vm = require("node:vm");
  const Module = require("node:module");
  const cacheFile = `${file}.cache`;
  let script;
  try {
    script = new vm.Script(Module.wrap(fs.readFileSync(file, "utf8")), { filename: file, cachedData: readIfThere(cacheFile) });
  } catch {
    return require(file);
  }
  const loaded = new Module(file, module);
  loaded.filename = file;
  loaded.paths = Module._nodeModulePaths(path.dirname(file));
  script.runInThisContext().call(loaded.exports, loaded.exports, Module.createRequire(file), loaded, file, path.dirname(file));
  loaded.loaded = true;
  if (script.cachedDataRejected !== false) process.once("exit", () => writeQuietly(cacheFile, () => script.createCachedData()));
  return loaded.exports;
}

function readIfThere(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes a file whole (or not at all) if it can: a read-only installation keeps no cache. */
function writeQuietly(file, contents) {
  const temporary = `${file}.${process.pid}.${threadId}.tmp`;
  try {
    fs.writeFileSync(temporary, contents());
    fs.renameSync(temporary, file);
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}

/** Bundles a TypeScript script (a benchmark, a generator) and runs it. */
function runScript(file, args) {
  const entry = path.resolve(file);
  const outfile = path.join(root, "dist", "scripts", `${path.basename(entry, ".ts")}.js`);
  if (!isFresh(outfile, [...sourceDirs, path.dirname(entry)])) bundle(entry, outfile);
  process.argv = [process.argv[0], outfile, ...args];
  require(outfile);
}

module.exports = { loadLibrary, runScript };

// In a worker thread of `fqlite serve`: run queries there.
if (!isMainThread && workerData && workerData.fqliteQueryWorker) void loadLibrary().runQueryWorker(workerData.fqliteQueryWorker);

// A worker thread started on this file is its `require.main` too: only the command line bundles or runs scripts.
if (require.main === module && isMainThread) {
  const [file, ...args] = process.argv.slice(2);
  if (file) runScript(file, args);
  else bundle(path.join(root, "src", "index.ts"), libraryBundle);
}
