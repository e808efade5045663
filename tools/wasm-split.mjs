// Cuts a bundle's wasm where src/split.rs marks it, before wasm-bindgen, as the
// splitter needs: tools/stamp-loader.mjs runs this on cargo's wasm for each bundle Trunk
// builds and puts the result in place of Trunk's own glue and wasm.
//
// - wasm-split-cli (tools/setup.sh installs it) cuts cargo's wasm, linked with
//   `--emit-relocs` (the widget's build script, tools/minify.rs, asks for it), into the
//   first module, one chunk per split point (`split_<name>.wasm`), chunks of code several
//   of those share (`chunk_<n>.wasm`), and a small JavaScript loader that fetches a chunk
//   and links it to the first module's memory and function table.
// - wasm-bindgen makes the glue for the first module, keeping the exports the chunks link to
//   (`--keep-lld-exports`); the release build's wasm-opt run (OPT) and
//   tools/wasm-finish.mjs's last steps follow. Each chunk gets the same wasm-opt run (OPT).
// - The loader goes into the glue: the glue imported it as a module of its own, which cost
//   the page one more round trip before the widget could start, and a second file that a
//   visitor going offline could find missing beside a glue it has.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { minify } from "terser";
import { FEATURES, finish } from "./wasm-finish.mjs";

const LOADER = "__wasm_split.js";
/** The release build's wasm-opt run, on the first module (with -g, for wasm-finish) and on each chunk. */
export const OPT = { level: "2", params: ["--converge", "--strip-producers", "-ocimfs", "20"] };
const WASM_BINDGEN = "0.2.130";

function run(command, args) {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    if (e.code === "ENOENT") throw new Error(`wasm-split: ${command} is not installed: run tools/setup.sh`);
    throw new Error(`wasm-split: ${command} ${args.join(" ")} failed: ${e.stderr || e.message}`);
  }
}

/**
 * How the loader fetches a chunk, in place of its `fetch` and `instantiateStreaming`: a page
 * may wrap or break `window.fetch` (and serve .wasm with another type), so a chunk that
 * `fetch` does not bring comes by XMLHttpRequest, as seda.js fetches the first module.
 */
const FETCH_CHUNK = `function __sedaChunk(url) {
  const byXhr = () => new Promise((ok, fail) => {
    const x = new XMLHttpRequest();
    x.open("GET", url);
    x.responseType = "arraybuffer";
    x.onload = () => (x.status === 200 ? ok(x.response) : fail(new Error("HTTP " + x.status + " for " + url)));
    x.onerror = () => fail(new Error("could not fetch " + url));
    x.send();
  });
  let bytes;
  try {
    bytes = Promise.resolve(fetch(url)).then((r) => {
      if (!(r instanceof Response) || !r.ok) throw new Error("no answer to fetch");
      return r.arrayBuffer();
    }).catch(byXhr);
  } catch (e) {
    bytes = byXhr();
  }
  bytes.catch(() => {});
  return (imports) => bytes.then((b) => WebAssembly.instantiate(b, imports));
}
`;

/** The splitter's way of fetching a chunk, as it writes it (for each chunk). */
const FETCHES = /const src = fetch\((new URL\("\.\/[\w.]+", import\.meta\.url\))\);\s*src\.catch\(\(\) => \{\}\);\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);/g;

/**
 * The glue with the splitter's loader in it: the loader's exports become one object that
 * stands where the glue imported the loader, and its `initSync` is the glue's own.
 */
export function inlineLoader(glue, loader, stem) {
  const chunks = loader.match(FETCHES)?.length ?? 0;
  loader = FETCH_CHUNK + loader.replace(FETCHES, "return __sedaChunk($1);");
  if (chunks === 0 || /\bfetch\(new URL|instantiateStreaming/.test(loader)) throw new Error("wasm-split: the loader fetches its chunks other than expected");
  const importLine = new RegExp(`^import \\* as (\\w+) from "\\./${LOADER.replace(".", "\\.")}"\\s*;?\\s*$`, "gm");
  const names = [...glue.matchAll(importLine)].map((m) => m[1]);
  if (names.length === 0) throw new Error(`wasm-split: the glue does not import ${LOADER}`);
  const ownImport = `import { initSync } from "./${stem}.js";`;
  if (!loader.includes(ownImport)) throw new Error(`wasm-split: the loader does not import initSync from ./${stem}.js`);
  const exported = [...loader.matchAll(/^export const (\w+) =/gm)].map((m) => m[1]);
  const body = loader.replace(ownImport, "").replace(/^export const /gm, "const ");
  if (/^\s*(import|export)\b/m.test(body)) throw new Error("wasm-split: the loader imports or exports more than expected");
  const object = `const __wasm_split = { ${exported.join(", ")} };\n` + names.map((n) => `const ${n} = __wasm_split;\n`).join("");
  return `${body}\n${object}${glue.replace(importLine, "")}`;
}

/**
 * Splits `cargoWasm` (a path) and finishes every piece: `{ glue, wasm, chunks, imports, classes }`,
 * `chunks` a Map from each chunk's file name (as the glue fetches it, `./<name>`) to its bytes.
 * `wasmOpt` is the binaryen to run.
 */
export async function splitBundle({ cargoWasm, wasmOpt }) {
  const { level, params } = OPT;
  const version = run("wasm-bindgen", ["--version"]).trim();
  if (!version.endsWith(` ${WASM_BINDGEN}`)) throw new Error(`wasm-split: wasm-bindgen is ${version}, not ${WASM_BINDGEN} (Cargo.lock's): run tools/setup.sh`);
  const dir = mkdtempSync(join(tmpdir(), "seda-split-"));
  try {
    const cut = join(dir, "cut"), bg = join(dir, "bg");
    run("wasm-split-cli", ["--out-name", "seda", cargoWasm, cut]);
    run("wasm-bindgen", ["--target", "web", "--keep-lld-exports", "--keep-debug", "--no-typescript", "--out-dir", bg, join(cut, "seda.wasm")]);
    const opt = (input, output, keepNames) =>
      run(wasmOpt, [`-O${level}`, ...params, ...(keepNames ? ["-g"] : ["--strip-debug"]), ...FEATURES.map((f) => `--enable-${f}`), input, "-o", output]);
    opt(join(bg, "seda_bg.wasm"), join(dir, "main.wasm"), true);
    const loader = readFileSync(join(cut, LOADER), "utf8");
    const chunks = new Map();
    for (const file of readdirSync(cut).filter((f) => f.endsWith(".wasm") && f !== "seda.wasm").sort()) {
      if (!loader.includes(`"./${file}"`)) throw new Error(`wasm-split: the loader does not fetch ${file}`);
      opt(join(cut, file), join(dir, `opt-${file}`), false);
      chunks.set(file, readFileSync(join(dir, `opt-${file}`)));
    }
    // Compact, as Trunk's minifier leaves the glue (tools/wasm-finish.mjs reads it so).
    const glue = inlineLoader(readFileSync(join(bg, "seda.js"), "utf8"), loader, "seda");
    const { code } = await minify(glue, { module: true, mangle: false, format: { comments: false } });
    const done = await finish(code, readFileSync(join(dir, "main.wasm")), wasmOpt);
    return { ...done, chunks };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
