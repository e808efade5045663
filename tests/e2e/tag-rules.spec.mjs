// seda.js reads data-trigger, data-sample and data-recontact itself, before the widget's
// code is downloaded: it must read them as the widget's configuration does. Its readers
// (when, percent, days), taken as they are written in src/platform/seda.js, are run over
// the table the widget's own tests run its reader over (crates/seda-core/tests/core_tag.rs).
// No browser: the readers are plain functions.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const loader = readFileSync(resolve(root, "src/platform/seda.js"), "utf8");
const table = JSON.parse(readFileSync(resolve(root, "crates/seda-core/tests/fixtures/tag-rules.json"), "utf8"));

/** The text of `function name(...) {...}` in seda.js, braces counted. */
function source(name) {
  const start = loader.indexOf(`function ${name}(`);
  if (start < 0) throw new Error(`seda.js has no function ${name}`);
  let depth = 0;
  for (let i = loader.indexOf("{", start); i < loader.length; i++) {
    // A regular expression's braces ({1,3}) come in pairs, so the count still closes.
    if (loader[i] === "{") depth++;
    else if (loader[i] === "}" && --depth === 0) return loader.slice(start, i + 1);
  }
  throw new Error(`function ${name} in seda.js does not close`);
}

const readers = new Function(`${source("when")}\n${source("percent")}\n${source("days")}\nreturn { when, percent, days };`)();

test("data-trigger: seda.js reads the shared cases as the widget does", () => {
  expect(table.trigger.length).toBeGreaterThan(10);
  for (const [value, meaning] of table.trigger) {
    const read = readers.when(value);
    // Milliseconds as a whole number (setTimeout drops the fraction).
    const got = read && (read[0] === "delay" ? ["delay", Math.round(read[1])] : read);
    expect(got, `data-trigger=${JSON.stringify(value)}`).toEqual(meaning);
  }
});

test("data-sample: seda.js reads the shared cases as the widget does", () => {
  expect(table.sample.length).toBeGreaterThan(10);
  for (const [value, meaning] of table.sample) {
    const read = readers.percent(value);
    // The widget counts hundredths of a percent, seda.js the exact percentage.
    const hundredths = read === null ? null : Math.floor(read * 100 + 1e-6);
    expect(hundredths, `data-sample=${JSON.stringify(value)}`).toEqual(meaning);
  }
});

test("data-recontact: seda.js reads the shared cases as the widget does", () => {
  expect(table.recontact.length).toBeGreaterThan(10);
  for (const [value, meaning] of table.recontact) {
    const read = readers.days(value);
    expect(read === Infinity ? "never" : read, `data-recontact=${JSON.stringify(value)}`).toEqual(meaning);
  }
});
