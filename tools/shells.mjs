// Copies of the built-in surveys' first screens, made from the release build in dist/ by
// the build itself (tools/build.sh runs it after Trunk).
//
//   node tools/shells.mjs [dist]
//
// seda.js draws such a copy when the page has loaded, while the widget's own code downloads
// and compiles, and the widget takes its place once it shows (src/platform/shell.rs). Each
// copy is what the widget draws in headless Chromium for one template and language, on a
// page whose tag has no other attribute: its shadow root's markup and its stylesheets'
// text. They go into one module a template, src/platform/seda-shell.js with the copies
// filled in and minified by terser, as dist/seda-shells-<hash>/<template>.js; the folder's
// name (a hash of the modules) is then stamped into dist/seda.js.
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

/** The module that draws `template`'s copies: seda-shell.js with them filled in, minified. */
export async function module(template, copies) {
  const source = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../src/platform/seda-shell.js"), "utf8");
  const values = {
    __TEMPLATE__: template,
    __CSS__: copies.get(`${template}.en`)[0],
    __HTML_EN__: markup(copies.get(`${template}.en`)[1]),
    __HTML_FA__: markup(copies.get(`${template}.fa`)[1]),
  };
  if (copies.get(`${template}.fa`)[0] !== values.__CSS__) throw new Error(`shells: ${template}'s stylesheet differs between languages`);
  let text = source;
  for (const [placeholder, value] of Object.entries(values)) {
    if (!text.includes(`"${placeholder}"`)) throw new Error(`shells: seda-shell.js has no "${placeholder}"`);
    text = text.replace(`"${placeholder}"`, () => JSON.stringify(value));
  }
  const { code } = await minify(text, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  return code + "\n";
}

async function main(dist) {
  const loader = join(dist, "seda.js");
  const text = readFileSync(loader, "utf8");
  if (!text.includes(PLACEHOLDER)) throw new Error(`shells: ${loader} has no ${PLACEHOLDER} to stamp (stamped already? build again)`);
  const copies = await capture(dist);
  const files = await Promise.all(TEMPLATES.map(async (t) => [`${t}.js`, await module(t, copies)]));
  const hash = createHash("sha256").update(files.flat().join("\n")).digest("hex").slice(0, 16);
  const folder = `seda-shells-${hash}`;
  for (const old of readdirSync(dist).filter((f) => f.startsWith("seda-shells-"))) rmSync(join(dist, old), { recursive: true });
  mkdirSync(join(dist, folder));
  for (const [name, code] of files) writeFileSync(join(dist, folder, name), code);
  writeFileSync(loader, text.replaceAll(PLACEHOLDER, `${folder}/`));
  console.log(`shells: ${files.length} templates' first screens in ${folder}/, stamped into seda.js`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main(resolve(process.argv[2] ?? "dist"));
