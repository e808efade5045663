// The widget's own words: Arabic built in and right to left, and a form's `strings` that give
// a language the widget has no words in (Turkish, Urdu) or reword one it has; a form that
// leaves a string out in such a language is a setup error naming its JSON path.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { button, hostPage, recordSedaEvents, useOrigins, watchConsole, widget } from "./support.mjs";

/** The widget's strings by name with their English, from the form schema (their one list). */
const SCHEMA = JSON.parse(readFileSync(new URL("../../schema/form.schema.json", import.meta.url), "utf8"));
const ENGLISH = Object.entries(SCHEMA.$defs.strings.properties).filter(([, p]) => !p.description.includes("(a checklist's)")).map(([name, p]) => [name, p.description.replace(/^English: /, "")]);

/** Every string the widget shows, each `<name> <tag>` with the English one's placeholders. */
const everyString = (tag, given) =>
  Object.fromEntries(ENGLISH.map(([name, english]) => [name, given[name] ?? `${name} ${tag} ${(english.match(/\{\w+\}/g) ?? []).join(" ")}`]));

const o = useOrigins(test);
/** Two questions, their titles in the form's language only (the page's, English, is not one it speaks). */
const TITLES = { ar: ["قيّم زيارتك", "لماذا؟"], tr: ["Ziyaretinizi puanlayın", "Neden?"], ur: ["اپنی آمد کی درجہ بندی کریں", "کیوں؟"], en: ["Rate your visit", "Why?"] };
const survey = (id, fields) => {
  const [rate, why] = TITLES[fields.locale ?? "en"];
  return { seda: 1, id, version: 1, kind: "survey", questions: [
    { id: "stars", type: "rating", scale: { min: 1, max: 5 }, required: true, title: rate },
    { id: "why", type: "text", title: why },
  ], ...fields };
};

/** Shows `form` inline on a page of its own; returns the page's URL. */
function formPage(form, attrs = {}) {
  o.host.pages.set(`/forms/${form.id}.json`, JSON.stringify(form));
  return o.page(hostPage({ embed: o.embed({ form: `forms/${form.id}.json`, endpoint: o.endpoint, target: "#slot", ...attrs }), main: '<div id="slot"></div>' }));
}

const root = (page) => widget(page).locator(".seda-root");

test("an Arabic form: Arabic buttons, errors and digits, right to left", async ({ page }) => {
  const log = watchConsole(page);
  await page.goto(formPage(survey("arabic", { locale: "ar" })));
  await expect(root(page)).toHaveAttribute("dir", "rtl");
  await expect(root(page)).toHaveAttribute("lang", "ar");
  await expect(widget(page).getByText("١ من ٢")).toBeVisible();
  await expect(widget(page).getByRole("radiogroup", { name: "قيّم زيارتك" }).getByRole("radio", { name: "٤", exact: true })).toHaveCount(1);
  await button(widget(page), "التالي").click();
  await expect(widget(page).getByRole("alert").filter({ hasText: "يُرجى الإجابة عن هذا السؤال." })).toBeVisible();
  await widget(page).getByRole("radiogroup", { name: "قيّم زيارتك" }).locator("label").filter({ has: page.getByRole("radio", { name: "٤", exact: true }) }).click();
  await button(widget(page), "التالي").click();
  await expect(widget(page).getByText("(اختياري)")).toBeVisible();
  await button(widget(page), "السابق").click();
  await button(widget(page), "التالي").click();
  await button(widget(page), "إرسال").click();
  await expect(widget(page).getByText("شكرًا لك!")).toBeVisible();
  const [post] = await o.collector.waitFor(1);
  expect(post.body.answers).toEqual({ stars: 4 });
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

for (const [locale, dir, given] of [
  ["tr", "ltr", { next: "İleri", back: "Geri", submit: "Gönder", step_of: "Adım {n} / {total}", required: "Lütfen bu soruyu yanıtlayın." }],
  ["ur", "rtl", { next: "اگلا", back: "پچھلا", submit: "بھیجیں", step_of: "{n} از {total}", required: "براہ کرم اس سوال کا جواب دیں۔" }],
]) {
  test(`a form in a language without built-in strings (${locale}) gives them all, and the widget shows them (${dir})`, async ({ page }) => {
    const log = watchConsole(page);
    await page.goto(formPage(survey(`given-${locale}`, { locale, strings: { [locale]: everyString(locale, given) } })));
    await expect(root(page)).toHaveAttribute("dir", dir);
    await expect(widget(page).getByText(given.step_of.replace("{n}", "1").replace("{total}", "2"))).toBeVisible();
    await button(widget(page), given.next).click();
    await expect(widget(page).getByRole("alert").filter({ hasText: given.required })).toBeVisible();
    await widget(page).locator("label").filter({ has: page.getByRole("radio", { name: "5", exact: true }) }).click();
    await button(widget(page), given.next).click();
    await expect(widget(page).getByText(`optional ${locale}`)).toBeVisible();
    await expect(button(widget(page), given.back)).toBeVisible();
    await button(widget(page), given.submit).click();
    await expect(widget(page).getByText(`thank_you ${locale}`)).toBeVisible();
    expect(log.pageErrors).toEqual([]);
    expect(log.errors).toEqual([]);
  });
}

test("a form rewords one English string; the others stay the widget's, as does the launcher's unless reworded", async ({ page }) => {
  const log = watchConsole(page);
  await page.goto(formPage(survey("reworded", { strings: { en: { submit: "Send my answers", feedback: "Tell us" } } })));
  await widget(page).locator("label").filter({ has: page.getByRole("radio", { name: "3", exact: true }) }).click();
  await button(widget(page), "Next").click();
  await expect(button(widget(page), "Back")).toBeVisible();
  await expect(button(widget(page), "Submit")).toHaveCount(0);
  await button(widget(page), "Send my answers").click();
  await expect(widget(page).getByText("Thank you!")).toBeVisible();
  // The launcher's label is one of the strings too.
  await page.goto(o.page(hostPage({ embed: o.embed({ form: "forms/reworded.json", endpoint: o.endpoint, mode: "launcher" }) })));
  await expect(page.getByRole("button", { name: "Tell us", exact: true })).toBeVisible();
  expect(log.pageErrors).toEqual([]);
});

test("a string left out in a language without built-in ones is a setup error naming its path; the page works on", async ({ page }) => {
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  const strings = everyString("tr", {});
  delete strings.submit;
  strings.nxt = "İleri";
  await page.goto(formPage(survey("missing-tr", { locale: "tr", strings: { tr: strings } })));
  await expect.poll(async () => (await events.of("seda:error")).length).toBe(1);
  const [error] = await events.of("seda:error");
  expect(error.detail.problems).toEqual([
    "strings.tr.nxt: `nxt` is not one of the widget's strings (their names are in the JSON Schema)",
    'strings.tr.submit: missing: the widget has no strings of its own in "tr", so the form gives every one',
  ]);
  // A development page draws the error box, with the paths.
  await expect(widget(page).getByRole("alert")).toContainText("strings.tr.submit");
  await expect(widget(page).getByRole("radiogroup")).toHaveCount(0);
  expect(log.pageErrors).toEqual([]);
  await page.locator("#host-button").click();
  await expect(page.locator("#host-count")).toHaveText("1");
});
