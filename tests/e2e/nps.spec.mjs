// The NPS template embedded on a host site with one script tag: assets, host page and
// endpoint each on their own 127.0.0.1 origin.
import { expect, test } from "@playwright/test";
import {
  button,
  focused,
  hostPage,
  NPS,
  pick,
  recordSedaEvents,
  score,
  scoreGroup,
  tabTo,
  useOrigins,
  UUID_V4,
  watchConsole,
  widget,
} from "./support.mjs";

const o = useOrigins(test);

const npsPage = (attrs = {}, extra = {}) =>
  o.page(hostPage({ embed: o.embed({ form: "template:nps", endpoint: o.endpoint, ...attrs }), ...extra }));

const reasonBox = (page) => page.getByRole("textbox", { name: NPS.reason });
const thanks = (page) => page.getByRole("heading", { name: NPS.thanks });

async function answer(page, reason) {
  await expect(scoreGroup(page)).toBeVisible();
  await pick(page, 9);
  await expect(score(page, 9)).toBeChecked();
  await button(page, "Next").click();
  await reasonBox(page).fill(reason);
  await button(page, "Submit").click();
}

test("answers by role and label; the endpoint receives one contract-shaped POST", async ({ page }) => {
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  const url = npsPage();
  const before = Date.now();
  await page.goto(url);

  const host = page.locator("[data-seda-host]");
  await expect(scoreGroup(page)).toBeVisible();
  await expect(host).toHaveCount(1);
  expect(await host.evaluate((h) => h.shadowRoot?.mode)).toBe("open");
  await expect(scoreGroup(page).getByRole("radio")).toHaveCount(11);
  for (let n = 0; n <= 10; n++) await expect(score(page, n)).toHaveCount(1);

  await pick(page, 9);
  await expect(score(page, 9)).toBeChecked();
  await button(page, "Next").click();
  await expect(button(page, "Back")).toBeVisible();
  await reasonBox(page).fill("Fresh bread every day");
  await button(page, "Submit").click();
  await expect(thanks(page)).toBeVisible();

  const [post] = await o.collector.waitFor(1);
  await page.waitForTimeout(300);
  expect(o.collector.received).toHaveLength(1);
  expect(post.method).toBe("POST");
  expect(post.path).toBe("/responses");
  expect(post.headers["content-type"]).toMatch(/^application\/json\b/);

  const body = post.body;
  expect(body.id).toMatch(UUID_V4);
  expect(post.headers["idempotency-key"]).toBe(body.id);
  expect(body).toMatchObject({
    form_id: "nps",
    form_version: 1,
    kind: "survey",
    nps_category: "promoter",
    meta: { locale: "en", page_url: url },
  });
  expect(body.answers).toEqual({ recommend: 9, reason: "Fresh bread every day" });
  expect(body.meta.submitted_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)$/);
  const submittedAt = Date.parse(body.meta.submitted_at);
  expect(submittedAt).toBeGreaterThanOrEqual(before - 60_000);
  expect(submittedAt).toBeLessThanOrEqual(Date.now() + 60_000);

  expect(await events.of("seda:ready")).toHaveLength(1);
  const submitted = await events.of("seda:submit");
  expect(submitted).toHaveLength(1);
  expect(submitted[0].detail).toEqual(body);
  await expect.poll(async () => (await events.of("seda:complete")).length).toBe(1);
  expect(await events.of("seda:error")).toEqual([]);

  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("keyboard only: Tab into the group, arrows pick the score, Enter moves on and submits", async ({ page }) => {
  const log = watchConsole(page);
  await page.goto(npsPage());
  const group = scoreGroup(page);
  await expect(group).toBeVisible();

  await tabTo(page, group.getByRole("radio"));
  for (let i = 0; i < 12 && !(await score(page, 9).isChecked()); i++) {
    await page.keyboard.press("ArrowRight");
  }
  await expect(score(page, 9)).toBeChecked();
  await expect(score(page, 9)).toBeFocused();

  await tabTo(page, button(page, "Next"), 5);
  await page.keyboard.press("Enter");
  await expect(reasonBox(page)).toBeVisible();
  await tabTo(page, reasonBox(page), 10);
  await page.keyboard.type("Warm staff");
  await expect(reasonBox(page)).toHaveValue("Warm staff");

  await tabTo(page, button(page, "Submit"), 5);
  expect(await focused(page)).toMatchObject({ tag: "button" });
  await page.keyboard.press("Enter");
  await expect(thanks(page)).toBeVisible();

  const [post] = await o.collector.waitFor(1);
  expect(post.body.answers).toEqual({ recommend: 9, reason: "Warm staff" });
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("a failing endpoint: saved on the device, seda:error, then delivered once automatically", async ({ page }) => {
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  o.collector.queue.push({ status: 500 });
  await page.goto(npsPage());
  await answer(page, "Slow delivery");

  // Never a false success: thanks for answering, but the note says it is not sent yet.
  await expect(thanks(page)).toBeVisible();
  await expect(page.locator("[data-seda-host]").getByRole("status")).toHaveText("Saved on this device. It will be sent automatically.");
  await expect.poll(async () => (await events.of("seda:error")).length).toBe(1);
  const [error] = await events.of("seda:error");
  expect(error.detail.will_retry).toBe(true);
  expect(error.detail.response_id).toMatch(UUID_V4);

  // The outbox retries after about a second, without the visitor doing anything.
  await expect.poll(() => o.collector.delivered().length, { timeout: 10_000 }).toBe(1);
  const ids = new Set(o.collector.received.map((r) => r.body.id));
  expect(ids.size, "every attempt carries the same response id").toBe(1);
  expect(o.collector.received).toHaveLength(2);
  for (const r of o.collector.received) expect(r.headers["idempotency-key"]).toBe(r.body.id);
  expect(o.collector.delivered()[0].body.answers).toEqual({ recommend: 9, reason: "Slow delivery" });
  await expect.poll(async () => (await events.of("seda:complete")).length).toBe(1);
  expect(log.pageErrors).toEqual([]);
});

test("data-target renders inline inside the target element", async ({ page }) => {
  const log = watchConsole(page);
  const main = `<section id="feedback-slot"><h2>Tell us how we did</h2></section>`;
  await page.goto(npsPage({ target: "#feedback-slot" }, { main }));
  await expect(scoreGroup(page)).toBeVisible();
  await expect(page.locator("[data-seda-host]")).toHaveCount(1);
  await expect(page.locator("#feedback-slot [data-seda-host]")).toHaveCount(1);

  const slot = await page.locator("#feedback-slot").boundingBox();
  const group = await scoreGroup(page).boundingBox();
  expect(group.x).toBeGreaterThanOrEqual(slot.x - 1);
  expect(group.y).toBeGreaterThanOrEqual(slot.y - 1);
  expect(group.x + group.width).toBeLessThanOrEqual(slot.x + slot.width + 1);
  expect(group.y + group.height).toBeLessThanOrEqual(slot.y + slot.height + 1);

  await answer(page, "Inline works");
  await expect(thanks(page)).toBeVisible();
  await o.collector.waitFor(1);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

const WATCHED = ["html", "body", "#site-header", "#site-title", "#site-nav", "#intro", "#host-button", "#host-count", "#site-footer"];
const PROPS = [
  "display", "position", "font-family", "font-size", "font-weight", "line-height", "letter-spacing",
  "text-transform", "color", "background-color", "margin-top", "margin-bottom", "padding-top",
  "padding-left", "border-top-width", "width", "height", "overflow-x", "overflow-y",
];

const snapshot = (page) =>
  page.evaluate(
    ([selectors, props]) => ({
      elements: selectors.map((sel) => {
        const el = document.querySelector(sel);
        const cs = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return {
          sel,
          box: [r.x, r.y, r.width, r.height],
          style: Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)])),
        };
      }),
      scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
      globals: Object.getOwnPropertyNames(window),
    }),
    [WATCHED, PROPS],
  );

test("the host page is unchanged: styles, layout and globals", async ({ page }) => {
  await page.goto(o.page(hostPage()));
  const baseline = await snapshot(page);

  await page.goto(npsPage());
  await expect(scoreGroup(page)).toBeVisible();
  const after = await snapshot(page);

  expect(after.elements).toEqual(baseline.elements);
  expect(after.scroll).toEqual(baseline.scroll);
  const added = after.globals.filter((g) => !baseline.globals.includes(g));
  const removed = baseline.globals.filter((g) => !after.globals.includes(g));
  expect(removed).toEqual([]);
  expect(added.filter((g) => g !== "Seda"), "new window properties").toEqual([]);
});

test("a malformed inline form shows the failing path and leaves the host working", async ({ page }) => {
  const log = watchConsole(page);
  const form = {
    seda: 1,
    id: "x",
    version: 1,
    kind: "survey",
    questions: [{ id: "q", type: "rating", title: "T", scale: { min: 5, max: "high" } }],
  };
  const main = `<script type="application/json" id="bad-form">${JSON.stringify(form)}</script>`;
  await page.goto(npsPage({ form: "bad-form" }, { main }));

  await expect(page.getByText("questions[0].scale.max")).toBeVisible();
  await expect
    .poll(() => log.errors.some((e) => e.includes("questions[0].scale.max")), { message: "console error with the path" })
    .toBe(true);
  await page.locator("#host-button").click();
  await page.locator("#host-button").click();
  await expect(page.locator("#host-count")).toHaveText("2");
  expect(log.pageErrors).toEqual([]);
  expect(o.collector.received).toHaveLength(0);
});

test("the floating card closes with its Close button", async ({ page }) => {
  const log = watchConsole(page);
  await page.goto(npsPage());
  await expect(scoreGroup(page)).toBeVisible();
  await button(page, "Close").click();
  await expect(scoreGroup(page)).toHaveCount(0);
  await expect(button(page, "Close")).toHaveCount(0);
  await page.locator("#host-button").click();
  await expect(page.locator("#host-count")).toHaveText("1");
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("phone and desktop screenshots; the whole scale fits a 390 px wide screen", async ({ page }, testInfo) => {
  const url = npsPage();
  for (const [width, height] of [[390, 844], [1280, 800]]) {
    await page.setViewportSize({ width, height });
    await page.goto(url);
    await expect(scoreGroup(page)).toBeVisible();
    // The widget's own scale: the first screen's copy before it goes in one task, and a box
    // measured across that is none.
    await expect(page.locator("[data-seda-host]")).toHaveCount(1);
    if (width === 390) {
      for (const n of [0, 10]) {
        const box = await score(page, n).boundingBox();
        expect(box, `radio ${n} has a box`).not.toBeNull();
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
        expect(box.y + box.height).toBeLessThanOrEqual(height);
      }
    }
    const path = testInfo.outputPath(`nps-${width}x${height}.png`);
    await page.screenshot({ path, animations: "disabled" });
    await testInfo.attach(`nps-${width}x${height}`, { path, contentType: "image/png" });
  }
});

test("without data-endpoint the response is kept in localStorage seda:inbox", async ({ page }) => {
  const log = watchConsole(page);
  const url = npsPage({ endpoint: null });
  await page.goto(url);
  await answer(page, "Kept locally");
  await expect(thanks(page)).toBeVisible();

  const inbox = JSON.parse(await page.evaluate(() => localStorage.getItem("seda:inbox")));
  expect(Array.isArray(inbox)).toBe(true);
  expect(inbox).toHaveLength(1);
  expect(inbox[0].id).toMatch(UUID_V4);
  expect(inbox[0]).toMatchObject({
    form_id: "nps",
    kind: "survey",
    answers: { recommend: 9, reason: "Kept locally" },
    nps_category: "promoter",
    meta: { locale: "en", page_url: url },
  });
  expect(o.collector.received).toHaveLength(0);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

for (const locale of ["fa", "en"]) {
  test(`each score's radio covers its tile, so a click where the radio is picks that score (${locale})`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(npsPage({ locale }));
    const w = widget(page);
    if (locale === "fa") await expect(w.locator(".seda-root")).toHaveAttribute("dir", "rtl");
    const radios = w.locator(".seda-scale__option input[type=radio]");
    await expect(radios).toHaveCount(11);
    for (const n of [0, 4, 10]) {
      const radio = radios.nth(n);
      const box = await radio.boundingBox();
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await expect(radio, `a click at radio ${n}'s own centre picks it`).toBeChecked();
      const tile = await w.locator(".seda-scale__option").nth(n).boundingBox();
      expect(box, `radio ${n} is the size of its tile`).toEqual(tile);
      // Unseen: the tile's drawing is what shows.
      expect(await radio.evaluate((el) => getComputedStyle(el).opacity)).toBe("0");
    }
  });
}
