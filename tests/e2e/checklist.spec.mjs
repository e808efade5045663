// A mystery-shopper visit on a phone (390 x 844), data-mode="page", template:mystery-shop.
// The page and the widget's files come from one origin, as a visit link would: the
// service worker keeps them, so the visit opens, is completed (with a reload in the
// middle) and is submitted with the network off; it is delivered when the network
// returns, and the payload's scores equal the ones worked out here by hand.
import { expect, test } from "@playwright/test";
import { audit, button, readVisits, serveBuild, widget } from "./support.mjs";
import { servePages, startCollector } from "../../tools/serve.mjs";
import { bigChecklist } from "../../tools/bench/checklist.mjs";

const SHOTS = process.env.SEDA_SHOTS ?? "test-results";

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

let site, collector;
test.beforeAll(async () => {
  [site, collector] = await Promise.all([servePages(), startCollector()]);
  // The built files, served beside the visit page.
  serveBuild(site);
});
test.afterAll(async () => {
  await Promise.all([site?.close(), collector?.close()]);
});
test.beforeEach(() => collector.reset());

function visitPage(name, attrs) {
  const data = Object.entries(attrs).map(([k, v]) => ` data-${k}="${v}"`).join("");
  // no-cache: the page may be kept on the device (the test server's default, no-store, forbids it).
  site.pages.set(`/${name}.html`, { headers: { "Cache-Control": "no-cache" }, html: `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Store visit</title><link rel="icon" href="data:,"></head>
<body><main><h1>Store visit</h1><script src="/seda.js" async data-form="template:mystery-shop" data-mode="page"${data}></script></main></body></html>` });
  return site.url(`/${name}.html`);
}

/** A visit page whose tag shows the checklist `form`, given inline. */
function formPage(name, form, attrs = {}) {
  const data = Object.entries(attrs).map(([k, v]) => ` data-${k}="${v}"`).join("");
  site.pages.set(`/${name}.html`, `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${form.id}</title><link rel="icon" href="data:,"></head>
<body><script type="application/json" id="visit">${JSON.stringify(form)}</script><script src="/seda.js" async data-form="#visit" data-mode="page"${data}></script></body></html>`);
  return site.url(`/${name}.html`);
}

/** The fieldset of the item whose title is `title`. */
const item = (page, title) => widget(page).locator("fieldset.seda-cl-item").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
const pick = (page, title, label) => item(page, title).getByRole("radio", { name: label, exact: true }).check();

/** Hundredths, rounded half up, as a number with at most two decimals. */
const h = (x) => Math.round(x * 100 + 1e-9) / 100;

test("a full visit offline, with a reload in the middle, scores as worked out by hand once delivered", async ({ page, context }) => {
  test.setTimeout(90_000);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const url = visitPage("visit", { endpoint: collector.url("/responses") }) + "?shopper=S-17&assignment=A-9&location=north";

  // Online once: the service worker installs and keeps the files and this page.
  await page.goto(url);
  const w = widget(page);
  await expect(w.getByRole("heading", { name: "Visit details" })).toBeVisible();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    for (let i = 0; i < 100 && !(await caches.match(location.href)); i++) await new Promise((r) => setTimeout(r, 50));
  });

  await context.setOffline(true);
  await page.reload();
  await expect(w.getByRole("heading", { name: "Visit details" }), "the visit opens with no network").toBeVisible();
  // The visit record comes from the link.
  await expect(w.getByLabel("Location")).toHaveValue("north");
  await expect(w.getByLabel("Shopper ID")).toHaveValue("S-17");
  await expect(w.getByLabel("Assignment")).toHaveValue("A-9");
  await expect(w.getByRole("textbox", { name: /staff/i }), "no staff-name field by default").toHaveCount(0);
  await button(w, "Record time in").click();
  await expect(w.locator(".seda-cl-time__value")).toHaveText(/^Time in: \d{1,2}:\d\d/);
  await audit(page, "the visit details");
  await button(w, "Start the checklist").click();

  // Arrival: greeted after 78 s (standard 30 s, no credit from 90 s): 20 % of the credit,
  // below the 50 % a graded measure needs, so it fails and a comment of at least 10
  // characters is asked for.
  await expect(w.getByRole("heading", { name: "Arrival and greeting" })).toBeFocused();
  await pick(page, "Was the entrance clear, clean and well lit?", "Yes");
  const greet = item(page, "Seconds until a member of staff greeted you");
  await greet.locator("input.seda-cl-measure__input").fill("78");
  await greet.locator("input.seda-cl-measure__input").press("Tab");
  await expect(greet).toHaveClass(/seda-cl-item--failed/);
  await expect(greet.getByText("Below standard")).toBeVisible();
  await greet.getByLabel(/Comment \(required/).fill("Staff were restocking shelves");
  await pick(page, "Was the greeting friendly, with eye contact?", "Yes");
  await expect(w.locator(".seda-cl-bar__section")).toHaveText("Section 60 %");
  await audit(page, "a section with a failed item");
  await greet.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/checklist-section-390.png` });
  await button(w, "Next").click();

  // Waiting: nobody ahead, so neither item happened.
  await expect(w.getByRole("heading", { name: "Waiting time" })).toBeFocused();
  await item(page, "Seconds waited before being served").getByRole("checkbox", { name: "Did not happen" }).check();
  await pick(page, "While you waited, did staff acknowledge you?", "N/A");
  await expect(w.locator(".seda-cl-bar__section")).toHaveText("Section –");

  // A reload mid-visit, still offline: the visit comes back where it was, answers kept.
  await page.reload();
  await expect(w.getByRole("heading", { name: "Waiting time" })).toBeVisible();
  await expect(item(page, "Seconds waited before being served").getByRole("checkbox", { name: "Did not happen" })).toBeChecked();
  await button(w, "Back").click();
  await expect(item(page, "Seconds until a member of staff greeted you").locator("input.seda-cl-measure__input")).toHaveValue("78");
  await expect(item(page, "Seconds until a member of staff greeted you").getByLabel(/Comment/)).toHaveValue("Staff were restocking shelves");
  await button(w, "Next").click();
  await button(w, "Next").click();

  // Staff.
  await expect(w.getByRole("heading", { name: "Staff knowledge and helpfulness" })).toBeFocused();
  await pick(page, "Did the assistant ask about your needs before recommending?", "Yes");
  await pick(page, "How well did the assistant know the product?", "Answered most questions");
  await pick(page, "Was everything you were told accurate (price, stock, warranty)?", "Yes");
  const offers = item(page, "Which of these did the assistant offer?");
  await offers.getByRole("checkbox", { name: "An alternative product" }).check();
  await offers.getByRole("checkbox", { name: "The returns policy" }).check();
  await pick(page, "Overall, how helpful was the assistant?", "4");
  await pick(page, "Bonus: did the assistant go beyond what was expected (walked you to the shelf, ordered it in)?", "Yes");
  await button(w, "Next").click();

  // Cleanliness: a dirty floor needs a photo.
  await pick(page, "Were the floors and aisles clean and free of boxes?", "No");
  const floor = item(page, "Were the floors and aisles clean and free of boxes?");
  await expect(floor.getByText("Photo (required)")).toBeVisible();
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGM4o6QERwzEcQDE4xEBYJBBnwAAAABJRU5ErkJggg==",
    "base64",
  );
  await floor.locator("input[type=file]").setInputFiles({ name: "floor.png", mimeType: "image/png", buffer: png });
  await expect(floor.locator("img.seda-cl-photo")).toBeVisible();
  await pick(page, "Were the shelves full and tidy?", "Yes");
  await pick(page, "Was every product you looked at clearly priced?", "Yes");
  await button(w, "Next").click();

  // The till: the wait timed with the stopwatch (about a second; the standard is 2 minutes).
  const till = item(page, "Seconds waited at the till");
  await till.getByRole("button", { name: "Start stopwatch" }).click();
  await page.waitForTimeout(1_200);
  await till.getByRole("button", { name: /Stop and fill in/ }).click();
  await expect(till.locator("input.seda-cl-measure__input")).toHaveValue(/^[12]$/);
  await pick(page, "Were you charged the right amount?", "Yes");
  await pick(page, "Were you offered a receipt?", "Yes");
  await pick(page, "Did the cashier thank you?", "Yes");
  await pick(page, "Were you invited to come back?", "No");
  await expect(item(page, "Were you invited to come back?")).toHaveClass(/seda-cl-item--failed/);
  await button(w, "Next").click();

  // The staged complaint.
  await pick(page, "Did they listen without interrupting?", "Yes");
  await pick(page, "Did they apologise?", "Yes");
  await pick(page, "What did they offer?", "Called a manager who resolved it");
  const resolve = item(page, "Minutes until it was resolved");
  await resolve.locator("input.seda-cl-measure__input").fill("10");
  await resolve.locator("input.seda-cl-measure__input").press("Tab");
  await pick(page, "Were you told what happens next, or given a reference?", "No");
  await button(w, "Next").click();

  // Review: nothing missing; time out; submit with the network still off.
  await expect(w.getByRole("heading", { name: "Review and submit" })).toBeFocused();
  await expect(w.getByText("Everything required is answered. You can submit.")).toBeVisible();
  await audit(page, "the review");
  await page.screenshot({ path: `${SHOTS}/checklist-review-390.png`, fullPage: false });
  await button(w, "Record time out").click();
  await button(w, "Submit report").click();
  await expect(w.getByRole("heading", { name: "Visit recorded" })).toBeVisible();
  await expect(w.getByText("Saved on this device. It will be sent automatically.")).toBeVisible();
  await expect(w.locator(".seda-cl-summary")).toHaveText("Overall 76 % Needs work");
  await page.waitForTimeout(1_000);
  expect(collector.received, "nothing is sent while offline").toHaveLength(0);

  await context.setOffline(false);
  const [sent] = await collector.waitFor(1, 15_000);
  const r = sent.body;

  // Scores by hand, in points (weights from the template):
  const greetCredit = (90 - 78) / (90 - 30); // graded: 0.2
  const sections = {
    arrival: { earned: 1 + 2 * greetCredit + 1, possible: 1 + 2 + 1 },
    waiting: { earned: 0, possible: 0 }, // both N/A
    // needs 2, knowledge 2 of 3 points x weight 3, accurate 2, offers 2 of 4 x 2, helpful (4-1)/(5-1) x 2, bonus +1
    staff: { earned: 2 + 3 * (2 / 3) + 2 + 2 * (2 / 4) + 2 * (3 / 4) + 1, possible: 2 + 3 + 2 + 2 + 2 },
    cleanliness: { earned: 0 + 1 + 1, possible: 3 },
    till: { earned: 1 + 2 + 1 + 2 + 0, possible: 1 + 2 + 1 + 2 + 1 },
    // listened 2, apologised 1, resolution 2 of 3 x 3, 10 min graded 5..15 = 0.5 x 2, next steps 0
    complaint: { earned: 2 + 1 + 3 * (2 / 3) + 2 * ((15 - 10) / (15 - 5)) + 0, possible: 2 + 1 + 3 + 2 + 1 },
  };
  const earned = Object.values(sections).reduce((a, s) => a + s.earned, 0);
  const possible = Object.values(sections).reduce((a, s) => a + s.possible, 0);
  const overall = h((h(earned) / possible) * 100);
  expect(overall).toBe(76.18);

  expect(r).toMatchObject({ form_id: "mystery-shop", form_version: 1, kind: "checklist" });
  const c = r.checklist;
  expect(c.score).toBe(overall);
  expect(c.earned).toBe(h(earned));
  expect(c.possible).toBe(possible);
  expect(c.outcome).toBe("needs_work");
  expect(c.pass).toBe(true);
  expect(c.method).toBe("pooled");
  expect(c.sections.map((s) => [s.id, s.score])).toEqual(
    Object.entries(sections).map(([id, s]) => [id, s.possible ? h((h(s.earned) / s.possible) * 100) : null]),
  );
  expect(c.items.greet_time).toMatchObject({ answer: 78, credit: 0.2, earned: 0.4, possible: 2, failed: true, comment: "Staff were restocking shelves" });
  // Half the credit of a graded measure is not a failure (fail_below 50 by default).
  expect(c.items.resolve_time).toMatchObject({ credit: 0.5, failed: false });
  expect(c.items.queue_time).toMatchObject({ answer: "n/a", credit: null, earned: 0, possible: 0 });
  expect(c.items.extra_mile).toMatchObject({ answer: true, earned: 1, possible: 0, bonus: true });
  expect(c.items.floor.photos).toEqual([{ data: expect.stringMatching(/^data:image\/jpeg;base64,/), at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) }]);
  expect(c.items.resolve_time).toMatchObject({ answer: 10, credit: 0.5, earned: 1 });
  for (const [id, it] of Object.entries(c.items)) {
    if (it.answer !== null) expect(it.at, `${id} has a timestamp`).toMatch(/^\d{4}-\d\d-\d\dT/);
  }
  expect(r.answers).toMatchObject({ entrance: true, greet_time: 78, knowledge: "adequate", offers: ["alternative", "returns"], helpful: 4 });
  expect(c.visit).toMatchObject({ location: "north", shopper: "S-17", assignment: "A-9" });
  expect(Date.parse(c.visit.time_out)).toBeGreaterThanOrEqual(Date.parse(c.visit.time_in));
  expect(c.visit.geo, "no position without consent").toBeUndefined();

  // The draft is gone once the report is stored for sending.
  await expect.poll(async () => (await readVisits(page)).map((v) => v.id)).toEqual([]);
  expect(await page.evaluate(() => localStorage.getItem("seda:visit:mystery-shop"))).toBeNull();
  expect(errors).toEqual([]);
});

test("in Persian: right to left, Persian digits, the review lists what is missing and links to it", async ({ page }) => {
  await page.goto(visitPage("visit-fa", { locale: "fa", endpoint: collector.url("/responses") }));
  const w = widget(page);
  await expect(w.getByRole("heading", { name: "مشخصات بازدید" })).toBeVisible();
  await expect(w.locator(".seda-cl")).toHaveAttribute("dir", "rtl");
  await expect(w.getByLabel("مکان")).toHaveValue("");
  await button(w, "شروع چک‌لیست").click();
  await expect(w.locator(".seda-cl-bar__where")).toHaveText("بخش ۱ از ۶");
  await pick(page, "ورودی باز، تمیز و پرنور بود؟", "خیر");
  await expect(w.locator(".seda-cl-bar__section")).toHaveText("این بخش ۰٪");
  await audit(page, "a section in Persian");
  await page.screenshot({ path: `${SHOTS}/checklist-fa-390.png` });
  // Straight to the review: everything else is missing.
  for (let i = 0; i < 6; i++) await button(w, "بعدی").click();
  await expect(w.getByRole("heading", { name: "بازبینی و ارسال" })).toBeFocused();
  const problems = w.locator(".seda-cl-problems li");
  await expect(problems.first()).toBeVisible();
  const count = await problems.count();
  expect(count).toBeGreaterThan(15);
  await expect(w.locator(".seda-cl-problems__title")).toContainText("مورد پیش از ارسال باید کامل شود");
  await audit(page, "the review with missing items (fa)");
  // Submit refuses and sends focus to the first missing item; its link opens it.
  await button(w, "ارسال گزارش").click();
  await expect(problems.first().getByRole("button")).toBeFocused();
  await problems.first().getByRole("button").press("Enter");
  await expect(w.getByRole("heading", { name: "چند ثانیه تا خوشامدگویی یکی از کارکنان" })).toBeFocused();
  expect(collector.received).toHaveLength(0);
});

test("a long section is drawn in runs of 20 items, laid out only near the screen, each item still reachable", async ({ page }) => {
  await page.goto(formPage("long", bigChecklist(45)));
  const w = widget(page);
  await button(w, "Start the checklist").click();
  await expect(w.locator("fieldset.seda-cl-item")).toHaveCount(45);
  // The browser skips the runs, not each item: once fields are added, Chromium's autofill
  // asks where each one is, and the browser laid skipped items out one at a time to answer.
  const runs = await w.locator(".seda-cl-run").evaluateAll((all) =>
    all.map((run) => [run.querySelectorAll("fieldset.seda-cl-item").length, getComputedStyle(run).contentVisibility]),
  );
  expect(runs).toEqual([[20, "auto"], [20, "auto"], [5, "auto"]]);
  expect(await w.locator("fieldset.seda-cl-item").evaluateAll((all) => all.filter((i) => getComputedStyle(i).contentVisibility !== "visible").length)).toBe(0);
  // The last item, in a run far below the screen, is in the accessibility tree and answers.
  const last = item(page, "Item 45: was the standard met?");
  await expect(last).toHaveAccessibleName("Item 45: was the standard met?");
  await last.getByRole("radio", { name: "No", exact: true }).check();
  await expect(last).toHaveClass(/seda-cl-item--failed/);
  // The review's link to a missing item far down opens the section at that item.
  await button(w, "Next").click();
  await w.locator(".seda-cl-problems li").getByRole("button", { name: /Item 44:/ }).click();
  const title = w.getByRole("heading", { name: "Item 44: was the standard met?", exact: true });
  await expect(title).toBeFocused();
  await expect(title).toBeInViewport();
});

test("times not yet recorded say so, a comment of one character is one, and a missing comment's link opens its box", async ({ page }) => {
  const form = {
    seda: 1, id: "two-items", version: 1, kind: "checklist", locale: "en", title: "Two items",
    scoring: { bands: [{ id: "fail", min: 0, below: 70, pass: false }, { id: "pass", min: 70, pass: true }] },
    sections: [{ id: "shop", title: "The shop", items: [
      { id: "clean", type: "yes_no", title: "Was the floor clean?", comment: "when_failed" },
      { id: "tidy", type: "yes_no", title: "Were the shelves tidy?", comment: "when_failed", comment_min_length: 3 },
    ] }],
  };
  await page.goto(formPage("two", form));
  const w = widget(page);
  await expect(w.locator(".seda-cl-time__value")).toHaveText("Time in: not yet");
  await button(w, "Start the checklist").click();
  await pick(page, "Was the floor clean?", "No");
  await pick(page, "Were the shelves tidy?", "No");
  await expect(item(page, "Was the floor clean?").locator("label.seda-cl-label")).toHaveText("Comment (required, at least 1 character)");
  await expect(item(page, "Were the shelves tidy?").locator("label.seda-cl-label")).toHaveText("Comment (required, at least 3 characters)");
  await item(page, "Were the shelves tidy?").getByLabel(/Comment/).fill("Gaps on two shelves");
  await button(w, "Next").click();
  await expect(w.getByRole("heading", { name: "Review and submit" })).toBeFocused();
  await expect(w.locator(".seda-cl-time__value")).toHaveText("Time out: not yet");
  // The link to a missing comment opens the section with the item's comment box focused.
  await w.locator(".seda-cl-problems li").getByRole("button", { name: "The shop › Was the floor clean?: Comment missing or too short" }).click();
  await expect(item(page, "Was the floor clean?").getByRole("textbox", { name: "Comment (required, at least 1 character)" })).toBeFocused();
  await page.keyboard.type("Wet by the door");
  await button(w, "Next").click();
  await expect(w.getByText("Everything required is answered. You can submit.")).toBeVisible();
  await button(w, "Record time out").click();
  await expect(w.locator(".seda-cl-time__value")).toHaveText(/^Time out: \d{1,2}:\d\d/);
});

test("in Persian, times not yet recorded say so", async ({ page }) => {
  await page.goto(visitPage("visit-fa-times", { locale: "fa", endpoint: collector.url("/responses") }));
  const w = widget(page);
  await expect(w.locator(".seda-cl-time__value")).toHaveText("زمان ورود: هنوز ثبت نشده");
  await button(w, "شروع چک‌لیست").click();
  for (let i = 0; i < 6; i++) await button(w, "بعدی").click();
  await expect(w.getByRole("heading", { name: "بازبینی و ارسال" })).toBeFocused();
  await expect(w.locator(".seda-cl-time__value")).toHaveText("زمان خروج: هنوز ثبت نشده");
});

/** A one-item checklist whose visit record is `visit` (geolocation, staff_names). */
const oneItem = (visit) => ({
  seda: 1, id: "quick-visit", version: 1, kind: "checklist", locale: "en", title: "Quick visit", visit,
  sections: [{ id: "shop", title: "The shop", items: [{ id: "clean", type: "yes_no", title: "Was the floor clean?" }] }],
});

/** Answers the one item, submits the visit, and returns the payload the endpoint received. */
async function submitOneItem(page) {
  const w = widget(page);
  await button(w, "Start the checklist").click();
  await pick(page, "Was the floor clean?", "Yes");
  await button(w, "Next").click();
  await button(w, "Submit report").click();
  await expect(w.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  const [sent] = await collector.waitFor(1, 15_000);
  return sent.body;
}

test("allowed, Share my position records the position and the payload carries it; staff_names adds a labelled field", async ({ page, context }) => {
  await context.grantPermissions(["geolocation"], { origin: new URL(site.url("/")).origin });
  await context.setGeolocation({ latitude: 35.699731, longitude: 51.338051, accuracy: 12 });
  await page.goto(formPage("geo-allowed", oneItem({ geolocation: true, staff_names: true }), { endpoint: collector.url("/responses") }));
  const w = widget(page);
  const share = button(w, "Share my position");
  const said = w.locator(".seda-cl-geo [role=status]");
  await expect(share).toBeVisible();
  await expect(said, "nothing is asked before the shopper presses the button").toHaveText("");
  await share.click();
  await expect(said).toHaveText("Position recorded, accurate to 12 m");
  await expect(share).not.toHaveAttribute("aria-disabled", "true");
  const staff = w.getByRole("textbox", { name: "Staff met (names)" });
  await staff.fill("Sara, Reza");
  await staff.press("Tab");
  await audit(page, "the visit details with position and staff names");
  const r = await submitOneItem(page);
  expect(r.checklist.visit.geo).toEqual({ lat: 35.699731, lon: 51.338051, accuracy_m: 12 });
  expect(r.checklist.visit.staff).toBe("Sara, Reza");
});

test("refused, the shopper is told plainly, nothing is recorded and the visit still submits; no staff field unless asked for", async ({ page, context }) => {
  await context.clearPermissions();
  await page.goto(formPage("geo-refused", oneItem({ geolocation: true }), { endpoint: collector.url("/responses") }));
  const w = widget(page);
  await button(w, "Share my position").click();
  await expect(w.locator(".seda-cl-geo [role=status]")).toHaveText(
    "Position not allowed by this browser. You can still submit the report.",
  );
  await expect(w.getByRole("textbox", { name: /staff/i })).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem("seda:visit:quick-visit") ?? ""), "no position kept in the draft").not.toMatch(/"geo":"[^"]/);
  const r = await submitOneItem(page);
  expect(r.checklist.visit).not.toHaveProperty("geo");
  expect(r.checklist.visit).not.toHaveProperty("staff");
});

test("in Persian, a refused position is explained in Persian", async ({ page, context }) => {
  await context.clearPermissions();
  await page.goto(formPage("geo-refused-fa", { ...oneItem({ geolocation: true }), locale: "fa" }, { locale: "fa" }));
  const w = widget(page);
  await button(w, "اشتراک موقعیت من").click();
  await expect(w.locator(".seda-cl-geo [role=status]")).toHaveText(
    "این مرورگر اجازهٔ موقعیت را نمی‌دهد. گزارش را بدون آن هم می‌توانید بفرستید.",
  );
});

test("a measure is committed as it is typed: tapping the next item's answer moves nothing and is not lost", async ({ page }) => {
  await page.goto(visitPage("visit-tap", { endpoint: collector.url("/responses") }));
  const w = widget(page);
  await button(w, "Start the checklist").tap();
  const greet = item(page, "Seconds until a member of staff greeted you");
  const box = greet.locator("input.seda-cl-measure__input");
  await box.tap();
  await page.keyboard.type("78");
  const warm = item(page, "Was the greeting friendly, with eye contact?");
  const yes = warm.locator("label.seda-choice").filter({ hasText: /^Yes$/ });
  const frames = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  // The next item where the thumb reaches it, so the tap itself scrolls nothing.
  await warm.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await frames();
  const where = async () => {
    const [measured, next] = [await greet.boundingBox(), await warm.boundingBox()];
    return { onScreen: next.y, belowTheMeasure: next.y - measured.y };
  };
  const before = await where();
  // The tap takes the focus from the box: its blur and change come between touch and click.
  await yes.tap();
  await frames();
  expect(await where(), "the next item did not move when the box lost focus").toEqual(before);
  await expect(yes.getByRole("radio")).toBeChecked();
  await expect(box).toHaveValue("78");
  await expect(greet.getByText("Below standard")).toBeVisible();
  await expect(greet.getByLabel(/Comment \(required/)).toBeVisible();
  await expect(w.locator(".seda-cl-bar__section")).toHaveText("Section 47 %");
});
