// The desk's whole path in Chromium, against the real receiver (target/debug/seda-receiver on
// a fresh SQLite file, serving the widget's dist/ and the desk's build), in English and in
// Persian: answers come in through the widget on a host site of its own origin, and a person
// signed in to the desk reads and handles them by clicking and typing.
// 1. Twenty NPS answers, each from a new visitor, give the NPS and interval worked out here.
// 2. A complaint is followed to closure: acknowledged, owned, noted, answered, resolved; the
//    complainant looks it up with its reference and email, reads the reply and rates the
//    handling; the desk shows the rating; the case is closed with a root cause.
// 3. A mystery-shop visit, scored by the receiver as worked out here, is approved, and only
//    then counted in the visit report.
// axe-core (WCAG 2.1 A and AA, no violation of any impact) on every desk page visited.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, test } from "@playwright/test";
import { DESK_DIST, startReceiver } from "./receiver.mjs";
import { button, DIST, hostPage, recordSedaEvents, widget } from "./support.mjs";
import { servePages } from "../../tools/serve.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const VISIT_FORM = JSON.parse(readFileSync(new URL("../../crates/seda-core/src/templates/mystery-shop.json", import.meta.url), "utf8"));

// The handler, and a colleague a case could be given to instead.
const ADMIN = { name: "ana", password: "correct horse battery" };
const OTHER = { name: "reza", password: "another horse battery" };

const SCORES = [9, 10, 9, 10, 9, 10, 9, 10, 7, 8, 7, 8, 7, 8, 0, 3, 5, 6, 6, 2];
/** By hand: P = 8, D = 6, n = 20; NPS = 100 (8 − 6) / 20 = 10; var = 14/20 − 0.1² = 0.69;
 *  se = √(0.69 / 20) = 0.18574; 1.96 se = 36.4 points. */
const NPS = { score: 10, low: -26.4, high: 46.4 };

const PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
/** Digits as the language writes them. */
const digits = (text, lang) => (lang === "fa" ? String(text).replace(/[0-9]/g, (d) => PERSIAN_DIGITS[d]) : String(text));
/** A figure as the desk writes it: one place, a minus sign, Persian digits and separator in Persian. */
const figure = (x, lang) => {
  const en = x.toFixed(1).replace("-", "−");
  return lang === "fa" ? digits(en, lang).replace(".", "٫") : en;
};

const W = {
  en: {
    name: "Name", password: "Password", nav: "Main", complaints: "Complaints", visits: "Visits", surveys: "Surveys",
    responses: "responses", interval: "95 % CI", to: "to", next: "Next", submit: "Submit", sent: "Sent.",
    npsQuestion: "How likely are you to recommend us to a friend or colleague?",
    category: "Speed or waiting", what: "What happened?", where: "Where did it happen?", store: "In a store",
    remedy: "An apology or an explanation", byEmail: "By email", email: "Your email",
    consent: "I agree that my complaint and the details I gave are stored and used to look into it.",
    received: "We have your complaint", description: "Forty minutes in the queue at the north mall till",
    complaint: "Complaint", acknowledge: "Acknowledge", startWork: "Start work", resolve: "Mark resolved", close: "Close…",
    closeCase: "Close the case", owner: "Who handles this case", saveOwner: "Save owner",
    note: "New note (only the desk sees it)", addNote: "Add the note", noteText: "Checked the rota: two tills were closed at noon.",
    reply: "Reply to the complainant", saveReply: "Save the reply",
    replyText: "We are sorry for the wait. We now open a third till at lunchtime.",
    moved: (s) => `Status changed to ${s}.`, ownerSaid: (o) => `Owner set to ${o}.`, noteSaid: "The note is added.",
    replySaid: "The public reply is saved.", rootCause: "Root cause", cause: "Process",
    states: { acknowledged: "Acknowledged", in_progress: "In progress", resolved: "Resolved", closed: "Closed" },
    lookup: { reference: "Reference code", contact: "Your email or phone number", look: "Look it up", resolved: "Resolved",
      csat: "How satisfied are you with how we handled your complaint?", thanks: "Thank you for telling us" },
    rated: "4 of 5",
    history: ["Complaint received", "Status: Received → Acknowledged", "Owner: – → ana", "Internal note", "Public reply changed",
      "Status: Acknowledged → In progress", "Status: In progress → Resolved", "Status: Resolved → Closed", "Root cause: Process"],
    place: "north", placeLabel: "North mall", location: "Location", shopper: "Shopper ID", timeIn: "Record time in",
    start: "Start the checklist", yes: "Yes", no: "No", na: "N/A", didNotHappen: "Did not happen",
    review: "Review and submit", ready: "Everything required is answered. You can submit.", timeOut: "Record time out",
    submitReport: "Submit report", recorded: "Visit recorded",
    notReviewed: "Not reviewed", approved: "Approved", reportLink: "The report: scores by location, section and period",
    checklist: "Checklist", newState: "New state", saveReview: "Save the review", reviewSaid: "Review saved: Approved.",
    approvedVisits: (n) => `${n} approved visit${n === 1 ? "" : "s"}`, noApproved: "No approved visits in this period.",
    visitsCount: (n) => `${n} visit${n === 1 ? "" : "s"}`,
  },
  fa: {
    name: "نام کاربری", password: "گذرواژه", nav: "اصلی", complaints: "شکایت‌ها", visits: "بازدیدها", surveys: "نظرسنجی‌ها",
    responses: "پاسخ", interval: "بازهٔ اطمینان ۹۵٪ از", to: "تا", next: "بعدی", submit: "ارسال", sent: "فرستاده شد.",
    npsQuestion: "چقدر احتمال دارد ما را به یک دوست یا همکار پیشنهاد کنید؟",
    category: "سرعت یا انتظار", what: "چه اتفاقی افتاد؟", where: "کجا اتفاق افتاد؟", store: "در فروشگاه",
    remedy: "عذرخواهی یا توضیح", byEmail: "با ایمیل", email: "ایمیل شما",
    consent: "موافقم که شکایتم و جزئیاتی که دادم برای رسیدگی به آن ذخیره و استفاده شود.",
    received: "شکایت شما به دست ما رسید", description: "چهل دقیقه در صف صندوق فروشگاه مرکزی ماندم",
    complaint: "شکایت", acknowledge: "پذیرفتن", startWork: "شروع رسیدگی", resolve: "ثبت حل‌شدن", close: "بستن…",
    closeCase: "بستن پرونده", owner: "رسیدگی‌کنندهٔ این پرونده", saveOwner: "ثبت مسئول",
    note: "یادداشت تازه (فقط کارکنان می‌بینند)", addNote: "افزودن یادداشت", noteText: "برنامهٔ شیفت را دیدم: ظهر دو صندوق بسته بود.",
    reply: "پاسخ به شاکی", saveReply: "ثبت پاسخ",
    replyText: "از انتظارتان پوزش می‌خواهیم. از این پس ظهرها صندوق سوم هم باز است.",
    moved: (s) => `وضعیت به «${s}» تغییر کرد.`, ownerSaid: (o) => `مسئول پرونده: ${o}.`, noteSaid: "یادداشت افزوده شد.",
    replySaid: "پاسخ عمومی ثبت شد.", rootCause: "علت اصلی", cause: "فرایند",
    states: { acknowledged: "پذیرفته‌شده", in_progress: "در حال رسیدگی", resolved: "حل‌شده", closed: "بسته‌شده" },
    lookup: { reference: "کد پیگیری", contact: "ایمیل یا شمارهٔ تلفن شما", look: "پیگیری", resolved: "حل شد",
      csat: "چقدر از رسیدگی ما به شکایتتان راضی هستید؟", thanks: "از اینکه نظرتان را گفتید سپاسگزاریم" },
    rated: "۴ از ۵",
    history: ["شکایت دریافت شد", "وضعیت: دریافت‌شده ← پذیرفته‌شده", "مسئول: – ← ana", "یادداشت داخلی", "پاسخ عمومی تغییر کرد",
      "وضعیت: پذیرفته‌شده ← در حال رسیدگی", "وضعیت: در حال رسیدگی ← حل‌شده", "وضعیت: حل‌شده ← بسته‌شده", "علت اصلی: فرایند"],
    place: "central", placeLabel: "فروشگاه مرکزی", location: "مکان", shopper: "شناسهٔ خریدار", timeIn: "ثبت زمان ورود",
    start: "شروع چک‌لیست", yes: "بله", no: "خیر", na: "مربوط نیست", didNotHappen: "پیش نیامد",
    review: "بازبینی و ارسال", ready: "همهٔ موارد لازم پاسخ داده شده است. می‌توانید بفرستید.", timeOut: "ثبت زمان خروج",
    submitReport: "ارسال گزارش", recorded: "بازدید ثبت شد",
    notReviewed: "بررسی‌نشده", approved: "تأییدشده", reportLink: "گزارش: امتیازها بر پایهٔ محل، بخش و دوره",
    checklist: "چک‌لیست", newState: "وضعیت تازه", saveReview: "ثبت بررسی", reviewSaid: "بررسی ثبت شد: تأییدشده.",
    approvedVisits: (n) => `${digits(n, "fa")} بازدید تأییدشده`, noApproved: "در این دوره بازدید تأییدشده‌ای نیست.",
    visitsCount: (n) => `${digits(n, "fa")} بازدید`,
  },
};

/**
 * The visit's answers by item id, and its score by hand. Weights and rules from the template:
 * arrival: entrance yes 1/1, greet 20 s (full credit up to 30 s) 2/2, warm greeting no 0/1 = 3/4;
 * waiting: nobody ahead, both N/A = 0/0;
 * staff: needs 2/2, knowledge "adequate" 2 of 3 points x 3 = 2/3, accurate 2/2, offers 1 of 4 x 2
 *   = 0.5/2, helpful 3 of 1-5 = (3-1)/(5-1) x 2 = 1/2, the bonus not earned = 7.5/11;
 * cleanliness: floor yes, shelves yes, prices no = 2/3;
 * till: 60 s (standard 120 s, pass or fail) 1/1, charged right 2/2, receipt 1/1, thanked 2/2,
 *   invited back no 0/1 = 6/7;
 * complaint: listened 2/2, apologised no 0/1, fixed on the spot 3/3, 5 min (full credit up to 5) 2/2,
 *   next steps 1/1 = 8/9.
 * Pooled: 26.5 / 34 = 77.94 %, shown to one place: 77.9, "Needs work" (70 to 85).
 */
const VISIT = {
  answers: {
    entrance: "yes", greet_time: 20, greet_warm: "no",
    queue_time: "did_not_happen", queue_ack: "na",
    needs: "yes", knowledge: "adequate", accurate: "yes", offers: ["alternative"], helpful: 3, extra_mile: "no",
    floor: "yes", shelves: "yes", prices: "no",
    till_wait: 60, charged_right: "yes", receipt: "yes", thanked: "yes", invited_back: "no",
    listened: "yes", apologised: "no", resolution: "fixed", resolve_time: 5, next_steps: "yes",
  },
  score: Math.round((26.5 / 34) * 1000) / 10,
};

/** axe-core's WCAG 2.1 A and AA rules: no violation of any impact (put in through the DevTools protocol, past the desk's CSP). */
async function audit(page, what) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(found, `axe on ${what}`).toEqual([]);
  expect(result.passes.length, "axe ran its rules").toBeGreaterThan(10);
}

for (const lang of ["en", "fa"]) {
  const w = W[lang];
  test.describe(`the desk's path (${lang})`, () => {
    let receiver;
    let host;
    test.beforeAll(async () => {
      [receiver, host] = await Promise.all([startReceiver({ assets: DIST, desk: DESK_DIST }), servePages()]);
      for (const who of [ADMIN, OTHER]) receiver.addUser(who.name, who.password, "admin");
    });
    test.afterAll(async () => {
      await Promise.all([receiver?.close(), host?.close()]);
    });

    /** A host page on its own origin with the one tag, whose files and endpoint are the receiver's. */
    function hostWith(attrs, main = "") {
      const data = Object.entries({ endpoint: receiver.url("/responses"), locale: lang, ...attrs })
        .map(([k, v]) => ` data-${k}="${String(v).replaceAll("&", "&amp;").replaceAll('"', "&quot;")}"`)
        .join("");
      const path = `/p-${Math.random().toString(36).slice(2)}.html`;
      host.pages.set(path, hostPage({ main, embed: `<script src="${receiver.url("/seda.js")}" async crossorigin${data}></script>` }));
      return host.url(path);
    }

    /** Opens the desk, switches it to the run's language and signs in by keyboard. */
    async function signIn(page) {
      await page.goto(receiver.url("/desk/"));
      await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
      if (lang === "fa") await page.getByRole("button", { name: "فارسی" }).click();
      await expect(page.locator("html")).toHaveAttribute("dir", lang === "fa" ? "rtl" : "ltr");
      await page.getByLabel(w.name).focus();
      await page.keyboard.type(ADMIN.name);
      await page.keyboard.press("Tab");
      await page.keyboard.type(ADMIN.password);
      await page.keyboard.press("Enter");
      await expect(page.getByRole("navigation", { name: w.nav })).toBeVisible();
    }

    /** The desk's announcement of what a change did (its status line). */
    const said = (page, text) => expect(page.locator("main .desk-status[role=status]")).toHaveText(text);

    test("twenty NPS answers through the widget give the NPS worked out by hand", async ({ browser, page }) => {
      test.setTimeout(120_000);
      expect([SCORES.filter((s) => s >= 9).length, SCORES.filter((s) => s === 7 || s === 8).length, SCORES.filter((s) => s <= 6).length]).toEqual([8, 6, 6]);
      const url = hostWith({ form: "template:nps" });
      /** One visitor: a browser context of their own, a score picked on its label, Next, Submit. */
      async function answer(score) {
        const context = await browser.newContext();
        try {
          const visitor = await context.newPage();
          await visitor.goto(url);
          const group = widget(visitor).getByRole("radiogroup", { name: w.npsQuestion }).or(widget(visitor).getByRole("group", { name: w.npsQuestion }));
          await group.locator("label").filter({ has: visitor.getByRole("radio", { name: digits(score, lang), exact: true }) }).click();
          await button(widget(visitor), w.next).click();
          await button(widget(visitor), w.submit).click();
          await expect(visitor.getByRole("status").filter({ hasText: new RegExp(`^\\s*${w.sent.replace(".", "\\.")}\\s*$`) })).toBeVisible();
        } finally {
          await context.close();
        }
      }
      // Four visitors at a time.
      const queue = [...SCORES];
      await Promise.all(Array.from({ length: 4 }, async () => {
        while (queue.length) await answer(queue.shift());
      }));
      const stored = await receiver.exportRows("nps");
      expect(stored.map((r) => r.payload.answers.recommend).sort((a, b) => a - b)).toEqual([...SCORES].sort((a, b) => a - b));
      expect(new Set(stored.map((r) => r.payload.meta.locale.slice(0, 2)))).toEqual(new Set([lang]));

      await signIn(page);
      const row = page.locator("#forms-table tbody tr").filter({ hasText: "nps" });
      await expect(row.locator("td.desk-num")).toHaveText(digits(20, lang));
      await audit(page, `the forms list (${lang})`);
      await row.getByRole("link").click();
      await expect(page).toHaveURL(/\/desk\/surveys\/nps$/);
      await expect(page.locator("#survey-responses")).toHaveText(`${digits(20, lang)} ${w.responses}`);
      const card = page.locator("#metric-nps").locator("..");
      await expect(card.locator(".desk-metric-figure")).toHaveText(figure(NPS.score, lang));
      await expect(card.locator(".desk-metric-interval")).toHaveText(`${w.interval} ${figure(NPS.low, lang)} ${w.to} ${figure(NPS.high, lang)}`);
      await expect(card.locator(".desk-split dd")).toHaveText(lang === "fa" ? ["۸ (۴۰٫۰٪)", "۶ (۳۰٫۰٪)", "۶ (۳۰٫۰٪)"] : ["8 (40.0%)", "6 (30.0%)", "6 (30.0%)"]);
      await audit(page, `the NPS survey (${lang})`);
    });

    test("a complaint is followed to closure, and the complainant reads the reply and rates it", async ({ browser, page }) => {
      test.setTimeout(120_000);
      const email = `sara.${lang}@example.com`;
      // The complaint, filed through the widget.
      const events = await recordSedaEvents(page);
      await page.goto(hostWith({ form: "template:complaint", target: "#slot" }, `<div id="slot"></div>`));
      const form = widget(page);
      await form.getByRole("radio", { name: w.category }).check();
      await form.getByRole("textbox", { name: w.what }).fill(w.description);
      await button(form, w.next).click();
      await form.getByRole("combobox", { name: w.where }).selectOption({ label: w.store });
      await button(form, w.next).click();
      await form.getByRole("radio", { name: w.remedy }).check();
      await button(form, w.next).click();
      await form.getByRole("radio", { name: w.byEmail }).check();
      await form.getByRole("textbox", { name: w.email }).fill(email);
      await form.getByRole("checkbox", { name: w.consent }).check();
      await button(form, w.submit).click();
      await expect(form.getByRole("heading", { name: w.received })).toBeVisible();
      const reference = (await form.locator(".seda-reference__code [aria-hidden]").textContent()).trim();
      expect(reference).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      expect((await events.of("seda:complaint")).map((e) => e.detail.reference)).toEqual([reference]);

      // The queue shows it; the handler opens it.
      await signIn(page);
      await page.getByRole("navigation", { name: w.nav }).getByRole("link", { name: w.complaints }).click();
      const queued = page.locator(".desk-queue tbody tr").filter({ hasText: reference });
      await expect(queued).toHaveCount(1);
      await expect(queued.locator(".desk-summary")).toHaveText(w.description);
      await audit(page, `the complaints queue (${lang})`);
      await queued.getByRole("link", { name: reference }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${w.complaint} ${reference}`);
      const state = page.locator(".desk-case-state");
      await expect(state).toHaveText(lang === "fa" ? "دریافت‌شده" : "Received");
      await audit(page, `a new case (${lang})`);

      const move = page.getByRole("group", { name: lang === "fa" ? "تغییر وضعیت پرونده" : "Move the case" });
      await move.getByRole("button", { name: w.acknowledge }).click();
      await said(page, w.moved(w.states.acknowledged));
      await expect(state).toHaveText(w.states.acknowledged);

      await expect(page.getByLabel(w.owner).locator("option")).toHaveText([lang === "fa" ? "هیچ‌کس" : "Nobody", ADMIN.name, OTHER.name]);
      await page.getByLabel(w.owner).selectOption(ADMIN.name);
      await page.getByRole("button", { name: w.saveOwner }).click();
      await said(page, w.ownerSaid(ADMIN.name));

      await page.getByLabel(w.note).fill(w.noteText);
      await page.getByRole("button", { name: w.addNote }).click();
      await said(page, w.noteSaid);
      await expect(page.locator(".desk-notes .desk-note-text")).toHaveText([w.noteText]);

      await page.getByLabel(w.reply).fill(w.replyText);
      await page.getByRole("button", { name: w.saveReply }).click();
      await said(page, w.replySaid);

      await move.getByRole("button", { name: w.startWork }).click();
      await said(page, w.moved(w.states.in_progress));
      await move.getByRole("button", { name: w.resolve }).click();
      await said(page, w.moved(w.states.resolved));
      await expect(state).toHaveText(w.states.resolved);
      await audit(page, `a resolved case (${lang})`);

      // The complainant looks it up with the reference and the email, and rates the handling.
      const context = await browser.newContext();
      const visitor = await context.newPage();
      await visitor.goto(hostWith({ form: "template:complaint-status", target: "#slot" }, `<div id="slot"></div>`));
      const lookup = widget(visitor);
      await lookup.getByRole("textbox", { name: w.lookup.reference }).fill(reference);
      await lookup.getByRole("textbox", { name: w.lookup.contact }).fill(email.toUpperCase());
      await button(lookup, w.lookup.look).click();
      await expect(lookup.locator(".seda-lookup__state")).toHaveText(w.lookup.resolved);
      await expect(lookup.getByText(w.replyText)).toBeVisible();
      const question = lookup.getByRole("radiogroup", { name: w.lookup.csat }).or(lookup.getByRole("group", { name: w.lookup.csat }));
      await question.locator("label").filter({ has: visitor.getByRole("radio", { name: digits(4, lang), exact: true }) }).click();
      await button(lookup, w.submit).click();
      await expect(lookup.getByRole("heading", { name: w.lookup.thanks })).toBeVisible();
      await context.close();
      // The rating is delivered as a complaint-csat response naming the case.
      await expect.poll(async () => (await receiver.exportRows("complaint-csat")).map((r) => [r.payload.hidden, r.payload.answers])).toEqual([
        [{ reference }, { satisfaction: 4 }],
      ]);

      // Back in the desk: the rating is on the case.
      await page.reload();
      const rating = page.locator("section").filter({ has: page.locator("#case-csat-title") });
      await expect(rating.locator("strong")).toHaveText(w.rated);

      // Closed with a root cause; the history lists every change.
      await move.getByRole("button", { name: w.close }).click();
      await expect(page.getByLabel(w.rootCause)).toBeFocused();
      await page.getByLabel(w.rootCause).selectOption({ label: w.cause });
      await page.getByRole("button", { name: w.closeCase, exact: true }).click();
      await said(page, w.moved(w.states.closed));
      await expect(state).toHaveText(w.states.closed);
      await expect(page.locator(".desk-facts div").filter({ hasText: w.rootCause }).locator("dd")).toHaveText(w.cause);
      await expect(page.locator(".desk-history li strong")).toHaveText(w.history);
      const history = page.locator(".desk-history li");
      await expect(history.nth(3).locator(".desk-note-text")).toHaveText(w.noteText);
      await expect(history.nth(4).locator(".desk-note-text")).toHaveText(w.replyText);
      await expect(history.nth(1).locator(".desk-meta bdi")).toHaveText(ADMIN.name);
      await audit(page, `a closed case (${lang})`);
    });

    test("a mystery-shop visit is scored by the receiver, approved, and only then in the report", async ({ page, browser }) => {
      test.setTimeout(120_000);
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
      const phone = await context.newPage();
      const errors = [];
      phone.on("pageerror", (e) => errors.push(String(e)));
      await phone.goto(hostWith({ form: "template:mystery-shop", mode: "page" }));
      const visit = widget(phone);
      await expect(visit.getByRole("heading", { name: lang === "fa" ? "مشخصات بازدید" : "Visit details" })).toBeVisible();
      await visit.getByLabel(w.location).selectOption({ label: w.placeLabel });
      await visit.getByLabel(w.shopper).fill("S-17");
      await button(visit, w.timeIn).click();
      await button(visit, w.start).click();
      for (const [i, section] of VISIT_FORM.sections.entries()) {
        await expect(visit.getByRole("heading", { name: section.title[lang], exact: true })).toBeFocused();
        for (const item of section.items) await answerItem(phone, item, VISIT.answers[item.id]);
        await button(visit, w.next).click();
        if (i === VISIT_FORM.sections.length - 1) await expect(visit.getByRole("heading", { name: w.review })).toBeFocused();
      }
      await expect(visit.getByText(w.ready)).toBeVisible();
      await button(visit, w.timeOut).click();
      await button(visit, w.submitReport).click();
      await expect(visit.getByRole("heading", { name: w.recorded })).toBeVisible();
      await expect(visit.getByRole("status").filter({ hasText: w.sent })).toBeVisible();
      expect(errors).toEqual([]);
      await context.close();

      // The desk: the visit with the receiver's score, not yet reviewed.
      await signIn(page);
      await page.getByRole("navigation", { name: w.nav }).getByRole("link", { name: w.visits }).click();
      await expect(page.locator("main .desk-status")).toHaveText(w.visitsCount(1));
      const row = page.locator(".desk-visits tbody tr");
      await expect(row).toHaveCount(1);
      await expect(row.locator("td").nth(0)).toHaveText(w.placeLabel);
      await expect(row.locator("td").nth(1)).toHaveText("S-17");
      await expect(row.locator("td.desk-num")).toHaveText(figure(VISIT.score, lang));
      await expect(row.locator("td").nth(3)).toHaveText(VISIT_FORM.scoring.bands.find((b) => b.id === "needs_work").label[lang]);
      await expect(row.locator("td").last()).toHaveText(w.notReviewed);
      await audit(page, `the visits (${lang})`);

      // Before approval the report does not count it.
      await page.getByRole("link", { name: w.reportLink }).click();
      await page.getByLabel(w.checklist).selectOption({ label: VISIT_FORM.title[lang] });
      await expect(page.locator("main .desk-status")).toHaveText(w.approvedVisits(0));
      await expect(page.locator("#report-scores-title").locator("..")).toContainText(w.noApproved);
      await audit(page, `the visit report before approval (${lang})`);

      // The reviewer opens the visit and approves it.
      await page.goBack();
      await page.locator(".desk-visits tbody tr").getByRole("link").click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${lang === "fa" ? "بازدید" : "Visit"} · ${w.placeLabel}`);
      await expect(page.locator(".desk-visit-total .desk-big")).toHaveText(figure(VISIT.score, lang));
      await audit(page, `a visit (${lang})`);
      await page.getByLabel(w.newState).selectOption({ label: w.approved });
      await page.getByRole("button", { name: w.saveReview }).click();
      await said(page, w.reviewSaid);
      await expect(page.locator(".desk-visit-review > p strong")).toHaveText(w.approved);
      await audit(page, `an approved visit (${lang})`);

      // The report now holds the visit: that location with that score.
      await page.goto(receiver.url("/desk/visits/report?form=mystery-shop"));
      await expect(page.locator("main .desk-status")).toHaveText(w.approvedVisits(1));
      const place = page.locator("#report-sections-title").locator("..").locator("tbody tr");
      await expect(place).toHaveCount(1);
      await expect(place.locator("th")).toHaveText(w.placeLabel);
      // One visit; by section: arrival 3/4, waiting none, staff 7.5/11, cleanliness 2/3, till 6/7, complaint 8/9.
      await expect(place.locator("td")).toHaveText([digits(1, lang), ...[75, null, 68.2, 66.7, 85.7, 88.9].map((x) => (x === null ? "–" : figure(x, lang)))]);
      // The chart's own table: the location's mean score.
      const chart = page.locator("#report-scores-title").locator("..");
      await chart.getByText(lang === "fa" ? "جدول این نمودار" : "Table of this chart").click();
      await expect(chart.locator(".desk-chart-table tbody tr")).toHaveText([`${w.placeLabel}${figure(VISIT.score, lang)}`]);
      await audit(page, `the visit report after approval (${lang})`);
    });

    /** Answers one checklist item as a shopper does, in the run's language. */
    async function answerItem(phone, item, value) {
      const box = widget(phone).locator("fieldset.seda-cl-item").filter({ has: phone.getByRole("heading", { name: item.title[lang], exact: true }) });
      const radio = (name) => box.getByRole("radio", { name, exact: true }).check();
      if (value === "yes") return radio(w.yes);
      if (value === "no") return radio(w.no);
      if (value === "na") return radio(w.na);
      if (value === "did_not_happen") return box.getByRole("checkbox", { name: w.didNotHappen }).check();
      if (item.type === "measure") {
        await box.locator("input.seda-cl-measure__input").fill(String(value));
        return box.locator("input.seda-cl-measure__input").press("Tab");
      }
      if (item.type === "rating") return radio(digits(value, lang));
      if (item.type === "options") return radio(item.options.find((o) => o.id === value).label[lang]);
      if (item.type === "multi") {
        for (const id of value) await box.getByRole("checkbox", { name: item.options.find((o) => o.id === id).label[lang] }).check();
        return;
      }
      throw new Error(`no way to answer ${item.id}`);
    }
  });
}
