// What the widget tells people is true: the thanks note follows the
// response as the outbox delivers it, a complaint says the site has it only once it does,
// meta.page_url carries no query or fragment unless the tag names parameters to keep, an
// endpoint's answer reaches the console and seda:error cut short, a panic leaves an apology
// in every widget, and page mode's service worker keeps Seda's files and the visit page,
// nothing else (never a private answer).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { expect, test } from "@playwright/test";
import { button, DIST, hostPage, note, NOTES, NPS, pick, recordSedaEvents, useOrigins, watchConsole, widget } from "./support.mjs";
import { MIME, servePages } from "../../tools/serve.mjs";

const o = useOrigins(test);

const npsPage = (attrs = {}, name) => o.page(hostPage({ embed: o.embed({ form: "template:nps", endpoint: o.endpoint, ...attrs }) }), name);

/** A page with `form` inline, shown in a slot in the page. */
const inlinePage = (form, attrs = {}) =>
  o.page(
    hostPage({
      main: `<div id="slot"></div><script type="application/json" id="${form.id}-form">${JSON.stringify(form)}</script>`,
      embed: o.embed({ form: `${form.id}-form`, endpoint: o.endpoint, target: "#slot", ...attrs }),
    }),
  );

async function answerNps(page, reason = "Fresh bread") {
  await pick(page, 9);
  await button(page, "Next").click();
  await page.getByRole("textbox", { name: NPS.reason }).fill(reason);
  await button(page, "Submit").click();
  await expect(page.getByRole("heading", { name: NPS.thanks })).toBeVisible();
}

test("a queued response's thanks note changes to Sent. on the same page once the collector accepts it", async ({ page }) => {
  test.setTimeout(45_000);
  o.collector.respond = () => ({ status: 503 });
  await page.goto(npsPage());
  await answerNps(page);
  await expect(note(page, NOTES.queued)).toBeVisible();
  await expect(note(page, NOTES.sent)).toHaveCount(0);

  // The collector starts accepting: the outbox's next attempt delivers it.
  o.collector.respond = null;
  await expect.poll(() => o.collector.deliveredIds().length, { timeout: 15_000, message: "the outbox delivers it" }).toBe(1);
  await expect(note(page, NOTES.sent), "the note says Sent. once it was").toBeVisible({ timeout: 5_000 });
  await expect(note(page, NOTES.queued)).toHaveCount(0);
});

const PLAIN_SURVEY = {
  seda: 1, id: "plain", version: 1, kind: "survey", locale: "en",
  questions: [{ id: "recommend", type: "nps", required: true, title: NPS.question }],
};

test("a survey's default thanks body does not claim the answers were sent (here they are only queued)", async ({ page, context }) => {
  await page.goto(inlinePage(PLAIN_SURVEY));
  const w = widget(page);
  await pick(page, 8);
  await context.setOffline(true);
  await button(w, "Submit").click();
  await expect(w.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await expect(note(page, NOTES.queued)).toBeVisible();
  await expect(w.getByText("Your answers have been sent."), "no claim that the answers were sent").toHaveCount(0);
  await expect(w.getByText("Thank you for your time.", { exact: true })).toBeVisible();
  await context.setOffline(false);
});

const COMPLAINT = {
  seda: 1, id: "damage", version: 1, kind: "complaint", locale: "en",
  questions: [{ id: "what", type: "text", required: true, title: "What happened?" }],
};

test("a complaint's heading says it is saved on this device while queued, and We have your complaint once delivered", async ({ page }) => {
  test.setTimeout(45_000);
  o.collector.respond = () => ({ status: 503 });
  await page.goto(inlinePage(COMPLAINT));
  const w = widget(page);
  await w.getByRole("textbox", { name: "What happened?" }).fill("The box was crushed");
  await button(w, "Submit").click();
  await expect(w.getByRole("heading", { name: "Your complaint is saved on this device" }), "the heading while it is queued").toBeVisible();
  await expect(w.getByRole("heading", { name: "We have your complaint" })).toHaveCount(0);
  await expect(note(page, NOTES.queued)).toBeVisible();

  o.collector.respond = null;
  await expect.poll(() => o.collector.deliveredIds().length, { timeout: 15_000, message: "the outbox delivers it" }).toBe(1);
  await expect(w.getByRole("heading", { name: "We have your complaint" }), "the heading once delivered").toBeVisible({ timeout: 5_000 });
  await expect(w.getByRole("heading", { name: "Your complaint is saved on this device" })).toHaveCount(0);
});

test("meta.page_url is the page's origin and path only: no query, no fragment", async ({ page }) => {
  const url = npsPage({}, "page-url-plain");
  await page.goto(`${url}?store=12&session=s3cr3t&utm_source=mail#reset_token=abc`);
  await answerNps(page);
  const [post] = await o.collector.waitFor(1);
  expect(post.body.meta.page_url).toBe(url);
});

test('data-page-params="utm_source,store" keeps those query parameters, in the page\'s order, and nothing else', async ({ page }) => {
  const url = npsPage({ "page-params": "utm_source,store" }, "page-url-params");
  await page.goto(`${url}?store=12&session=s3cr3t&utm_source=mail#reset_token=abc`);
  await answerNps(page);
  const [post] = await o.collector.waitFor(1);
  expect(post.body.meta.page_url).toBe(`${url}?store=12&utm_source=mail`);
});

test("the endpoint's answer is cut to 200 characters (control characters removed, … appended) in seda:error and the console", async ({ page }) => {
  test.setTimeout(30_000);
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  // 150 + 300 characters, a control character between them, and a tail no one should see.
  const reply = `${"A".repeat(150)}\u0007${"B".repeat(300)}ZZZ-TAIL`;
  o.collector.respond = () => ({ status: 400, body: reply });
  await page.goto(npsPage());
  await answerNps(page, "Too long an answer");
  await expect(note(page, NOTES.rejected)).toBeVisible();
  await expect.poll(async () => (await events.of("seda:error")).filter((e) => e.detail?.status === 400).length).toBe(1);
  const [error] = (await events.of("seda:error")).filter((e) => e.detail?.status === 400);
  expect(String(error.detail.body), "seda:error's body: 200 characters, no control character, then …").toMatch(/^A{150}B{49,50}…$/);
  for (const e of await events.of("seda:error")) {
    expect(JSON.stringify(e.detail), "no seda:error carries more of the answer").not.toMatch(/B{51}|ZZZ-TAIL/);
  }
  for (const text of log.errors) {
    expect(text, "no console error carries more of the answer").not.toMatch(/B{51}|ZZZ-TAIL|\u0007/);
    if (text.includes("A".repeat(150))) expect(text).toMatch(/A{150}B{49,50}…/);
  }
});

test("a panic shows the apology in every widget on the page, also in one whose start was queued when the first failed", async ({ page }) => {
  // Replacing window.Window makes Leptos's renderer panic on its first render (see
  // hostile.spec.mjs). Two forms opened in one task by the page's Seda.open, both with the
  // lean bundle: the second's start is queued in the same instance when the first panics,
  // and adds its widget after that.
  await page.goto(
    o.page(hostPage({
      head: "<script>window.Window = function Window() {};</script>",
      main: `<div id="slot"></div>`,
      embed: o.embed({ form: "template:nps", endpoint: o.endpoint, trigger: "manual" }),
    })),
  );
  await page.waitForFunction(() => window.Seda);
  await page.evaluate(() => {
    window.Seda.open({ form: "template:nps" });
    window.Seda.open({ form: "template:csat", target: "#slot" });
  });
  const apology = "Sorry, this survey stopped working.";
  const hosts = page.locator("[data-seda-host]");
  await expect(hosts.getByRole("alert").filter({ hasText: apology }).first(), "the first failure's apology").toBeVisible();
  await expect(hosts, "a widget for each form").toHaveCount(2);
  await expect(page.locator("body > [data-seda-host]").getByRole("alert"), "the corner card").toContainText(apology);
  await expect(page.locator("#slot [data-seda-host]").getByRole("alert"), "the inline widget").toContainText(apology);
  expect(o.collector.received).toHaveLength(0);
});

// Page mode's service worker. The visit page and Seda's files come from one origin, as in
// checklist.spec.mjs; every file is sent with Cache-Control: no-cache (the test server's
// default no-store would forbid keeping them).
test.describe("the service worker (data-mode=\"page\")", () => {
  let site;
  /** Requests per path, counted by the site. */
  const hits = new Map();
  const files = [];
  test.beforeAll(async () => {
    site = await servePages();
    const walk = (dir) =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
    for (const file of walk(DIST)) {
      const path = `/${relative(DIST, file).split("\\").join("/")}`;
      files.push(path);
      site.pages.set(path, {
        html: readFileSync(file),
        headers: { "Content-Type": MIME[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-cache" },
      });
    }
  });
  test.afterAll(async () => {
    await site?.close();
  });
  test.beforeEach(() => hits.clear());

  /** A page the site serves at `path`, counting its requests. */
  function serve(path, html, headers = {}) {
    site.pages.set(path, () => {
      hits.set(path, (hits.get(path) ?? 0) + 1);
      return { html, headers: { "Cache-Control": "no-cache", ...headers } };
    });
    return site.url(path);
  }
  const visitHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Store visit</title><link rel="icon" href="data:,"></head>
<body><main><h1>Store visit</h1><script src="/seda.js" async data-form="template:mystery-shop" data-mode="page"></script></main></body></html>`;

  /** Every URL in every cache of the page's origin, by cache name. */
  const cached = (page) =>
    page.evaluate(async () => {
      const out = {};
      for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
      return out;
    });
  /** Waits until the worker controls the page and, if `kept`, until the page is in a cache. */
  const settle = (page, kept) =>
    page.evaluate(async (kept) => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
      }
      if (!kept) return true;
      for (let i = 0; i < 200; i++) {
        if (await caches.match(location.href)) return true;
        await new Promise((ok) => setTimeout(ok, 50));
      }
      return false;
    }, kept);

  test("it keeps Seda's files and the visit page, which reloads offline; a private no-store JSON and the site's other pages are never stored nor fetched again", async ({ page, context }) => {
    test.setTimeout(60_000);
    const other = serve("/sw-other.html", "<!doctype html><title>Basket</title><p>Your basket: 2 loaves</p>");
    serve("/sw-private.json", JSON.stringify({ name: "Sara", balance: 42 }), { "Content-Type": MIME[".json"], "Cache-Control": "private, no-store" });
    const visit = serve("/sw-visit.html", visitHtml);

    // Another page of the site is open in a second tab when the worker takes over.
    const tab = await context.newPage();
    await tab.goto(other);
    await page.goto(visit);
    await expect(widget(page).getByRole("heading", { name: "Visit details" })).toBeVisible();
    expect(await settle(page, true), "the visit page is kept").toBe(true);

    // The page fetches the visitor's own data, and the other tab is reloaded: both through the worker.
    expect(await page.evaluate(() => fetch("/sw-private.json").then((r) => r.json()))).toEqual({ name: "Sara", balance: 42 });
    await tab.reload();
    await expect(tab.getByText("Your basket: 2 loaves")).toBeVisible();
    await page.waitForTimeout(1_500);

    const stored = Object.values(await cached(page)).flat();
    expect(stored.filter((u) => u.includes("/sw-private.json")), "the private, no-store JSON is in no cache").toEqual([]);
    expect(stored.filter((u) => u.includes("/sw-other.html")), "the site's other page is in no cache").toEqual([]);
    expect(hits.get("/sw-other.html"), "the other open page was fetched only by its own two loads").toBe(2);
    const own = (u) => u === visit || files.includes(new URL(u).pathname);
    expect(stored.filter((u) => !own(u)), "nothing but Seda's files and the visit page is stored").toEqual([]);
    for (const f of ["/seda.js", ...files.filter((f) => /^\/seda-(full-)?[0-9a-f]+(\.js|_bg\.wasm)$/.test(f))]) {
      expect(stored, `${f} is kept`).toContain(site.url(f));
    }

    const before = hits.get("/sw-visit.html");
    await context.setOffline(true);
    await page.reload();
    await expect(widget(page).getByRole("heading", { name: "Visit details" }), "the visit opens with no network").toBeVisible();
    expect(hits.get("/sw-visit.html"), "the kept copy was shown: the site was not asked").toBe(before);
    await context.setOffline(false);
  });

  for (const header of ["no-store", "private"]) {
    test(`a visit page sent with Cache-Control: ${header} is not kept`, async ({ page }) => {
      test.setTimeout(45_000);
      const visit = serve(`/sw-visit-${header}.html`, visitHtml, { "Cache-Control": header });
      await page.goto(visit);
      await expect(widget(page).getByRole("heading", { name: "Visit details" })).toBeVisible();
      await settle(page, false);
      await expect.poll(async () => Object.values(await cached(page)).flat(), { message: "Seda's files are kept" }).toContain(site.url("/seda.js"));
      await page.waitForTimeout(2_000);
      expect(Object.values(await cached(page)).flat().filter((u) => u.startsWith(visit)), "the page is in no cache").toEqual([]);
    });
  }

  test("at most 20 visit pages are kept, the oldest dropped first", async ({ page }) => {
    test.setTimeout(120_000);
    const visit = serve("/sw-visits.html", visitHtml);
    const urls = Array.from({ length: 22 }, (_, i) => `${visit}?visit=${i + 1}`);
    for (const url of urls) {
      await page.goto(url);
      expect(await settle(page, true), `${url} is kept`).toBe(true);
    }
    await page.waitForTimeout(500);
    const pages = Object.values(await cached(page)).flat().filter((u) => u.startsWith(visit));
    expect(pages.length, `visit pages kept: ${pages.length}`).toBeLessThanOrEqual(20);
    expect(pages, "the two oldest are dropped").not.toContain(urls[0]);
    expect(pages).not.toContain(urls[1]);
    expect(pages.sort(), "the 20 newest are kept").toEqual(urls.slice(2).sort());
  });
});
