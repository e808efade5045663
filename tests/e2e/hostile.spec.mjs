// Hardening: the widget looks and works the same on hostile host pages (aggressive CSS,
// polluted prototypes, a broken fetch, AMD loaders, <base>, a page global named Seda, the
// tag twice, a strict CSP) and never turns form text into markup. Every case completes the
// NPS survey to "Thank you!" and checks the collector received exactly one POST with the
// right answers, and that the page threw nothing.
import { expect, test } from "@playwright/test";
import { button, hostPage, NPS, recordSedaEvents, useOrigins, UUID_V4, watchConsole } from "./support.mjs";

const o = useOrigins(test);
/** How the widget looks on the plain host page (measured once, compared with each case). */
let baseline;

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  try {
    await page.goto(npsPage());
    await expect(group(page)).toBeVisible();
    baseline = await look(page);
  } finally {
    await page.close();
  }
});

const npsEmbed = (attrs = {}) => o.embed({ form: "template:nps", endpoint: o.endpoint, ...attrs });
const npsPage = (extra = {}, attrs = {}) => o.page(hostPage({ embed: npsEmbed(attrs), ...extra }));

// Helpers scoped to a root (the page, or one [data-seda-host] when there are several).
const pageOf = (root) => (typeof root.page === "function" ? root.page() : root);
const group = (root) => root.getByRole("radiogroup", { name: NPS.question }).or(root.getByRole("group", { name: NPS.question }));
const radio = (root, n) => group(root).getByRole("radio", { name: String(n), exact: true });
const option = (root, n) =>
  group(root).locator("label").filter({ has: pageOf(root).getByRole("radio", { name: String(n), exact: true }) });
const reasonBox = (root) => root.getByRole("textbox", { name: NPS.reason });
const thanks = (root) => root.getByRole("heading", { name: NPS.thanks });

/** Picks 9, Next, types the reason, Submit, "Thank you!". */
async function completeNps(root, reason) {
  await expect(group(root)).toBeVisible();
  await option(root, 9).click();
  await expect(radio(root, 9)).toBeChecked();
  await button(root, "Next").click();
  await reasonBox(root).fill(reason);
  await button(root, "Submit").click();
  await expect(thanks(root)).toBeVisible();
}

/** Exactly one POST (after a short grace period) carrying the NPS answers; returns it. */
async function expectOnePost(reason, url) {
  const [post] = await o.collector.waitFor(1);
  await new Promise((ok) => setTimeout(ok, 300));
  expect(o.collector.received, "POSTs received").toHaveLength(1);
  expect(post.path).toBe("/responses");
  expect(post.body.id).toMatch(UUID_V4);
  expect(post.headers["idempotency-key"]).toBe(post.body.id);
  expect(post.body).toMatchObject({ form_id: "nps", form_version: 1, kind: "survey", nps_category: "promoter" });
  expect(post.body.answers).toEqual({ recommend: 9, reason });
  if (url) expect(post.body.meta.page_url).toBe(url);
  return post;
}

const STYLE_PROPS = [
  "display", "position", "visibility", "opacity", "font-family", "font-size", "font-weight", "line-height",
  "letter-spacing", "text-transform", "text-align", "direction", "color", "background-color",
  "border-top-width", "border-top-style", "border-top-color", "border-top-left-radius", "padding-top",
  "padding-left", "margin-top", "margin-left", "box-sizing", "outline-style",
];

/**
 * Layout and computed styles of the key parts of widget `index` (inside its shadow root):
 * the card, the question title, options 0 and 10, their group and Next. Boxes are relative to
 * the card (rounded to px); the card's gaps to the viewport's right and bottom edges too.
 */
function look(page, index = 0) {
  return page.evaluate(
    ([index, props]) => {
      const host = document.querySelectorAll("[data-seda-host]")[index];
      const root = host.shadowRoot;
      const parts = {
        card: root.querySelector("[role=dialog]") ?? root.firstElementChild,
        title: root.querySelector("[role=radiogroup] h2") ?? root.querySelector("h2"),
        group: root.querySelector("[role=radiogroup], fieldset"),
        option0: root.querySelector('input[type=radio][value="0"]')?.closest("label"),
        option10: root.querySelector('input[type=radio][value="10"]')?.closest("label"),
        next: [...root.querySelectorAll("button")].find((b) => b.textContent.trim() === "Next"),
      };
      const c = parts.card.getBoundingClientRect();
      const out = {
        gaps: [innerWidth - c.right, innerHeight - c.bottom].map(Math.round),
        elements: {},
      };
      for (const [name, el] of Object.entries(parts)) {
        if (!el) {
          out.elements[name] = null;
          continue;
        }
        const r = el.getBoundingClientRect();
        const cs = getComputedStyle(el);
        out.elements[name] = {
          box: [r.x - c.x, r.y - c.y, r.width, r.height].map(Math.round),
          style: Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)])),
        };
      }
      return out;
    },
    [index, STYLE_PROPS],
  );
}

/** Records page-script "securitypolicyviolation" events and dialogs (add before navigating). */
async function recordViolations(page) {
  await page.addInitScript(() => {
    const seen = [];
    Object.defineProperty(window, "__cspViolations", { value: seen });
    const record = (e) =>
      seen.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber });
    window.addEventListener("securitypolicyviolation", record, true);
  });
  return () => page.evaluate(() => window.__cspViolations);
}

/** Waits for the NPS question; on failure the message carries what the page logged. */
async function expectShown(root, log) {
  await expect(group(root)).toBeVisible().catch((e) => {
    e.message += `\npage errors: ${JSON.stringify(log.pageErrors)}\nconsole errors: ${JSON.stringify(log.errors)}`;
    throw e;
  });
}

/**
 * The common case: a host page with `head` (and optionally `main`) added, answered to the end.
 * Checks the widget looks as on the plain page (unless `sameLook` is false), one POST with the
 * answers, no uncaught errors and no console errors.
 */
async function hostileCase(page, { head = "", main = "", attrs = {}, reason, sameLook = true }) {
  const log = watchConsole(page);
  const url = o.page(hostPage({ embed: npsEmbed(attrs), head, main }));
  await page.goto(url);
  await expectShown(page, log);
  await expect(page.locator("[data-seda-host]")).toHaveCount(1);
  if (sameLook) expect(await look(page), "the widget looks as on a plain page").toEqual(baseline);
  await completeNps(page, reason);
  const post = await expectOnePost(reason, url);
  expect(log.pageErrors, "uncaught errors").toEqual([]);
  expect(log.errors, "console errors").toEqual([]);
  return { url, log, post };
}

test("1. host CSS `* { all: unset !important }`", async ({ page }) => {
  await hostileCase(page, {
    head: "<style>* { all: unset !important; }</style>",
    reason: "Unset everything",
  });
});

test("2. host CSS `button { display: none !important }`", async ({ page }) => {
  await hostileCase(page, {
    head: "<style>button { display: none !important; }</style>",
    reason: "No buttons here",
  });
  // The page's own rule still applies to its own button: the widget changed nothing outside.
  await expect(page.locator("#host-button")).toBeHidden();
});

test("3. host root font-size 8px, direction rtl, zoom 1.5: no rem or inheritance leaks in", async ({ page }) => {
  const log = watchConsole(page);
  const url = npsPage({ head: "<style>html { font-size: 8px; direction: rtl; zoom: 1.5; }</style>" });
  await page.goto(url);
  await expectShown(page, log);

  const box10 = await option(page, 10).boundingBox();
  expect(box10, 'the "10" option has a box').not.toBeNull();
  expect(box10.height, 'height of the "10" option box').toBeGreaterThanOrEqual(30);

  const seen = await look(page);
  expect(seen.elements.title.style["font-size"], "title font-size inside the shadow root").toBe("18px");
  // English stays left to right on a right-to-left page: 0 on the left, 10 on the right.
  expect(seen.elements.title.style.direction).toBe("ltr");
  expect(seen.elements.option0.box[0]).toBeLessThan(seen.elements.option10.box[0]);
  // Apart from zoom (which scales everything alike), every computed style is the plain page's.
  // Border widths are left out: under zoom 1.5 Chromium snaps a 1px border to whole device
  // pixels and reports 0.666667px, which is the browser's doing, not a leak.
  const unzoomed = (style) => Object.fromEntries(Object.entries(style ?? {}).filter(([p]) => !/^border-.*-width$/.test(p)));
  for (const [name, el] of Object.entries(baseline.elements)) {
    expect(unzoomed(seen.elements[name]?.style), `computed style of ${name}`).toEqual(unzoomed(el.style));
  }

  await completeNps(page, "Small root font");
  await expectOnePost("Small root font", url);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("4. Object.prototype and Array.prototype polluted before seda.js loads", async ({ page }) => {
  const head = `<script>
    Object.prototype.polluted = "x";
    Object.prototype.pollutedObject = { polluted: true };
    Array.prototype.pollutedMethod = function () { return "polluted"; };
    Array.prototype.polluted = "y";
  </script>`;
  const { post } = await hostileCase(page, { head, reason: "Prototype junk" });
  expect(post.text, "raw POST body").not.toMatch(/polluted/i);
  const keys = [];
  const walk = (v) => {
    if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) keys.push(k), walk(x);
  };
  walk(post.body);
  expect(keys.filter((k) => /polluted/i.test(k))).toEqual([]);
});

test("5. window.fetch replaced by a function that throws, before seda.js loads", async ({ page }) => {
  const head = `<script>
    window.__brokenFetchCalls = 0;
    window.fetch = function () { window.__brokenFetchCalls++; throw new TypeError("fetch is broken on this page"); };
  </script>`;
  await hostileCase(page, { head, reason: "Fetch is broken" });
});

test("6. an AMD loader on the page (define with define.amd)", async ({ page }) => {
  const head = `<script>
    window.__amdCalls = [];
    window.define = function () { window.__amdCalls.push([].slice.call(arguments).map(String)); };
    window.define.amd = {};
  </script>`;
  await hostileCase(page, { head, reason: "AMD page" });
  expect(await page.evaluate(() => window.__amdCalls), "calls to the page's define()").toEqual([]);
});

test('7. <base href="https://elsewhere.invalid/"> in the host page head', async ({ page }) => {
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  // A base element must come before any relative URL in the head; hostPage puts `head` last,
  // so it is inserted right after <head> instead.
  const log = watchConsole(page);
  const html = hostPage({ embed: npsEmbed() }).replace("<head>", '<head>\n<base href="https://elsewhere.invalid/">');
  const url = o.page(html);
  await page.goto(url);
  expect(await page.evaluate(() => document.baseURI)).toBe("https://elsewhere.invalid/");
  await expectShown(page, log);
  expect(await look(page)).toEqual(baseline);
  await completeNps(page, "Based elsewhere");
  await expectOnePost("Based elsewhere", url);
  expect(requests.filter((u) => u.includes("elsewhere.invalid")), "requests to the base origin").toEqual([]);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("8. a page global `window.Seda = { mine: true }` defined before seda.js", async ({ page }) => {
  const head = `<script>window.Seda = { mine: true };</script>`;
  await hostileCase(page, { head, reason: "Name clash" });
  expect(await page.evaluate(() => window.Seda?.mine), "window.Seda.mine").toBe(true);
  expect(await page.evaluate(() => Object.keys(window.Seda)), "enumerable keys of the page's Seda").toEqual(["mine"]);
});

// Beyond the brief's list: a page that freezes its own `Seda` namespace.
test("8b. a frozen page global `window.Seda = Object.freeze({ mine: true })`", async ({ page }) => {
  const head = `<script>window.Seda = Object.freeze({ mine: true });</script>`;
  await hostileCase(page, { head, reason: "Frozen name clash" });
  expect(await page.evaluate(() => window.Seda?.mine)).toBe(true);
});

test("9. the tag twice with the same attributes: two widgets, the code downloaded once", async ({ page }) => {
  const log = watchConsole(page);
  const downloads = [];
  page.on("request", (r) => downloads.push(new URL(r.url()).pathname));
  const url = o.page(hostPage({ embed: npsEmbed() + "\n" + npsEmbed() }));
  await page.goto(url);

  const hosts = page.locator("[data-seda-host]");
  await expect(hosts).toHaveCount(2);
  await expect(group(hosts.nth(0))).toHaveCount(1);
  await expect(group(hosts.nth(1))).toBeVisible();
  await page.waitForTimeout(300);
  await expect(hosts).toHaveCount(2);
  const glue = downloads.filter((p) => /^\/seda-[0-9a-f]+\.js$/.test(p));
  const wasm = downloads.filter((p) => /^\/seda-[0-9a-f]+_bg\.wasm$/.test(p));
  expect(glue, "glue downloads").toHaveLength(1);
  expect(wasm, "wasm downloads").toHaveLength(1);
  expect(await look(page, 1)).toEqual(baseline);

  // The second card is drawn over the first (same corner); it is the one a visitor answers.
  await completeNps(hosts.nth(1), "Twice embedded");
  await expectOnePost("Twice embedded", url);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("isolation: one new element (the host) and at most one new global (Seda)", async ({ page }) => {
  const log = watchConsole(page);
  const count = () =>
    page.evaluate(() => ({
      elements: document.querySelectorAll("*").length,
      head: [...document.head.children].map((e) => e.outerHTML),
      styleSheets: document.styleSheets.length,
      adopted: document.adoptedStyleSheets.length,
      globals: Object.getOwnPropertyNames(window),
    }));
  await page.goto(o.page(hostPage()));
  const before = await count();

  await page.goto(npsPage());
  await expectShown(page, log);
  await page.waitForTimeout(300);
  const after = await count();

  await expect(page.locator("[data-seda-host]")).toHaveCount(1);
  // The embed's own <script> tag is the host page's; the widget may add only its host element.
  expect(after.elements - 1 /* the embed tag */ - 1 /* the host */, "elements in the document").toBe(before.elements);
  expect(after.head, "the document head").toEqual(before.head);
  expect(after.styleSheets, "document.styleSheets").toBe(before.styleSheets);
  expect(after.adopted, "document.adoptedStyleSheets").toBe(before.adopted);
  const added = after.globals.filter((g) => !before.globals.includes(g));
  const removed = before.globals.filter((g) => !after.globals.includes(g));
  expect(removed, "window properties removed").toEqual([]);
  expect(added.filter((g) => g !== "Seda"), "new window properties").toEqual([]);
  expect(await page.evaluate(() => document.querySelector("[data-seda-host]").parentElement === document.body)).toBe(true);

  await completeNps(page, "Isolated");
  await expectOnePost("Isolated");
  expect((await count()).elements, "elements after answering").toBe(after.elements);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("strict Content-Security-Policy: no inline anything, and no violation", async ({ page }) => {
  const violations = await recordViolations(page);
  const log = watchConsole(page);
  const csp = [
    `script-src 'self' ${o.assets.origin} 'wasm-unsafe-eval'`,
    `style-src 'self' ${o.assets.origin}`,
    `connect-src ${o.collector.origin} ${o.assets.origin}`,
  ].join("; ");

  // The host page with its inline <style> and <script> moved to files on its own origin.
  const strict = (embed) => {
    const html = hostPage({ embed });
    const css = html.match(/<style>([\s\S]*?)<\/style>/)[1];
    const js = html.match(/<script>([\s\S]*?)<\/script>/)[1];
    o.host.pages.set("/csp/host.css", { html: css, headers: { "Content-Type": "text/css; charset=utf-8" } });
    o.host.pages.set("/csp/host.js", { html: js, headers: { "Content-Type": "text/javascript; charset=utf-8" } });
    const page = html
      .replace(/<style>[\s\S]*?<\/style>/, '<link rel="stylesheet" href="/csp/host.css">')
      .replace(/<script>[\s\S]*?<\/script>/, '<script src="/csp/host.js"></script>');
    expect(page).not.toMatch(/<style|<script>|\sstyle=|\son[a-z]+=/);
    return { html: page, headers: { "Content-Security-Policy": csp } };
  };

  // Control: the page alone is clean under this policy (so any violation below is the widget's).
  o.host.pages.set("/csp/plain.html", strict(""));
  await page.goto(o.host.url("/csp/plain.html"));
  await page.locator("#host-button").click();
  await expect(page.locator("#host-count")).toHaveText("1");
  await page.waitForTimeout(200);
  expect(await violations(), "violations of the page alone").toEqual([]);
  // Self-check: the recorder sees a violation made inside a shadow root.
  await page.evaluate(() => {
    const root = document.body.appendChild(document.createElement("div")).attachShadow({ mode: "open" });
    root.appendChild(document.createElement("p")).setAttribute("style", "color: red");
  });
  await expect.poll(async () => (await violations()).map((v) => v.directive)).toEqual(["style-src-attr"]);
  log.errors.length = 0;

  o.host.pages.set("/csp/nps.html", strict(npsEmbed()));
  const url = o.host.url("/csp/nps.html");
  await page.goto(url);
  await expectShown(page, log);
  expect(await look(page)).toEqual(baseline);
  await completeNps(page, "Strict policy");
  await expectOnePost("Strict policy", url);
  await page.waitForTimeout(200);
  expect(await violations(), "securitypolicyviolation events").toEqual([]);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors, "console errors (CSP refusals are logged there)").toEqual([]);
});

test("XSS: form strings and typed answers stay text", async ({ page }) => {
  const P1 = '<img src=x onerror="window.__xss=1">';
  const P2 = "<script>window.__xss=2</script>";
  const P3 = "javascript:alert(1)";
  const TYPED = "<img src=x onerror=window.__xss=3>";
  const form = {
    seda: 1,
    id: "xss",
    version: 1,
    kind: "survey",
    locale: "en",
    title: `Survey ${P1}`,
    questions: [
      { id: "score", type: "nps", required: true, title: `Score ${P1}`, description: `About ${P2}`, labels: { min: P1, max: P3 } },
      { id: "pick", type: "choice", required: true, title: `Pick ${P2}`, choices: [{ id: "a", label: P3 }, { id: "b", label: P1 }] },
      { id: "why", type: "text", title: `Why ${P3}`, placeholder: P2 },
    ],
    thank_you: { title: `Thanks ${P2}`, body: P1 },
  };
  // "<" escaped so the payloads cannot end the JSON's own <script> element.
  const main = `<script type="application/json" id="xss-form">${JSON.stringify(form).replaceAll("<", "\\u003c")}</script>`;
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  const dialogs = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  const url = o.page(hostPage({ embed: npsEmbed({ form: "xss-form" }), main }));
  await page.goto(url);

  const host = page.locator("[data-seda-host]");
  /** Markup the payloads would create inside the shadow root: img, script, on* or javascript: attributes. */
  const injected = () =>
    host.evaluate((h) =>
      [...h.shadowRoot.querySelectorAll("*")].flatMap((el) => [
        ...(["IMG", "SCRIPT", "IFRAME", "OBJECT", "EMBED", "A"].includes(el.tagName) ? [el.tagName] : []),
        ...[...el.attributes]
          .filter((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value))
          .map((a) => `${el.tagName}[${a.name}=${a.value}]`),
      ]),
    );
  const literally = (text) => host.getByText(text, { exact: false }).first();

  const scoreGroup = host.getByRole("radiogroup", { name: `Score ${P1}` });
  await expect(scoreGroup).toBeVisible();
  await expect(literally(`Survey ${P1}`)).toBeVisible();
  await expect(literally(`About ${P2}`)).toBeVisible();
  await expect(host.getByText(P1, { exact: true })).toBeVisible();
  await expect(host.getByText(P3, { exact: true })).toBeVisible();
  expect(await injected(), "markup made from form strings (step 1)").toEqual([]);
  await scoreGroup.locator("label").filter({ has: page.getByRole("radio", { name: "9", exact: true }) }).click();
  await button(host, "Next").click();

  const choices = host.getByRole("radiogroup", { name: `Pick ${P2}` });
  await expect(choices).toBeVisible();
  await expect(choices.getByText(P3, { exact: true })).toBeVisible();
  await expect(choices.getByText(P1, { exact: true })).toBeVisible();
  expect(await injected(), "markup made from form strings (step 2)").toEqual([]);
  await choices.getByText(P3, { exact: true }).click();
  await expect(choices.getByRole("radio", { name: P3 })).toBeChecked();
  await button(host, "Next").click();

  const why = host.getByRole("textbox", { name: `Why ${P3}` });
  await expect(why).toBeVisible();
  await expect(why).toHaveAttribute("placeholder", P2);
  await why.pressSequentially(TYPED);
  await expect(why).toHaveValue(TYPED);
  await button(host, "Submit").click();

  await expect(host.getByRole("heading", { name: `Thanks ${P2}` })).toBeVisible();
  await expect(host.getByText(P1, { exact: true })).toBeVisible();
  expect(await injected(), "markup made from form strings (thanks)").toEqual([]);

  const [post] = await o.collector.waitFor(1);
  await page.waitForTimeout(300);
  expect(o.collector.received).toHaveLength(1);
  expect(post.body.form_id).toBe("xss");
  expect(post.body.answers).toEqual({ score: 9, pick: "a", why: TYPED });
  expect((await events.of("seda:submit"))[0]?.detail.answers.why).toBe(TYPED);
  expect(await page.evaluate(() => window.__xss), "window.__xss").toBeUndefined();
  expect(dialogs, "dialogs opened").toEqual([]);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});
