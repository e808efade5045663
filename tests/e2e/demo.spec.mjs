// The demo page that `bash tools/demo.sh` serves (dist/index.html): every widget on it comes
// up, nothing is reported as an error, and with no endpoint set a response lands in the
// page's inbox (localStorage["seda:inbox"], listed at the bottom).
import { expect, test } from "@playwright/test";
import { button, useOrigins, watchConsole } from "./support.mjs";

const o = useOrigins(test);

test("the demo page shows its six widgets without an error, and a response lands in its inbox", async ({ page }) => {
  const logged = watchConsole(page);
  await page.goto(o.assets.url("/index.html"));
  // One widget a tag: the corner card and five inline forms, each showing its first step.
  await expect
    .poll(() => page.evaluate(() => [...document.querySelectorAll("[data-seda-host]")].filter((h) => h.shadowRoot?.querySelector(".seda-step")).length), {
      message: "widgets showing their first step",
      timeout: 20_000,
    })
    .toBe(6);
  await expect(page.locator("#inbox li")).toHaveCount(0);

  // The form written in inline JSON: one required choice, then two optional questions.
  const custom = page.locator("#custom");
  await custom.getByRole("radio", { name: "Yes", exact: true }).check();
  await button(custom, "Next").click();
  await custom.getByRole("checkbox", { name: "Service", exact: true }).check();
  await button(custom, "Next").click();
  await button(custom, "Submit").click();

  await expect(page.locator("#inbox li")).toHaveCount(1);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("seda:inbox") || "[]"));
  expect(stored).toHaveLength(1);
  expect(stored[0].form_id).toBe("checkout");
  expect(stored[0].answers).toMatchObject({ found: "yes", topics: ["service"] });
  expect(logged.errors, "console errors").toEqual([]);
  expect(logged.pageErrors, "page errors").toEqual([]);
});
