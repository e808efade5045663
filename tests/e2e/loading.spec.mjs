// When the widget's code loads: never in competition with the host page's own loading, and
// never so late that a page whose load does not end goes without its form.
import { expect, test } from "@playwright/test";
import { afterLoadSnippet } from "../../tools/bench/pages.mjs";
import { button, hostPage, NPS, pick, scoreGroup, useOrigins, watchConsole, widget } from "./support.mjs";

const o = useOrigins(test);

const PIXEL = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

/** A host page with the NPS tag in its head and an image the server holds back `delay` ms. */
function slowImagePage(name, delay) {
  o.host.pages.set(`/${name}.png`, { html: PIXEL, headers: { "Content-Type": "image/png" }, delay });
  return o.page(hostPage({ head: o.embed({ form: "template:nps", endpoint: o.endpoint }), main: `<img src="${name}.png" alt="">` }));
}

/** The page's load event and when it requested the widget's glue and wasm (ms since navigation start). */
const timings = (page) =>
  page.evaluate(() => ({
    load: performance.getEntriesByType("navigation")[0]?.loadEventStart ?? 0,
    readyState: document.readyState,
    code: performance
      .getEntriesByType("resource")
      .filter((e) => /\/seda-[0-9a-f]+(_bg\.wasm|\.js)$/.test(e.name))
      .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime })),
  }));

test("the widget's code is requested only after the host page's load event", async ({ page }) => {
  const log = watchConsole(page);
  await page.goto(slowImagePage("slow", 1500), { waitUntil: "commit" });
  await expect(scoreGroup(page)).toBeVisible();
  await page.waitForLoadState("load");

  const t = await timings(page);
  expect(t.load, "the image held the load event back").toBeGreaterThan(1400);
  expect(t.code.map((c) => c.path), "glue and wasm, once each").toHaveLength(2);
  for (const c of t.code) expect(c.start, `${c.path} requested after load`).toBeGreaterThanOrEqual(t.load);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("a page whose load never ends still gets its form, 5 s after the tag ran", async ({ page }) => {
  const log = watchConsole(page);
  await page.goto(slowImagePage("never", 120_000), { waitUntil: "commit" });
  await expect(scoreGroup(page)).toBeVisible({ timeout: 15_000 });

  const t = await timings(page);
  expect(t.readyState, "the page is still loading").not.toBe("complete");
  expect(t.code).toHaveLength(2);
  expect(Math.min(...t.code.map((c) => c.start))).toBeGreaterThanOrEqual(5000);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("a tag added after the page has loaded starts in its next idle moment", async ({ page }) => {
  const log = watchConsole(page);
  await page.goto(o.page(hostPage()));
  const added = await page.evaluate(
    ({ src, endpoint }) => {
      const script = document.createElement("script");
      script.src = src;
      script.async = true;
      script.dataset.form = "template:nps";
      script.dataset.endpoint = endpoint;
      document.body.append(script);
      return performance.now();
    },
    { src: o.assets.url("/seda.js"), endpoint: o.endpoint },
  );
  await expect(scoreGroup(page)).toBeVisible();

  const t = await timings(page);
  expect(t.code).toHaveLength(2);
  // In the browser's next idle moment (at most 500 ms), not after the 5 s fallback.
  expect(Math.min(...t.code.map((c) => c.start)) - added).toBeLessThan(1500);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("the README's after-load snippet: the page's load event waits for none of Seda's files", async ({ page }) => {
  const log = watchConsole(page);
  o.host.pages.set("/held.png", { html: PIXEL, headers: { "Content-Type": "image/png" }, delay: 800 });
  const snippet = afterLoadSnippet({ src: o.assets.url("/seda.js"), form: "template:nps", endpoint: o.endpoint });
  await page.goto(o.page(hostPage({ head: snippet, main: `<img src="held.png" alt="">` })), { waitUntil: "commit" });
  await expect(scoreGroup(page)).toBeVisible();

  const t = await page.evaluate(() => ({
    // The snippet runs in the load event: it starts once the page has loaded.
    load: performance.getEntriesByType("navigation")[0].loadEventStart,
    seda: performance
      .getEntriesByType("resource")
      .filter((e) => /^\/seda(-[0-9a-f]+(_bg\.wasm|\.js)|\.js)$/.test(new URL(e.name).pathname))
      .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime })),
  }));
  expect(t.load, "the image held the load event back").toBeGreaterThan(700);
  expect(t.seda.map((e) => e.path.replace(/[0-9a-f]{16}/, "*")).sort()).toEqual(["/seda-*.js", "/seda-*_bg.wasm", "/seda.js"]);
  for (const e of t.seda) expect(e.start, `${e.path} requested after the load event`).toBeGreaterThanOrEqual(t.load);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("a tag with crossorigin (the README's): the first screen's copy comes over seda.js's connection, and a response is sent", async ({ page }) => {
  const log = watchConsole(page);
  // Which of the assets server's connections each of its requests came over.
  const over = new Map();
  let count = 0;
  const record = (req) => {
    req.socket.n ??= ++count;
    over.set(new URL(req.url, "http://x").pathname, req.socket.n);
  };
  o.assets.server.on("request", record);
  try {
    const tag = `<script src="${o.assets.url("/seda.js")}" async crossorigin data-form="template:nps" data-endpoint="${o.endpoint}"></script>`;
    await page.goto(o.page(hostPage({ head: tag })));
    await expect(scoreGroup(page)).toBeVisible();
    await pick(page, 9);
    await button(widget(page), "Next").click();
    await widget(page).getByRole("textbox", { name: NPS.reason }).fill("Over one connection");
    await button(widget(page), "Submit").click();
    await expect(widget(page).getByText(NPS.thanks)).toBeVisible();
  } finally {
    o.assets.server.off("request", record);
  }
  const copy = [...over.keys()].find((path) => /^\/seda-shells-[0-9a-f]+\/nps\.js$/.test(path));
  expect(copy, "the copy was requested").toBeTruthy();
  // Without crossorigin the browser asks for the copy (a CORS request) over another connection.
  expect(over.get(copy), "the copy over seda.js's connection").toBe(over.get("/seda.js"));
  const [post] = await o.collector.waitFor(1);
  expect(post.body.answers).toMatchObject({ recommend: 9, reason: "Over one connection" });
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});
