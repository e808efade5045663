// The delivery and loader holes, one or a few tests each: a page's markup clobbering
// document.currentScript (1), a redirect taken for a delivery (2), a stuck record holding up newer ones (3), pending
// work left waiting on pages whose tag shows nothing (4), endpoint settings and stored records
// no browser can send (5), and refused records filling the outbox (6). Real Chromium against
// the local servers of support.mjs, plus one more origin playing an attacker or a new address.
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { expect, test } from "@playwright/test";
import { servePages } from "../../tools/serve.mjs";
import {
  button,
  hostOrCopy,
  hostPage,
  note,
  NOTES,
  NPS,
  outboxRecord,
  pick,
  readOutbox,
  readRefused,
  recordSedaEvents,
  score,
  scoreGroup,
  seedOutbox,
  submittedIds,
  useOrigins,
  watchConsole,
  widget,
} from "./support.mjs";

const o = useOrigins(test);

/** A second origin that only records what reaches it (every method, every path). */
let attacker;
const attackerHits = [];
test.beforeAll(async () => {
  attacker = await servePages();
  attacker.server.on("request", (req) =>
    attackerHits.push({ method: req.method, path: new URL(req.url, "http://x").pathname, dest: req.headers["sec-fetch-dest"] ?? null }),
  );
});
test.afterAll(async () => {
  await attacker?.close();
});
test.beforeEach(() => {
  attackerHits.length = 0;
});

const SETUP = "The Seda widget could not be shown";
const MAX_REFUSED = 50;

const npsTag = (attrs = {}) => o.embed({ form: "template:nps", endpoint: o.endpoint, ...attrs });
const npsPage = (attrs = {}, extra = {}) => o.page(hostPage({ embed: npsTag(attrs), ...extra }));
const reasonBox = (page) => page.getByRole("textbox", { name: NPS.reason });
const thanks = (page) => page.getByRole("heading", { name: NPS.thanks });

/** Picks `n`, Next, types the reason and submits (without waiting for what follows). */
async function submit(page, reason, n = 9) {
  await expect(scoreGroup(page)).toBeVisible();
  await pick(page, n);
  await expect(score(page, n)).toBeChecked();
  await button(page, "Next").click();
  await reasonBox(page).fill(reason);
  await button(page, "Submit").click();
}

/** The whole NPS survey, to its thank-you screen. */
async function answer(page, reason, n = 9) {
  await submit(page, reason, n);
  await expect(thanks(page)).toBeVisible();
}

/** A page of the site without seda.js, to seed the origin's storage from. */
async function openSeedPage(page) {
  const url = o.page(hostPage());
  await page.goto(url);
  return url;
}

/** A port on this machine nothing listens on (a dead endpoint: connections are refused at once). */
function deadPort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// 1. document.currentScript clobbered by named elements

for (const [what, decoy] of [
  [
    '<img name="currentScript">',
    (src) => `<img name="currentScript" src="${src}" alt="" data-form="template:nps" data-endpoint="${attacker.url("/collect")}">`,
  ],
  [
    '<form name="currentScript">',
    (src) => `<form name="currentScript" action="${src}" data-form="template:nps" data-endpoint="${attacker.url("/collect")}"></form>`,
  ],
  [
    '<embed name="currentScript">',
    (src) => `<embed name="currentScript" src="${src}" type="text/plain" width="1" height="1" data-form="template:nps" data-endpoint="${attacker.url("/collect")}">`,
  ],
]) {
  // Broke: seda.js took document.currentScript as the page's markup made it (a named element
  // shadows it), so its src and data-* (another origin's "seda.js") decided what was loaded.
  test(`${what} before the tag: nothing is fetched from its origin, and the real tag's widget shows`, async ({ page }) => {
    const log = watchConsole(page);
    const decoySrc = attacker.url("/evil/seda.js");
    await page.goto(o.page(hostPage({ main: decoy(decoySrc), embed: npsTag() })));
    expect(await page.evaluate(() => document.currentScript?.tagName ?? null), "the markup does shadow document.currentScript").not.toBeNull();
    // The loader runs at once (a first screen's copy is imported then) and loads the widget in
    // the first idle moment after the page's load.
    await page.waitForTimeout(2_000);
    // The decoy's own resource load (an image, an embed) is the page's doing, not the widget's.
    const led = attackerHits.filter((h) => h.path !== "/evil/seda.js");
    expect(led, `requests to the decoy's origin ${attacker.origin} (glue, wasm, copies, responses)`).toEqual([]);
    await expect(scoreGroup(page), "the real tag's NPS widget").toBeVisible();
    await expect(widget(page)).toHaveCount(1);
    expect(log.pageErrors).toEqual([]);
  });
}

// ---------------------------------------------------------------------------------------------
// 2. A redirect answered to the POST

const WRAPPED_FETCH = "<script>const f = window.fetch; window.fetch = (...a) => f(...a);</script>";

for (const [path, head, status] of [
  ["fetch", "", 302],
  ["XMLHttpRequest: the page wrapped window.fetch", WRAPPED_FETCH, 307],
]) {
  // Broke: the browser followed the redirect (a 302 turns the POST into a bodyless GET) and
  // the new address's 200 was taken as delivery: the record was deleted and "Sent." shown.
  test(`a ${status} answer to the POST (${path}) is not followed: kept pending, queued note, seda:error with the new location`, async ({ page }) => {
    test.setTimeout(40_000);
    const log = watchConsole(page);
    const events = await recordSedaEvents(page);
    // The new address answers 200 to anything, preflights included (as a CMS page might).
    const moved = o.host.url(`/moved-${status}.html`);
    const movedHits = [];
    o.host.pages.set(new URL(moved).pathname, (req) => {
      movedHits.push(req.method);
      return req.method === "OPTIONS"
        ? { html: "", headers: { "Access-Control-Allow-Headers": "*", "Access-Control-Allow-Methods": "*" } }
        : { html: "<!doctype html><title>Moved</title><p>We moved.</p>" };
    });
    o.collector.respond = () => ({ status, headers: { Location: moved } });

    await page.goto(npsPage({}, { head }));
    await answer(page, "Moved away");
    const [id, ...more] = await submittedIds(events);
    expect(more).toEqual([]);
    await o.collector.waitFor(1);
    // The first attempt has settled once the thank-you note says how.
    await expect(note(page, NOTES.queued).or(note(page, NOTES.sent))).toBeVisible();

    const stored = (await readOutbox(page)).map((r) => [r.id, r.state]);
    expect(stored, `the record stays in the outbox, pending (the new address got ${JSON.stringify(movedHits)})`).toEqual([[id, "pending"]]);
    await expect(note(page, NOTES.queued)).toBeVisible();
    await expect(note(page, NOTES.sent)).toHaveCount(0);

    const redirectErrors = async () => (await events.of("seda:error")).filter((e) => Array.isArray(e.detail?.problems));
    await expect.poll(async () => (await redirectErrors()).length, { message: "a seda:error with problems", timeout: 5_000 }).toBeGreaterThan(0);
    const [error] = await redirectErrors();
    expect(error.detail.response_id).toBe(id);
    expect(error.detail.problems).toEqual([expect.any(String)]);
    // XMLHttpRequest follows it, and its responseURL tells where to. A manual redirect (fetch)
    // hides its Location: when the widget could learn it all the same, it is the absolute URL.
    if (head || error.detail.location != null) {
      expect(error.detail.location).toBe(moved);
      expect([error.detail.message, ...error.detail.problems].join("\n"), "the message or problem names the new location").toContain(moved);
    }
    expect(log.errors.filter((e) => e.startsWith("[seda]")).length, "a console error").toBeGreaterThan(0);

    // Retried with backoff: once the endpoint answers itself, the record is delivered.
    o.collector.respond = null;
    await o.collector.waitForDelivered([id], 10_000);
    await expect.poll(async () => (await readOutbox(page)).map((r) => r.id), { message: "outbox ends empty" }).toEqual([]);
    expect(log.pageErrors).toEqual([]);
  });
}

// ---------------------------------------------------------------------------------------------
// 3. A stuck record holding up newer ones

// Broke: the sender always took the oldest pending record, due or not; while it backed off
// (a dead endpoint), every newer response waited behind it, a new one included.
test("records stuck on a dead endpoint do not hold up a new response: it is sent at once", async ({ page }) => {
  const seedUrl = await openSeedPage(page);
  const dead = `http://127.0.0.1:${await deadPort()}/responses`;
  const now = Date.now();
  const stuck = {
    ...outboxRecord({ id: randomUUID(), endpoint: dead, createdAt: now - 7_200_000, pageUrl: seedUrl, reason: "Stuck" }),
    attempts: 12,
    next_at: now + 3_600_000,
    last_error: "the request failed",
  };
  const due = outboxRecord({ id: randomUUID(), endpoint: dead, createdAt: now - 3_600_000, pageUrl: seedUrl, reason: "Also dead" });
  await seedOutbox(page, [stuck, due]);

  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  await page.goto(npsPage());
  await answer(page, "Fresh one");
  const [id] = await submittedIds(events);
  const submittedAt = Date.now();
  await o.collector.waitForDelivered([id], 5_000).catch(async (e) => {
    const left = (await readOutbox(page)).map((r) => `${r.id === stuck.id ? "stuck" : r.id === due.id ? "due" : "new"}: attempts ${r.attempts}, next in ${r.next_at - Date.now()} ms`);
    throw new Error(`the new response was not sent within 5 s of its submit (${e.message}); outbox: ${left.join("; ")}`);
  });
  console.log(`holes: new response delivered ${Date.now() - submittedAt} ms after its submit, behind two dead records`);
  await expect(note(page, NOTES.sent)).toBeVisible();
  expect(o.collector.ids()).toEqual([id]);
  const left = (await readOutbox(page)).map((r) => [r.id, r.state]);
  expect(left.sort()).toEqual([[stuck.id, "pending"], [due.id, "pending"]].sort());
  expect(log.pageErrors).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// 4. Pages whose tag shows nothing still drain

for (const [what, attrs, prepare] of [
  ['data-trigger="manual"', { trigger: "manual" }],
  ['data-trigger="delay:600s"', { trigger: "delay:600s" }],
  ['data-trigger="scroll:90%"', { trigger: "scroll:90%" }],
  ['data-trigger="exit"', { trigger: "exit" }],
  ["a data-include that does not match the page", { include: "/checkout/*" }],
  ["a data-exclude that matches the page", { exclude: "*" }],
  ['data-sample="0"', { sample: "0" }],
  [
    'data-recontact="never" for a visitor who answered',
    { recontact: "never" },
    (page) => page.evaluate(() => localStorage.setItem("seda:seen:template:nps", String(Date.now() - 60_000))),
  ],
]) {
  // Broke: the sender started only when a form was mounted, so on such a page (until its
  // trigger fired, or never) a response an earlier page left pending stayed unsent.
  test(`a page whose tag has ${what} sends what an earlier page left pending`, async ({ page }) => {
    const seedUrl = await openSeedPage(page);
    const record = outboxRecord({ id: randomUUID(), endpoint: o.endpoint, createdAt: Date.now() - 600_000, pageUrl: seedUrl, reason: "Left behind" });
    await seedOutbox(page, [record]);
    await prepare?.(page);

    const log = watchConsole(page);
    await page.goto(npsPage(attrs));
    await o.collector.waitForDelivered([record.id], 8_000).catch((e) => {
      throw new Error(`the pending record was not sent from this page (${e.message})`);
    });
    expect(o.collector.delivered()[0].text, "sent byte for byte").toBe(record.body);
    await expect.poll(async () => (await readOutbox(page)).map((r) => r.id), { message: "outbox ends empty" }).toEqual([]);
    await expect(hostOrCopy(page), "the tag's own trigger and targeting still decide whether a form shows").toHaveCount(0);
    expect(log.pageErrors).toEqual([]);
  });
}

// The other half of draining quiet pages: it must stay cheap. A tag whose targeting keeps the
// form away downloads nothing and creates no database when nothing waits to be sent. (A manual
// or later trigger preloads the widget by design, so that Seda.open() is quick.)
for (const [what, attrs] of [
  ["a data-include that does not match", { include: "/checkout/*" }],
  ['data-sample="0"', { sample: "0" }],
]) {
  test(`a page whose targeting keeps the form away (${what}), with nothing pending, requests no glue and no wasm`, async ({ page }) => {
    const log = watchConsole(page);
    const assets = [];
    page.on("request", (r) => {
      if (r.url().startsWith(o.assets.origin)) assets.push(new URL(r.url()).pathname);
    });
    await page.goto(npsPage(attrs));
    await page.waitForTimeout(3_000);
    expect(assets.filter((p) => p !== "/seda.js"), "requests to the assets origin besides seda.js, 3 s after load").toEqual([]);
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)), "no database created").not.toContain("seda");
    // Seda.open() still shows the form (and loads the widget then).
    await page.evaluate(() => window.Seda.open());
    await expect(scoreGroup(page)).toBeVisible();
    expect(log.pageErrors).toEqual([]);
  });
}

// ---------------------------------------------------------------------------------------------
// 5. Endpoint settings no browser can send with, and a stored record that cannot be sent

for (const [what, attrs, says] of [
  [
    "a user name and password in data-endpoint",
    () => ({ endpoint: o.endpoint.replace("http://", "http://user:secret@") }),
    [/^data-endpoint=/, /must not carry a user name or password/],
  ],
  ["port 99999 in data-endpoint", () => ({ endpoint: "http://127.0.0.1:99999/responses" }), [/^data-endpoint=/, /99999/]],
  [
    'a data-endpoint-headers value with "\\r\\n"',
    () => ({ "endpoint-headers": JSON.stringify({ "X-Tenant": "acme\r\nX-Injected: 1" }) }),
    [/data-endpoint-headers/, /X-Tenant/],
  ],
  [
    "a data-endpoint-headers value beyond Latin-1 (Persian)",
    () => ({ "endpoint-headers": JSON.stringify({ "X-Shop": "نانوایی سنگک" }) }),
    [/data-endpoint-headers/, /X-Shop/],
  ],
  ['the header name "Set-Cookie"', () => ({ "endpoint-headers": JSON.stringify({ "Set-Cookie": "session=1" }) }), [/data-endpoint-headers/, /Set-Cookie/]],
  ['the header name "Cookie2"', () => ({ "endpoint-headers": JSON.stringify({ Cookie2: "$Version=1" }) }), [/data-endpoint-headers/, /Cookie2/]],
  ['the header name "Connection"', () => ({ "endpoint-headers": JSON.stringify({ Connection: "close" }) }), [/data-endpoint-headers/, /Connection/]],
]) {
  // Broke: accepted at setup; every send then failed in the browser (or the browser silently
  // dropped the header) and the response was retried for ever.
  test(`${what} is a setup error naming the attribute`, async ({ page }) => {
    const log = watchConsole(page);
    const events = await recordSedaEvents(page);
    await page.goto(npsPage(attrs()));
    await expect
      .poll(async () => (await events.of("seda:error")).length, { message: "one seda:error for the setup problem", timeout: 8_000 })
      .toBe(1);
    await page.waitForTimeout(300);
    const errors = await events.of("seda:error");
    expect(errors, "seda:error events").toHaveLength(1);
    expect(errors[0].detail.message).toBe(SETUP);
    expect(errors[0].detail.problems).toEqual([expect.any(String)]);
    for (const re of says) expect(errors[0].detail.problems[0]).toMatch(re);
    // 127.0.0.1 is a development page: the site owner sees the box.
    await expect(widget(page).getByRole("alert").filter({ hasText: SETUP })).toBeVisible();
    await expect(scoreGroup(page), "no form").toHaveCount(0);
    expect(log.errors.filter((e) => e.startsWith(`[seda] ${SETUP}`))).toHaveLength(1);
    expect(o.collector.received).toHaveLength(0);
    expect(log.pageErrors).toEqual([]);
  });
}

// Broke: a request that cannot even be constructed counted as "no answer" and was retried
// with backoff for ever, never reported.
test('a stored record whose header value holds "\\n" is settled as refused at once and never attempted again', async ({ page }) => {
  const seedUrl = await openSeedPage(page);
  const record = {
    ...outboxRecord({ id: randomUUID(), endpoint: o.endpoint, createdAt: Date.now() - 600_000, pageUrl: seedUrl, reason: "Bad header" }),
    headers: { "X-Tenant": "acme\nX-Injected: 1" },
  };
  await seedOutbox(page, [record]);

  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  await page.goto(npsPage());
  await expect
    .poll(async () => (await readRefused(page)).map((r) => r.id), { message: 'the record ends in "refused"', timeout: 8_000 })
    .toEqual([record.id]);
  await expect.poll(async () => (await readOutbox(page)).map((r) => r.id), { message: "and leaves the outbox" }).toEqual([]);
  await page.waitForTimeout(1_000);
  const about = async () => (await events.of("seda:error")).filter((e) => e.detail?.response_id === record.id);
  expect(await about(), "one seda:error names it").toHaveLength(1);
  expect(o.collector.received, "no POST").toHaveLength(0);
  expect(o.collector.preflights, "no preflight").toBe(0);

  await page.reload();
  await expect(scoreGroup(page)).toBeVisible();
  await page.waitForTimeout(2_000);
  expect(await about(), "not reported again after a reload").toEqual([]);
  expect(o.collector.received, "not attempted after a reload").toHaveLength(0);
  expect((await readRefused(page)).map((r) => r.id)).toEqual([record.id]);
  expect(log.pageErrors).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// 6. Refused records: kept apart, bounded, reported with a short body

// Broke: refused records stayed in the outbox and counted toward its 500 cap, so 500 of them
// (never to be sent again) made every new response "not sent".
test("500 refused records an older widget left in the outbox: a new response is still stored and delivered; 50 refused kept", async ({ page }) => {
  test.setTimeout(60_000);
  const seedUrl = await openSeedPage(page);
  const base = Date.now() - 86_400_000;
  const refused = Array.from({ length: 500 }, (_, i) => ({
    ...outboxRecord({ id: randomUUID(), endpoint: o.endpoint, createdAt: base + i * 1_000, pageUrl: seedUrl, score: i % 11, reason: `Refused #${i}` }),
    attempts: 1,
    state: "failed",
    last_status: 400,
    last_error: '{"error":"form nps v1 is not accepted here"}',
  }));
  expect(await seedOutbox(page, refused)).toBe(500);

  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  await page.goto(npsPage());
  await submit(page, "After the refused ones");
  await o.collector.waitFor(1, 15_000).catch(async (e) => {
    const errors = (await events.of("seda:error")).map((x) => x.detail?.message);
    throw new Error(`the new response never reached the endpoint (${e.message}); seda:error: ${JSON.stringify(errors)}`);
  });
  const [id] = await submittedIds(events);
  await o.collector.waitForDelivered([id]);
  await expect(note(page, NOTES.sent)).toBeVisible();
  expect(o.collector.ids(), "only the new response is sent").toEqual([id]);

  await expect
    .poll(async () => (await readOutbox(page)).length, { message: "the failed records leave the outbox", timeout: 20_000 })
    .toBe(0);
  const kept = await readRefused(page);
  expect(kept.length, "refused records kept").toBeLessThanOrEqual(MAX_REFUSED);
  const newest = refused.slice(-MAX_REFUSED).map((r) => r.id).sort();
  expect(kept.map((r) => r.id).sort(), "the newest 50 by created_at").toEqual(newest);
  expect(log.pageErrors).toEqual([]);
});

// Broke: the endpoint's answer went into seda:error (and the console) up to 2000 characters.
test("a 400 with a 5000-character body: refused, reported once, the body cut to at most 200 characters", async ({ page }) => {
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  const long = `Rejected: ${"this form is not accepted by this endpoint; ".repeat(150)}`.slice(0, 5_000);
  expect(long).toHaveLength(5_000);
  o.collector.respond = () => ({ status: 400, body: long });
  await page.goto(npsPage());
  await answer(page, "Too long an answer back");
  await expect(note(page, NOTES.rejected)).toBeVisible();
  const [id] = await submittedIds(events);

  const refusals = async () => (await events.of("seda:error")).filter((e) => e.detail?.status === 400);
  await expect.poll(async () => (await refusals()).length, { message: "a seda:error for the 400" }).toBe(1);
  await page.waitForTimeout(1_500);
  const [error, ...again] = await refusals();
  expect(again, "reported once").toEqual([]);
  expect(error.detail.response_id).toBe(id);
  expect(typeof error.detail.body).toBe("string");
  expect(error.detail.body.length, "detail.body length").toBeLessThanOrEqual(201);
  expect(long.startsWith(error.detail.body.replace(/…$/, "")), "detail.body is the start of the answer").toBe(true);
  expect(log.errors.every((e) => e.length < 1_000), "console errors carry no more of it").toBe(true);

  expect(o.collector.received, "not sent again").toHaveLength(1);
  expect((await readRefused(page)).map((r) => r.id)).toEqual([id]);
  expect(await readOutbox(page)).toEqual([]);
  expect(log.pageErrors).toEqual([]);
});
