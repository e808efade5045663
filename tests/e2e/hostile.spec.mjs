// Hardening: the widget looks and works the same on hostile host pages (aggressive CSS,
// polluted prototypes, a broken fetch, AMD loaders, <base>, a page global named Seda, the
// tag twice, a strict CSP) and never turns form text into markup. Every case completes the
// NPS survey to "Thank you!" and checks the collector received exactly one POST with the
// right answers, and that the page threw nothing.
import { readFileSync } from "node:fs";
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
 * The widget's own host: it waits for the widget to take over the first screen's copy.
 */
async function look(page, index = 0) {
  await expect(page.locator("[data-seda-host]").nth(index)).toBeAttached();
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

  const seen = await look(page);
  const box10 = await option(page, 10).boundingBox();
  expect(box10, 'the "10" option has a box').not.toBeNull();
  expect(box10.height, 'height of the "10" option box').toBeGreaterThanOrEqual(30);

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

test("the shadow root's stylesheet has every rule of style/seda.css, built in without comments", async ({ page }) => {
  const source = readFileSync(new URL("../../style/seda.css", import.meta.url), "utf8");
  await page.goto(npsPage());
  await expect(group(page)).toBeVisible();
  // The widget's own host (not the first screen's copy, which comes before it).
  await expect(page.locator("[data-seda-host]")).toHaveCount(1);
  const rules = await page.evaluate((source) => {
    // Custom properties keep their value's own spacing; nothing else may differ.
    const texts = (sheet) => [...sheet.cssRules].map((r) => r.cssText.replace(/,\s+/g, ","));
    const parsed = new CSSStyleSheet();
    parsed.replaceSync(source);
    const [built] = document.querySelector("[data-seda-host]").shadowRoot.adoptedStyleSheets;
    return { built: texts(built), source: texts(parsed) };
  }, source);
  expect(rules.source.length).toBeGreaterThan(50);
  expect(rules.built).toEqual(rules.source);
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

/** A policy from directive -> sources maps (later maps add sources; [] leaves a directive out). */
const policy = (...parts) => {
  const all = {};
  for (const part of parts) for (const [d, sources] of Object.entries(part)) all[d] = [...(all[d] ?? []), ...sources];
  return Object.entries(all)
    .filter(([, sources]) => sources.length)
    .map(([d, sources]) => `${d} ${sources.join(" ")}`)
    .join("; ");
};

/**
 * Registers a copy of the host page under /csp/ with its inline <style> and <script> moved to
 * files on its own origin, served with `csp`; returns its URL.
 */
function strictPage(name, { embed = "", main = "", csp }) {
  const html = hostPage({ embed, main });
  const css = html.match(/<style>([\s\S]*?)<\/style>/)[1];
  const js = html.match(/<script>([\s\S]*?)<\/script>/)[1];
  o.host.pages.set("/csp/host.css", { html: css, headers: { "Content-Type": "text/css; charset=utf-8" } });
  o.host.pages.set("/csp/host.js", { html: js, headers: { "Content-Type": "text/javascript; charset=utf-8" } });
  const page = html
    .replace(/<style>[\s\S]*?<\/style>/, '<link rel="stylesheet" href="/csp/host.css">')
    .replace(/<script>[\s\S]*?<\/script>/, '<script src="/csp/host.js"></script>');
  expect(page.replace(/<script type="application\/json"/g, "")).not.toMatch(/<style|<script>|\sstyle=|\son[a-z]+=/);
  o.host.pages.set(`/csp/${name}.html`, { html: page, headers: { "Content-Security-Policy": csp } });
  return o.host.url(`/csp/${name}.html`);
}

// What the host page itself needs under `default-src 'none'`: its own script and stylesheet
// ('self') and its data: icon. Nothing here is the widget's.
const PAGE_OWN = { "default-src": ["'none'"], "img-src": ["data:"], "script-src": ["'self'"], "style-src": ["'self'"] };
/** Exactly what the README says the widget needs: no style-src, no nonce, nothing else. */
const widgetNeeds = () => ({ "script-src": [o.assets.origin, "'wasm-unsafe-eval'"], "connect-src": [o.assets.origin, o.collector.origin] });

test("strict Content-Security-Policy: the widget needs only script-src and connect-src, and raises no violation", async ({ page }) => {
  const violations = await recordViolations(page);
  const log = watchConsole(page);
  const csp = policy(PAGE_OWN, widgetNeeds());

  // Control: the page alone is clean under this policy (so any violation below is the widget's).
  await page.goto(strictPage("plain", { csp }));
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

  const url = strictPage("nps", { embed: npsEmbed(), csp });
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

test("strict Content-Security-Policy: a form URL's origin goes in connect-src", async ({ page }) => {
  const violations = await recordViolations(page);
  const log = watchConsole(page);
  const form = { seda: 1, id: "csp", version: 1, kind: "survey", questions: [{ id: "q", type: "nps", title: "Scored under a policy" }] };
  o.host.pages.set("/csp/form.json", { html: JSON.stringify(form), headers: { "Content-Type": "application/json" } });
  const embed = npsEmbed({ form: "/csp/form.json", target: "#slot" });
  const main = '<div id="slot"></div>';

  await page.goto(strictPage("form-url", { embed, main, csp: policy(PAGE_OWN, widgetNeeds(), { "connect-src": ["'self'"] }) }));
  await expect(page.getByRole("radiogroup", { name: "Scored under a policy" })).toBeVisible();
  await page.waitForTimeout(200);
  expect(await violations()).toEqual([]);
  expect(log.errors).toEqual([]);

  // Without the form's origin the fetch is refused: the site owner is told, nothing else breaks.
  await page.goto(strictPage("form-url-refused", { embed, main, csp: policy(PAGE_OWN, widgetNeeds()) }));
  await expect(page.getByRole("alert")).toContainText('data-form="/csp/form.json": could not be fetched');
  expect((await violations()).map((v) => v.directive)).toContain("connect-src");
  expect(log.pageErrors).toEqual([]);
});

for (const [what, needs, directive] of [
  ["'wasm-unsafe-eval'", () => ({ "script-src": [o.assets.origin], "connect-src": [o.assets.origin, o.collector.origin] }), "script-src"],
  ["the assets origin in connect-src (the wasm is fetched)", () => ({ "script-src": [o.assets.origin, "'wasm-unsafe-eval'"], "connect-src": [o.collector.origin] }), "connect-src"],
]) {
  test(`strict Content-Security-Policy without ${what}: nothing is shown, one console error, the page works`, async ({ page }) => {
    const violations = await recordViolations(page);
    const log = watchConsole(page);
    const events = await recordSedaEvents(page);
    await page.goto(strictPage("without", { embed: npsEmbed(), csp: policy(PAGE_OWN, needs()) }));
    await expect.poll(async () => (await events.of("seda:error")).length).toBe(1);
    expect((await events.of("seda:error"))[0].detail.message).toMatch(/^could not load the widget/);
    expect((await violations()).map((v) => v.directive)).toContain(directive);
    await expect(page.locator("[data-seda-host]")).toHaveCount(0);
    expect(log.errors.filter((e) => e.startsWith("[seda]"))).toHaveLength(1);
    expect(log.pageErrors).toEqual([]);
    await page.locator("#host-button").click();
    await expect(page.locator("#host-count")).toHaveText("1");
  });
}

test("a page that enforces Trusted Types: the widget declines with one console error, and throws nothing", async ({ page }) => {
  // The views' templates are parsed from strings, which such a page refuses; the widget checks
  // first instead of failing halfway and leaving an empty element behind.
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  const csp = "require-trusted-types-for 'script'";
  o.host.pages.set("/trusted-types.html", { html: hostPage({ embed: npsEmbed() }), headers: { "Content-Security-Policy": csp } });
  await page.goto(o.host.url("/trusted-types.html"));
  await expect.poll(async () => (await events.of("seda:error")).length).toBe(1);
  await page.waitForTimeout(300);
  const [error] = await events.of("seda:error");
  expect(error.detail.problems).toEqual([expect.stringContaining("enforces Trusted Types")]);
  await expect(page.locator("[data-seda-host]")).toHaveCount(0);
  expect(log.errors.filter((e) => e.startsWith("[seda]"))).toHaveLength(1);
  expect(log.pageErrors).toEqual([]);
});

// Classic payloads for every text path: markup, a script element, a javascript: URL.
const P1 = '<img src=x onerror="window.__xss=1">';
const P2 = "<script>window.__xss=2</script>";
const P3 = "javascript:alert(1)";
const TYPED = "<img src=x onerror=window.__xss=3>";
const XSS_FORM = {
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

/** Markup the payloads would create inside the widgets' shadow roots: img, script, on* or javascript: attributes. */
const injected = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("[data-seda-host]")].flatMap((h) =>
      [...h.shadowRoot.querySelectorAll("*")].flatMap((el) => [
        ...(["IMG", "SCRIPT", "IFRAME", "OBJECT", "EMBED", "A"].includes(el.tagName) ? [el.tagName] : []),
        ...[...el.attributes]
          .filter((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value))
          .map((a) => `${el.tagName}[${a.name}=${a.value}]`),
      ]),
    ),
  );

/** Dialogs the page opens (alert() from a payload), dismissed and listed. */
function watchDialogs(page) {
  const dialogs = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  return dialogs;
}

/** Nothing ran: no payload set window.__xss, no dialog opened, nothing was thrown or logged. */
async function expectNothingRan(page, dialogs, log) {
  expect(await page.evaluate(() => window.__xss), "window.__xss").toBeUndefined();
  expect(dialogs, "dialogs opened").toEqual([]);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
}

for (const [source, formAttr, main] of [
  // "<" escaped so the payloads cannot end the JSON's own <script> element.
  ["inline JSON", "xss-form", `<script type="application/json" id="xss-form">${JSON.stringify(XSS_FORM).replaceAll("<", "\\u003c")}</script>`],
  ["a form URL", "forms/xss.json", ""],
]) {
  test(`XSS: form strings from ${source} and typed answers stay text`, async ({ page }) => {
    o.host.pages.set("/forms/xss.json", { html: JSON.stringify(XSS_FORM), headers: { "Content-Type": "application/json" } });
    const log = watchConsole(page);
    const events = await recordSedaEvents(page);
    const dialogs = watchDialogs(page);
    await page.goto(o.page(hostPage({ embed: npsEmbed({ form: formAttr }), main })));

    const host = page.locator("[data-seda-host]");
    const literally = (text) => host.getByText(text, { exact: false }).first();

    const scoreGroup = host.getByRole("radiogroup", { name: `Score ${P1}` });
    await expect(scoreGroup).toBeVisible();
    await expect(literally(`Survey ${P1}`)).toBeVisible();
    await expect(literally(`About ${P2}`)).toBeVisible();
    await expect(host.getByText(P1, { exact: true })).toBeVisible();
    await expect(host.getByText(P3, { exact: true })).toBeVisible();
    expect(await injected(page), "markup made from form strings (step 1)").toEqual([]);
    await scoreGroup.locator("label").filter({ has: page.getByRole("radio", { name: "9", exact: true }) }).click();
    await button(host, "Next").click();

    const choices = host.getByRole("radiogroup", { name: `Pick ${P2}` });
    await expect(choices).toBeVisible();
    await expect(choices.getByText(P3, { exact: true })).toBeVisible();
    await expect(choices.getByText(P1, { exact: true })).toBeVisible();
    expect(await injected(page), "markup made from form strings (step 2)").toEqual([]);
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
    expect(await injected(page), "markup made from form strings (thanks)").toEqual([]);

    const [post] = await o.collector.waitFor(1);
    await page.waitForTimeout(300);
    expect(o.collector.received).toHaveLength(1);
    expect(post.body.form_id).toBe("xss");
    expect(post.body.answers).toEqual({ score: 9, pick: "a", why: TYPED });
    expect((await events.of("seda:submit"))[0]?.detail.answers.why).toBe(TYPED);
    await expectNothingRan(page, dialogs, log);
  });
}

test("XSS: answers restored from a draft, typed or planted, and the page URL stay text", async ({ page }) => {
  const log = watchConsole(page);
  const dialogs = watchDialogs(page);
  // data-page-params keeps the query parameter q in meta.page_url (the fragment never goes).
  const url = `${npsPage({}, { "page-params": "q" })}?q=${encodeURIComponent(P1)}#${P2}`;
  await page.goto(url);
  await option(page, 9).click();
  await button(page, "Next").click();
  await reasonBox(page).fill(TYPED);

  // The typed answer comes back from the draft after a reload, into the field, as text.
  await page.reload();
  await button(page, "Continue").click();
  await expect(reasonBox(page)).toHaveValue(TYPED);
  expect(await injected(page)).toEqual([]);

  // A draft planted in localStorage (by another script of the site, say) is read the same way;
  // an answer for no question of the form is dropped.
  const planted = {
    form_id: "nps",
    form_version: 1,
    response_id: "0b5d4a52-6c4e-4f39-9a0e-7d0f3c2b1a99",
    started_at: "2026-11-23T10:00:00.000Z",
    step: 1,
    answers: { recommend: 9, reason: P2, [P1]: P1 },
    saved_at: "2026-11-23T10:00:10.000Z",
  };
  await page.evaluate((draft) => localStorage.setItem("seda:draft:nps", draft), JSON.stringify(planted));
  await page.reload();
  await button(page, "Continue").click();
  await expect(reasonBox(page)).toHaveValue(P2);
  expect(await injected(page)).toEqual([]);
  await button(page, "Submit").click();
  await expect(thanks(page)).toBeVisible();

  const post = await expectOnePost(P2);
  expect(post.body.id).toBe(planted.response_id);
  expect(post.body.meta.page_url, "the page URL as the browser gives it, less its fragment").toBe(page.url().split("#")[0]);
  expect(post.body.meta.page_url).toContain("?q=%3Cimg");
  await expectNothingRan(page, dialogs, log);
});

test("XSS: setup error boxes show attribute values and form keys as text", async ({ page }) => {
  const log = watchConsole(page);
  const dialogs = watchDialogs(page);
  const bad = { seda: 1, id: "bad", version: 1, kind: "survey", [P1]: 1, questions: [{ id: "q", type: "nps", title: P2 }] };
  const main = `<script type="application/json" id="bad-form">${JSON.stringify(bad).replaceAll("<", "\\u003c")}</script><div id="slot"></div>`;
  const embeds = [
    npsEmbed({ form: `template:${P1}` }),
    npsEmbed({ form: "bad-form", target: "#slot" }),
    npsEmbed({ target: P1 }),
  ].join("\n");
  await page.goto(o.page(hostPage({ embed: embeds, main })));
  const boxes = page.locator("[data-seda-host]").getByRole("alert");
  await expect(boxes).toHaveCount(3);
  for (const [i, shows] of [
    [0, `data-form="template:${P1}": no such template`],
    [1, `unknown field \`${P1}\``],
    [2, `data-target="${P1}": no element on the page matches it`],
  ]) {
    await expect(page.locator("[data-seda-host]").getByRole("alert").filter({ hasText: shows }), `box ${i}`).toHaveCount(1);
  }
  expect(await injected(page)).toEqual([]);
  expect(await page.evaluate(() => window.__xss), "window.__xss").toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors.every((e) => e.startsWith("[seda] The Seda widget could not be shown"))).toBe(true);
  expect(log.errors).toHaveLength(3);
});

test("a page that replaces window.Window makes the widget fail: an apology, one seda:error, and the page carries on", async ({ page }) => {
  // Leptos's renderer takes the window from web_sys::window(), which checks `instanceof Window`,
  // so on this page the widget's code panics on its first render. No test hook is needed to see
  // what a visitor and the site owner get from a panic in the release build.
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  await page.goto(npsPage({ head: "<script>window.Window = function Window() {};</script>" }));
  const host = page.locator("[data-seda-host]");
  await expect(host.getByRole("alert")).toContainText("Sorry, this survey stopped working. Please reload the page to try again.");
  await expect(host).toHaveCount(1);
  const errors = await events.of("seda:error");
  expect(errors).toHaveLength(1);
  expect(errors[0].detail.message).toMatch(/^internal error, the widget has stopped: panicked at /);
  expect(log.errors).toHaveLength(1);
  expect(log.errors[0]).toMatch(/^\[seda\] internal error, the widget has stopped: panicked at /);
  // Release builds abort on a panic: the WebAssembly trap is the one uncaught error the page sees.
  expect(log.pageErrors).toEqual([expect.stringMatching(/unreachable/)]);

  // Afterwards the widget stays quiet: the page works, and neither `online`, time nor clicks
  // wake it. The apology card closes.
  await page.locator("#host-button").click();
  await expect(page.locator("#host-count")).toHaveText("1");
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await page.waitForTimeout(1500);
  await button(host, "Close").click();
  await expect(host).toHaveCount(0);
  await page.locator("#host-button").click();
  await expect(page.locator("#host-count")).toHaveText("2");
  await page.waitForTimeout(300);
  expect(await events.of("seda:error")).toHaveLength(1);
  expect(log.errors).toHaveLength(1);
  expect(log.pageErrors).toHaveLength(1);
  expect(o.collector.received).toHaveLength(0);
});
