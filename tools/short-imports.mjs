// Short names for what a bundle's wasm imports from its glue module.
//
// wasm-bindgen names each import after the JS it calls plus a 16-digit hash
// (`__wbg_appendChild_a1b2c3d4e5f60718`), from a module named `./seda_bg.js`, and the glue
// spells every name out again as a key of the object it hands the wasm. The hashes do not
// compress: with some 220 imports they were about 5 KB of the bundle, brotli, of which
// 2.2 KB was a third of the glue. This renames the module `a` and the imports `a`, `b`, ...,
// `ba`, ..., in the wasm's import section and the glue's object alike. Nothing else refers
// to them: the glue's keys are the only place the names occur (checked, name by name).
// tools/stamp-loader.mjs runs it on each bundle Trunk builds.

const MODULE = "./seda_bg.js";
const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

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

/**
 * `wasm` (bytes) with every import from `./seda_bg.js` renamed, and the renaming: a Map from
 * the old name to the new. Every other section is copied as it is.
 */
export function renameImports(wasm) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error("short-imports: not a wasm module");
  let at = 8;
  const u32 = () => {
    let result = 0, shift = 0, b;
    do {
      b = wasm[at++];
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return result >>> 0;
  };
  const name = () => {
    const length = u32();
    const s = wasm.toString("utf8", at, at + length);
    at += length;
    return s;
  };
  const renamed = new Map();
  const out = [wasm.subarray(0, 8)];
  while (at < wasm.length) {
    const start = at, id = wasm[at++], size = u32(), end = at + size;
    if (id !== 2) {
      out.push(wasm.subarray(start, end));
      at = end;
      continue;
    }
    const count = u32();
    const entries = [leb(count)];
    for (let i = 0; i < count; i++) {
      const module = name(), field = name(), description = at, kind = wasm[at++];
      // The import's description: a function's type, or a table's, memory's or global's limits.
      if (kind === 0) u32();
      else if (kind === 1 || kind === 2) {
        if (kind === 1) at++;
        const flags = u32();
        u32();
        if (flags & 1) u32();
      } else if (kind === 3) at += 2;
      else if (kind === 4) {
        at++;
        u32();
      } else throw new Error(`short-imports: import ${module}.${field} has an unknown kind ${kind}`);
      if (module === MODULE) {
        if (renamed.has(field)) throw new Error(`short-imports: ${field} is imported twice`);
        renamed.set(field, shortName(renamed.size));
        entries.push(text("a"), text(renamed.get(field)));
      } else entries.push(text(module), text(field));
      entries.push(wasm.subarray(description, at));
    }
    if (at !== end) throw new Error("short-imports: the import section did not end where its size said");
    const section = Buffer.concat(entries);
    out.push(Buffer.from([2]), leb(section.length), section);
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
  if (modules !== 1) throw new Error(`short-imports: the glue names its module "${MODULE}" ${modules} times, not once`);
  let out = glue.replace(`"${MODULE}":`, "a:");
  for (const [from, to] of renamed) {
    const found = out.match(keyOf(from))?.length ?? 0;
    if (found !== 1) throw new Error(`short-imports: the glue has ${from} as a key ${found} times, not once`);
    if (out.split(from).length !== 2) throw new Error(`short-imports: the glue uses ${from} other than as its key`);
    out = out.replace(keyOf(from), `$1${to}:`);
  }
  return out;
}

/** Both files of a bundle, renamed alike. */
export function shortenImports(glue, wasm) {
  const { wasm: shorter, renamed } = renameImports(wasm);
  new WebAssembly.Module(shorter);
  return { glue: renameGlue(glue, renamed), wasm: shorter, count: renamed.size };
}
