// The page's JS API (window.Seda), triggers and targeting: a form appears when and
// where the site asks, and the widget's code is not even fetched where it is not wanted.
import { expect, test } from "@playwright/test";
import { button, hostPage, recordSedaEvents, useOrigins, watchConsole } from "./support.mjs";

const o = useOrigins(test);
const CSAT = "How satisfied are you with your experience today?";
const NPS = "How likely are you to recommend us to a friend or colleague?";

/** Counts the wasm downloads a page makes. */
function countWasm(page) {
  const seen = [];
  page.on("request", (r) => r.url().endsWith(".wasm") && seen.push(r.url()));
  return seen;
}

test("Seda.open shows a form with options and hidden fields; Seda.on and Seda.close", async ({ page }) => {
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  const url = o.page(hostPage({
    embed: o.embed({ form: "template:nps", endpoint: o.endpoint, trigger: "manual" }),
    main: '<div id="slot"></div>',
  }));
  await page.goto(url);
  await page.waitForFunction(() => typeof window.Seda?.open === "function");
  await page.waitForTimeout(600);
  await expect(page.locator("[data-seda-host]"), "manual: nothing until Seda.open").toHaveCount(0);

  await page.evaluate(() => {
    window.__shown = [];
    window.__off = window.Seda.on("shown", (detail) => window.__shown.push(detail.form_id));
    window.Seda.open({ form: "template:csat", target: "#slot", hidden: { name: "Sara" } });
  });
  const w = page.locator("#slot [data-seda-host]");
  await expect(w.getByRole("radiogroup", { name: CSAT })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.__shown)).toEqual(["csat"]);

  await page.evaluate(() => window.Seda.close());
  await expect(page.locator("[data-seda-host]")).toHaveCount(0);
  await expect.poll(async () => (await events.of("seda:dismiss")).map((e) => e.detail.form_id)).toEqual(["csat"]);
  expect(await page.evaluate(() => localStorage.getItem("seda:seen:template:csat"))).toMatch(/^\d+$/);

  // Unsubscribed: a second form is not reported to the old listener.
  await page.evaluate(() => { window.__off(); window.Seda.open(); });
  await expect(page.getByRole("dialog").getByRole("radiogroup", { name: NPS })).toBeVisible();
  expect(await page.evaluate(() => window.__shown)).toEqual(["csat"]);
  expect(log.pageErrors).toEqual([]);
});

test("delay:1s waits a second; scroll:50% waits for half the page", async ({ page }) => {
  await page.goto(o.page(hostPage({ embed: o.embed({ form: "template:nps", trigger: "delay:1s" }) })));
  await page.waitForTimeout(500);
  await expect(page.locator("[data-seda-host]")).toHaveCount(0);
  await expect(page.getByRole("radiogroup", { name: NPS })).toBeVisible({ timeout: 5000 });

  await page.goto(o.page(hostPage({
    embed: o.embed({ form: "template:nps", trigger: "scroll:50%" }),
    main: '<div style="height: 4000px">Long article</div>',
  })));
  await page.waitForTimeout(800);
  await expect(page.locator("[data-seda-host]")).toHaveCount(0);
  await page.mouse.wheel(0, 2600);
  await expect(page.getByRole("radiogroup", { name: NPS })).toBeVisible();
});

test("exit intent: the pointer leaving through the top of the window", async ({ page }) => {
  await page.goto(o.page(hostPage({ embed: o.embed({ form: "template:nps", trigger: "exit" }) })));
  await page.mouse.move(400, 300);
  await page.waitForTimeout(800);
  await expect(page.locator("[data-seda-host]")).toHaveCount(0);
  await page.mouse.move(400, 5);
  await page.mouse.move(400, -20);
  await page.evaluate(() => document.dispatchEvent(new MouseEvent("mouseout", { clientY: -1, relatedTarget: null, bubbles: true })));
  await expect(page.getByRole("radiogroup", { name: NPS })).toBeVisible();
});

test("targeting: an excluded page and a 0 % sample fetch no wasm; include and 100 % show", async ({ page }) => {
  const wasm = countWasm(page);
  for (const attrs of [{ exclude: "/page-*" }, { include: "/checkout/*" }, { sample: "0" }]) {
    await page.goto(o.page(hostPage({ embed: o.embed({ form: "template:nps", ...attrs }) })));
    await page.waitForTimeout(800);
    await expect(page.locator("[data-seda-host]"), JSON.stringify(attrs)).toHaveCount(0);
  }
  expect(wasm, "no wasm fetched where no form may show").toEqual([]);
  await page.goto(o.page(hostPage({ embed: o.embed({ form: "template:nps", include: "/page-*", sample: "100" }) })));
  await expect(page.getByRole("radiogroup", { name: NPS })).toBeVisible();
});

test('data-recontact="never": answered once, not shown again; the page\'s own storage keys do not matter', async ({ page }) => {
  const url = o.page(hostPage({ embed: o.embed({ form: "template:nps", endpoint: o.endpoint, recontact: "never" }) }));
  await page.goto(url);
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("radiogroup", { name: NPS }).getByRole("radio", { name: "8", exact: true }).click();
  await button(dialog, "Next").click();
  await button(dialog, "Submit").click();
  await expect(dialog.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await o.collector.waitFor(1);
  await page.evaluate(() => { localStorage.removeItem("cart"); localStorage.setItem("site", "x"); });
  await page.reload();
  await page.waitForTimeout(1000);
  await expect(page.locator("[data-seda-host]")).toHaveCount(0);
});

test("an unknown trigger is one clear console error and a seda:error", async ({ page }) => {
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  await page.goto(o.page(hostPage({ embed: o.embed({ form: "template:nps", trigger: "hover" }) })));
  await expect.poll(() => log.errors.filter((e) => e.includes('data-trigger="hover"')).length).toBe(1);
  expect((await events.of("seda:error"))[0].detail.message).toContain("use load, delay:5s, scroll:50%, exit or manual");
  await expect(page.locator("[data-seda-host]")).toHaveCount(0);
  expect(log.pageErrors).toEqual([]);
});

test('data-mode="popup": a modal dialog that keeps focus, closes with Escape and gives focus back', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(o.page(hostPage({ embed: o.embed({ form: "template:nps", mode: "popup", trigger: "manual" }) })));
  await page.waitForFunction(() => typeof window.Seda?.open === "function");
  await page.locator("#host-button").focus();
  await page.evaluate(() => window.Seda.open());
  const dialog = page.getByRole("dialog");
  await expect(dialog).toHaveAttribute("aria-modal", "true");
  await expect(dialog.getByRole("heading", { name: NPS })).toBeFocused();
  // Tab goes round inside the dialog, never to the page behind.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-seda-host"))).toBe(true);
  }
  const box = await dialog.boundingBox();
  expect(box.width).toBeLessThanOrEqual(390);
  await page.keyboard.press("Escape");
  await expect(page.locator("[data-seda-host]")).toHaveCount(0);
  await expect(page.locator("#host-button")).toBeFocused();
});

test('data-mode="page": the whole viewport, answered on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(o.page(hostPage({ embed: o.embed({ form: "template:csat", mode: "page", endpoint: o.endpoint }) })));
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("radiogroup", { name: CSAT })).toBeVisible();
  const cover = await page.locator("[data-seda-host]").evaluate((h) => {
    const r = h.shadowRoot.querySelector(".seda-mode-page").getBoundingClientRect();
    return [r.x, r.y, r.width, r.height];
  });
  expect(cover).toEqual([0, 0, 390, 844]);
  await dialog.getByRole("radiogroup", { name: CSAT }).getByRole("radio", { name: "5", exact: true }).click();
  await button(dialog, "Next").click();
  await button(dialog, "Submit").click();
  await expect(dialog.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await o.collector.waitFor(1);
});

test('data-mode="launcher": a Feedback button opens the card; closing brings the button back', async ({ page }) => {
  const events = await recordSedaEvents(page);
  await page.goto(o.page(hostPage({ embed: o.embed({ form: "template:nps", mode: "launcher" }) })));
  const launcher = page.getByRole("button", { name: "Feedback", exact: true });
  await expect(launcher).toBeVisible();
  await expect(launcher).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("radiogroup", { name: NPS })).toBeHidden();
  expect(await events.of("seda:shown")).toEqual([]);
  await launcher.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("radiogroup", { name: NPS })).toBeVisible();
  await expect(launcher).toBeHidden();
  await expect.poll(async () => (await events.of("seda:shown")).length).toBe(1);
  await dialog.getByRole("radiogroup", { name: NPS }).getByRole("radio", { name: "7", exact: true }).click();
  await button(dialog, "Close").click();
  await expect(launcher).toBeVisible();
  await expect(launcher).toBeFocused();
  await launcher.click();
  await expect(dialog.getByRole("radiogroup", { name: NPS }).getByRole("radio", { name: "7" }), "the answer is still there").toBeChecked();
});
