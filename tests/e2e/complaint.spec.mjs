// Complaints: template:complaint filed in Persian with a photo while offline and delivered
// later with the photo intact; multipart delivery; the caps on attachments; the acknowledgement
// with its reference code; a detractor's survey leading to a complaint with the score and page
// carried over; axe-core on every page; and 390 px phone screenshots.
import { readFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { COMPLAINT_FA as FA, audit, button, hostPage, NPS, pick, readOutbox, recordSedaEvents, useOrigins, watchConsole, widget } from "./support.mjs";

const PHOTO = readFileSync(new URL("../fixtures/photo-2400x1200.png", import.meta.url));
const CODE = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;

const o = useOrigins(test);


const EN = {
  category: "What is your complaint about?",
  what: "What happened?",
  where: "Where did it happen?",
  remedy: "What would put it right for you?",
  consent: "I agree that my complaint and the details I gave are stored and used to look into it.",
  received: "We have your complaint",
};

/** The width and height in a JPEG's start-of-frame header (and that it is a JPEG at all). */
function jpegSize(buf) {
  expect([buf[0], buf[1]], "JPEG start of image").toEqual([0xff, 0xd8]);
  let i = 2;
  while (i + 9 < buf.length) {
    expect(buf[i], `JPEG marker at ${i}`).toBe(0xff);
    const marker = buf[i + 1];
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
    }
    i += 2 + buf.readUInt16BE(i + 2);
  }
  throw new Error("no JPEG frame header");
}

/** Pixels of a JPEG (base64) decoded by the browser: its size and two corners' colours. */
const decodeInPage = (page, data) =>
  page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/jpeg" }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext("2d");
    ctx.drawImage(bitmap, 0, 0);
    const at = (x, y) => Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3));
    return { width: bitmap.width, height: bitmap.height, topLeft: at(20, 20), bottomRight: at(bitmap.width - 20, bitmap.height - 20) };
  }, data);

const near = (actual, expected) => actual.every((v, i) => Math.abs(v - expected[i]) <= 30);

/** A PNG of random noise (it does not compress, so its JPEG is large too). */
function noisePng(w, h) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((w * 3 + 1) * h);
  let seed = 12345;
  for (let i = 0; i < raw.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = i % (w * 3 + 1) === 0 ? 0 : seed >> 16;
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/** Files a Persian complaint up to (not including) Submit, with the fixture photo. */
async function fillPersian(page) {
  const w = widget(page);
  await w.getByRole("radio", { name: FA.category }).check();
  await w.getByRole("textbox", { name: FA.what }).fill("شیر تاریخ‌گذشته فروختند و بوی بدی داشت.");
  await w.getByRole("radiogroup", { name: FA.urgent }).getByRole("radio", { name: "بله" }).check();
  await button(w, FA.next).click();

  // When, in Persian: today's Jalali day, month and year and the time now, already picked.
  const when = w.getByRole("group", { name: FA.when });
  for (const part of ["روز", "ماه", "سال"]) await expect(when.getByRole("combobox", { name: part, exact: true })).not.toHaveValue("");
  await expect(when.getByLabel("ساعت")).toHaveValue(/^\d\d:\d\d$/);
  await w.getByRole("combobox", { name: FA.where }).selectOption({ label: FA.store });
  await expect(w.getByRole("textbox", { name: FA.order })).toHaveValue("A-1042");
  await w.locator("input[type=file][multiple]").setInputFiles({ name: "رسید.png", mimeType: "image/png", buffer: PHOTO });
  await expect(w.getByRole("button", { name: "حذف رسید.jpg" })).toBeVisible();
  await expect(w.getByText(/^۱ از ۵ فایل،/)).toBeVisible();
  await button(w, FA.next).click();

  await w.getByRole("radio", { name: FA.refund }).check();
  await button(w, FA.next).click();

  await w.getByRole("radio", { name: FA.anonymous }).check();
  await expect(w.getByText("به آن رسیدگی می‌کنیم، اما نمی‌توانیم به شما پاسخ دهیم یا نتیجه را بگوییم.")).toBeVisible();
  await w.getByRole("checkbox", { name: FA.consent }).check();
}

test("a Persian complaint with a photo, filed offline, is delivered later with the photo intact", async ({ page, context }) => {
  test.setTimeout(60_000);
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  const url = o.page(
    hostPage({ main: `<div id="slot"></div>`, embed: o.embed({ form: "template:complaint", endpoint: o.endpoint, locale: "fa", target: "#slot", "hidden-order": "A-1042" }) }),
  );
  await page.goto(url);
  const w = widget(page);
  await expect(w.getByRole("radio", { name: FA.category })).toBeVisible();
  await expect(w.locator(".seda-root")).toHaveAttribute("dir", "rtl");
  await fillPersian(page);

  await context.setOffline(true);
  await button(w, FA.submit).click();
  await expect(w.getByRole("heading", { name: FA.saved }), "not \"we have it\" while it waits on the device").toBeVisible();
  await expect(w.getByRole("status").filter({ hasText: FA.queued })).toBeVisible();
  const code = (await w.locator(".seda-reference__code [aria-hidden]").textContent()).trim();
  expect(code).toMatch(CODE);
  await expect(w.locator(".seda-reference__code .seda-sr-only")).toHaveText(code.replace("-", ",").split("").map((c) => (c === "," ? "," : ` ${c}`)).join("").trim());
  await expect(w.getByText("به هر شکایت ظرف ۲ روز کاری رسیدگی می‌کنیم.")).toBeVisible();
  // Anonymous: the acknowledgement does not promise to get back to the complainant.
  await expect(w.getByText(/اگر ناشناس مانده‌اید، نمی‌توانیم به شما پاسخ دهیم\./)).toBeVisible();
  await expect(w.locator(".seda-thanks")).not.toContainText("از راهی که برگزیدید");

  const [submitted] = (await events.of("seda:submit")).map((e) => e.detail);
  expect(submitted.reference).toBe(code);
  expect((await events.of("seda:complaint")).map((e) => e.detail)).toEqual([{ id: submitted.id, form_id: "complaint", reference: code }]);
  const [record] = await readOutbox(page);
  expect(record.id).toBe(submitted.id);
  const stored = JSON.parse(record.body).answers.photos;
  expect(stored).toHaveLength(1);
  expect(stored[0].data.length, "the photo is in the outbox").toBeGreaterThan(1000);
  await page.waitForTimeout(1_500);
  expect(o.collector.received, "nothing is sent while offline").toHaveLength(0);

  await context.setOffline(false);
  await o.collector.waitForDelivered([submitted.id], 15_000);
  await expect(w.getByRole("heading", { name: FA.received }), "the heading follows the delivery").toBeVisible();
  const body = o.collector.delivered()[0].body;
  expect(body).toMatchObject({
    id: submitted.id,
    form_id: "complaint",
    kind: "complaint",
    reference: code,
    hidden: { order: "A-1042" },
    answers: { category: "quality", urgent: true, location: "store", order_number: "A-1042", remedy: "refund", contact_way: "anonymous", consent: FA.consent },
    meta: { locale: "fa" },
  });
  expect(body.answers.happened_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
  expect(body.answers.marketing).toBeUndefined();
  const [photo] = body.answers.photos;
  expect(photo).toMatchObject({ name: "رسید.jpg", type: "image/jpeg" });
  const bytes = Buffer.from(photo.data, "base64");
  expect(photo.size).toBe(bytes.length);
  expect(jpegSize(bytes), "the long edge is downscaled to 1600 px").toEqual({ width: 1600, height: 800 });
  const pixels = await decodeInPage(page, photo.data);
  expect(pixels).toMatchObject({ width: 1600, height: 800 });
  expect(near(pixels.topLeft, [220, 30, 30]), `top left is red: ${pixels.topLeft}`).toBe(true);
  expect(near(pixels.bottomRight, [30, 30, 220]), `bottom right is blue: ${pixels.bottomRight}`).toBe(true);
  await expect.poll(async () => (await readOutbox(page)).length).toBe(0);
  expect(log.pageErrors).toEqual([]);
});

test("multipart/form-data: the payload in one part, the photo in its own", async ({ page }) => {
  test.setTimeout(45_000);
  const form = {
    seda: 1, id: "damage", version: 1, kind: "complaint", locale: "en",
    questions: [
      { id: "what", type: "text", required: true, title: "What happened?" },
      { id: "photos", type: "attachments", title: "Photos of the damage" },
    ],
  };
  await page.goto(o.page(hostPage({
    main: `<div id="slot"></div><script type="application/json" id="damage-form">${JSON.stringify(form)}</script>`,
    embed: o.embed({ form: "damage-form", endpoint: o.endpoint, target: "#slot", "endpoint-format": "multipart" }),
  })));
  const w = widget(page);
  await w.getByRole("textbox", { name: "What happened?" }).fill("The box was crushed");
  await button(w, "Next").click();
  await w.locator("input[type=file][multiple]").setInputFiles({ name: "box.png", mimeType: "image/png", buffer: PHOTO });
  await expect(w.getByRole("button", { name: "Remove box.jpg" })).toBeVisible();
  await button(w, "Submit").click();
  await expect(w.getByRole("heading", { name: EN.received })).toBeVisible();
  await o.collector.waitFor(1);
  const [post] = o.collector.received;
  expect(post.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=seda-/);
  const parts = await new Response(post.raw, { headers: { "content-type": post.headers["content-type"] } }).formData();
  const payload = JSON.parse(parts.get("payload"));
  expect(payload).toMatchObject({ form_id: "damage", kind: "complaint", answers: { what: "The box was crushed" } });
  expect(payload.reference).toMatch(CODE);
  expect(post.headers["idempotency-key"]).toBe(payload.id);
  const [described] = payload.answers.photos;
  expect(described).toMatchObject({ name: "box.jpg", type: "image/jpeg", part: "answers.photos.0" });
  expect(described.data).toBeUndefined();
  const file = parts.get("answers.photos.0");
  expect([file.name, file.type]).toEqual(["box.jpg", "image/jpeg"]);
  const bytes = Buffer.from(await file.arrayBuffer());
  expect(bytes.length).toBe(described.size);
  expect(jpegSize(bytes)).toEqual({ width: 1600, height: 800 });
});

test("attachments: caps on count, size and type are said clearly; Remove keeps focus in the form", async ({ page }) => {
  test.setTimeout(45_000);
  const form = {
    seda: 1, id: "caps", version: 1, kind: "complaint", locale: "en",
    questions: [{ id: "photos", type: "attachments", required: true, title: "Photos of the damage", max_files: 2, max_bytes: 200000, accept: ["image/*"] }],
    acknowledgement: { response_time: "We reply within 2 working days.", guarantee: "If we miss that, your next delivery is free.", next_steps: "A manager reads it today." },
  };
  await page.goto(o.page(hostPage({
    main: `<div id="slot"></div><script type="application/json" id="caps-form">${JSON.stringify(form)}</script>`,
    embed: o.embed({ form: "caps-form", endpoint: o.endpoint, target: "#slot" }),
  })));
  const w = widget(page);
  const picker = w.locator("input[type=file][multiple]");
  await expect(w.getByText("0 of 2 files, 0 KB of 196 KB")).toBeVisible();
  await button(w, "Submit").click();
  await expect(w.getByText("Please answer this question.")).toBeVisible();

  const png = (name) => ({ name, mimeType: "image/png", buffer: PHOTO });
  await picker.setInputFiles([png("a.png"), png("b.png"), png("c.png")]);
  await expect(w.getByRole("alert").filter({ hasText: "You can add at most 2 files." })).toBeVisible();
  await expect(w.locator(".seda-file")).toHaveCount(2);
  await expect(w.getByText(/^2 of 2 files, \d+ KB of 196 KB$/)).toBeVisible();

  await w.getByRole("button", { name: "Remove a.jpg" }).click();
  await expect(w.locator(".seda-file")).toHaveCount(1);
  await expect(w.getByRole("button", { name: "Add photos or files" })).toBeFocused();
  await picker.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await expect(w.getByRole("alert").filter({ hasText: "notes.txt: Only pictures and documents of the types listed can be added." })).toBeVisible();
  await picker.setInputFiles({ name: "noise.png", mimeType: "image/png", buffer: noisePng(1000, 1000) });
  await expect(w.getByRole("alert").filter({ hasText: "noise.png: The files may take at most 196 KB together. Please remove one." })).toBeVisible();
  await expect(w.locator(".seda-file")).toHaveCount(1);

  await button(w, "Submit").click();
  await expect(w.getByRole("heading", { name: EN.received })).toBeVisible();
  for (const promise of form.acknowledgement ? Object.values(form.acknowledgement) : []) await expect(w.getByText(promise)).toBeVisible();
  await o.collector.waitFor(1);
  expect(o.collector.received[0].body.answers.photos.map((p) => p.name)).toEqual(["b.jpg"]);
});

const SURVEY = {
  seda: 1, id: "after-visit", version: 1, kind: "survey", locale: "en",
  questions: [{ id: "recommend", type: "nps", required: true, title: NPS.question }],
  thank_you: { title: "Thank you!" },
  offer_complaint: { form: "template:complaint" },
};

const surveyPage = () =>
  o.page(hostPage({
    main: `<div id="slot"></div><script type="application/json" id="survey">${JSON.stringify(SURVEY)}</script>`,
    embed: o.embed({ form: "survey", endpoint: o.endpoint, target: "#slot" }),
  }));

test("a detractor is offered a complaint form, which gets the score and page as hidden fields", async ({ page }) => {
  test.setTimeout(60_000);
  const events = await recordSedaEvents(page);
  const url = surveyPage();
  await page.goto(url);
  const w = widget(page);
  await pick(page, 3);
  await button(w, "Submit").click();
  await expect(w.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await expect(w.getByText("Sorry we let you down. Would you tell us what went wrong?")).toBeVisible();
  await button(w, "Tell us what went wrong").click();

  // The complaint form takes the survey's place, and the focus.
  await expect(w.getByRole("radiogroup", { name: EN.category })).toBeVisible();
  await expect(page.locator("[data-seda-host]")).toHaveCount(1);
  await expect.poll(() => page.evaluate(() => document.querySelector("[data-seda-host]").shadowRoot.activeElement?.textContent)).toBe(EN.category);
  // A simple complaint, by keyboard where it is natural.
  await w.getByRole("radio", { name: "Speed or waiting" }).check();
  await w.getByRole("textbox", { name: EN.what }).fill("Forty minutes in the queue");
  await button(w, "Next").click();
  await w.getByRole("combobox", { name: EN.where }).selectOption("Somewhere else");
  await w.getByRole("textbox", { name: "Somewhere else" }).fill("The drive-through");
  await button(w, "Next").click();
  await w.getByRole("radio", { name: "An apology or an explanation" }).check();
  await button(w, "Next").click();
  await w.getByRole("radio", { name: "By email" }).check();
  await w.getByRole("textbox", { name: "Your email" }).fill("sara@example.com");
  await w.getByRole("checkbox", { name: EN.consent }).check();
  await button(w, "Submit").click();
  await expect(w.getByRole("heading", { name: EN.received })).toBeVisible();

  await o.collector.waitFor(2);
  const [survey, complaint] = o.collector.received.map((r) => r.body);
  expect(survey).toMatchObject({ form_id: "after-visit", answers: { recommend: 3 }, nps_category: "detractor" });
  expect(complaint).toMatchObject({
    form_id: "complaint",
    kind: "complaint",
    hidden: { score: "3", page: url, survey: "after-visit" },
    answers: { category: "speed", location: "other", "location.other": "The drive-through", remedy: "apology", contact_way: "email", email: "sara@example.com" },
  });
  const [ack] = (await events.of("seda:complaint")).map((e) => e.detail);
  expect(ack.reference).toBe(complaint.reference);
  await expect(w.locator(".seda-reference__code [aria-hidden]")).toHaveText(complaint.reference);
});

test("data-offer-complaint turns the offer on for template:nps; the complaint opens in the corner card", async ({ page }) => {
  test.setTimeout(45_000);
  const url = o.page(hostPage({ embed: o.embed({ form: "template:nps", endpoint: o.endpoint, "offer-complaint": "template:complaint" }) }));
  await page.goto(url);
  const w = widget(page);
  await pick(page, 0);
  await button(w, "Next").click();
  await button(w, "Submit").click();
  await button(w, "Tell us what went wrong").click();
  await expect(w.getByRole("radiogroup", { name: EN.category })).toBeVisible();
  await expect(w.getByRole("dialog")).toBeVisible();
  await expect(page.locator("[data-seda-host]")).toHaveCount(1);
  await w.getByRole("radio", { name: "Courtesy" }).check();
  await w.getByRole("textbox", { name: EN.what }).fill("Rude on the phone");
  await button(w, "Next").click();
  await w.getByRole("combobox", { name: EN.where }).selectOption("On the phone");
  await button(w, "Next").click();
  await w.getByRole("radio", { name: "A call back" }).check();
  await button(w, "Next").click();
  await w.getByRole("radio", { name: "By phone" }).check();
  await button(w, "Submit").click();
  await expect(w.getByText("Please answer this question.")).toHaveCount(2); // the phone number and the consent
  await w.getByRole("textbox", { name: "Your phone number" }).fill("+98 912 123 4567");
  await w.getByRole("checkbox", { name: EN.consent }).check();
  await button(w, "Submit").click();
  await expect(w.getByRole("heading", { name: EN.received })).toBeVisible();
  await o.collector.waitFor(2);
  expect(o.collector.received[1].body).toMatchObject({
    form_id: "complaint",
    hidden: { score: "0", page: url, survey: "nps" },
    answers: { category: "courtesy", remedy: "call_back", contact_way: "phone", phone: "+98 912 123 4567" },
  });
});

test("a complaint opened from the offer keeps the tag's hidden fields and links the survey response", async ({ page }) => {
  test.setTimeout(45_000);
  const url = o.page(hostPage({
    embed: o.embed({ form: "template:nps", endpoint: o.endpoint, "offer-complaint": "template:complaint", "hidden-order": "A-1042" }),
  }));
  await page.goto(url);
  const w = widget(page);
  await pick(page, 2);
  await button(w, "Next").click();
  await button(w, "Submit").click();
  await button(w, "Tell us what went wrong").click();
  await w.getByRole("radio", { name: "Product quality" }).check();
  await w.getByRole("textbox", { name: EN.what }).fill("The bread was stale");
  await button(w, "Next").click();
  // The order number the page gave the survey's tag is prefilled here too.
  await expect(w.getByRole("textbox", { name: "Order or receipt number" })).toHaveValue("A-1042");
  await w.getByRole("combobox", { name: EN.where }).selectOption("At delivery");
  await button(w, "Next").click();
  await w.getByRole("radio", { name: "A replacement" }).check();
  await button(w, "Next").click();
  await w.getByRole("radio", { name: "I would rather stay anonymous" }).check();
  await w.getByRole("checkbox", { name: EN.consent }).check();
  await button(w, "Submit").click();
  await expect(w.getByRole("heading", { name: EN.received })).toBeVisible();
  await o.collector.waitFor(2);
  const [survey, complaint] = o.collector.received.map((r) => r.body);
  expect(survey).toMatchObject({ form_id: "nps", answers: { recommend: 2 } });
  expect(complaint).toMatchObject({
    form_id: "complaint",
    hidden: { order: "A-1042", score: "2", page: url, survey: "nps", survey_response: survey.id },
    answers: { category: "quality", order_number: "A-1042", remedy: "replacement" },
  });
});

test("the contact field not chosen is marked optional; an anonymous complainant is not promised a reply", async ({ page }) => {
  await page.goto(o.page(hostPage({ main: `<div id="slot"></div>`, embed: o.embed({ form: "template:complaint", endpoint: o.endpoint, target: "#slot" }) })));
  const w = widget(page);
  await w.getByRole("radio", { name: "Product quality" }).check();
  await w.getByRole("textbox", { name: EN.what }).fill("The bread was stale");
  await button(w, "Next").click();
  await w.getByRole("combobox", { name: EN.where }).selectOption("At delivery");
  await button(w, "Next").click();
  await w.getByRole("radio", { name: "A replacement" }).check();
  await button(w, "Next").click();
  const mark = (name) => w.locator(".seda-field").filter({ has: page.getByRole("textbox", { name, exact: true }) }).locator(".seda-optional");
  await w.getByRole("radio", { name: "By email" }).check();
  await expect(mark("Your phone number")).toHaveText("(optional)");
  await expect(mark("Your email")).toHaveCount(0);
  await w.getByRole("radio", { name: "By phone" }).check();
  await expect(mark("Your email")).toHaveText("(optional)");
  await expect(mark("Your phone number")).toHaveCount(0);
  await w.getByRole("radio", { name: "I would rather stay anonymous" }).check();
  await w.getByRole("checkbox", { name: EN.consent }).check();
  await button(w, "Submit").click();
  await expect(w.getByRole("heading", { name: EN.received })).toBeVisible();
  await expect(w.getByText("We look into every complaint within 2 working days.")).toBeVisible();
  await expect(w.getByText(/if you stayed anonymous, we cannot reply to you\./)).toBeVisible();
  await expect(w.locator(".seda-thanks")).not.toContainText("contact you the way you chose");
});

test("a promoter is not offered the complaint form", async ({ page }) => {
  await page.goto(surveyPage());
  const w = widget(page);
  await pick(page, 9);
  await button(w, "Submit").click();
  await expect(w.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await expect(button(w, "Tell us what went wrong")).toHaveCount(0);
});

for (const locale of ["en", "fa"]) {
  test(`the complaint form passes axe on every page and the acknowledgement (${locale})`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto(o.page(`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>Shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Shop</h1><div id="slot"></div></main>
${o.embed({ form: "template:complaint", target: "#slot", endpoint: o.endpoint, locale })}</body></html>`));
    const w = widget(page);
    const t = locale === "fa" ? { next: FA.next, submit: FA.submit, where: FA.where } : { next: "Next", submit: "Submit", where: EN.where };
    await expect(w.getByRole("radiogroup").first()).toBeVisible();
    await audit(page, "page 1");
    await button(w, t.next).click();
    await expect(w.getByRole("alert").first()).not.toBeEmpty();
    await audit(page, "page 1 with errors");
    await w.getByRole("radiogroup").first().getByRole("radio").first().check();
    await w.locator("textarea").fill("x");
    await button(w, t.next).click();
    await w.getByRole("combobox", { name: t.where }).selectOption({ index: 1 });
    await w.locator("input[type=file][multiple]").setInputFiles({ name: "p.png", mimeType: "image/png", buffer: PHOTO });
    await expect(w.locator(".seda-file")).toHaveCount(1);
    await audit(page, "page 2 with a photo");
    await button(w, t.next).click();
    await w.getByRole("radio").first().check();
    await button(w, t.next).click();
    await w.getByRole("radio").nth(1).check();
    await audit(page, "page 4 (contact by phone)");
    await w.getByRole("radio").nth(2).check();
    await w.getByRole("checkbox").first().check();
    await button(w, t.submit).click();
    await expect(w.locator(".seda-reference")).toBeVisible();
    await audit(page, "the acknowledgement");
  });
}

test("a complaint on a 390 px phone, in Persian: screenshots", async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(o.page(hostPage({ embed: o.embed({ form: "template:complaint", endpoint: o.endpoint, locale: "fa", mode: "page", "hidden-order": "A-1042" }) })));
  const w = widget(page);
  await expect(w.getByRole("radio", { name: FA.category })).toBeVisible();
  const shot = async (name) => {
    const path = testInfo.outputPath(`complaint-390-${name}.png`);
    await page.screenshot({ path, animations: "disabled", fullPage: false });
    // Nothing sticks out sideways on a phone.
    const overflow = await page.evaluate(() => {
      const root = document.querySelector("[data-seda-host]").shadowRoot;
      return [...root.querySelectorAll("*")].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && el.getClientRects().length).map((el) => el.className);
    });
    expect(overflow, `${name}: elements wider than the screen`).toEqual([]);
    console.log(`screenshot: ${path}`);
  };
  await shot("1-what");
  await fillPersian(page);
  await button(w, FA.submit).click();
  await expect(w.getByRole("heading", { name: FA.received })).toBeVisible();
  await shot("4-acknowledgement");
});

test("a complaint's second page on a 390 px phone with a photo: screenshot", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(o.page(hostPage({ embed: o.embed({ form: "template:complaint", endpoint: o.endpoint, locale: "fa", mode: "page" }) })));
  const w = widget(page);
  await w.getByRole("radio", { name: FA.category }).check();
  await w.getByRole("textbox", { name: FA.what }).fill("شیر ترش بود");
  await button(w, FA.next).click();
  await w.locator("input[type=file][multiple]").setInputFiles({ name: "رسید-فروشگاه-مرکزی.png", mimeType: "image/png", buffer: PHOTO });
  await expect(w.locator(".seda-file")).toHaveCount(1);
  // The thumbnail is drawn (not blank).
  await expect
    .poll(() => page.evaluate(() => {
      const c = document.querySelector("[data-seda-host]").shadowRoot.querySelector(".seda-file__thumb");
      return Array.from(c.getContext("2d").getImageData(10, 10, 1, 1).data.slice(0, 3));
    }))
    .not.toEqual([0, 0, 0]);
  const path = testInfo.outputPath("complaint-390-2-details.png");
  await page.screenshot({ path, animations: "disabled", fullPage: true });
  console.log(`screenshot: ${path}`);
});
