// Dates in Persian: a date question in a Persian form is picked as the Persian (Jalali)
// calendar's day, month and year (three native selects, right to left, Persian digits,
// within the question's bounds) and stored as an ISO date; its error messages name
// Jalali dates. A date and time takes its date the same way. Other languages keep the
// browser's date input.
import { expect, test } from "@playwright/test";
import { button, hostPage, tabTo, useOrigins, watchConsole, widget } from "./support.mjs";

const o = useOrigins(test);

const TITLE = "کی به فروشگاه آمدید؟";
// 1 Mehr 1402 to 10 Farvardin 1404.
const VISIT = {
  seda: 1, id: "visit-fa", version: 1, kind: "survey", locale: "fa",
  questions: [{ id: "visited", type: "date", required: true, title: TITLE, earliest: "2023-09-23", latest: "2025-03-30" }],
};
const FA = { submit: "ارسال", required: "لطفاً به این پرسش پاسخ دهید.", incomplete: "لطفاً یک تاریخ وارد کنید." };

const formPage = (form, locale = "fa") =>
  o.page(hostPage({
    main: `<div id="slot"></div><script type="application/json" id="the-form">${JSON.stringify(form)}</script>`,
    embed: o.embed({ form: "the-form", endpoint: o.endpoint, target: "#slot", locale }),
  }));

/** The picker's three selects, found as a screen reader names them. */
const picker = (page, title = TITLE) => {
  const group = widget(page).getByRole("group", { name: title });
  return {
    group,
    day: group.getByRole("combobox", { name: "روز", exact: true }),
    month: group.getByRole("combobox", { name: "ماه", exact: true }),
    year: group.getByRole("combobox", { name: "سال", exact: true }),
  };
};
const labels = (select) => select.locator("option").allTextContents();
const alertText = (page) => widget(page).getByRole("alert");

test("a Persian date is picked as Jalali day, month and year within the bounds, and sent as an ISO date", async ({ page }) => {
  const log = watchConsole(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(formPage(VISIT));
  const { group, day, month, year } = picker(page);
  await expect(group).toBeVisible();
  await expect(widget(page).locator("input[type=date]"), "no Gregorian picker").toHaveCount(0);
  // Only the years within the bounds, latest first, in Persian digits.
  expect(await labels(year)).toEqual(["سال", "۱۴۰۴", "۱۴۰۳", "۱۴۰۲"]);
  expect(await labels(month)).toEqual(["ماه", "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]);

  // Right to left on a 390 px phone: day, month and year on one row, inside the card.
  const boxes = await Promise.all([day, month, year].map((s) => s.boundingBox()));
  const card = await widget(page).locator(".seda-card").boundingBox();
  expect(boxes[0].x, "the day is rightmost").toBeGreaterThan(boxes[1].x);
  expect(boxes[1].x, "the year is leftmost").toBeGreaterThan(boxes[2].x);
  for (const box of boxes) {
    expect(box.y).toBe(boxes[0].y);
    expect(box.x).toBeGreaterThanOrEqual(card.x);
    expect(box.x + box.width).toBeLessThanOrEqual(card.x + card.width);
  }

  await button(widget(page), FA.submit).click();
  await expect(alertText(page)).toHaveText(FA.required);
  await expect(day, "the error takes the focus to the day").toBeFocused();

  // 1404 is open up to 10 Farvardin.
  await year.selectOption({ label: "۱۴۰۴" });
  expect(await labels(month)).toEqual(["ماه", "فروردین"]);
  await month.selectOption({ label: "فروردین" });
  expect(await labels(day)).toEqual(["روز", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹", "۱۰"]);
  // 1402 opens at Mehr: Farvardin is taken back.
  await year.selectOption({ label: "۱۴۰۲" });
  await expect(month).toHaveValue("");
  expect((await labels(month)).slice(1)).toEqual(["مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]);
  // Esfand has 29 days in 1402 and 30 in the leap year 1403.
  await month.selectOption({ label: "اسفند" });
  expect((await labels(day)).at(-1)).toBe("۲۹");
  await year.selectOption({ label: "۱۴۰۳" });
  expect((await labels(day)).at(-1)).toBe("۳۰");
  await day.selectOption({ label: "۳۰" });
  await year.selectOption({ label: "۱۴۰۲" });
  await expect(day, "30 Esfand 1402 does not exist").toHaveValue("");
  await expect(month).toHaveValue("12");

  // A date picked in part is not a date.
  await button(widget(page), FA.submit).click();
  await expect(alertText(page)).toHaveText(FA.incomplete);
  await expect(day).toHaveAttribute("aria-invalid", "true");

  await year.selectOption({ label: "۱۴۰۳" });
  await month.selectOption({ label: "فروردین" });
  await day.selectOption({ label: "۱" });
  await expect(widget(page).locator(".seda-error"), "a new answer clears the message").toBeEmpty();
  await button(widget(page), FA.submit).click();
  const [post] = await o.collector.waitFor(1);
  expect(post.body.answers).toEqual({ visited: "2024-03-20" });
  expect(log.pageErrors).toEqual([]);
});

test("a Persian date is picked with the keyboard alone", async ({ page }) => {
  await page.goto(formPage(VISIT));
  const { day, month, year } = picker(page);
  await expect(day).toBeVisible();
  await tabTo(page, day);
  // Arrow keys step through a closed select's options, as on any desktop.
  await page.keyboard.press("ArrowDown");
  await expect(day).toHaveValue("1");
  await page.keyboard.press("Tab");
  await expect(month).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(month).toHaveValue("1");
  await page.keyboard.press("Tab");
  await expect(year).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(year).toHaveValue("1403");
  await page.keyboard.press("Tab");
  await expect(button(widget(page), FA.submit)).toBeFocused();
  await page.keyboard.press("Enter");
  const [post] = await o.collector.waitFor(1);
  expect(post.body.answers).toEqual({ visited: "2024-03-20" });
});

test("a saved draft reopens on its Jalali date", async ({ page }) => {
  await page.goto(formPage(VISIT));
  const { day, month, year } = picker(page);
  await year.selectOption({ label: "۱۴۰۳" });
  await month.selectOption({ label: "مهر" });
  await day.selectOption({ label: "۱۵" });
  // 15 Mehr 1403.
  await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem("seda:draft:visit-fa") ?? "{}").answers)).toEqual({ visited: "2024-10-06" });

  await page.reload();
  await button(widget(page), "ادامه").click();
  await expect(day).toHaveValue("15");
  await expect(month).toHaveValue("7");
  await expect(year).toHaveValue("1403");
  await button(widget(page), FA.submit).click();
  const [post] = await o.collector.waitFor(1);
  expect(post.body.answers).toEqual({ visited: "2024-10-06" });
});

test("a date out of its bounds is told in Jalali dates", async ({ page }) => {
  // From today on: a draft kept from yesterday is now too early.
  const form = { ...VISIT, id: "soon-fa", questions: [{ ...VISIT.questions[0], earliest: "today", latest: undefined }] };
  await page.goto(formPage(form));
  const { day, month, year } = picker(page);
  const [todayWords, yesterday] = await page.evaluate(() => {
    const parts = new Intl.DateTimeFormat("fa-IR-u-ca-persian", { year: "numeric", month: "long", day: "numeric" }).formatToParts(new Date());
    const part = (type) => parts.find((p) => p.type === type).value;
    const d = new Date(Date.now() - 86_400_000);
    const iso = [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
    return [`${part("day")} ${part("month")} ${part("year")}`, iso];
  });
  // Nothing before this year is offered.
  await expect(year).toBeVisible();
  expect((await labels(year)).at(-1)).toBe(todayWords.split(" ")[2]);
  await year.selectOption({ index: 1 });
  await month.selectOption({ index: 1 });
  await day.selectOption({ index: 1 });
  await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem("seda:draft:soon-fa") ?? "{}").answers?.visited)).toMatch(/^\d{4}-\d\d-\d\d$/);
  await page.evaluate((yesterday) => {
    const saved = JSON.parse(localStorage.getItem("seda:draft:soon-fa"));
    saved.answers.visited = yesterday;
    localStorage.setItem("seda:draft:soon-fa", JSON.stringify(saved));
  }, yesterday);
  await page.reload();
  await button(widget(page), "ادامه").click();
  await button(widget(page), FA.submit).click();
  await expect(alertText(page)).toHaveText(`لطفاً تاریخی از ${todayWords} به بعد برگزینید.`);
});

test("a Persian date and time starts at now in the Jalali calendar, and sends its ISO date and time", async ({ page }) => {
  const title = "کی اتفاق افتاد؟";
  const form = { seda: 1, id: "when-fa", version: 1, kind: "survey", locale: "fa", questions: [{ id: "at", type: "datetime", required: true, title }] };
  await page.goto(formPage(form));
  const { day, month, year, group } = picker(page, title);
  const time = group.getByLabel("ساعت", { exact: true });
  // Today by the browser's own Persian calendar.
  const today = await page.evaluate(() =>
    Object.fromEntries(new Intl.DateTimeFormat("en-u-ca-persian-nu-latn", { year: "numeric", month: "numeric", day: "numeric" }).formatToParts(new Date()).filter((p) => ["year", "month", "day"].includes(p.type)).map((p) => [p.type, String(parseInt(p.value, 10))])),
  );
  await expect(day).toHaveValue(today.day);
  await expect(month).toHaveValue(today.month);
  await expect(year).toHaveValue(today.year);
  expect((await labels(year))[1], "nothing after this year").toBe(new Intl.NumberFormat("fa", { useGrouping: false }).format(Number(today.year)));
  await expect(time).toHaveValue(/^\d\d:\d\d$/);

  await year.selectOption({ label: "۱۴۰۳" });
  await month.selectOption({ label: "فروردین" });
  await day.selectOption({ label: "۱" });
  await time.fill("09:30");
  await button(widget(page), FA.submit).click();
  const [post] = await o.collector.waitFor(1);
  expect(post.body.answers).toEqual({ at: "2024-03-20T09:30" });
});

test("other languages keep the browser's date input", async ({ page }) => {
  const form = { ...VISIT, id: "visit-en", locale: "en", questions: [{ ...VISIT.questions[0], title: "When did you visit?" }] };
  await page.goto(formPage(form, "en"));
  const input = widget(page).getByLabel("When did you visit?");
  await expect(input).toHaveAttribute("type", "date");
  await expect(widget(page).getByRole("combobox")).toHaveCount(0);
  await input.fill("2023-01-01");
  await button(widget(page), "Submit").click();
  await expect(alertText(page)).toHaveText("Please pick a date from 2023-09-23 to 2025-03-30.");
  await input.fill("2024-03-20");
  await button(widget(page), "Submit").click();
  const [post] = await o.collector.waitFor(1);
  expect(post.body.answers).toEqual({ visited: "2024-03-20" });
});
