// The last steps on each bundle Trunk builds, its wasm and glue taken together; they make
// the bundle smaller and change nothing it does. tools/stamp-loader.mjs runs them.
//
// - Short import names. wasm-bindgen names each import after the JS it calls plus a
//   16-digit hash (`__wbg_appendChild_a1b2c3d4e5f60718`), from a module named
//   `./seda_bg.js`, and the glue spells every name out again as a key of the object it hands
//   the wasm. The hashes do not compress: with some 220 imports they were about 5 KB of a
//   bundle, brotli, 2.2 KB of it a third of the glue. The module becomes `a` and the imports
//   `a`, `b`, ..., `ba`, ..., in the wasm and the glue alike; the glue's keys are the only
//   place the names occur (checked, name by name).
// - No exports for classes nobody can make. A dependency's exported Rust types (wasm-streams'
//   IntoUnderlyingSource and the like, which Leptos' server functions use) are exported with
//   their methods, which keeps their code in the wasm. A class whose glue has no constructor
//   (`wasm.<class>_new`) and that the wasm never hands to JS (`<Class>.__wrap`) has no
//   instances: its exports go, and with them what only they reached.
// - The glue minified as the module it is (terser, `module`: its own top-level names shortened,
//   which Trunk's minifier leaves long, and the dead classes' code left out; about 14 % of
//   its brotli bytes). What it exports is checked against what it exported before, less the
//   dead classes.
// - The functions in the order of their names, the crate's path first (`<tachys::...>` beside
//   `tachys::...`, the hash after `::h` left out): a generic's copies and a module's functions
//   side by side, which brotli takes about 1 % smaller than the compiler's order. The names
//   come from wasm-bindgen (data-keep-debug) through wasm-opt (-g) and are left out here.
//
// One wasm-opt run (the binaryen in node_modules, as Trunk's) reorders, drops what is
// unreachable and strips the names. At `--optimize-level=2 --shrink-level=2` (the build's
// own run is -O2, index.html) it writes the code as compactly as that run did; at the build's
// shrink level 0 it made the lean bundle 450 B larger.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { minify } from "terser";

const MODULE = "./seda_bg.js";
const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
/** What the release build enables (tools/size-breakdown.mjs builds its named copy with it too). */
export const FEATURES = ["bulk-memory", "reference-types", "nontrapping-float-to-int", "sign-ext", "mutable-globals", "multivalue"];

/** The i-th short name: a, b, ..., Z, ab, bb, ... (distinct for every i). */
export function shortName(i) {
  let name = "";
  do {
    name += LETTERS[i % LETTERS.length];
    i = Math.floor(i / LETTERS.length);
  } while (i);
  return name;
}

function leb(n) {
  const bytes = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    bytes.push(b);
  } while (n);
  return Buffer.from(bytes);
}

const text = (s) => {
  const b = Buffer.from(s, "utf8");
  return Buffer.concat([leb(b.length), b]);
};

/** A reader over `bytes` from `at`: LEB128 numbers and length-prefixed names. */
function reader(bytes, at = 0) {
  const r = {
    at,
    u32() {
      let result = 0, shift = 0, b;
      do {
        b = bytes[r.at++];
        result |= (b & 0x7f) << shift;
        shift += 7;
      } while (b & 0x80);
      return result >>> 0;
    },
    name() {
      const length = r.u32();
      const s = bytes.toString("utf8", r.at, r.at + length);
      r.at += length;
      return s;
    },
    /** Skips an import's description: a function's type, or a table's, memory's or global's. */
    skipImport(module, field) {
      const kind = bytes[r.at++];
      if (kind === 0) r.u32();
      else if (kind === 1 || kind === 2) {
        if (kind === 1) r.at++;
        const flags = r.u32();
        r.u32();
        if (flags & 1) r.u32();
      } else if (kind === 3) r.at += 2;
      else if (kind === 4) {
        r.at++;
        r.u32();
      } else throw new Error(`wasm-finish: import ${module}.${field} has an unknown kind ${kind}`);
      return kind;
    },
  };
  return r;
}

/** The module's sections: id, where each starts (its id byte), its body and its end. */
export function sections(wasm) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error("wasm-finish: not a wasm module");
  const r = reader(wasm, 8), list = [];
  while (r.at < wasm.length) {
    const start = r.at, id = wasm[r.at++], size = r.u32();
    list.push({ id, start, body: r.at, end: r.at + size });
    r.at += size;
  }
  return list;
}

const isNames = (wasm, s) => s.id === 0 && reader(wasm, s.body).name() === "name";

/**
 * A module's functions: how many are imported, the size of each body, and the names its
 * name section gives (by function index).
 */
export function readFunctions(wasm) {
  let imports = 0;
  const bodies = [], names = new Map();
  for (const s of sections(wasm)) {
    const r = reader(wasm, s.body);
    if (s.id === 2) {
      for (let n = r.u32(); n > 0; n--) {
        const module = r.name(), field = r.name();
        if (r.skipImport(module, field) === 0) imports++;
      }
    } else if (s.id === 10) {
      for (let n = r.u32(); n > 0; n--) {
        const size = r.u32();
        bodies.push(size);
        r.at += size;
      }
    } else if (isNames(wasm, s)) {
      r.name();
      while (r.at < s.end) {
        const sub = wasm[r.at++], size = r.u32(), end = r.at + size;
        if (sub === 1) for (let n = r.u32(); n > 0; n--) names.set(r.u32(), r.name());
        r.at = end;
      }
    }
  }
  return { imports, bodies, names };
}

const section = (id, body) => Buffer.concat([Buffer.from([id]), leb(body.length), body]);

/**
 * `wasm` with every import from `./seda_bg.js` renamed, and the renaming: a Map from the old
 * name to the new. Every other section is copied as it is.
 */
export function renameImports(wasm) {
  const renamed = new Map();
  const out = [wasm.subarray(0, 8)];
  for (const s of sections(wasm)) {
    if (s.id !== 2) {
      out.push(wasm.subarray(s.start, s.end));
      continue;
    }
    const r = reader(wasm, s.body), count = r.u32(), entries = [leb(count)];
    for (let i = 0; i < count; i++) {
      const module = r.name(), field = r.name(), description = r.at;
      r.skipImport(module, field);
      if (module === MODULE) {
        if (renamed.has(field)) throw new Error(`wasm-finish: ${field} is imported twice`);
        renamed.set(field, shortName(renamed.size));
        entries.push(text("a"), text(renamed.get(field)));
      } else entries.push(text(module), text(field));
      entries.push(wasm.subarray(description, r.at));
    }
    if (r.at !== s.end) throw new Error("wasm-finish: the import section did not end where its size said");
    out.push(section(2, Buffer.concat(entries)));
  }
  return { wasm: Buffer.concat(out), renamed };
}

/**
 * The glue module `glue` (text) with the same renaming: the key of the module's object and
 * each import's key in it. Throws if a name is not exactly once a key there.
 */
export function renameGlue(glue, renamed) {
  const keyOf = (name) => new RegExp(`([{,])${name.replace(/[$]/g, "\\$")}:`, "g");
  const modules = glue.split(`"${MODULE}":`).length - 1;
  if (modules !== 1) throw new Error(`wasm-finish: the glue names its module "${MODULE}" ${modules} times, not once`);
  let out = glue.replace(`"${MODULE}":`, "a:");
  for (const [from, to] of renamed) {
    const found = out.match(keyOf(from))?.length ?? 0;
    if (found !== 1) throw new Error(`wasm-finish: the glue has ${from} as a key ${found} times, not once`);
    if (out.split(from).length !== 2) throw new Error(`wasm-finish: the glue uses ${from} other than as its key`);
    out = out.replace(keyOf(from), `$1${to}:`);
  }
  return out;
}

/**
 * The glue's classes that nothing can instantiate: no constructor (`wasm.<class>_new`) and
 * never handed over by the wasm (`<Class>.__wrap`); and the wasm's exports for them.
 */
export function deadClasses(glue, exports) {
  const classes = [], dead = [];
  let rest = glue;
  for (const [, name] of glue.matchAll(/export class (\w+)\{/g)) {
    const lower = name.toLowerCase();
    if (glue.includes(`${name}.__wrap`) || glue.includes(`wasm.${lower}_new(`)) continue;
    classes.push(name);
    dead.push(...exports.filter((e) => e.startsWith(`${lower}_`) || e === `__wbg_${lower}_free`));
    rest = rest.replace(classBody(glue, name), "");
  }
  // An export goes only if nothing but its class uses it (and the registry that frees the
  // class's instances, which has none): a function of the same prefix must stay.
  for (const e of dead) {
    const uses = rest.split(`wasm.${e}(`).length - 1;
    const frees = rest.match(new RegExp(`new FinalizationRegistry\\(\\w+=>wasm\\.${e}\\(`, "g"))?.length ?? 0;
    if (uses !== frees) throw new Error(`wasm-finish: ${e} is used outside its class, which nothing makes: not left out`);
  }
  return { classes, exports: dead };
}

/** `export class <name>{...}`, its braces matched; throws where a string could hold one. */
function classBody(glue, name) {
  const start = glue.indexOf(`export class ${name}{`);
  let depth = 0;
  for (let i = glue.indexOf("{", start); i < glue.length; i++) {
    const c = glue[i];
    if (c === '"' || c === "'" || c === "`") throw new Error(`wasm-finish: class ${name} has a string in it; its end is not looked for`);
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return glue.slice(start, i + 1);
  }
  throw new Error(`wasm-finish: class ${name} does not end`);
}

/** The names a glue module exports (it is imported here: its top level only defines things). */
async function exportsOf(glue) {
  return Object.keys(await import(`data:text/javascript,${encodeURIComponent(glue)}`)).sort();
}

/**
 * The glue minified as a module, without `classes`: no longer exported, and without the line
 * that gives each its `Symbol.dispose`, nothing refers to them and terser leaves them out.
 */
async function minifyGlue(glue, classes) {
  let source = glue;
  for (const name of classes) {
    const dispose = `Symbol.dispose&&(${name}.prototype[Symbol.dispose]=${name}.prototype.free);`;
    if (!source.includes(dispose)) throw new Error(`wasm-finish: the glue does not give ${name} its Symbol.dispose as expected`);
    source = source.replace(`export class ${name}{`, `class ${name}{`).replace(dispose, "");
  }
  const { code } = await minify(source, { module: true, mangle: { toplevel: true }, compress: { passes: 2 }, format: { comments: false } });
  const [before, after] = [await exportsOf(glue), await exportsOf(code)];
  const expected = before.filter((name) => !classes.includes(name));
  if (after.join() !== expected.join()) throw new Error(`wasm-finish: the minified glue exports ${after.join(", ")}, not ${expected.join(", ")}`);
  if (classes.some((name) => code.includes(name))) throw new Error(`wasm-finish: the minified glue still has ${classes.join(", ")}`);
  return code;
}

/** `wasm` without the exports named in `drop`. */
function dropExports(wasm, drop) {
  const out = [wasm.subarray(0, 8)];
  for (const s of sections(wasm)) {
    if (s.id !== 7) {
      out.push(wasm.subarray(s.start, s.end));
      continue;
    }
    const r = reader(wasm, s.body), kept = [];
    for (let n = r.u32(); n > 0; n--) {
      const from = r.at, name = r.name();
      r.at++;
      r.u32();
      if (!drop.includes(name)) kept.push(wasm.subarray(from, r.at));
    }
    out.push(section(7, Buffer.concat([leb(kept.length), ...kept])));
  }
  return Buffer.concat(out);
}

/**
 * `wasm` with its name section's function names replaced by their rank in the order wanted
 * (f000000, f000001, ...), for wasm-opt's --reorder-functions-by-name.
 */
function rankNames(wasm) {
  const { imports, bodies: sizes, names } = readFunctions(wasm);
  const bodies = sizes.length;
  const out = [wasm.subarray(0, 8), ...sections(wasm).filter((s) => !isNames(wasm, s)).map((s) => wasm.subarray(s.start, s.end))];
  if (names.size === 0) throw new Error("wasm-finish: the wasm has no function names (the rust link needs data-keep-debug and wasm-opt's -g)");
  const key = (i) => (names.get(imports + i) ?? "").replace(/::h[0-9a-f]{16}$/, "").replace(/^<+/, "");
  const order = Array.from({ length: bodies }, (_, i) => i).sort((a, b) => {
    const x = key(a), y = key(b);
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  const entries = [leb(bodies)];
  const rank = [];
  order.forEach((body, i) => (rank[body] = i));
  for (let i = 0; i < bodies; i++) entries.push(leb(imports + i), text(`f${String(rank[i]).padStart(6, "0")}`));
  const functions = Buffer.concat(entries);
  out.push(section(0, Buffer.concat([text("name"), Buffer.from([1]), leb(functions.length), functions])));
  return Buffer.concat(out);
}

/** Both files of a bundle, finished; `wasmOpt` is the wasm-opt to run. */
export async function finish(glue, wasm, wasmOpt) {
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
  const { classes, exports: dropped } = deadClasses(glue, exports);
  const { wasm: renamedWasm, renamed } = renameImports(rankNames(dropExports(wasm, dropped)));
  const dir = mkdtempSync(join(tmpdir(), "seda-wasm-finish-"));
  let finished;
  try {
    writeFileSync(join(dir, "in.wasm"), renamedWasm);
    execFileSync(wasmOpt, [
      ...FEATURES.map((f) => `--enable-${f}`),
      "--optimize-level=2", "--shrink-level=2",
      join(dir, "in.wasm"),
      "--reorder-functions-by-name", "--remove-unused-module-elements", "--strip-debug", "--strip-producers",
      "-o", join(dir, "out.wasm"),
    ], { stdio: "inherit" });
    finished = readFileSync(join(dir, "out.wasm"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const left = WebAssembly.Module.exports(new WebAssembly.Module(finished)).map((e) => e.name);
  const lost = exports.filter((e) => !dropped.includes(e) && !left.includes(e));
  if (lost.length) throw new Error(`wasm-finish: wasm-opt took exports the glue needs: ${lost.join(", ")}`);
  return { glue: await minifyGlue(renameGlue(glue, renamed), classes), wasm: finished, imports: renamed.size, classes };
}
