// What the widget's wasm is made of: the bytes of each function body, summed by the crate
// (and, for this crate and the engine's, the module) it comes from, plus the data segments.
//
//   node tools/size-breakdown.mjs [--lean] [--first] [--top 25] [--md FILE]
//
// The full bundle's wasm, or with --lean the lean bundle's (no default features); whole,
// or with --first only its first module (cut at the split points, src/split.rs). The
// release wasm in dist/ has no function names, so this builds the compiler output with
// cargo's release profile (at once when it is up to date: tools/build.sh built it) and
// a named copy of it with the same wasm-bindgen and `wasm-opt` options as the release build,
// `-g` only keeping the names, before tools/wasm-finish.mjs's last steps (which leave out
// wasm-streams' exported classes, about 5 KB raw, and reorder the functions). The figures are
// raw bytes of the optimised module (brotli compresses code about 3:1); generic code is
// named after the crate that defines it, so a `tachys` line includes the copies of its
// views made for this crate's types.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { FEATURES, readFunctions, sections } from "./wasm-finish.mjs";
import { OPT } from "./wasm-split.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: opt } = parseArgs({
  options: {
    top: { type: "string", default: "25" },
    md: { type: "string" },
    wasm: { type: "string" },
    lean: { type: "boolean", default: false },
    first: { type: "boolean", default: false },
  },
});

/** The module with names: `--wasm` as given, or rebuilt from the release compiler output. */
function namedModule() {
  if (opt.wasm) return readFileSync(opt.wasm);
  // Both bundles compile to the same file: build the one asked for (tools/build.sh builds the full one last).
  const cargo = ["build", "--release", "--locked", "--offline", "--target", "wasm32-unknown-unknown", ...(opt.lean ? ["--no-default-features"] : []), ...(opt.first ? ["--features", "split"] : [])];
  execFileSync("cargo", cargo, { cwd: ROOT, stdio: "inherit", env: process.env });
  let input = join(ROOT, "target/wasm32-unknown-unknown/release/seda.wasm");
  const dir = mkdtempSync(join(tmpdir(), "seda-size-"));
  try {
    if (opt.first) {
      // The first module, as the release build cuts it (tools/wasm-split.mjs).
      execFileSync("wasm-split-cli", ["--out-name", "seda", input, join(dir, "cut")], { stdio: "inherit" });
      input = join(dir, "cut", "seda.wasm");
    }
    execFileSync("wasm-bindgen", ["--keep-debug", ...(opt.first ? ["--keep-lld-exports"] : []), "--target", "web", "--out-dir", dir, input], { stdio: "inherit" });
    const wasmOpt = join(ROOT, "node_modules/.bin/wasm-opt");
    const out = join(dir, "named.wasm");
    // The release build's own wasm-opt run (tools/wasm-split.mjs).
    const { level, params } = OPT;
    execFileSync(wasmOpt, ["-g", `-O${level}`, ...params, ...FEATURES.map((f) => `--enable-${f}`), join(dir, "seda_bg.wasm"), "-o", out], { stdio: "inherit" });
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Which crate a function comes from: `seda::ui::widget::…` -> `seda::ui::widget`;
 * `seda_core::form::…` (the engine) -> `seda_core::form`;
 * `<tachys::… as …>::build` -> `tachys`; `<T as alloc::string::ToString>` -> `alloc`;
 * methods of primitives (`<char>::…`, `<&str as …>`) -> `core`.
 */
function owner(fn) {
  const path = /^(?:[A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::(?:([a-z_][a-z0-9_]*)::([a-z_][a-z0-9_]*)::)?/;
  const generic = /^<(?:&(?:mut )?)?(?:dyn )?(?:[A-Z][A-Za-z0-9_]*|\([^)]*\)|\[[^\]]*\]) as (?:&(?:mut )?)?([A-Za-z_][A-Za-z0-9_]*)/.exec(fn);
  if (generic) return generic[1];
  if (/^<(?:&(?:mut )?)?(?:char|str|bool|[iuf](?:8|16|32|64|128|size))[> ]/.test(fn)) return "core";
  const inner = fn.replace(/^[<&(]*(?:dyn |impl |mut )?/, "");
  const m = path.exec(inner);
  if (!m) return fn.includes("shim") || !fn.includes("::") ? "(exports, shims)" : "(other)";
  const crate = inner.slice(0, inner.search(/[[:]/));
  // Made once per type: worth their own lines.
  if (/^core(?:\[[0-9a-f]+\])?::ptr::drop_in_place/.test(inner)) return "core: drop glue (one per type dropped)";
  if (/^core(?:\[[0-9a-f]+\])?::ops::function::/.test(inner)) return "core: closure call shims (one per closure type)";
  if (crate === "seda" && m[1]) return `seda::${m[1]}::${m[2]}`;
  if (crate === "seda_core") return `seda_core::${/^[^:]*::([a-z_][a-z0-9_]*)/.exec(inner)?.[1] ?? ""}`;
  return crate;
}

const named = namedModule();
const module = { ...readFunctions(named), data: sections(named).filter((s) => s.id === 11).map((s) => s.end - s.body) };
const total = module.bodies.reduce((a, b) => a + b, 0);
const by = new Map();
module.bodies.forEach((size, i) => {
  const key = owner(module.names.get(module.imports + i) ?? "");
  const entry = by.get(key) ?? { bytes: 0, functions: 0 };
  entry.bytes += size;
  entry.functions++;
  by.set(key, entry);
});
const data = module.data.reduce((a, b) => a + b, 0);
const rows = [...by].sort((a, b) => b[1].bytes - a[1].bytes);
const top = Number(opt.top);
const pct = (n) => `${((n / (total + data)) * 100).toFixed(1)} %`;
const lines = [
  `| from | bytes | share | functions |`,
  `|---|---|---|---|`,
  ...rows.slice(0, top).map(([k, v]) => `| \`${k}\` | ${v.bytes} | ${pct(v.bytes)} | ${v.functions} |`),
  `| ${rows.length - Math.min(top, rows.length)} more | ${rows.slice(top).reduce((a, [, v]) => a + v.bytes, 0)} | ${pct(rows.slice(top).reduce((a, [, v]) => a + v.bytes, 0))} | |`,
  `| data (strings, templates, CSS) | ${data} | ${pct(data)} | |`,
  `| **all code and data** | **${total + data}** | 100 % | ${module.bodies.length} |`,
];
const markdown = lines.join("\n") + "\n";
console.log(markdown);
if (opt.md) writeFileSync(opt.md, markdown);
