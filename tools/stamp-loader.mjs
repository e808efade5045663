// Trunk post_build hook: writes the hashed glue and wasm names into seda.js and
// trims its comments and indentation. Runs in $TRUNK_STAGING_DIR before dist/ is written.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("stamp-loader: TRUNK_STAGING_DIR is not set (run it from trunk)");
const files = readdirSync(dir);
const glue = files.find((f) => /^seda-[0-9a-z]+\.js$/.test(f));
const wasm = files.find((f) => /^seda-[0-9a-z]+_bg\.wasm$/.test(f));
if (!glue || !wasm) throw new Error(`stamp-loader: no hashed glue or wasm in ${dir}: ${files.join(", ")}`);

const path = join(dir, "seda.js");
const source = readFileSync(path, "utf8");
if (!source.includes("__SEDA_GLUE__") || !source.includes("__SEDA_WASM__")) {
  throw new Error("stamp-loader: seda.js has no placeholders to stamp");
}
const stamped = source
  .replace(/\/\*[\s\S]*?\*\//g, "")
  .split("\n")
  .map((line) => line.trim())
  .filter(Boolean)
  .join("\n")
  .replace("__SEDA_GLUE__", glue)
  .replace("__SEDA_WASM__", wasm);
writeFileSync(path, stamped + "\n");
console.log(`stamp-loader: seda.js -> ${glue}, ${wasm} (${stamped.length} bytes)`);

// The service worker (data-mode="page") caches the same files; its cache is named after the build.
const sw = join(dir, "seda-sw.js");
const worker = readFileSync(sw, "utf8");
if (!worker.includes("__SEDA_GLUE__") || !worker.includes("__SEDA_WASM__")) {
  throw new Error("stamp-loader: seda-sw.js has no placeholders to stamp");
}
writeFileSync(sw, worker.replaceAll("__SEDA_GLUE__", glue).replaceAll("__SEDA_WASM__", wasm));
console.log(`stamp-loader: seda-sw.js -> ${glue}, ${wasm}`);
