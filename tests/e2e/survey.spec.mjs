// The survey engine end to end: every question type on pages, hidden fields from the
// tag and the URL, piping, an "Other" box, a thank-you screen chosen by the answers,
// and a Persian right-to-left survey whose questions follow the visitor's score.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { button, hostPage, recordSedaEvents, useOrigins, watchConsole } from "./support.mjs";

const EVERY_TYPE = readFileSync(new URL("../../crates/seda-core/tests/fixtures/forms/every-type.json", import.meta.url), "utf8");

const FA_LOGIC = {
  seda: 1, id: "fa-logic", version: 1, kind: "survey", locale: "fa", hidden: ["name"],
  pages: [
    { id: "score", questions: [
      { id: "recommend", type: "nps", required: true, title: "{name} عزیز، چقدر احتمال دارد ما را به دوستان پیشنهاد کنید؟" },
      { id: "wrong", type: "text", title: "چه چیزی درست نبود؟", show_if: { question: "recommend", nps: "detractor" } },
    ] },
    { id: "praise", show_if: { question: "recommend", nps: "promoter" }, questions: [
      { id: "liked", type: "text", title: "چه چیزی را بیشتر دوست داشتید؟" },
    ] },
  ],
};

const o = useOrigins(test);
test.beforeAll(() => {
  o.host.pages.set("/forms/every-type.json", EVERY_TYPE);
});

/** Picks a visually hidden radio (a star, a face) the way a visitor does: on its label. */
const pickLabel = (radio) => radio.locator("xpath=..").click();

const posts = () => o.collector.received.filter((r) => r.method === "POST");

test("every question type, on four pages, with hidden fields from the tag and the URL", async ({ page }) => {
  const log = watchConsole(page);
  const url = o.page(hostPage({
    embed: o.embed({ form: "forms/every-type.json", endpoint: o.endpoint, target: "#slot", "hidden-name": "Sara" }),
    main: '<div id="slot"></div>',
  }));
  await page.goto(`${url}?order_id=A-17&utm_source=mail`);
  const w = page.locator("[data-seda-host]");

  await expect(w.getByRole("heading", { name: "Scores" })).toBeVisible();
  await expect(w.getByText("1 of 4")).toBeVisible();
  await w.getByRole("radiogroup", { name: "How likely are you to recommend us, Sara?" }).getByRole("radio", { name: "10", exact: true }).click();
  await pickLabel(w.getByRole("radio", { name: "4 of 5 stars" }));
  await expect(w.getByRole("radio", { name: "4 of 5 stars" })).toBeChecked();
  await pickLabel(w.getByRole("radiogroup", { name: "How do you feel?" }).getByRole("radio", { name: "5" }));
  await button(w, "Next").click();

  const channel = w.getByRole("radiogroup", { name: "How did you buy?" });
  await channel.getByRole("radio", { name: "Other" }).check();
  await button(w, "Next").click();
  await expect(w.getByRole("alert").filter({ hasText: 'Please say what "Other" is.' })).toBeVisible();
  await w.getByRole("textbox", { name: "Other" }).fill("A friend's shop");
  await w.getByRole("checkbox", { name: "Price" }).check();
  await w.getByRole("checkbox", { name: "Staff" }).check();
  await w.getByRole("combobox", { name: "Which city?" }).selectOption({ label: "Isfahan" });
  await w.getByRole("radiogroup", { name: "Would you buy again?" }).getByRole("radio", { name: "Yes" }).check();
  await button(w, "Next").click();

  const why = w.getByRole("textbox", { name: "Why?" });
  await why.fill("abc");
  await w.getByRole("textbox", { name: "Phone" }).fill("call me");
  await w.getByRole("textbox", { name: "How much did you spend?" }).fill("12.555");
  await button(w, "Next").click();
  await expect(w.getByText("Please write at least 5 characters.")).toBeVisible();
  await expect(w.getByText("Please enter a phone number, such as +1 555 010 0199.")).toBeVisible();
  await expect(w.getByText("Please enter a number with at most 2 decimal places.")).toBeVisible();
  await expect(why).toBeFocused();
  await why.fill("Fresh bread, kind staff");
  await w.getByRole("textbox", { name: "Email" }).fill("sara@example.com");
  await w.getByRole("textbox", { name: "Phone" }).fill("۰۹۱۲ ۱۲۳ ۴۵۶۷");
  await w.getByRole("textbox", { name: "How much did you spend?" }).fill("۱۲٫۵");
  await w.getByRole("textbox", { name: "How many visits?" }).fill("3");
  await w.getByLabel("When did you visit?").fill("2026-11-01");
  await button(w, "Next").click();

  await expect(w.getByRole("heading", { name: "Almost done" })).toBeVisible();
  await w.getByRole("radio", { name: "Speed: Good" }).check();
  await button(w, "Submit").click();
  await expect(w.getByText("Please answer every row.")).toBeVisible();
  await expect(w.getByRole("alert").filter({ hasText: "Please answer this question." })).toHaveCount(1);
  await w.getByRole("radio", { name: "Care: OK" }).check();
  await w.getByRole("checkbox", { name: "I agree that my answers may be stored." }).check();
  await button(w, "Submit").click();

  await expect(w.getByRole("heading", { name: "Thank you, Sara! We are glad you like us." })).toBeVisible();
  await expect.poll(() => posts().length).toBe(1);
  const body = posts()[0].body;
  expect(body.answers).toEqual({
    recommend: 10, csat: 4, mood: 5, channel: "other", "channel.other": "A friend's shop", liked: ["price", "staff"],
    city: "isf", again: true, why: "Fresh bread, kind staff", email: "sara@example.com", phone: "0912 123 4567",
    spent: 12.5, visits: 3, visited: "2026-11-01", service: { speed: "good", care: "ok" },
    consent: "I agree that my answers may be stored.",
  });
  expect(Object.keys(body.answers)).toEqual(["recommend", "csat", "mood", "channel", "channel.other", "liked", "city", "again",
    "why", "email", "phone", "spent", "visits", "visited", "service", "consent"]);
  expect(body.hidden).toEqual({ name: "Sara", order: "A-17" });
  expect(body.nps_category).toBe("promoter");
  expect(log.errors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
});

test("a Persian survey reads right to left, pipes a hidden field and follows the score", async ({ page }) => {
  const log = watchConsole(page);
  const url = o.page(hostPage({
    embed: o.embed({ form: "fa-logic", endpoint: o.endpoint, target: "#slot", "hidden-name": "سارا" }),
    main: `<div id="slot"></div><script type="application/json" id="fa-logic">${JSON.stringify(FA_LOGIC)}</script>`,
  }));
  await page.goto(url);
  const w = page.locator("[data-seda-host]");
  const score = w.getByRole("radiogroup", { name: "سارا عزیز، چقدر احتمال دارد ما را به دوستان پیشنهاد کنید؟" });
  await expect(score).toBeVisible();
  await expect(w.locator(".seda-root")).toHaveAttribute("dir", "rtl");
  // Persian digits, and 0 on the right as a Persian reader expects of a right-to-left row.
  const [zero, ten] = [score.getByText("۰", { exact: true }), score.getByText("۱۰", { exact: true })];
  expect((await zero.boundingBox()).x).toBeGreaterThan((await ten.boundingBox()).x);

  const wrong = w.getByRole("textbox", { name: "چه چیزی درست نبود؟" });
  await expect(wrong).toHaveCount(0);
  await score.getByRole("radio", { name: "۱۰", exact: true }).click();
  await expect(wrong).toHaveCount(0);
  await expect(button(w, "بعدی")).toBeVisible();
  await score.getByRole("radio", { name: "۳", exact: true }).click();
  await expect(wrong).toBeVisible();
  await expect(button(w, "ارسال")).toBeVisible();
  await wrong.fill("ارسال دیر رسید");
  await button(w, "ارسال").click();
  await expect(w.getByRole("heading", { name: "سپاسگزاریم!" })).toBeVisible();
  await expect.poll(() => posts().length).toBe(1);
  const body = posts()[0].body;
  expect(body.answers).toEqual({ recommend: 3, wrong: "ارسال دیر رسید" });
  expect(body.hidden).toEqual({ name: "سارا" });
  expect(body.meta.locale).toBe("fa");
  expect(log.pageErrors).toEqual([]);
});

test("a promoter is taken to the praise page; the detractor's answer is not sent", async ({ page }) => {
  const events = await recordSedaEvents(page);
  const url = o.page(hostPage({
    embed: o.embed({ form: "fa-logic", endpoint: o.endpoint, target: "#slot" }),
    main: `<div id="slot"></div><script type="application/json" id="fa-logic">${JSON.stringify(FA_LOGIC)}</script>`,
  }));
  await page.goto(url);
  const w = page.locator("[data-seda-host]");
  const score = w.getByRole("radiogroup").first();
  await score.getByRole("radio", { name: "۲", exact: true }).click();
  await w.getByRole("textbox", { name: "چه چیزی درست نبود؟" }).fill("نان بیات بود");
  await score.getByRole("radio", { name: "۹", exact: true }).click();
  await button(w, "بعدی").click();
  await expect(w.getByText("۲ از ۲")).toBeVisible();
  await w.getByRole("textbox", { name: "چه چیزی را بیشتر دوست داشتید؟" }).fill("شیرینی‌ها");
  await button(w, "ارسال").click();
  await expect.poll(() => posts().length).toBe(1);
  expect(posts()[0].body.answers).toEqual({ recommend: 9, liked: "شیرینی‌ها" });
  // seda:answer for each answer on a page the visitor moved on from; not for the hidden one.
  expect((await events.of("seda:answer")).map((e) => e.detail)).toEqual([
    { form_id: "fa-logic", question_id: "recommend", answer: 9 },
    { form_id: "fa-logic", question_id: "liked", answer: "شیرینی‌ها" },
  ]);
  expect(posts()[0].body).not.toHaveProperty("hidden");
});
