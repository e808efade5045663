// Trunk post_build hook: puts both bundles side by side in the staging dir, writes
// their hashed names into seda.js and seda-sw.js, and minifies seda.js with terser
// (pinned in package.json): with two bundles' names and the choice between them, the
// loader no longer fits its 2 KiB brotli budget with only its comments and indentation
// trimmed (2172 bytes), and every page that has the tag downloads it. Runs in $TRUNK_STAGING_DIR before dist/ is written, for every trunk
// build: the lean bundle's own build (tools/lean.html) has no seda.js and is left as it is.
//
// The full bundle (this build's glue and wasm) is renamed seda-full-<hash>.js and
// seda-full-<hash>_bg.wasm; the lean bundle, built before into target/lean-dist (by
// tools/build.sh), is copied in under its own seda-<hash>.js and seda-<hash>_bg.wasm.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { minify } from "terser";
import { finish } from "./wasm-finish.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("stamp-loader: TRUNK_STAGING_DIR is not set (run it from trunk)");
const glueOf = (files) => files.find((f) => /^seda-[0-9a-f]+\.js$/.test(f));
const wasmOf = (files) => files.find((f) => /^seda-[0-9a-f]+_bg\.wasm$/.test(f));

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// Each bundle's wasm and glue get their last steps together (tools/wasm-finish.mjs). Trunk
// named both files after what cargo built, so a change in the build's later steps would keep
// their names: they are named again after what they now hold (both after both: a glue and a
// wasm from different builds never share a name), as caches keep a hashed file for good.
{
  const before = readdirSync(dir), glue = glueOf(before), wasm = wasmOf(before);
  if (!glue || !wasm) throw new Error(`stamp-loader: no hashed glue or wasm in ${dir}: ${before.join(", ")}`);
  const done = await finish(readFileSync(join(dir, glue), "utf8"), readFileSync(join(dir, wasm)), resolve(root, "node_modules/.bin/wasm-opt"));
  const hash = createHash("sha256").update(done.glue).update(done.wasm).digest("hex").slice(0, 16);
  rmSync(join(dir, glue));
  rmSync(join(dir, wasm));
  writeFileSync(join(dir, `seda-${hash}.js`), done.glue);
  writeFileSync(join(dir, `seda-${hash}_bg.wasm`), done.wasm);
  console.log(`stamp-loader: ${glue}, ${wasm} -> seda-${hash}.js, seda-${hash}_bg.wasm: ${done.imports} imports renamed; classes nothing makes left out: ${done.classes.join(", ") || "none"}`);
}
const files = readdirSync(dir);
if (!files.includes("seda.js")) {
  if (!/(^|[/\\])lean\.html$/.test(process.env.TRUNK_HTML_FILE ?? "")) {
    throw new Error(`stamp-loader: no seda.js in ${dir}: ${files.join(", ")}`);
  }
  console.log(`stamp-loader: the lean bundle (${glueOf(files)}, ${wasmOf(files)}): nothing to stamp`);
  process.exit(0);
}

// The full bundle: this build's output, renamed.
const fullGlue = glueOf(files);
const fullWasm = wasmOf(files);
if (!fullGlue || !fullWasm) throw new Error(`stamp-loader: no hashed glue or wasm in ${dir}: ${files.join(", ")}`);
const full = { glue: fullGlue.replace(/^seda-/, "seda-full-"), wasm: fullWasm.replace(/^seda-/, "seda-full-") };
renameSync(join(dir, fullGlue), join(dir, full.glue));
renameSync(join(dir, fullWasm), join(dir, full.wasm));

// The lean bundle, built just before by tools/build.sh.
const leanDir = resolve(root, process.env.SEDA_LEAN_DIST ?? "target/lean-dist");
const leanFiles = existsSync(leanDir) ? readdirSync(leanDir) : [];
const lean = { glue: glueOf(leanFiles), wasm: wasmOf(leanFiles) };
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
for (const f of [lean.glue, lean.wasm]) copyFileSync(join(leanDir, f), join(dir, f));

const names = {
  __SEDA_LEAN_GLUE__: lean.glue,
  __SEDA_LEAN_WASM__: lean.wasm,
  __SEDA_GLUE__: full.glue,
  __SEDA_WASM__: full.wasm,
};
function stamp(text, file) {
  for (const [placeholder, name] of Object.entries(names)) {
    if (!text.includes(placeholder)) throw new Error(`stamp-loader: ${file} has no ${placeholder} to stamp`);
    text = text.replaceAll(placeholder, name);
  }
  return text;
}

const path = join(dir, "seda.js");
const { code: loader } = await minify(stamp(readFileSync(path, "utf8"), "seda.js"), {
  compress: { passes: 2 },
  mangle: true,
  format: { comments: false },
});
writeFileSync(path, loader + "\n");
console.log(`stamp-loader: seda.js -> lean ${lean.glue}, ${lean.wasm}; full ${full.glue}, ${full.wasm} (${loader.length} bytes)`);

// The service worker (data-mode="page") caches both bundles; its cache is named after the build.
const sw = join(dir, "seda-sw.js");
writeFileSync(sw, stamp(readFileSync(sw, "utf8"), "seda-sw.js"));
console.log("stamp-loader: seda-sw.js -> both bundles");
