// axe-core (WCAG 2.1 A and AA rules) on every question type, every page of the form,
// in English and in Persian, plus the thank-you screen. Serious and critical
// violations fail the test; the report names the rule and the element.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { audit, button, useOrigins } from "./support.mjs";

const EVERY_TYPE = JSON.parse(readFileSync(new URL("../../crates/seda-core/tests/fixtures/forms/every-type.json", import.meta.url), "utf8"));

const o = useOrigins(test);

/** A plain host page, so the findings are the widget's own. */
const plainPage = (attrs, form) =>
  o.page(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Shop</h1><div id="slot"></div>
<script type="application/json" id="form">${JSON.stringify(form)}</script></main>
${o.embed({ form: "form", target: "#slot", endpoint: o.endpoint, ...attrs })}</body></html>`);

for (const locale of ["en", "fa"]) {
  test(`every question type passes axe, page by page (${locale})`, async ({ page }) => {
    // In Persian the widget's own words, digits and direction change; the form's texts stay.
    const form = { ...EVERY_TYPE, id: `a11y-${locale}`, locale };
    await page.goto(plainPage({ locale, "hidden-name": "Sara" }, form));
    const w = page.locator("[data-seda-host]");
    const next = button(w, locale === "fa" ? "بعدی" : "Next");
    const submit = button(w, locale === "fa" ? "ارسال" : "Submit");
    await expect(w.getByRole("radiogroup").first()).toBeVisible();

    await audit(page, "page 1 (nps, stars, smileys)");
    // Errors shown: invalid fields and their messages must pass too.
    await next.click();
    await expect(w.getByRole("alert").first()).not.toBeEmpty();
    await audit(page, "page 1 with an error");
    await w.getByRole("radiogroup").first().getByRole("radio").nth(9).locator("xpath=..").click();
    await next.click();

    await expect(w.getByRole("combobox")).toBeVisible();
    await w.getByRole("radiogroup").first().getByRole("radio").last().check();
    await audit(page, "page 2 (choice with Other, multiple, dropdown, yes/no)");
    await w.getByRole("radiogroup").first().getByRole("radio").first().check();
    await next.click();

    await expect(w.locator("textarea")).toBeVisible();
    await audit(page, "page 3 (text, email, phone, number, date)");
    await next.click();

    await expect(w.locator("table")).toBeVisible();
    await audit(page, "page 4 (statement, matrix, consent)");
    for (const row of await w.locator("tbody tr").all()) await row.getByRole("radio").first().check();
    await w.getByRole("checkbox").check();
    await submit.click();
    await expect(w.locator(".seda-thanks")).toBeVisible();
    await audit(page, "the thank-you screen");
  });
}

for (const [what, attrs] of [
  ["a light brand colour (yellow)", { "theme-brand": "#facc15", "theme-radius": "4" }],
  ["the dark scheme", { theme: "dark", "theme-brand": "#1e3a8a" }],
]) {
  test(`theming keeps contrast: ${what}`, async ({ page }) => {
    await page.goto(plainPage(attrs, { ...EVERY_TYPE, id: `theme-${attrs.theme ?? "light"}` }));
    const w = page.locator("[data-seda-host]");
    await expect(w.getByRole("radiogroup").first()).toBeVisible();
    await w.getByRole("radiogroup").first().getByRole("radio").nth(9).locator("xpath=..").click();
    await audit(page, `page 1 with ${what}`);
    await button(w, "Next").click();
    await audit(page, `page 2 with ${what}`);
    const looks = await w.evaluate((host) => {
      const root = host.shadowRoot;
      const style = (sel) => getComputedStyle(root.querySelector(sel));
      return { card: style(".seda-card").backgroundColor, radius: style(".seda-card").borderRadius, next: style(".seda-button--primary").color };
    });
    if (attrs.theme === "dark") expect(looks.card).toBe("rgb(17, 24, 39)");
    else expect(looks).toMatchObject({ radius: "4px", next: "rgb(17, 24, 39)" });
  });
}
