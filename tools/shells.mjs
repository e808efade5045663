// Copies of the built-in surveys' first screens, and the module that draws an inline form's
// first page, made from the release build in dist/ by the build itself (tools/build.sh runs
// it after Trunk).
//
//   node tools/shells.mjs [dist]
//
// seda.js draws such a copy when the page has loaded, while the widget's own code downloads
// and compiles, and the widget takes its place once it shows (src/platform/shell.rs). Each
// template's copy is what the widget draws in headless Chromium for that template and a
// language, on a page whose tag has no other attribute: its shadow root's markup and its
// stylesheets' text. They go into one module a template, seda-shell-template.js and
// seda-shell.js (src/platform/) with the copies filled in and minified by terser, as
// dist/seda-shells-<hash>/<template>.js. The inline form's module, form.js, is
// seda-shell-form.js and seda-shell.js with the same stylesheet and the widget's strings
// (crates/seda-core/src/i18n.rs) filled in. The folder's name (a hash of the modules) is then stamped
// into dist/seda.js.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { minify } from "terser";
import config from "../playwright.config.mjs";
import { servePages, serveStatic } from "./serve.mjs";

/** The templates seda.js draws a copy for (its `copy`), in the languages they speak. */
export const TEMPLATES = ["nps", "csat", "ces", "five-needs"];
export const LANGUAGES = ["en", "fa"];
const PLACEHOLDER = "__SEDA_SHELLS__";
const SRC = join(dirname(fileURLToPath(import.meta.url)), "../src/platform");

/** The first screen of each template in each language, as the widget draws it in `dist`. */
export async function capture(dist) {
  const [assets, host] = await Promise.all([serveStatic(dist), servePages()]);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: config.use.launchOptions.args });
  const copies = new Map();
  try {
    const page = await browser.newPage();
    // The stylesheets' own text, as the widget gives it (CSSOM's serialisation of `all:
    // initial` spells out every property: twice the bytes).
    await page.addInitScript(() => {
      const replace = CSSStyleSheet.prototype.replaceSync;
      const texts = (window.__sedaSheets = new WeakMap());
      CSSStyleSheet.prototype.replaceSync = function (text) {
        texts.set(this, text);
        return replace.call(this, text);
      };
    });
    for (const template of TEMPLATES) {
      for (const lang of LANGUAGES) {
        const path = `/${template}.${lang}.html`;
        host.pages.set(path, `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${template}</title></head><body><script src="${assets.url("/seda.js")}" async data-form="template:${template}"></script></body></html>`);
        await page.goto(host.url(path));
        await page.waitForFunction(() => document.querySelector("[data-seda-host]")?.shadowRoot?.querySelector(".seda-step"), null, { timeout: 20_000 });
        copies.set(`${template}.${lang}`, await page.evaluate(() => {
          const root = document.querySelector("[data-seda-host]").shadowRoot;
          const css = root.adoptedStyleSheets.map((sheet) => window.__sedaSheets.get(sheet)).join("\n");
          return [css, root.innerHTML];
        }));
      }
    }
  } finally {
    await browser.close();
    await Promise.all([assets.close(), host.close()]);
  }
  return copies;
}

/**
 * The copy's markup as seda-shell.js takes it: inline styles (the widget sets them through
 * the CSSOM, which a page's CSP allows) moved to `data-seda-style`, which it applies the
 * same way, since a `style` attribute in markup is refused under a strict `style-src`.
 */
const markup = (html) => html.replaceAll(' style="', ' data-seda-style="');

/** The widget's strings the copy of an inline form shows, in each language, from crates/seda-core/src/i18n.rs. */
export function strings() {
  const source = readFileSync(join(SRC, "../../crates/seda-core/src/i18n.rs"), "utf8");
  const keys = ["close", "thank_you", "step_of", "optional", "next", "submit", "yes", "no", "other", "choose", "stars"];
  return Object.fromEntries(
    LANGUAGES.map((lang) => {
      const block = new RegExp(`pub const ${lang.toUpperCase()}: Strings = Strings \\{\\n([\\s\\S]*?)\\n\\};`).exec(source);
      if (!block) throw new Error(`shells: crates/seda-core/src/i18n.rs has no ${lang.toUpperCase()} strings`);
      const all = Object.fromEntries([...block[1].matchAll(/^\s*(\w+): ("(?:[^"\\]|\\["\\])*"),$/gm)].map(([, k, v]) => [k, JSON.parse(v)]));
      const missing = keys.filter((k) => typeof all[k] !== "string");
      if (missing.length) throw new Error(`shells: ${lang.toUpperCase()} in crates/seda-core/src/i18n.rs has no plain ${missing.join(", ")}`);
      return [lang, Object.fromEntries(keys.map((k) => [k, all[k]]))];
    }),
  );
}

/**
 * A copy's module: seda-shell.js after `screen` (one of the files beside it), with the
 * placeholders filled in, minified.
 */
async function build(screen, values) {
  let text = readFileSync(join(SRC, screen), "utf8") + readFileSync(join(SRC, "seda-shell.js"), "utf8");
  for (const [placeholder, value] of Object.entries(values)) {
    if (!text.includes(`"${placeholder}"`)) throw new Error(`shells: ${screen} and seda-shell.js have no "${placeholder}"`);
    text = text.replace(`"${placeholder}"`, () => JSON.stringify(value));
  }
  const { code } = await minify(text, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  return code + "\n";
}

/** The module that draws `template`'s copies: seda-shell-template.js with them filled in. */
export function module(template, copies) {
  const css = copies.get(`${template}.en`)[0];
  if (copies.get(`${template}.fa`)[0] !== css) throw new Error(`shells: ${template}'s stylesheet differs between languages`);
  return build("seda-shell-template.js", {
    __TEMPLATE__: template,
    __CSS__: css,
    __HTML_EN__: markup(copies.get(`${template}.en`)[1]),
    __HTML_FA__: markup(copies.get(`${template}.fa`)[1]),
  });
}

/**
 * What the inline form's copy leaves to the widget: the question types it does not draw, and
 * the fields of those it draws that it cannot draw as the widget would (a form with any of
 * them on its first page, or any condition, has no copy).
 */
export const LEFT_TO_WIDGET = { types: ["matrix", "datetime", "attachments"], fields: ["show_if", "required_if", "shuffle", "prefill"] };

/** Fields the copy takes without reading: they change nothing on the first screen, only what the widget accepts. */
export const MARKUP_FREE = ["min_length", "earliest", "latest"];

/**
 * The question types the copy draws and the fields their questions may have: those the form's
 * one declaration gives (schema/form.schema.json, which crates/seda-core makes and its tests
 * keep current), less LEFT_TO_WIDGET. A type or field the declaration gains reaches the copy
 * here, and stops the build until the copy draws it (or it is left to the widget, or it is
 * MARKUP_FREE): a copy that drew a form otherwise than the widget would be worse than none.
 */
export function copied(schema = JSON.parse(readFileSync(join(SRC, "../../schema/form.schema.json"), "utf8"))) {
  const declared = schema.$defs.question.properties.type.enum;
  const gone = LEFT_TO_WIDGET.types.filter((t) => !declared.includes(t));
  const types = declared.filter((t) => !LEFT_TO_WIDGET.types.includes(t));
  const all = new Set(types.flatMap((t) => Object.keys(schema.$defs[`question_${t}`].properties)));
  gone.push(...LEFT_TO_WIDGET.fields.filter((f) => !all.has(f)));
  if (gone.length) throw new Error(`shells: LEFT_TO_WIDGET names ${gone.join(", ")}, which the form's declaration does not have`);
  const source = readFileSync(join(SRC, "seda-shell-form.js"), "utf8");
  const undrawn = types.filter((t) => !source.includes(`"${t}"`) && !source.includes(`${t}: [`));
  const fields = [...all].filter((f) => !LEFT_TO_WIDGET.fields.includes(f));
  undrawn.push(...fields.filter((f) => !MARKUP_FREE.includes(f) && !new RegExp(`\\.${f}\\b|"${f}"`).test(source)));
  if (undrawn.length) throw new Error(`shells: seda-shell-form.js does not draw ${undrawn.join(", ")}: draw it as src/ui/ does, or add it to LEFT_TO_WIDGET`);
  const stale = MARKUP_FREE.filter((f) => !fields.includes(f));
  if (stale.length) throw new Error(`shells: MARKUP_FREE names ${stale.join(", ")}, which the copied types do not have`);
  return { types, fields };
}

/**
 * The module that draws an inline form's first page from its JSON: seda-shell-form.js, with
 * the stylesheet every survey without a theme has (the first template's, as captured).
 */
export function formModule(copies) {
  const { en, fa } = strings();
  const { types, fields } = copied();
  return build("seda-shell-form.js", { __CSS__: copies.get(`${TEMPLATES[0]}.en`)[0], __STRINGS_EN__: en, __STRINGS_FA__: fa, __TYPES__: types, __FIELDS__: fields });
}

async function main(dist) {
  const loader = join(dist, "seda.js");
  const text = readFileSync(loader, "utf8");
  if (!text.includes(PLACEHOLDER)) throw new Error(`shells: ${loader} has no ${PLACEHOLDER} to stamp (stamped already? build again)`);
  const copies = await capture(dist);
  const files = await Promise.all([...TEMPLATES.map(async (t) => [`${t}.js`, await module(t, copies)]), formModule(copies).then((code) => ["form.js", code])]);
  const hash = createHash("sha256").update(files.flat().join("\n")).digest("hex").slice(0, 16);
  const folder = `seda-shells-${hash}`;
  for (const old of readdirSync(dist).filter((f) => f.startsWith("seda-shells-"))) rmSync(join(dist, old), { recursive: true });
  mkdirSync(join(dist, folder));
  for (const [name, code] of files) writeFileSync(join(dist, folder, name), code);
  writeFileSync(loader, text.replaceAll(PLACEHOLDER, `${folder}/`));
  console.log(`shells: ${files.length} templates' first screens in ${folder}/, stamped into seda.js`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main(resolve(process.argv[2] ?? "dist"));
