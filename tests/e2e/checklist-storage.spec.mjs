// A checklist visit on a phone is kept in IndexedDB ("seda" / "visits"): it comes back
// after a reload, a visit an earlier version kept in localStorage is moved there, an item
// keeps several photos each with when it was taken (sent as `photos: [{data, at}]`),
// and a save that fails is said at once in an alert that goes when a save works again.
import { expect, test } from "@playwright/test";
import { button, outboxRecord, readOutbox, readVisits, seedOutbox, serveBuild, widget } from "./support.mjs";
import { servePages, startCollector } from "../../tools/serve.mjs";

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const FORM = {
  seda: 1, id: "shelves", version: 1, kind: "checklist", locale: "en", title: { en: "Shelf check", fa: "بررسی قفسه‌ها" },
  sections: [{ id: "shop", title: { en: "The shop", fa: "فروشگاه" }, items: [
    { id: "shelf", type: "yes_no", title: { en: "Were the shelves clean?", fa: "قفسه‌ها تمیز بودند؟" }, photo: "when_failed" },
  ] }],
};
const KEY = "seda:visit:shelves";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGM4o6QERwzEcQDE4xEBYJBBnwAAAABJRU5ErkJggg==", "base64");
const png = (n) => ({ name: `shelf-${n}.png`, mimeType: "image/png", buffer: PNG });
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

let site, collector;
test.beforeAll(async () => {
  [site, collector] = await Promise.all([servePages(), startCollector()]);
  serveBuild(site);
});
test.afterAll(async () => {
  await Promise.all([site?.close(), collector?.close()]);
});
test.beforeEach(() => collector.reset());

function visitPage(name, locale = "en") {
  site.pages.set(`/${name}.html`, `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Shelf check</title><link rel="icon" href="data:,"></head>
<body><script type="application/json" id="visit">${JSON.stringify(FORM)}</script>
<script src="/seda.js" async data-form="#visit" data-mode="page" data-locale="${locale}" data-endpoint="${collector.url("/responses")}"></script></body></html>`);
  return site.url(`/${name}.html`);
}

const shelf = (page) => widget(page).locator("fieldset.seda-cl-item");
/** The visit kept in IndexedDB, parsed (null if none). */
const kept = async (page) => {
  const v = (await readVisits(page)).find((r) => r.id === KEY);
  return v ? JSON.parse(v.text) : null;
};

test("the visit is kept in IndexedDB and comes back after a reload; one kept in localStorage by an earlier version is moved there", async ({ page }) => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(visitPage("keep"));
  const w = widget(page);
  await button(w, "Start the checklist").click();
  await shelf(page).getByRole("radio", { name: "No", exact: true }).check();
  await expect.poll(async () => (await kept(page))?.items?.shelf?.answer, { message: "the answer is in IndexedDB" }).toBe(false);
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY), "nothing in localStorage").toBeNull();
  await page.reload();
  await expect(shelf(page).getByRole("radio", { name: "No", exact: true }), "the visit comes back where it was").toBeChecked();

  // A visit as the earlier version kept it: in localStorage, with one `photo`.
  const legacy = {
    form_id: "shelves", form_version: 1, response_id: "0f8e6c1a-4d2b-4c3e-9a1f-2b3c4d5e6f70", started_at: "2026-11-23T09:58:00.000Z", section: 1,
    items: { shelf: { at: "2026-11-23T10:02:00.000Z", answer: true, comment: "", photo: `data:image/png;base64,${PNG.toString("base64")}` } },
    visit: { location: "north", shopper: "S-17", assignment: "", time_in: "2026-11-23T10:00:00.000Z", time_out: "", staff: "", geo: "" },
  };
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify(legacy)]);
  await page.reload();
  await expect(shelf(page).getByRole("radio", { name: "Yes", exact: true }), "the older visit is the one shown").toBeChecked();
  await expect(shelf(page).getByRole("img", { name: "Photo 1: Were the shelves clean?" }), "its photo is photo 1").toBeVisible();
  await expect(shelf(page).getByRole("button", { name: "Remove photo 1" })).toBeVisible();
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY), "moved out of localStorage").toBeNull();
  const moved = await kept(page);
  expect(moved.response_id).toBe(legacy.response_id);
  expect(moved.items.shelf.photos).toEqual([{ data: legacy.items.shelf.photo, at: "2026-11-23T10:02:00.000Z" }]);
  expect(moved.visit.shopper).toBe("S-17");
  expect(errors).toEqual([]);
});

test("an item takes several photos, each with its time, up to five; one can be removed; all reach the endpoint", async ({ page }) => {
  await page.goto(visitPage("photos"));
  const w = widget(page);
  await button(w, "Start the checklist").click();
  await shelf(page).getByRole("radio", { name: "No", exact: true }).check();
  const input = shelf(page).locator("input[type=file]");
  await input.setInputFiles([png(1), png(2), png(3)]);
  await expect(shelf(page).locator("img.seda-cl-photo")).toHaveCount(3);
  await expect(shelf(page).locator(".seda-cl-photos__at").first()).toHaveText(/^Taken \d{1,2}:\d\d/);
  await shelf(page).getByRole("button", { name: "Remove photo 2" }).click();
  await expect(shelf(page).locator("img.seda-cl-photo")).toHaveCount(2);
  await expect(shelf(page).getByRole("button", { name: "Remove photo 3" })).toHaveCount(0);
  // Four more: only three fit, and the input's note says why; another adds nothing.
  await input.setInputFiles([png(4), png(5), png(6), png(7)]);
  await expect(shelf(page).locator("img.seda-cl-photo")).toHaveCount(5);
  const note = shelf(page).getByRole("status").filter({ hasText: "5 photos is the most for one item: remove one to add another." });
  await expect(note).toBeVisible();
  await expect(input).toHaveAccessibleDescription("5 photos is the most for one item: remove one to add another.");
  await input.setInputFiles([png(8)]);
  await page.waitForTimeout(300);
  await expect(shelf(page).locator("img.seda-cl-photo")).toHaveCount(5);
  await shelf(page).getByRole("button", { name: "Remove photo 5" }).click();
  await expect(note).toHaveCount(0);

  // Kept with their times across a reload.
  await expect.poll(async () => (await kept(page))?.items?.shelf?.photos?.length).toBe(4);
  const before = (await kept(page)).items.shelf.photos;
  await page.reload();
  await expect(shelf(page).locator("img.seda-cl-photo")).toHaveCount(4);

  await button(w, "Next").click();
  await button(w, "Submit report").click();
  const [sent] = await collector.waitFor(1);
  const item = sent.body.checklist.items.shelf;
  expect(item.photos).toEqual(before);
  expect(item.photos).toHaveLength(4);
  for (const p of item.photos) {
    expect(p.data).toMatch(/^data:image\/jpeg;base64,/);
    expect(p.at).toMatch(ISO);
  }
  expect(item.photos.map((p) => p.at)).toEqual(item.photos.map((p) => p.at).sort());
  expect(item.photo, "the first photo also as `photo`, for endpoints that read one").toBe(item.photos[0].data);
  await expect.poll(() => kept(page), { message: "the visit is discarded once sent" }).toBeNull();
});

test("the database's upgrade adds the visits and keeps the outbox an earlier version left", async ({ page }) => {
  site.pages.set("/blank.html", "<!doctype html><title>blank</title>");
  await page.goto(site.url("/blank.html"));
  // An earlier version's database (version 1, "outbox" only) with a response that cannot go yet.
  const waiting = outboxRecord({ id: "6a0c2f4e-8b1d-4e3f-9a2b-1c3d5e7f9a0b", endpoint: "http://127.0.0.1:9/responses", createdAt: Date.now(), pageUrl: site.url("/blank.html") });
  expect(await seedOutbox(page, [waiting])).toBe(1);
  await page.goto(visitPage("upgrade"));
  await button(widget(page), "Start the checklist").click();
  await shelf(page).getByRole("radio", { name: "Yes", exact: true }).check();
  await expect.poll(async () => (await kept(page))?.items?.shelf?.answer).toBe(true);
  expect((await readOutbox(page)).map((r) => r.id)).toEqual([waiting.id]);
  expect(await page.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === "seda")?.version)).toBe(3);
});

const QUOTA = `(() => {
  const put = IDBObjectStore.prototype.put;
  window.failSaves = true;
  IDBObjectStore.prototype.put = function (...args) {
    if (window.failSaves && this.name === "visits") throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    return put.apply(this, args);
  };
})();`;

test("a save that fails is said at once in an alert, which goes when a save works again", async ({ page }) => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.addInitScript(QUOTA);
  await page.goto(visitPage("full"));
  const w = widget(page);
  const alert = w.getByRole("alert").filter({ hasText: "This visit is not being saved on this device." });
  await expect(alert, "said as the visit opens").toBeVisible();
  await expect(alert).toContainText("Keep this page open and submit the report now, or remove some photos.");
  await button(w, "Start the checklist").click();
  await page.evaluate(() => (window.failSaves = false));
  await shelf(page).getByRole("radio", { name: "Yes", exact: true }).check();
  await expect(alert, "gone once a save works").toHaveCount(0);
  await expect(w.getByRole("alert").first()).toHaveText("");
  expect((await kept(page)).items.shelf.answer).toBe(true);
  await page.evaluate(() => (window.failSaves = true));
  await shelf(page).getByRole("radio", { name: "No", exact: true }).check();
  await expect(alert).toBeVisible();
  expect((await kept(page)).items.shelf.answer, "the last save that worked is kept").toBe(true);
  expect(errors).toEqual([]);
});

test("in Persian, with IndexedDB refused, the visit still works and the alert says so", async ({ page }) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      throw new DOMException("The user denied permission to access the database.", "SecurityError");
    };
  });
  await page.goto(visitPage("refused-fa", "fa"));
  const w = widget(page);
  const alert = w.getByRole("alert").filter({ hasText: "این بازدید روی این دستگاه ذخیره نمی‌شود." });
  await expect(alert).toBeVisible();
  await expect(w.locator(".seda-cl")).toHaveAttribute("dir", "rtl");
  await button(w, "شروع چک‌لیست").click();
  await shelf(page).getByRole("radio", { name: "بله", exact: true }).check();
  await button(w, "بعدی").click();
  await button(w, "ارسال گزارش").click();
  const [sent] = await collector.waitFor(1);
  expect(sent.body.answers.shelf).toBe(true);
});
