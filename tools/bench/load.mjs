// One measured page load: a fresh browser context, cache off, the probe installed, and the
// page's own figures read once it reports that it is done.
import { probe } from "./probe.mjs";

const DONE = "bench:done";

/**
 * Loads `url` in a new context and returns what the probe recorded (see probe.mjs), the
 * page's resource timing, the URLs requested, the bytes received per URL and, with `memory`,
 * the JS heap after garbage collection and the wasm linear memory.
 *
 *   target    what counts as rendered ({ scale: true } or { heading })
 *   until     the probe fields that must be set before the load is over
 *   network   CDP Network.emulateNetworkConditions parameters, or null for none
 *   cpu       a CPU slowdown factor (CDP Emulation.setCPUThrottlingRate), or null for none
 *   memory    { glue } to read the heap, and the wasm memory through the glue at that URL
 *   then      async (page) => extra, run last (e.g. answering questions)
 */
export async function measureLoad(browser, url, { target = { scale: true }, until, network = null, cpu = null, memory = null, then = null, timeout = 30_000 }) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    if (network) await cdp.send("Network.emulateNetworkConditions", { offline: false, ...network });
    if (cpu) await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
    const urls = new Map();
    const received = {};
    cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
    cdp.on("Network.loadingFinished", (e) => {
      const u = urls.get(e.requestId);
      if (u) received[u] = (received[u] ?? 0) + e.encodedDataLength;
    });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    // The page says it is done on the console: nothing is evaluated in the page (and no
    // Playwright helper script is compiled there) until the timings are taken.
    const done = new Promise((ok) => page.on("console", (m) => m.text() === DONE && ok()));
    await page.addInitScript(probe, { target, until, done: DONE });
    await page.goto(url, { waitUntil: "commit", timeout });
    let timer;
    const late = new Promise((_, fail) => {
      timer = setTimeout(() => fail(new Error(`${url}: not done after ${timeout} ms (waiting for ${until.join(", ")})`)), timeout);
    });
    try {
      await Promise.race([done, late]);
    } finally {
      clearTimeout(timer);
    }
    // Largest-contentful-paint entries are reported a frame or two after the paint.
    await page.waitForTimeout(150);
    const figures = await page.evaluate(() => ({
      ...JSON.parse(JSON.stringify(window.__bench)),
      // Cross-origin resource timing still gives when each request started and ended.
      resources: performance.getEntriesByType("resource").map((e) => ({ url: e.name, start: e.startTime, end: e.responseEnd })),
    }));
    const result = { ...figures, urls: [...new Set(urls.values())], received, errors };
    if (memory) {
      await page.waitForTimeout(300);
      await cdp.send("HeapProfiler.collectGarbage");
      await cdp.send("HeapProfiler.collectGarbage");
      await cdp.send("Performance.enable");
      const { metrics } = await cdp.send("Performance.getMetrics");
      result.heap = metrics.find((m) => m.name === "JSHeapUsedSize").value;
      if (memory.glue) {
        // The glue is an ES module: importing its URL again returns the instance seda.js
        // loaded, and its init, once done, returns the wasm exports (memory included).
        result.wasmMemory = await page.evaluate(async (glue) => (await (await import(glue)).default()).memory.buffer.byteLength, memory.glue);
      }
    }
    if (then) result.then = await then(page);
    return result;
  } finally {
    await context.close();
  }
}
