// Trunk post_build hook: makes each bundle from cargo's wasm, cut at its split points
// (tools/wasm-split.mjs), in place of Trunk's own glue and wasm; then puts both bundles side
// by side in the staging dir, writes their hashed names into seda.js and seda-sw.js, and
// minifies seda.js with terser (pinned in package.json): with two bundles' names and the
// choice between them, the loader no longer fits its 2 KiB brotli budget with only its
// comments and indentation trimmed (2172 bytes), and every page that has the tag downloads
// it. Runs in $TRUNK_STAGING_DIR before dist/ is written, for every trunk build: the lean
// bundle's own build (tools/lean.html) has no seda.js and stops once its bundle is made.
//
// The full bundle (this build's) is seda-full-<hash>.js, seda-full-<hash>_bg.wasm and its
// chunks seda-full-<hash>-<chunk>.wasm; the lean bundle, built before into target/lean-dist
// (by tools/build.sh), is copied in under its own seda-<hash>.js, seda-<hash>_bg.wasm and
// seda-<hash>-<chunk>.wasm.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { minify } from "terser";
import { splitBundle } from "./wasm-split.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("stamp-loader: TRUNK_STAGING_DIR is not set (run it from trunk)");
/** A bundle's chunks: the files named after its glue, `<glue's stem>-<chunk>.wasm`. */
const chunksOf = (files, glue) => files.filter((f) => f.startsWith(glue.replace(/\.js$/, "-")) && f.endsWith(".wasm")).sort();
const glueOf = (files) => files.find((f) => /^seda-[0-9a-f]+\.js$/.test(f));
const wasmOf = (files) => files.find((f) => /^seda-[0-9a-f]+_bg\.wasm$/.test(f));

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// Each bundle is cut where src/split.rs says (tools/wasm-split.mjs), from cargo's
// wasm, which Trunk has just built: Trunk's own glue and wasm (of the whole module) give way
// to the first module's, and its chunks join them. Every file is named after what all of them
// hold together (a glue and a chunk from different builds never share a name), as caches keep
// a hashed file for good; the glue fetches each chunk by that name.
{
  const before = readdirSync(dir), glue = glueOf(before), wasm = wasmOf(before);
  if (!glue || !wasm) throw new Error(`stamp-loader: no hashed glue or wasm in ${dir}: ${before.join(", ")}`);
  const cargoWasm = join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "wasm32-unknown-unknown/release/seda.wasm");
  if (!existsSync(cargoWasm) || statSync(cargoWasm).mtimeMs > statSync(join(dir, wasm)).mtimeMs) {
    throw new Error(`stamp-loader: ${cargoWasm} is not the wasm Trunk has just built from`);
  }
  const html = readFileSync(process.env.TRUNK_HTML_FILE ?? join(root, "index.html"), "utf8");
  if (!/data-cargo-features="[^"]*\bsplit\b/.test(html)) throw new Error(`stamp-loader: ${process.env.TRUNK_HTML_FILE} builds without the feature split`);
  const done = await splitBundle({ cargoWasm, wasmOpt: resolve(root, "node_modules/.bin/wasm-opt") });
  const hash = createHash("sha256");
  for (const bytes of [done.glue, done.wasm, ...done.chunks.values()]) hash.update(bytes);
  // The full bundle (the main build's, beside seda.js) is seda-full-<hash>; the lean one seda-<hash>.
  const stem = `seda-${before.includes("seda.js") ? "full-" : ""}${hash.digest("hex").slice(0, 16)}`;
  let finishedGlue = done.glue;
  for (const [file, bytes] of done.chunks) {
    const quoted = `"./${file}"`;
    if (finishedGlue.split(quoted).length !== 2) throw new Error(`stamp-loader: the glue does not fetch ${file} exactly once`);
    finishedGlue = finishedGlue.replace(quoted, `"./${stem}-${file}"`);
    writeFileSync(join(dir, `${stem}-${file}`), bytes);
  }
  rmSync(join(dir, glue));
  rmSync(join(dir, wasm));
  writeFileSync(join(dir, `${stem}.js`), finishedGlue);
  writeFileSync(join(dir, `${stem}_bg.wasm`), done.wasm);
  console.log(`stamp-loader: cargo's wasm -> ${stem}.js, ${stem}_bg.wasm and ${done.chunks.size} chunks (${[...done.chunks.keys()].join(", ")}): ${done.imports} imports renamed; classes nothing makes left out: ${done.classes.join(", ") || "none"}`);
}
const files = readdirSync(dir);
if (!files.includes("seda.js")) {
  if (!/(^|[/\\])lean\.html$/.test(process.env.TRUNK_HTML_FILE ?? "")) {
    throw new Error(`stamp-loader: no seda.js in ${dir}: ${files.join(", ")}`);
  }
  console.log(`stamp-loader: the lean bundle (${glueOf(files)}, ${wasmOf(files)}): nothing to stamp`);
  process.exit(0);
}

// The full bundle: this build's output.
const fullGlue = files.find((f) => /^seda-full-[0-9a-f]+\.js$/.test(f));
const fullWasm = files.find((f) => /^seda-full-[0-9a-f]+_bg\.wasm$/.test(f));
if (!fullGlue || !fullWasm) throw new Error(`stamp-loader: no full glue or wasm in ${dir}: ${files.join(", ")}`);
const full = { glue: fullGlue, wasm: fullWasm, chunks: chunksOf(files, fullGlue) };

// The lean bundle, built just before by tools/build.sh.
const leanDir = resolve(root, process.env.SEDA_LEAN_DIST ?? "target/lean-dist");
const leanFiles = existsSync(leanDir) ? readdirSync(leanDir) : [];
const lean = { glue: glueOf(leanFiles), wasm: wasmOf(leanFiles) };
lean.chunks = lean.glue ? chunksOf(leanFiles, lean.glue) : [];
if (!lean.glue || !lean.wasm) {
  throw new Error(`stamp-loader: no lean bundle in ${leanDir}: build with \`bash tools/build.sh\`, which builds it first`);
}
// A lean bundle older than the sources would ship stale code beside the full one.
const newest = (p) => {
  const s = statSync(p);
  return s.isDirectory() ? Math.max(0, ...readdirSync(p).map((f) => newest(join(p, f)))) : s.mtimeMs;
};
const sources = Math.max(...["src", "crates", "Cargo.toml", "Cargo.lock"].map((p) => newest(join(root, p))));
if (statSync(join(leanDir, lean.wasm)).mtimeMs < sources) {
  throw new Error(`stamp-loader: the lean bundle in ${leanDir} is older than the sources: build with \`bash tools/build.sh\``);
}
for (const f of [lean.glue, lean.wasm, ...lean.chunks]) copyFileSync(join(leanDir, f), join(dir, f));

const names = {
  __SEDA_LEAN_GLUE__: lean.glue,
  __SEDA_LEAN_WASM__: lean.wasm,
  __SEDA_GLUE__: full.glue,
  __SEDA_WASM__: full.wasm,
};
function stamp(text, file, names) {
  for (const [placeholder, name] of Object.entries(names)) {
    if (!text.includes(placeholder)) throw new Error(`stamp-loader: ${file} has no ${placeholder} to stamp`);
    text = text.replaceAll(placeholder, name);
  }
  return text;
}

const path = join(dir, "seda.js");
const { code: loader } = await minify(stamp(readFileSync(path, "utf8"), "seda.js", names), {
  compress: { passes: 2 },
  mangle: true,
  format: { comments: false },
});
writeFileSync(path, loader + "\n");
console.log(`stamp-loader: seda.js -> lean ${lean.glue}, ${lean.wasm}; full ${full.glue}, ${full.wasm} (${loader.length} bytes)`);

// The service worker (data-mode="page") caches both bundles, their chunks too; its cache is
// named after the build.
const sw = join(dir, "seda-sw.js");
const chunks = [...lean.chunks, ...full.chunks];
writeFileSync(sw, stamp(readFileSync(sw, "utf8"), "seda-sw.js", { ...names, '"__SEDA_CHUNKS__"': chunks.map((c) => JSON.stringify(c)).join(", ") }));
console.log(`stamp-loader: seda-sw.js -> both bundles and ${chunks.length} chunks`);
