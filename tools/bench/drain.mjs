// How much of the page's main thread a drain of many large responses takes: seeds the
// outbox of a fresh origin with `--records` responses of `--mb` MiB each (an attached
// picture's base64, as a complaint with photos stores it), opens a page with an NPS tag
// (the form shows, as on any page a visitor comes back to), and records the long tasks
// (over 50 ms, PerformanceObserver) until the collector has every response. Prints the drain's time, the long tasks' sum and the longest.
//
//   node tools/bench/drain.mjs [--dist dist] [--records 30] [--mb 2] [--runs 3]
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import config from "../../playwright.config.mjs";
import { servePages, serveStatic, startCollector } from "../serve.mjs";

const { values: opt } = parseArgs({
  options: {
    dist: { type: "string", default: "dist" },
    records: { type: "string", default: "30" },
    mb: { type: "string", default: "2" },
    runs: { type: "string", default: "3" },
  },
});
const [records, mb, runs] = [Number(opt.records), Number(opt.mb), Number(opt.runs)];

const [assets, host, collector] = await Promise.all([serveStatic(resolve(opt.dist)), servePages(), startCollector()]);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: config.use.launchOptions.args });

/** One stored record, as the widget writes it (a JSON body with a file's base64). */
function record(i, now) {
  const id = randomUUID();
  const data = Buffer.alloc(Math.round((mb * 1024 * 1024 * 3) / 4), i).toString("base64");
  const body = JSON.stringify({
    id, form_id: "complaint", form_version: 1, kind: "complaint",
    answers: { photos: [{ name: `p${i}.jpg`, type: "image/jpeg", size: data.length, data }] },
    meta: { started_at: new Date(now).toISOString(), submitted_at: new Date(now).toISOString(), locale: "en", page_url: host.url("/") },
  });
  return {
    id, endpoint: collector.url("/responses"), format: "json", headers: {}, credentials: "omit", timeout_ms: 60_000,
    body, content_type: "application/json", created_at: now + i, attempts: 0, next_at: 0, state: "pending",
    last_status: null, last_error: null,
  };
}

const seed = (page, list) =>
  page.evaluate(
    (list) =>
      new Promise((ok, fail) => {
        const req = indexedDB.open("seda");
        req.onupgradeneeded = () => req.result.createObjectStore("outbox", { keyPath: "id" });
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction("outbox", "readwrite");
          for (const r of list) tx.objectStore("outbox").put(r);
          tx.oncomplete = () => (req.result.close(), ok());
          tx.onerror = () => fail(tx.error);
        };
      }),
    list,
  );

const tag = `<script src="${assets.url("/seda.js")}" async data-form="template:nps" data-endpoint="${collector.url("/responses")}"></script>`;
host.pages.set("/seed.html", "<!doctype html><title>seed</title>");
host.pages.set(
  "/drain.html",
  `<!doctype html><title>drain</title><script>
  window.__long = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: "longtask", buffered: true });
  </script>${tag}`,
);

const rows = [];
for (let run = 0; run < runs; run++) {
  collector.reset();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(host.url("/seed.html"));
  const list = Array.from({ length: records }, (_, i) => record(i, Date.now()));
  for (let i = 0; i < list.length; i += 5) await seed(page, list.slice(i, i + 5));
  const started = Date.now();
  await page.goto(host.url("/drain.html"));
  await collector.waitForDelivered(list.map((r) => r.id), 300_000);
  const took = Date.now() - started;
  const long = await page.evaluate(() => window.__long);
  rows.push({ took, sum: long.reduce((a, b) => a + b, 0), longest: Math.max(0, ...long), count: long.length });
  await context.close();
}
await browser.close();
await Promise.all([assets.close(), host.close(), collector.close()]);

console.log(`drain of ${records} responses of ${mb} MiB (${opt.dist}), ${runs} runs:`);
for (const r of rows) {
  console.log(`  all delivered after ${r.took} ms; long tasks ${r.count}, ${Math.round(r.sum)} ms in all, longest ${Math.round(r.longest)} ms`);
}
