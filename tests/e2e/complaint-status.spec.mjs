// template:complaint-status: a complainant looks a complaint up by its reference code and the
// contact they gave, against a status endpoint mocked with page.route (found, not found, a
// network failure tried again, a resolved case whose satisfaction question is posted as a
// complaint-csat response with the reference hidden, and the lookup in Persian).
import { expect, test } from "@playwright/test";
import { audit, button, hostPage, recordSedaEvents, useOrigins, watchConsole, widget } from "./support.mjs";

const o = useOrigins(test);

const EN = {
  reference: "Reference code",
  contact: "Your email or phone number",
  look: "Look it up",
  csat: "How satisfied are you with how we handled your complaint?",
};
const FA = {
  reference: "کد پیگیری",
  contact: "ایمیل یا شمارهٔ تلفن شما",
  look: "پیگیری",
};

const CASE = {
  reference: "K7Q4-MZ8P",
  status: "in_progress",
  received_at: "2026-12-01T09:30:00Z",
  updated_at: "2026-12-02T10:15:00Z",
  reply: "We have found the delivery driver's notes and are checking them.",
  reply_at: "2026-12-02T10:15:00Z",
  csat: { form: "complaint-csat", asked: false, answered: false },
};

/**
 * Answers POST <status endpoint> with `answer(body)`: `{status, json}`, or "abort" for a
 * network failure. Returns the bodies the widget sent.
 */
async function mockStatus(page, answer) {
  const asked = [];
  await page.route(o.collector.url("/complaint-status"), async (route) => {
    const request = route.request();
    const cors = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "content-type, accept", "Access-Control-Allow-Methods": "POST" };
    if (request.method() === "OPTIONS") return route.fulfill({ status: 204, headers: cors });
    const body = JSON.parse(request.postData());
    asked.push(body);
    const reply = answer(body, asked.length);
    if (reply === "abort") return route.abort("internetdisconnected");
    await route.fulfill({ status: reply.status, headers: { ...cors, "Content-Type": "application/json" }, body: JSON.stringify(reply.json) });
  });
  return asked;
}

/** A plain host page (so axe's findings are the widget's own) with the lookup inline. */
const lookupPage = (attrs = {}) =>
  o.page(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Your complaint</h1><div id="slot"></div></main>
${o.embed({ form: "template:complaint-status", endpoint: o.endpoint, target: "#slot", ...attrs })}</body></html>`);

const focusedText = (page) => page.evaluate(() => document.querySelector("[data-seda-host]").shadowRoot.activeElement?.textContent);

test("a complaint is found by its reference and contact, and its state and reply are shown", async ({ page }) => {
  const log = watchConsole(page);
  const asked = await mockStatus(page, () => ({ status: 200, json: CASE }));
  await page.goto(lookupPage());
  const w = widget(page);
  await expect(w.getByText("Follow your complaint")).toBeVisible();
  // The fields validate before anything is asked.
  await button(w, EN.look).click();
  await expect(w.getByText("Please fill this in.")).toHaveCount(2);
  await expect(w.getByRole("textbox", { name: EN.reference })).toBeFocused();
  await w.getByRole("textbox", { name: EN.reference }).fill("K7Q0-MZ8P");
  await w.getByRole("textbox", { name: EN.contact }).fill("12");
  await button(w, EN.look).click();
  await expect(w.getByText("A reference code has 8 letters and digits, such as K7Q4-MZ8P.")).toBeVisible();
  await expect(w.getByText("Enter an email address, or at least the last 4 digits of your phone number.")).toBeVisible();
  await expect(w.getByRole("textbox", { name: EN.reference })).toHaveAttribute("aria-invalid", "true");
  expect(asked).toEqual([]);

  // Typed loosely: lower case, no dash.
  await w.getByRole("textbox", { name: EN.reference }).fill(" k7q4 mz8p ");
  await w.getByRole("textbox", { name: EN.contact }).fill("Ana@Example.com");
  await button(w, EN.look).click();
  await expect(w.getByRole("heading", { name: "Complaint K7Q4-MZ8P" })).toBeVisible();
  expect(asked).toEqual([{ reference: "K7Q4-MZ8P", contact: "Ana@Example.com" }]);
  await expect.poll(() => focusedText(page), "focus on the result's heading").toBe("Complaint K7Q4-MZ8P");
  await expect(w.getByRole("status").filter({ hasText: "Status: In progress" })).toHaveCount(1);
  await expect(w.locator(".seda-lookup__state")).toHaveText("In progress");
  await expect(w.getByText("2026-12-01")).toBeVisible();
  await expect(w.getByText(CASE.reply)).toBeVisible();
  await expect(w.getByText(EN.csat), "not asked before the case is resolved").toHaveCount(0);
  await audit(page, "complaint status found");
  expect(log.pageErrors).toEqual([]);
});

test("no match says so without telling which field is wrong", async ({ page }) => {
  const asked = await mockStatus(page, () => ({ status: 404, json: { type: "not-found", title: "no complaint has this reference and contact" } }));
  await page.goto(lookupPage());
  const w = widget(page);
  await w.getByRole("textbox", { name: EN.reference }).fill("K7Q4-MZ8P");
  await w.getByRole("textbox", { name: EN.contact }).fill("+98 912 123 4567");
  await button(w, EN.look).click();
  await expect(w.getByRole("alert").filter({ hasText: "No complaint matches that reference and contact" })).toBeVisible();
  expect(asked).toEqual([{ reference: "K7Q4-MZ8P", contact: "989121234567" }]);
  await expect(w.getByRole("heading", { name: /^Complaint / })).toHaveCount(0);
});

test("a network failure is told and the lookup can be tried again", async ({ page }) => {
  const asked = await mockStatus(page, (_, n) => (n === 1 ? "abort" : { status: 200, json: { ...CASE, status: "acknowledged", reply: null } }));
  await page.goto(lookupPage());
  const w = widget(page);
  await w.getByRole("textbox", { name: EN.reference }).fill("K7Q4MZ8P");
  await w.getByRole("textbox", { name: EN.contact }).fill("4567");
  await button(w, EN.look).click();
  await expect(w.getByRole("alert").filter({ hasText: "We could not look your complaint up just now." })).toBeVisible();
  await button(w, "Try again").click();
  await expect(w.locator(".seda-lookup__state")).toHaveText("Acknowledged");
  await expect(w.getByText("We have not replied yet.", { exact: false })).toBeVisible();
  expect(asked).toHaveLength(2);
});

test("a resolved case asks how it was handled, posted as complaint-csat with the reference hidden", async ({ page }) => {
  test.setTimeout(45_000);
  const events = await recordSedaEvents(page);
  await mockStatus(page, () => ({ status: 200, json: { ...CASE, status: "resolved", csat: { form: "complaint-csat", asked: true, answered: false } } }));
  await page.goto(lookupPage());
  const w = widget(page);
  await w.getByRole("textbox", { name: EN.reference }).fill("K7Q4-MZ8P");
  await w.getByRole("textbox", { name: EN.contact }).fill("ana@example.com");
  await button(w, EN.look).click();
  await expect(w.locator(".seda-lookup__state")).toHaveText("Resolved");
  const question = w.getByRole("radiogroup", { name: EN.csat }).or(w.getByRole("group", { name: EN.csat }));
  await expect(question).toBeVisible();
  await button(w, "Submit").click();
  await expect(w.getByText("Please answer this question.")).toBeVisible();
  await question.locator("label").filter({ has: page.getByRole("radio", { name: "4", exact: true }) }).click();
  // Typing in the lookup's fields leaves the case and the answer as they are.
  await w.getByRole("textbox", { name: EN.contact }).fill("ana@example.org");
  await expect(question.getByRole("radio", { name: "4", exact: true })).toBeChecked();
  await button(w, "Submit").click();
  await expect(w.getByRole("heading", { name: "Thank you for telling us" })).toBeVisible();
  await o.collector.waitFor(1);
  const [csat] = o.collector.received.map((r) => r.body);
  expect(csat).toMatchObject({ form_id: "complaint-csat", form_version: 1, kind: "survey", hidden: { reference: "K7Q4-MZ8P" }, answers: { satisfaction: 4 } });
  expect(o.collector.received[0].headers["idempotency-key"]).toBe(csat.id);
  expect((await events.of("seda:complete")).map((e) => e.detail.form_id)).toContain("complaint-csat");
  // The case's own result stays on screen above the thanks.
  await expect(w.getByRole("heading", { name: "Complaint K7Q4-MZ8P" })).toBeVisible();
});

test("in Persian, right to left, with Persian digits read and written", async ({ page }) => {
  const asked = await mockStatus(page, (body) =>
    body.contact === "4567"
      ? { status: 200, json: { ...CASE, status: "closed", reply: "مبلغ به حساب شما برگردانده شد.", csat: { form: "complaint-csat", asked: true, answered: true } } }
      : { status: 404, json: { type: "not-found" } },
  );
  await page.goto(lookupPage({ locale: "fa" }));
  const w = widget(page);
  await expect(w.locator(".seda-root")).toHaveAttribute("dir", "rtl");
  await expect(w.getByText("پیگیری شکایت")).toBeVisible();
  await w.getByRole("textbox", { name: FA.reference }).fill("K۷Q۴-MZ۸P");
  await w.getByRole("textbox", { name: FA.contact }).fill("۱۲۳۴");
  await button(w, FA.look).click();
  await expect(w.getByRole("alert").filter({ hasText: "هیچ شکایتی با این کد پیگیری و راه تماس پیدا نشد." })).toBeVisible();
  await w.getByRole("textbox", { name: FA.contact }).fill("۴۵۶۷");
  await button(w, FA.look).click();
  await expect(w.getByRole("heading", { name: "شکایت K7Q4-MZ8P" })).toBeVisible();
  expect(asked.map((b) => b.contact)).toEqual(["1234", "4567"]);
  expect(asked[1].reference).toBe("K7Q4-MZ8P");
  await expect(w.locator(".seda-lookup__state")).toHaveText("بسته شد");
  await expect(w.getByText("۲۰۲۶-۱۲-۰۱")).toBeVisible();
  await expect(w.getByText("مبلغ به حساب شما برگردانده شد.")).toBeVisible();
  await expect(w.getByRole("radio"), "answered already: not asked again").toHaveCount(0);
  await audit(page, "complaint status in Persian");
});

test("a tag with neither data-status-endpoint nor data-endpoint is a setup error naming the attribute", async ({ page }) => {
  const events = await recordSedaEvents(page);
  await page.goto(o.page(hostPage({ embed: o.embed({ form: "template:complaint-status" }) })));
  await expect.poll(async () => (await events.of("seda:error")).length).toBe(1);
  const [error] = await events.of("seda:error");
  expect(error.detail.problems).toEqual([
    'data-status-endpoint is missing: template:complaint-status looks complaints up there, or, without it, at data-endpoint with its last path segment "responses" replaced by "complaint-status"',
  ]);
  await expect(page.locator("[data-seda-host]").getByText("Reference code")).toHaveCount(0);
});

test("data-status-endpoint is asked instead of the default", async ({ page }) => {
  const asked = [];
  await page.route(o.collector.url("/cases/lookup"), async (route) => {
    const cors = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "content-type, accept" };
    if (route.request().method() === "OPTIONS") return route.fulfill({ status: 204, headers: cors });
    asked.push(JSON.parse(route.request().postData()));
    await route.fulfill({ status: 200, headers: { ...cors, "Content-Type": "application/json" }, body: JSON.stringify(CASE) });
  });
  await page.goto(lookupPage({ "status-endpoint": o.collector.url("/cases/lookup") }));
  const w = widget(page);
  await w.getByRole("textbox", { name: EN.reference }).fill("K7Q4-MZ8P");
  await w.getByRole("textbox", { name: EN.contact }).fill("ana@example.com");
  await button(w, EN.look).click();
  await expect(w.locator(".seda-lookup__state")).toHaveText("In progress");
  expect(asked).toHaveLength(1);
});

test("in the corner card the lookup is a dialog that closes, from the full bundle", async ({ page }) => {
  const events = await recordSedaEvents(page);
  const wasm = [];
  page.on("request", (r) => /_bg\.wasm$/.test(r.url()) && wasm.push(new URL(r.url()).pathname));
  await page.goto(o.page(hostPage({ embed: o.embed({ form: "template:complaint-status", endpoint: o.endpoint }) })));
  const w = widget(page);
  await expect(w.getByRole("dialog", { name: "Follow your complaint" })).toBeVisible();
  expect(wasm.map((p) => p.replace(/-[0-9a-f]+_bg/, "_bg"))).toEqual(["/seda-full_bg.wasm"]);
  expect((await events.of("seda:shown")).map((e) => e.detail.form_id)).toEqual(["complaint-status"]);
  await w.getByRole("textbox", { name: EN.reference }).focus();
  await page.keyboard.press("Escape");
  await expect(widget(page)).toHaveCount(0);
  expect((await events.of("seda:dismiss")).map((e) => e.detail.form_id)).toEqual(["complaint-status"]);
});
