// Three local origins for end-to-end tests: the built assets, a host site, and an endpoint.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "@playwright/test";
import { MIME, serveStatic, servePages, startCollector } from "../../tools/serve.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export const DIST = resolve(
  process.env.SEDA_DIST ?? resolve(dirname(fileURLToPath(import.meta.url)), "../../dist"),
);

/** Puts the built files (DIST's top level) on `site`, beside the pages a spec serves there. */
export function serveBuild(site) {
  for (const file of readdirSync(DIST).filter((f) => statSync(join(DIST, f)).isFile())) {
    site.pages.set(`/${file}`, { html: readFileSync(join(DIST, file)), headers: { "Content-Type": MIME[extname(file)] ?? "application/octet-stream" } });
  }
}

export const NPS = {
  question: "How likely are you to recommend us to a friend or colleague?",
  reason: "What is the main reason for your score?",
  thanks: "Thank you!",
  failed: "We could not send your answers",
};

/** The Persian complaint template's words that the tests find its fields and notes by. */
export const COMPLAINT_FA = {
  category: "کیفیت کالا",
  what: "چه اتفاقی افتاد؟",
  urgent: "آیا فوری است یا به ایمنی مربوط می‌شود؟",
  when: "کی اتفاق افتاد؟",
  where: "کجا اتفاق افتاد؟",
  store: "در فروشگاه",
  order: "شمارهٔ سفارش یا رسید",
  refund: "بازپرداخت پول",
  anonymous: "ترجیح می‌دهم ناشناس بمانم",
  consent: "موافقم که شکایتم و جزئیاتی که دادم برای رسیدگی به آن ذخیره و استفاده شود.",
  received: "شکایت شما به دست ما رسید",
  saved: "شکایت شما روی همین دستگاه ذخیره شد",
  queued: "روی همین دستگاه ذخیره شد و خودکار فرستاده می‌شود.",
  next: "بعدی",
  submit: "ارسال",
};

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export async function startOrigins() {
  if (!existsSync(resolve(DIST, "seda.js"))) {
    throw new Error(`${DIST}/seda.js is missing: run \`trunk build --release\` first`);
  }
  const [assets, host, collector] = await Promise.all([serveStatic(DIST), servePages(), startCollector()]);
  let pageCount = 0;
  return {
    assets,
    host,
    collector,
    endpoint: collector.url("/responses"),
    /** Registers a host page and returns its URL. */
    page(html, name = `page-${++pageCount}`) {
      const path = `/${name}.html`;
      host.pages.set(path, html);
      return host.url(path);
    },
    /** The one tag a host site adds; `attrs` become data-* attributes (null = left out). */
    embed(attrs = {}) {
      const data = Object.entries(attrs)
        .filter(([, v]) => v != null)
        .map(([k, v]) => ` data-${k}="${escapeAttr(v)}"`)
        .join("");
      return `<script src="${assets.url("/seda.js")}" async${data}></script>`;
    },
    close: () => Promise.all([assets.close(), host.close(), collector.close()]),
  };
}

/**
 * Registers a spec's shared servers: started before its first test, closed after its last,
 * the collector cleared before each test. Returns the origins object (filled in beforeAll).
 */
export function useOrigins(test) {
  const o = {};
  test.beforeAll(async () => {
    Object.assign(o, await startOrigins());
  });
  test.afterAll(async () => {
    await o.close?.();
  });
  test.beforeEach(() => o.collector.reset());
  return o;
}

/** A button by its exact accessible name, in a page or inside one widget host. */
export const button = (root, name) => root.getByRole("button", { name, exact: true });

const escapeAttr = (v) => String(v).replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");

/** A small shop page with opinionated styles of its own and a working button. */
export function hostPage({ embed = "", head = "", main = "" } = {}) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Corner Bakery</title>
<link rel="icon" href="data:,">
<style>
  html { font-size: 20px; }
  body { margin: 0; padding: 24px; font: 18px/1.7 Georgia, serif; color: #3b2f2f;
         background: #fdf6e3; letter-spacing: 0.04em; text-transform: uppercase; }
  h1 { font-size: 2.2rem; color: rebeccapurple; margin: 0 0 12px; }
  p { max-width: 40em; }
  button { font: inherit; padding: 10px 22px; border: 3px solid #3b2f2f; border-radius: 0;
           background: hotpink; color: white; cursor: pointer; }
  fieldset, input, label, legend, textarea { all: unset; outline: 4px solid orange; }
  [hidden] { display: block !important; }
  #host-count { display: inline-block; min-width: 2em; font-weight: bold; }
</style>
${head}
</head>
<body>
<header id="site-header"><h1 id="site-title">Corner Bakery</h1>
  <nav id="site-nav"><a href="#bread">Bread</a> · <a href="#cakes">Cakes</a></nav></header>
<main id="site-main">
  <p id="intro">Sourdough, rye and cinnamon buns, baked every morning since 1987.</p>
  <p><button id="host-button" type="button">Add to basket</button> <output id="host-count">0</output></p>
  ${main}
</main>
<footer id="site-footer"><p>Open daily 7–19.</p></footer>
<script>
  document.getElementById("host-button").addEventListener("click", () => {
    const out = document.getElementById("host-count");
    out.textContent = String(Number(out.textContent) + 1);
  });
</script>
${embed}
</body>
</html>`;
}

/** Records the widget's window events in `window.__sedaEvents` (add before navigating). */
export async function recordSedaEvents(page) {
  await page.addInitScript(() => {
    const plain = (v) =>
      v instanceof Map
        ? Object.fromEntries([...v].map(([k, x]) => [k, plain(x)]))
        : Array.isArray(v)
          ? v.map(plain)
          : v && typeof v === "object"
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
            : v;
    const events = [];
    Object.defineProperty(window, "__sedaEvents", { value: events });
    for (const type of ["seda:ready", "seda:shown", "seda:answer", "seda:submit", "seda:complete", "seda:dismiss", "seda:error", "seda:complaint"]) {
      window.addEventListener(type, (e) => events.push({ type, detail: plain(e.detail) }));
    }
  });
  return {
    all: () => page.evaluate(() => window.__sedaEvents),
    of: async (type) => (await page.evaluate(() => window.__sedaEvents)).filter((e) => e.type === type),
  };
}

/** The response ids the page announced with seda:submit (recorded by recordSedaEvents). */
export async function submittedIds(events) {
  const ids = (await events.of("seda:submit")).map((e) => e.detail?.id);
  for (const id of ids) expect(id).toMatch(UUID_V4);
  return ids;
}

/** Console errors and uncaught exceptions of a page. */
export function watchConsole(page) {
  const errors = [];
  const pageErrors = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => pageErrors.push(String(err)));
  return { errors, pageErrors };
}

/** The widget's own elements: its host, never the first screen's copy drawn while it loads. */
export const widget = (page) => page.locator("[data-seda-host]");

/** The widget's host or the first screen's copy ([data-seda-shell]), whichever is on the page. */
export const hostOrCopy = (page) => page.locator("[data-seda-host], [data-seda-shell]");

/**
 * The NPS scale within `scope`: by default the widget's own, so that a test which then goes
 * offline, reads timings or measures a box does so once the widget has taken over the copy.
 */
export function scoreGroup(page, scope = widget(page)) {
  return scope
    .getByRole("group", { name: NPS.question })
    .or(scope.getByRole("radiogroup", { name: NPS.question }));
}

export const score = (page, n, scope) => scoreGroup(page, scope).getByRole("radio", { name: String(n), exact: true });

/** Clicks a score as a person does: on its visible label (the radio itself is visually hidden). */
export async function pick(page, n, scope) {
  await scoreGroup(page, scope).locator("label").filter({ has: page.getByRole("radio", { name: String(n), exact: true }) }).click();
}

/** Presses Tab until one of the elements `locator` matches has focus; fails after `max` presses. */
export async function tabTo(page, locator, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await locator.evaluateAll((els) => els.some((el) => el.matches(":focus")))) return i;
    await page.keyboard.press("Tab");
  }
  throw new Error(`focus never reached ${locator} after ${max} Tab presses`);
}

/** The deepest focused element, across shadow roots. */
export function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el && { tag: el.tagName.toLowerCase(), type: el.type ?? null, value: el.value ?? null };
  });
}

/** The delivery contract's visitor-facing notes (an element with role="status"). */
export const NOTES = {
  sent: "Sent.",
  queued: "Saved on this device. It will be sent automatically.",
  rejected: "Saved on this device, but the site did not accept it.",
  local: "Your answers are saved on this device.",
};

/** The note shown after Submit. */
export const note = (page, text) =>
  page.getByRole("status").filter({ hasText: new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`) });

/**
 * Prints and returns the count every fault case ends with: responses submitted against
 * distinct response ids the collector received (and, separately, that got a 2xx).
 */
export function countDelivery(name, submittedIds, collector) {
  const received = collector.ids();
  const delivered = collector.deliveredIds();
  const beacons = collector.received.filter((r) => r.beacon).length;
  console.log(
    `delivery: ${name}: submitted ${submittedIds.length}, distinct ids received ${received.length}` +
      ` (delivered ${delivered.length}; ${collector.received.length} POSTs, ${beacons} without Idempotency-Key)`,
  );
  return { submitted: submittedIds.length, received, delivered };
}

/** The records of the outbox (IndexedDB "seda" / "outbox") of the page's origin; [] if none. */
export function readOutbox(page) {
  return readStore(page, "outbox");
}

/**
 * The records the endpoint refused or that can never be sent (IndexedDB "seda" / "refused",
 * from database version 2) of the page's origin; [] if the database or the store is absent.
 */
export function readRefused(page) {
  return readStore(page, "refused");
}

/** The checklist visits in progress (IndexedDB "seda" / "visits", `{id, text}`), from version 3. */
export function readVisits(page) {
  return readStore(page, "visits");
}

/** Every value of object store `name` in the page origin's database "seda"; [] if absent. */
function readStore(page, name) {
  return page.evaluate(
    (name) =>
      new Promise((ok, fail) => {
        // Opening a database that does not exist would create it (empty, version 1) and break
        // the widget's own upgrade, so an upgrade here is aborted instead.
        const req = indexedDB.open("seda");
        let absent = false;
        req.onupgradeneeded = () => {
          absent = true;
          req.transaction.abort();
        };
        req.onerror = (e) => {
          if (absent) {
            e.preventDefault();
            ok([]);
          } else fail(req.error);
        };
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            return ok([]);
          }
          const all = db.transaction(name, "readonly").objectStore(name).getAll();
          all.onsuccess = () => {
            db.close();
            ok(all.result);
          };
          all.onerror = () => {
            db.close();
            fail(all.error);
          };
        };
      }),
    name,
  );
}

/**
 * Puts `records` into the outbox of the page's origin. The database is opened at whatever
 * version it has (1 as an older widget left it, 2 once the widget upgraded it); only when it
 * does not exist yet is it created, at version 1 with its "outbox" store.
 */
export function seedOutbox(page, records) {
  return page.evaluate(
    (records) =>
      new Promise((ok, fail) => {
        const req = indexedDB.open("seda");
        req.onupgradeneeded = () => {
          if (!req.result.objectStoreNames.contains("outbox")) req.result.createObjectStore("outbox", { keyPath: "id" });
        };
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction("outbox", "readwrite");
          const store = tx.objectStore("outbox");
          for (const r of records) store.put(r);
          tx.oncomplete = () => {
            db.close();
            ok(records.length);
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    records,
  );
}

/** An outbox record per the delivery contract for an NPS response, due now. */
export function outboxRecord({ id, endpoint, createdAt, pageUrl, score = 9, reason = "Seeded" }) {
  const at = new Date(createdAt).toISOString();
  const body = {
    id,
    form_id: "nps",
    form_version: 1,
    kind: "survey",
    nps_category: score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor",
    answers: { recommend: score, reason },
    meta: { started_at: at, submitted_at: at, locale: "en", page_url: pageUrl },
  };
  return {
    id,
    endpoint,
    format: "json",
    headers: {},
    credentials: "omit",
    timeout_ms: 15_000,
    body: JSON.stringify(body),
    content_type: "application/json",
    created_at: createdAt,
    attempts: 0,
    next_at: 0,
    state: "pending",
    last_status: null,
    last_error: null,
  };
}

/**
 * Pairs of POSTs that carried the same response id and were in flight at the same time
 * (by the collector's startedAt / endedAt).
 */
export function overlappingSameId(received) {
  const byId = new Map();
  for (const r of received) {
    if (!r.id) continue;
    if (!byId.has(r.id)) byId.set(r.id, []);
    byId.get(r.id).push(r);
  }
  const pairs = [];
  for (const [id, list] of byId) {
    list.sort((a, b) => a.startedAt - b.startedAt);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i], list[j]];
        if (b.startedAt < (a.endedAt ?? Infinity)) {
          pairs.push({ id, first: [a.startedAt, a.endedAt, a.beacon], second: [b.startedAt, b.endedAt, b.beacon] });
        }
      }
    }
  }
  return pairs;
}

/** Runs axe-core (WCAG 2.1 A and AA) on the page; fails on any serious or critical violation. */
export async function audit(page, what) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  const bad = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(bad, `axe on ${what}`).toEqual([]);
  expect(result.passes.length, "axe ran its rules").toBeGreaterThan(10);
}
