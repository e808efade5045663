// The copy of a built-in survey's first screen (dist/seda-shells-*/<template>.js, made by
// tools/shells.mjs): drawn while the widget's code is on its way, taken over by the widget
// once it shows, with what the visitor did in it. The widget's wasm is held back by the
// test (page.route) to keep the copy on screen as long as the test needs.
import { expect, test } from "@playwright/test";
import { button, hostOrCopy, hostPage, NPS, pick as pickIn, recordSedaEvents, score as scoreIn, scoreGroup as scoreGroupIn, useOrigins, watchConsole, widget } from "./support.mjs";

const o = useOrigins(test);

const tagPage = (attrs = {}, lang = "en") =>
  o.page(hostPage({ embed: o.embed({ form: "template:nps", endpoint: o.endpoint, ...attrs }) }).replace('<html lang="en">', `<html lang="${lang}">`));
const copy = (page) => page.locator("[data-seda-shell]");
// In this file the scale is the copy's or the widget's, whichever is on the page.
const scoreGroup = (page) => scoreGroupIn(page, hostOrCopy(page));
const score = (page, n) => scoreIn(page, n, hostOrCopy(page));
const pick = (page, n) => pickIn(page, n, hostOrCopy(page));
const reasonBox = (page) => page.getByRole("textbox", { name: NPS.reason });

/**
 * Holds every request whose URL matches `pattern` until `held.release()`; once released,
 * they fail as offline if `held.refuse` is set. `held.asked` lists them ("glue", "wasm").
 */
async function hold(page, pattern) {
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  const held = { asked: [], refuse: false, release };
  await page.route(pattern, async (route) => {
    held.asked.push(new URL(route.request().url()).pathname.endsWith(".wasm") ? "wasm" : "glue");
    await gate;
    if (held.refuse) await route.abort("internetdisconnected");
    else await route.continue();
  });
  return held;
}

/** Holds every request for the widget's wasm (either bundle) until the returned function is called. */
const holdWasm = async (page) => (await hold(page, /\/seda-(full-)?[0-9a-f]+_bg\.wasm$/)).release;

/** Holds the lean bundle's glue and wasm (the glue also under a retry's `?n`): see hold(). */
const holdCode = (page) => hold(page, /\/seda-[0-9a-f]+(_bg\.wasm|\.js(\?\d+)?)$/);

/** Notes in `window.__sedaCopies` whether a copy was ever added to the page (add before navigating). */
async function watchCopies(page) {
  await page.addInitScript(() => {
    window.__sedaCopies = 0;
    new MutationObserver((list) => {
      for (const m of list) for (const n of m.addedNodes) if (n.nodeType === 1 && n.hasAttribute("data-seda-shell")) window.__sedaCopies++;
    }).observe(document, { childList: true, subtree: true });
  });
}

test("the copy is on screen before the widget's code; a choice and a click on Next carry over", async ({ page }) => {
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  const release = await holdWasm(page);
  const url = tagPage();
  await page.goto(url);

  await expect(scoreGroup(page)).toBeVisible();
  await expect(copy(page)).toHaveAttribute("data-seda-shell", "template:nps");
  await expect(widget(page)).toHaveCount(0);
  expect(await copy(page).evaluate((c) => c.shadowRoot?.mode), "an open shadow root, like the widget's").toBe("open");
  await expect(scoreGroup(page).getByRole("radio")).toHaveCount(11);
  await pick(page, 7);
  await expect(score(page, 7)).toBeChecked();
  await button(page, "Next").click();
  await page.waitForTimeout(200);
  expect(page.url(), "the copy's form never submits the page").toBe(url);
  expect(await events.of("seda:ready"), "the widget has not started").toHaveLength(0);

  release();
  await expect(widget(page)).toHaveCount(1);
  await expect(copy(page)).toHaveCount(0);
  // The Next clicked in the copy was clicked again in the widget, with 7 chosen.
  await expect(reasonBox(page)).toBeVisible();
  await button(page, "Back").click();
  await expect(score(page, 7)).toBeChecked();
  await button(page, "Next").click();
  await reasonBox(page).fill("Warm bread");
  await button(page, "Submit").click();
  const [post] = await o.collector.waitFor(1);
  expect(post.body.answers).toEqual({ recommend: 7, reason: "Warm bread" });
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("focus in the copy moves to the same control in the widget; a click on Next without a choice shows the widget's error", async ({ page }) => {
  const log = watchConsole(page);
  const release = await holdWasm(page);
  await page.goto(tagPage());
  await expect(scoreGroup(page)).toBeVisible();
  await score(page, 4).focus();
  await page.keyboard.press("Space");
  await expect(score(page, 4)).toBeChecked();
  release();
  await expect(copy(page)).toHaveCount(0);
  await expect(widget(page)).toHaveCount(1);
  await expect(score(page, 4)).toBeFocused();
  await expect(score(page, 4)).toBeChecked();

  // A second page: Next clicked in the copy with nothing chosen.
  const page2 = await page.context().newPage();
  const release2 = await holdWasm(page2);
  await page2.goto(tagPage());
  await expect(scoreGroup(page2)).toBeVisible();
  await button(page2, "Next").click();
  release2();
  await expect(widget(page2)).toHaveCount(1);
  await expect(page2.getByRole("alert").filter({ hasText: /\S/ })).toHaveCount(1);
  await expect(scoreGroup(page2)).toBeVisible();
  expect(log.pageErrors).toEqual([]);
});

test("Close in the copy closes at once, and the widget, when it comes, closes unseen and says so", async ({ page }) => {
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  const release = await holdWasm(page);
  await page.goto(tagPage());
  await expect(scoreGroup(page)).toBeVisible();
  await button(page, "Close").click();
  await expect(scoreGroup(page)).toHaveCount(0);
  await page.evaluate(() => {
    window.__sedaShown = 0;
    // Any frame that shows the widget's card after the copy was closed.
    (function watch() {
      if (document.querySelector("[data-seda-host]")?.shadowRoot?.querySelector(".seda-card")) window.__sedaShown++;
      requestAnimationFrame(watch);
    })();
  });
  release();
  await expect.poll(async () => (await events.of("seda:dismiss")).length).toBe(1);
  await expect(widget(page)).toHaveCount(0);
  await expect(copy(page)).toHaveCount(0);
  expect(await page.evaluate(() => window.__sedaShown), "no frame showed the widget").toBe(0);
  expect(log.pageErrors).toEqual([]);
});

test("the copy is the widget's own first screen, in place: the same markup, the same box, in English and Persian", async ({ page }) => {
  for (const [lang, form] of [["en", "template:nps"], ["fa-IR", "template:csat"], ["en-GB", "template:ces"], ["fa", "template:five-needs"]]) {
    const release = await holdWasm(page);
    await page.goto(tagPage({ form }, lang));
    await expect(copy(page)).toHaveCount(1);
    const before = await copy(page).evaluate((c) => {
      const r = c.shadowRoot;
      const card = r.querySelector(".seda-card").getBoundingClientRect();
      return { html: r.innerHTML, lang: r.querySelector("[lang]").lang, dir: r.querySelector("[dir]").dir, card: [card.x, card.y, card.width, card.height] };
    });
    release();
    await expect(copy(page)).toHaveCount(0);
    const after = await widget(page).evaluate((h) => {
      const r = h.shadowRoot;
      const card = r.querySelector(".seda-card").getBoundingClientRect();
      // The widget's views sit in a mount element of their own; the copy holds their markup.
      return { html: r.lastElementChild.outerHTML, lang: r.querySelector("[lang]").lang, dir: r.querySelector("[dir]").dir, card: [card.x, card.y, card.width, card.height] };
    });
    expect(after.lang, `${form} ${lang}`).toBe(lang);
    expect(before.lang, `${form} ${lang}`).toBe(lang);
    expect(before.dir, `${form} ${lang}`).toBe(lang.startsWith("fa") ? "rtl" : "ltr");
    expect(before.html.replace(/ lang="[^"]*"/, ""), `${form} ${lang}: markup`).toBe(after.html.replace(/ lang="[^"]*"/, ""));
    expect(before.card, `${form} ${lang}: the card does not move`).toEqual(after.card);
    await page.unrouteAll();
  }
});

test("no copy when an attribute changes the first screen, for a saved draft, or for another trigger", async ({ page }) => {
  await watchCopies(page);
  const cases = [
    { "theme-brand": "#0b7285" },
    { target: "#site-main" },
    { "hidden-name": "Sara" },
    { trigger: "delay:0.1s" },
  ];
  for (const attrs of cases) {
    await page.goto(tagPage(attrs));
    await expect(scoreGroup(page), JSON.stringify(attrs)).toBeVisible();
    expect(await page.evaluate(() => window.__sedaCopies), JSON.stringify(attrs)).toBe(0);
  }
  await page.evaluate(() => localStorage.setItem("seda:draft:nps", JSON.stringify({ form_id: "nps" })));
  await page.goto(tagPage());
  await expect(widget(page)).toHaveCount(1);
  expect(await page.evaluate(() => window.__sedaCopies), "a saved draft").toBe(0);
});

test("targeting that keeps the form from this visitor also keeps its copy's module from loading", async ({ page }) => {
  const copies = [];
  page.on("request", (r) => {
    if (/\/seda-shells-[0-9a-f]+\//.test(r.url())) copies.push(new URL(r.url()).pathname);
  });
  const cases = [{ include: "/checkout/*" }, { exclude: "/*" }, { sample: "0" }];
  for (const attrs of cases) {
    await page.goto(tagPage(attrs), { waitUntil: "load" });
    // The widget's start (the first idle moment after load) has come and gone.
    await page.evaluate(() => new Promise((done) => requestIdleCallback(() => setTimeout(done, 300))));
    await expect(widget(page), JSON.stringify(attrs)).toHaveCount(0);
    await expect(copy(page), JSON.stringify(attrs)).toHaveCount(0);
  }
  expect(copies, "no copy module requested").toEqual([]);

  // Answered once with data-recontact="never": the next visit loads no copy either.
  await page.goto(tagPage({ recontact: "never" }));
  await expect(scoreGroup(page)).toBeVisible();
  expect(copies, "the first visit draws the copy").toHaveLength(1);
  await pick(page, 9);
  await button(page, "Next").click();
  await button(page, "Submit").click();
  await o.collector.waitFor(1);
  await page.reload({ waitUntil: "load" });
  await page.evaluate(() => new Promise((done) => requestIdleCallback(() => setTimeout(done, 300))));
  await expect(widget(page)).toHaveCount(0);
  expect(copies, "no copy on the visit after answering").toHaveLength(1);
});

test("Seda.close() removes the copy at once; the widget, when it comes, does not show", async ({ page }) => {
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  const release = await holdWasm(page);
  await page.goto(tagPage());
  await expect(copy(page)).toHaveCount(1);
  const wasm = page.waitForResponse(/\/seda-[0-9a-f]+_bg\.wasm$/);
  await page.evaluate(() => window.Seda.close());
  await expect(copy(page)).toHaveCount(0);
  release();
  await wasm;
  await page.waitForTimeout(500);
  await expect(widget(page), "the form closed while starting is not shown").toHaveCount(0);
  await expect(copy(page), "nor is its copy drawn again").toHaveCount(0);
  // The page can still open a form afterwards; it is the only one that was ever shown.
  await page.evaluate(() => window.Seda.open());
  await expect(scoreGroup(page)).toBeVisible();
  expect((await events.of("seda:shown")).map((e) => e.detail.form_id)).toEqual(["nps"]);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("a page where the widget has crashed already: the copy goes, and nothing more is reported", async ({ page }) => {
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  const release = await holdWasm(page);
  await page.goto(tagPage());
  await expect(copy(page)).toHaveCount(1);
  // What another instance on the page leaves when it fails (src/platform/crash.rs).
  await page.evaluate(() => (window[Symbol.for("seda:crashed")] = true));
  release();
  await expect(copy(page)).toHaveCount(0);
  await expect(widget(page)).toHaveCount(0);
  expect(await events.of("seda:error"), "reported once, by the instance that failed").toEqual([]);
  expect(log.pageErrors).toEqual([]);
});

test("offline when the widget's code is due: the copy stays, and the widget takes over once back online", async ({ page, context }) => {
  test.setTimeout(30_000);
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  // The widget's glue and wasm are held back, then refused while the browser is offline.
  const code = await holdCode(page);
  await page.goto(tagPage());
  await expect(copy(page)).toHaveCount(1);
  await pick(page, 6);
  await button(page, "Next").click();
  code.refuse = true;
  await context.setOffline(true);
  code.release();
  await expect.poll(() => code.asked.length).toBeGreaterThanOrEqual(2);
  await page.waitForTimeout(1_000);
  await expect(copy(page), "the copy stays while offline").toHaveCount(1);
  await expect(score(page, 6)).toBeChecked();
  expect(await events.of("seda:error"), "offline is not an error").toEqual([]);

  code.refuse = false;
  await context.setOffline(false);
  await expect(widget(page)).toHaveCount(1);
  await expect(copy(page)).toHaveCount(0);
  // The choice and the click on Next carried over.
  await expect(reasonBox(page)).toBeVisible();
  await reasonBox(page).fill("Back in the tunnel's light");
  await button(page, "Submit").click();
  const [post] = await o.collector.waitFor(1);
  expect(post.body.answers).toEqual({ recommend: 6, reason: "Back in the tunnel's light" });
  expect(code.asked.filter((c) => c === "glue").length, "the glue asked for again").toBeGreaterThanOrEqual(2);
  expect(log.pageErrors).toEqual([]);
});

test("Seda.close() while offline, waiting for the widget's code: nothing shows once back online", async ({ page, context }) => {
  const events = await recordSedaEvents(page);
  const code = await holdCode(page);
  await page.goto(tagPage());
  await expect(copy(page)).toHaveCount(1);
  code.refuse = true;
  await context.setOffline(true);
  await expect.poll(() => code.asked.length).toBe(2);
  // Closed while the glue and the wasm are still on their way, then they fail.
  await page.evaluate(() => window.Seda.close());
  await expect(copy(page)).toHaveCount(0);
  code.release();
  await page.waitForTimeout(500);
  code.refuse = false;
  await context.setOffline(false);
  await page.waitForTimeout(1_500);
  await expect(widget(page)).toHaveCount(0);
  await expect(copy(page)).toHaveCount(0);
  expect(code.asked, "no code asked for again").toHaveLength(2);
  expect(await events.of("seda:shown")).toEqual([]);
  expect(await events.of("seda:error")).toEqual([]);
});

test("the copy never holds up the page's load, and goes when the widget cannot start", async ({ page }) => {
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  // The copy's module held back for 3 s: the page's load event does not wait for it.
  let releaseCopy;
  const heldCopy = new Promise((resolve) => (releaseCopy = resolve));
  await page.route(/\/seda-shells-[0-9a-f]+\/nps\.js$/, async (route) => {
    await heldCopy;
    await route.continue();
  });
  await page.route(/\/seda-[0-9a-f]+_bg\.wasm$/, (route) => route.abort());
  await page.goto(tagPage(), { waitUntil: "load" });
  expect(await page.evaluate(() => performance.getEntriesByType("navigation")[0].loadEventStart)).toBeLessThan(3000);
  releaseCopy();
  await expect.poll(async () => (await events.of("seda:error")).length).toBeGreaterThan(0);
  await page.waitForTimeout(300);
  await expect(copy(page)).toHaveCount(0);
  await expect(widget(page)).toHaveCount(0);
  expect(log.pageErrors).toEqual([]);
});

test("seda.js asks for the copy before anything reads localStorage, whose first use on a page can be slow", async ({ page }) => {
  await page.addInitScript(() => {
    for (const name of ["getItem", "setItem"]) {
      const real = Storage.prototype[name];
      Storage.prototype[name] = function (...args) {
        window.__sedaFirstStorage ??= performance.now();
        return real.apply(this, args);
      };
    }
  });
  const release = await holdWasm(page);
  await page.goto(tagPage());
  await expect(copy(page)).toHaveCount(1);
  const [asked, firstRead] = await page.evaluate(() => [
    performance.getEntriesByType("resource").find((e) => /\/seda-shells-[0-9a-f]+\/nps\.js$/.test(e.name))?.startTime,
    window.__sedaFirstStorage,
  ]);
  expect(asked, "the copy's module was fetched").toBeGreaterThan(0);
  expect(firstRead, "the copy's module looks for a saved draft").toBeGreaterThan(asked);
  release();
  await expect(widget(page)).toHaveCount(1);
});

// An inline form's first page, drawn by seda-shells-*/form.js from the form's JSON.

const inlinePage = (form, { lang = "en", attrs = {} } = {}) =>
  o.page(
    hostPage({
      main: `<script type="application/json" id="survey-form">${JSON.stringify(form).replaceAll("</", "<\\/")}</script>`,
      embed: o.embed({ form: "#survey-form", endpoint: o.endpoint, ...attrs }),
    }).replace('<html lang="en">', `<html lang="${lang}">`),
  );
/** Clicks score `n` of the inline form's first question, in the copy or the widget. */
const pickInline = (page, n) =>
  hostOrCopy(page).getByRole("radiogroup", { name: "How likely are you to recommend us?" }).locator("label").filter({ has: page.getByRole("radio", { name: String(n), exact: true }) }).click();
const survey = (fields) => ({ seda: 1, id: "inline-survey", version: 1, kind: "survey", ...fields });
const both = (en, fa) => ({ en, fa });

/** Forms whose first page the copy draws, and the page's language. */
const DRAWN = [
  ["en", survey({ title: "Branch visit", questions: [
    { id: "recommend", type: "nps", title: "How likely are you to recommend us?", required: true, labels: { min: "Not likely", max: "Very likely" } },
    { id: "why", type: "text", title: "Why?" },
  ] })],
  ["fa", survey({ locale: "fa", pages: [{ id: "first", title: "صفحهٔ اول", questions: [
    { id: "stars", type: "rating", display: "stars", scale: { min: 1, max: 5 }, title: "امتیاز", description: "از یک تا پنج" },
    { id: "picks", type: "choice", multiple: true, other: true, title: "کدام‌ها؟", choices: [{ id: "x", label: "نان" }, { id: "y", label: both("Cake", "کیک") }] },
    { id: "ok", type: "yes_no", title: "راضی بودید؟", required: true },
    { id: "say", type: "text", multiline: true, title: "بنویسید", placeholder: "اینجا", max_length: 300 },
    { id: "mail", type: "email", title: "ایمیل" },
    { id: "amount", type: "number", decimals: 2, title: "مبلغ" },
    { id: "face", type: "rating", display: "smileys", scale: { min: 1, max: 3 }, title: "چهره", required: true },
  ] }, { id: "second", questions: [{ id: "more", type: "text", title: "بیشتر" }] }] })],
  ["en-GB", survey({ title: both("Tell us <all> & \"more\"", "بگویید"), questions: [
    { id: "pay", type: "choice", required: true, other: both("Something else", "چیز دیگر"), title: both("How did you pay?", "چطور پرداختید؟"), choices: [{ id: "card", label: both("Card", "کارت") }, { id: "cash", label: both("Cash", "نقد") }] },
    { id: "phone", type: "phone", title: "Phone" },
    { id: "day", type: "date", title: both("When did you come?", "کی آمدید؟"), latest: "today" },
    { id: "note", type: "statement", title: "Almost done", description: "Two more" },
  ] })],
  // A page language the form does not speak: the browser's (en-US) is the next one tried.
  ["de", survey({ locale: "fa", questions: [
    { id: "rate", type: "rating", scale: { min: 0, max: 6 }, title: both("Rate us", "امتیاز دهید"), description: both("Zero is worst", "صفر بدترین"), labels: { min: both("Bad", "بد"), max: both("Good", "خوب") }, required: true },
    { id: "count", type: "number", title: both("How many?", "چند؟"), required: true, placeholder: "3" },
    { id: "extra", type: "email", title: "Email", required: true },
  ] })],
  ["fa-IR", survey({ title: "فرم", pages: [{ id: "one", questions: [
    { id: "branch", type: "dropdown", title: "کدام شعبه؟", other: true, choices: [{ id: "north", label: "شمال" }, { id: "south", label: "جنوب" }] },
    { id: "city", type: "dropdown", title: "شهر", required: true, placeholder: "یکی را برگزینید", description: "برای آمار", choices: [{ id: "thr", label: "تهران" }] },
    { id: "agree", type: "consent", title: "با شرایط موافقم", required: true, description: "شرایط را خواندم" },
  ] }] })],
];

test("an inline form's copy is the widget's own first page: the same markup, stylesheet and box, in any language", async ({ page }) => {
  const log = watchConsole(page);
  for (const [lang, form] of DRAWN) {
    const release = await holdWasm(page);
    await page.goto(inlinePage(form, { lang }));
    await expect(copy(page)).toHaveCount(1);
    await expect(copy(page)).toHaveAttribute("data-seda-shell", "#survey-form");
    const seen = (r) => {
      const card = r.querySelector(".seda-card").getBoundingClientRect();
      const sheets = r.adoptedStyleSheets.map((s) => [...s.cssRules].map((rule) => rule.cssText).join("\n")).join("\n");
      // The widget's views sit in a mount element of their own; the copy holds their markup.
      return { html: r.lastElementChild.outerHTML.replaceAll("<!---->", ""), sheets, lang: r.querySelector("[lang]").lang, card: [card.x, card.y, card.width, card.height] };
    };
    const before = await copy(page).evaluate((c, seen) => new Function(`return ${seen}`)()(c.shadowRoot), seen.toString());
    release();
    await expect(copy(page)).toHaveCount(0);
    await expect(widget(page)).toHaveCount(1);
    const after = await widget(page).evaluate((h, seen) => new Function(`return ${seen}`)()(h.shadowRoot), seen.toString());
    expect(before.html, `${lang}: markup`).toBe(after.html);
    expect(before.lang, lang).toBe(after.lang);
    expect(before.sheets === after.sheets, `${lang}: the same stylesheet`).toBe(true);
    expect(before.card, `${lang}: the card does not move`).toEqual(after.card);
    await page.unrouteAll();
  }
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("what the visitor does in an inline form's copy carries over to the widget, and the response is whole", async ({ page }) => {
  const log = watchConsole(page);
  const release = await holdWasm(page);
  await page.goto(inlinePage(DRAWN[0][1]));
  await expect(copy(page)).toHaveCount(1);
  await pickInline(page, 3);
  await button(page, "Next").click();
  release();
  await expect(widget(page)).toHaveCount(1);
  await expect(copy(page)).toHaveCount(0);
  const why = page.getByRole("textbox", { name: "Why?" });
  await expect(why).toBeVisible();
  await why.fill("Slow queue");
  await button(page, "Submit").click();
  const [post] = await o.collector.waitFor(1);
  expect(post.body.answers).toEqual({ recommend: 3, why: "Slow queue" });
  expect(post.body.form_id).toBe("inline-survey");
  expect(log.pageErrors).toEqual([]);
});

test("no copy of an inline form whose first screen the definition alone does not decide", async ({ page }) => {
  await watchCopies(page);
  const first = DRAWN[0][1].questions[0];
  const cases = {
    "a condition": survey({ questions: [first, { id: "b", type: "text", title: "B", show_if: { question: "recommend", less_than: 7 } }] }),
    "a theme": survey({ theme: { brand: "#005a9c" }, questions: [first] }),
    // The widget refuses the form and shows its error: a copy would show a form that is not there.
    "a field the widget does not know": survey({ titel: "Misspelt", questions: [first] }),
    "shuffled choices": survey({ questions: [{ id: "c", type: "choice", shuffle: true, title: "C", choices: [{ id: "a", label: "A" }, { id: "b", label: "B" }] }] }),
    "a type it does not draw": survey({ questions: [{ id: "d", type: "matrix", title: "D", rows: [{ id: "a", label: "A" }], columns: [{ id: "b", label: "B" }] }] }),
    // The widget draws a date in Persian as the Persian calendar's day, month and year.
    "a date in Persian": survey({ locale: "fa", questions: [{ id: "day", type: "date", title: "کی آمدید؟" }] }),
    "a name to fill in": survey({ hidden: ["branch"], questions: [{ ...first, title: "How was {branch}?" }] }),
    // The copy carries the widget's English and Persian only.
    "an Arabic form": survey({ locale: "ar", questions: [{ ...first, title: "ما مدى احتمال أن توصي بنا؟" }] }),
    "strings of its own": survey({ strings: { en: { next: "Onwards" } }, questions: [first, { id: "b", type: "text", title: "B" }] }),
    "a checklist (the full bundle's)": { seda: 1, id: "visit", version: 1, kind: "checklist", title: "Visit", sections: [{ id: "door", title: "At the door", items: [{ id: "greeted", type: "yes_no", title: "Were you greeted?" }] }] },
  };
  for (const [what, form] of Object.entries(cases)) {
    await page.goto(inlinePage(form));
    await expect(widget(page), what).toHaveCount(1);
    expect(await page.evaluate(() => window.__sedaCopies), what).toBe(0);
  }
  // A saved draft: the widget opens on "Continue?".
  await page.goto(inlinePage(DRAWN[0][1]));
  await expect(widget(page)).toHaveCount(1);
  await pickInline(page, 5);
  await page.reload();
  await expect(button(page, "Continue")).toBeVisible();
  expect(await page.evaluate(() => window.__sedaCopies), "a saved draft").toBe(0);
});
