// The delivery contract (no response is ever lost): an IndexedDB outbox, retries with backoff,
// one sender across tabs, beacons on pagehide. Real Chromium against a local collector with
// fault injection; every fault case ends with distinct ids received = responses submitted, and
// prints both counts ("delivery: <case>: submitted N, distinct ids received N").
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import {
  button,
  countDelivery,
  hostPage,
  note,
  NOTES,
  NPS,
  outboxRecord,
  overlappingSameId,
  pick,
  readOutbox,
  readRefused,
  recordSedaEvents,
  score,
  scoreGroup,
  seedOutbox,
  submittedIds,
  useOrigins,
  UUID_V4,
  watchConsole,
} from "./support.mjs";

const o = useOrigins(test);

const npsPage = (attrs = {}, name) =>
  o.page(hostPage({ embed: o.embed({ form: "template:nps", endpoint: o.endpoint, ...attrs }) }), name);

const reasonBox = (page) => page.getByRole("textbox", { name: NPS.reason });
const thanks = (page) => page.getByRole("heading", { name: NPS.thanks });
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

async function answer(page, reason, n = 9) {
  await expect(scoreGroup(page)).toBeVisible();
  await pick(page, n);
  await expect(score(page, n)).toBeChecked();
  await button(page, "Next").click();
  await reasonBox(page).fill(reason);
  await button(page, "Submit").click();
  await expect(thanks(page)).toBeVisible();
}

/** POSTs made with fetch (they carry Idempotency-Key), not beacons. */
const fetched = () => o.collector.received.filter((r) => !r.beacon);

// The count line of the running test, printed after it whether it passed or not.
let counting = null;
const counts = (name, ids) => {
  counting = { name, ids };
};
test.afterEach(() => {
  if (counting) countDelivery(counting.name, counting.ids, o.collector);
  counting = null;
});

/** Asserts that every submitted id arrived and was delivered (a 2xx). */
function expectAllDelivered(ids) {
  const received = o.collector.ids();
  const delivered = o.collector.deliveredIds();
  // Where a response this test did not submit came from: its page and times.
  const strangers = o.collector.received
    .filter((r) => !ids.includes(r.id))
    .map((r) => `${r.id} (submitted ${r.body?.meta?.submitted_at ?? "?"} on ${r.body?.meta?.page_url ?? "?"}, POSTed ${new Date(r.startedAt).toISOString()}, answered ${r.status})`);
  expect(received.length, `distinct ids received = submitted${strangers.length ? `; not submitted here: ${strangers.join("; ")}` : ""}`).toBe(ids.length);
  expect([...received].sort()).toEqual([...ids].sort());
  expect([...delivered].sort(), "every submitted id got a 2xx").toEqual([...ids].sort());
}

async function expectOutboxEmpty(page) {
  await expect.poll(async () => (await readOutbox(page)).map((r) => r.id), { message: "outbox ends empty" }).toEqual([]);
}

test("offline at submit, then back online: kept in the outbox, sent on the online event", async ({ page, context }) => {
  test.setTimeout(45_000);
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  await page.goto(npsPage());
  await expect(scoreGroup(page)).toBeVisible();

  await context.setOffline(true);
  await answer(page, "Offline on the train");
  await expect(note(page, NOTES.queued)).toBeVisible();
  await expect(note(page, NOTES.sent)).toHaveCount(0);
  const ids = await submittedIds(events);
  counts("offline then online", ids);
  expect(ids).toHaveLength(1);

  const [record, ...more] = await readOutbox(page);
  expect(more).toEqual([]);
  expect(record).toMatchObject({ id: ids[0], endpoint: o.endpoint, format: "json", state: "pending" });
  expect(JSON.parse(record.body)).toMatchObject({ id: ids[0], answers: { recommend: 9, reason: "Offline on the train" } });
  expect(record.content_type).toMatch(/^application\/json\b/);

  await page.waitForTimeout(3_500);
  expect(o.collector.received, "nothing reaches the collector while offline").toHaveLength(0);

  await context.setOffline(false);
  await o.collector.waitForDelivered(ids, 2_500);
  expect(fetched()[0].headers["idempotency-key"]).toBe(ids[0]);
  await expectOutboxEmpty(page);
  await expect.poll(async () => (await events.of("seda:complete")).map((e) => e.detail)).toEqual([expect.objectContaining({ id: ids[0], form_id: "nps" })]);
  expectAllDelivered(ids);
  expect(log.pageErrors).toEqual([]);
});

test("the endpoint answers 500 three times, then 201: retried with backoff, delivered once", async ({ page }) => {
  test.setTimeout(45_000);
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  o.collector.queue.push({ status: 500 }, { status: 500 }, { status: 500 });
  await page.goto(npsPage());
  await answer(page, "Third time lucky");
  await expect(note(page, NOTES.queued)).toBeVisible();
  const ids = await submittedIds(events);
  counts("500 x3 then 201", ids);
  expect(ids).toHaveLength(1);

  await o.collector.waitForDelivered(ids, 25_000);
  await page.waitForTimeout(500);
  const posts = fetched();
  expect(posts.map((r) => r.status)).toEqual([500, 500, 500, 201]);
  for (const r of posts) {
    expect(r.id).toBe(ids[0]);
    expect(r.headers["idempotency-key"]).toBe(ids[0]);
  }
  expect(new Set(posts.map((r) => r.text)).size, "every attempt sends the same bytes").toBe(1);
  // attempt n waits between d/2 and d, d = 1 s * 2^(n-1)
  const gaps = posts.slice(1).map((r, i) => r.startedAt - posts[i].endedAt);
  console.log(`delivery: 500x3 then 201: waits between attempts ${gaps.join(", ")} ms`);
  gaps.forEach((gap, i) => {
    const d = 1000 * 2 ** i;
    expect(gap, `wait before attempt ${i + 2}`).toBeGreaterThanOrEqual(d / 2 - 150);
    expect(gap, `wait before attempt ${i + 2}`).toBeLessThanOrEqual(d + 1_000);
  });
  await expectOutboxEmpty(page);
  await expect.poll(async () => (await events.of("seda:complete")).length).toBe(1);
  expectAllDelivered(ids);
  expect(log.pageErrors).toEqual([]);
});

test("an endpoint that hangs longer than data-endpoint-timeout: the attempt is aborted and retried", async ({ page }) => {
  test.setTimeout(45_000);
  const events = await recordSedaEvents(page);
  o.collector.queue.push({ hang: true });
  await page.goto(npsPage({ "endpoint-timeout": "2" }));
  await answer(page, "Patience");
  await expect(note(page, NOTES.queued)).toBeVisible({ timeout: 6_000 });
  const ids = await submittedIds(events);
  counts("hang past the timeout", ids);

  await o.collector.waitForDelivered(ids, 15_000);
  const [hung, next] = fetched();
  expect(hung.status).toBe("hang");
  expect(hung.aborted, "the client gave up on the hanging request").toBe(true);
  const held = hung.endedAt - hung.startedAt;
  console.log(`delivery: hang: first attempt aborted after ${held} ms, next attempt ${next.startedAt - hung.startedAt} ms after it began`);
  expect(held).toBeGreaterThanOrEqual(1_500);
  expect(held).toBeLessThanOrEqual(4_000);
  expect(next.startedAt - hung.startedAt).toBeGreaterThanOrEqual(2_000);
  expect(next).toMatchObject({ id: ids[0], status: 201 });
  expect(next.headers["idempotency-key"]).toBe(ids[0]);
  await expectOutboxEmpty(page);
  expectAllDelivered(ids);
});

test("503 with Retry-After: 3 waits at least three seconds before the next attempt", async ({ page }) => {
  test.setTimeout(30_000);
  const events = await recordSedaEvents(page);
  o.collector.queue.push({ status: 503, headers: { "Retry-After": "3" } });
  await page.goto(npsPage());
  await answer(page, "Busy server");
  const ids = await submittedIds(events);
  counts("503 Retry-After then 201", ids);
  await o.collector.waitForDelivered(ids, 15_000);
  const [first, second] = fetched();
  const gap = second.startedAt - first.endedAt;
  console.log(`delivery: Retry-After 3: next attempt after ${gap} ms`);
  expect(first.status).toBe(503);
  expect(gap).toBeGreaterThanOrEqual(2_950);
  expect(gap).toBeLessThanOrEqual(8_000);
  expectAllDelivered(ids);
});

test("a reload while a response is queued: the reloaded page sends it", async ({ page }) => {
  test.setTimeout(45_000);
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  o.collector.respond = () => ({ status: 503 });
  await page.goto(npsPage());
  await answer(page, "Reload me");
  await expect(note(page, NOTES.queued)).toBeVisible();
  const ids = await submittedIds(events);
  counts("reload while queued", ids);
  await o.collector.waitFor(1);

  const reloadedAt = Date.now();
  await page.reload();
  await expect(scoreGroup(page)).toBeVisible();
  await expect(page.getByText("Continue where you left off?"), "the draft went with the submit").toHaveCount(0);
  const kept = await readOutbox(page);
  expect(kept.map((r) => r.id)).toEqual(ids);
  expect(kept[0].state).toBe("pending");
  // the reloaded page drains on load (still failing)
  await expect
    .poll(() => fetched().filter((r) => r.startedAt >= reloadedAt).length, { message: "a POST from the reloaded page", timeout: 5_000 })
    .toBeGreaterThan(0);

  const recoveredAt = Date.now();
  o.collector.respond = null;
  await o.collector.waitForDelivered(ids, 15_000);
  expect(o.collector.delivered().every((r) => r.startedAt >= recoveredAt)).toBe(true);
  await expectOutboxEmpty(page);
  expectAllDelivered(ids);
  expect(log.pageErrors).toEqual([]);
});

test("closing the page with a queued response, then opening another page of the site", async ({ browser }) => {
  test.setTimeout(45_000);
  const context = await browser.newContext();
  try {
    const first = await context.newPage();
    const events = await recordSedaEvents(first);
    o.collector.respond = () => ({ status: 503 });
    await first.goto(npsPage({}, "shop"));
    await answer(first, "Closing the tab");
    await expect(note(first, NOTES.queued)).toBeVisible();
    const ids = await submittedIds(events);
    counts("close with a queued response, open another page", ids);
    await o.collector.waitFor(1);
    await first.close();
    await sleep(500);

    o.collector.respond = null;
    const openedAt = Date.now();
    const other = await context.newPage();
    await other.goto(npsPage({}, "about"));
    await o.collector.waitForDelivered(ids, 10_000);
    const delivered = o.collector.delivered();
    expect(delivered.some((r) => !r.beacon && r.startedAt >= openedAt), "the other page sent it").toBe(true);
    await expectOutboxEmpty(other);
    expectAllDelivered(ids);
  } finally {
    await context.close();
  }
});

test("pagehide hands a pending response to the browser with the same body; it stays until a 2xx", async ({ page }) => {
  test.setTimeout(30_000);
  const events = await recordSedaEvents(page);
  // The collector answers CORS as most endpoints do (Access-Control-Allow-Origin: *), so the
  // hand-over must be something such an endpoint accepts: a keepalive fetch with credentials
  // omitted passes; a JSON sendBeacon (always credentialed) fails its preflight and never arrives.
  // Everything but the third POST fails.
  o.collector.respond = (_r, i) => (i === 2 ? { status: 204 } : { status: 503 });
  await page.goto(npsPage());
  await answer(page, "Beacon please");
  await expect(note(page, NOTES.queued)).toBeVisible();
  const ids = await submittedIds(events);
  counts("pagehide hand-over", ids);
  const [record] = await readOutbox(page);

  // Right after the second failed attempt the next retry is at least 1 s away (backoff
  // d/2 with d = 2 s), so a POST within 800 ms of leaving is the pagehide hand-over.
  await o.collector.waitFor(2, 10_000);
  const leftAt = Date.now();
  await page.goto(o.page(hostPage(), "plain")); // a page of the site without seda.js
  await expect
    .poll(() => o.collector.received.length, { message: "a POST handed over at pagehide", timeout: 3_000 })
    .toBeGreaterThan(2);
  const handed = o.collector.received[2];
  console.log(
    `delivery: pagehide: handed over ${handed.startedAt - leftAt} ms after leaving, ` +
      (handed.beacon ? "as a beacon (no Idempotency-Key)" : "with Idempotency-Key (keepalive fetch)"),
  );
  expect(handed.startedAt - leftAt).toBeLessThan(800);
  expect(handed.id).toBe(ids[0]);
  expect(handed.text).toBe(record.body);
  expect(handed.headers["content-type"]?.toLowerCase()).toBe(record.content_type.toLowerCase());
  if (!handed.beacon) expect(handed.headers["idempotency-key"]).toBe(ids[0]);
  // its answer is never seen, so the record stays in the outbox
  expect((await readOutbox(page)).map((r) => r.id)).toEqual(ids);
  expectAllDelivered(ids);
});

test("a tab that waited while another delivered its response hands nothing over when it goes", async ({ browser }) => {
  test.setTimeout(60_000);
  const context = await browser.newContext();
  try {
    const first = await context.newPage();
    const events = await recordSedaEvents(first);
    // Refused, and asked to wait a minute: the first tab's own next attempt is far off, and
    // until then its view of what is pending holds the response.
    o.collector.respond = () => ({ status: 503, headers: { "Retry-After": "60" } });
    const url = npsPage();
    await first.goto(url);
    await answer(first, "Sent by the other tab");
    const ids = await submittedIds(events);
    counts("hand-over after another tab delivered", ids);
    await o.collector.waitFor(1, 10_000);
    await expect(note(first, NOTES.queued)).toBeVisible();

    // The endpoint recovers, and a second tab of the site sends what is pending at once.
    o.collector.respond = () => ({ status: 201 });
    const second = await context.newPage();
    await second.goto(url);
    await o.collector.waitForDelivered(ids, 10_000);
    await sleep(300);
    const before = o.collector.received.length;

    // The first tab leaves for a page of the site without seda.js: pagehide, and nothing
    // left to hand over.
    await first.goto(o.page(hostPage(), "plain"));
    await sleep(1_000);
    expect(o.collector.received.slice(before).map((r) => r.id), "POSTs after the first tab left").toEqual([]);
    expectAllDelivered(ids);
  } finally {
    await context.close();
  }
});

for (const [variant, withoutLocks] of [["", false], [" (no Web Locks: the localStorage lease)", true]]) {
  test(`two tabs${variant}: both responses arrive, and no id is POSTed twice at the same time`, async ({ browser }) => {
    test.setTimeout(60_000);
    const context = await browser.newContext();
    if (withoutLocks) {
      await context.addInitScript(() => {
        delete Navigator.prototype.locks;
      });
    }
    try {
      const tabs = [await context.newPage(), await context.newPage()];
      const events = await Promise.all(tabs.map((t) => recordSedaEvents(t)));
      o.collector.respond = () => ({ status: 503, delay: 200 });
      const url = npsPage();
      await Promise.all(tabs.map((t) => t.goto(url)));
      if (withoutLocks) expect(await tabs[0].evaluate(() => "locks" in navigator)).toBe(false);
      const submittedAt = [];
      await answer(tabs[0], "Tab one", 9);
      submittedAt.push(Date.now());
      await answer(tabs[1], "Tab two", 4);
      submittedAt.push(Date.now());
      const ids = [...(await submittedIds(events[0])), ...(await submittedIds(events[1]))];
      counts(`two tabs${variant}`, ids);
      expect(ids).toHaveLength(2);
      expect(new Set(ids).size).toBe(2);
      const stored = await readOutbox(tabs[1]);
      expect(stored.map((r) => r.id).sort()).toEqual([...ids].sort());
      await sleep(1_500);

      // recover with slow answers, and wake both tabs at once
      o.collector.respond = () => ({ status: 201, delay: 500 });
      await Promise.all(tabs.map((t) => t.evaluate(() => window.dispatchEvent(new Event("online")))));
      await o.collector.waitForDelivered(ids, 20_000);
      await sleep(1_500);

      const overlaps = overlappingSameId(fetched());
      const t0 = fetched()[0]?.startedAt ?? 0;
      const timeline = fetched()
        .map((r) => `${r.startedAt - t0}..${r.endedAt - t0} ms ${r.id.slice(0, 8)} ${r.status}`)
        .join("; ");
      expect(overlaps, `same id in flight twice at once; POSTs: ${timeline}; submitted at ${submittedAt.map((t) => t - t0).join(", ")} ms`).toEqual([]);
      await expectOutboxEmpty(tabs[0]);
      expectAllDelivered(ids);
    } finally {
      await context.close();
    }
  });
}

test("200 queued responses are drained in created_at order and the outbox ends empty", async ({ page }) => {
  test.setTimeout(90_000);
  const seedUrl = o.page(hostPage(), "seed"); // same origin as the pages with seda.js, without it
  await page.goto(seedUrl);
  const base = Date.now() - 3_600_000;
  const records = Array.from({ length: 200 }, (_, i) =>
    outboxRecord({
      id: randomUUID(),
      endpoint: o.endpoint,
      // 100 and 101 share a created_at: ties go by id
      createdAt: base + (i === 101 ? 100 : i) * 1_000,
      pageUrl: seedUrl,
      score: i % 11,
      reason: `Seeded #${i}`,
    }),
  );
  const expected = [...records]
    .sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => r.id);
  counts("200 queued drained in order", expected);
  expect(await seedOutbox(page, records)).toBe(200);
  expect(await readOutbox(page)).toHaveLength(200);

  const log = watchConsole(page);
  const started = Date.now();
  await page.goto(npsPage());
  await o.collector.waitFor(1, 10_000).catch((e) => {
    throw new Error(`${e.message}; console errors (${log.errors.length}): ${JSON.stringify([...new Set(log.errors)].slice(0, 3))}`);
  });
  await o.collector.waitForDelivered(expected, 75_000);
  console.log(`delivery: 200 queued: drained in ${Date.now() - started} ms`);

  expect(o.collector.ids(), "first arrival of each id in created_at order").toEqual(expected);
  const byId = new Map(records.map((r) => [r.id, r]));
  for (const r of fetched()) {
    expect(r.text, `body of ${r.id} sent byte for byte`).toBe(byId.get(r.id).body);
    expect(r.headers["idempotency-key"]).toBe(r.id);
  }
  expect(overlappingSameId(fetched()), "sent serially").toEqual([]);
  await expectOutboxEmpty(page);
  expectAllDelivered(expected);
});

test("a 400 is reported and kept apart: seda:error, an honest note, refused, never sent again", async ({ page }) => {
  test.setTimeout(30_000);
  const events = await recordSedaEvents(page);
  const reply = { error: "form nps v1 is not accepted here" };
  o.collector.respond = () => ({ status: 400, body: reply });
  await page.goto(npsPage());
  await answer(page, "Rejected");
  await expect(note(page, NOTES.rejected)).toBeVisible();
  await expect(note(page, NOTES.sent)).toHaveCount(0);
  await expect(note(page, NOTES.queued)).toHaveCount(0);
  const ids = await submittedIds(events);
  counts("400 reported and kept", ids);

  await expect.poll(async () => (await events.of("seda:error")).length).toBe(1);
  const [error] = await events.of("seda:error");
  expect(error.detail).toMatchObject({ status: 400, response_id: ids[0], refused: true });
  expect(typeof error.detail.message).toBe("string");
  expect(error.detail.message.length).toBeGreaterThan(0);
  expect(String(error.detail.body)).toContain(JSON.stringify(reply));
  expect(await events.of("seda:complete")).toEqual([]);

  expect(await readOutbox(page), "not among the responses waiting to be sent").toEqual([]);
  const [record, ...more] = await readRefused(page);
  expect(more).toEqual([]);
  expect(record).toMatchObject({ id: ids[0], state: "failed", last_status: 400 });

  await page.waitForTimeout(2_500);
  expect(o.collector.received, "a 400 is not retried").toHaveLength(1);
  await page.reload();
  await expect(scoreGroup(page)).toBeVisible();
  await page.waitForTimeout(2_500);
  expect(o.collector.received, "nor sent again after a reload").toHaveLength(1);
  expect((await readRefused(page)).map((r) => [r.id, r.state])).toEqual([[ids[0], "failed"]]);

  expect(o.collector.ids(), "distinct ids received = submitted").toEqual(ids);
});

test('data-endpoint-format="form" posts the documented urlencoded keys, the id in the body and no Idempotency-Key', async ({ page }) => {
  const log = watchConsole(page);
  const url = npsPage({ "endpoint-format": "form" });
  await page.goto(url);
  await answer(page, "Rye & sourdough = 100%");
  await expect(note(page, NOTES.sent)).toBeVisible();
  const [post] = await o.collector.waitFor(1);
  expect(post.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded\b/);
  const form = post.form;
  expect(Object.keys(form).sort()).toEqual(
    [
      "id", "form_id", "form_version", "kind", "nps_category",
      "meta.started_at", "meta.submitted_at", "meta.locale", "meta.page_url",
      "answers.recommend", "answers.reason",
    ].sort(),
  );
  expect(form.id).toMatch(UUID_V4);
  // A CORS simple request: no header of its own (the body's id is the key).
  expect(post.headers["idempotency-key"]).toBeUndefined();
  expect(form).toMatchObject({
    form_id: "nps",
    form_version: "1",
    kind: "survey",
    nps_category: "promoter",
    "meta.locale": "en",
    "meta.page_url": url,
    "answers.recommend": "9",
    "answers.reason": "Rye & sourdough = 100%",
  });
  expect(Number.isNaN(Date.parse(form["meta.submitted_at"]))).toBe(false);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("data-endpoint-headers adds request headers", async ({ page }) => {
  const log = watchConsole(page);
  await page.goto(npsPage({ "endpoint-headers": JSON.stringify({ "X-Api-Key": "pk_123" }) }));
  await answer(page, "With a key");
  await expect(note(page, NOTES.sent)).toBeVisible();
  const [post] = await o.collector.waitFor(1);
  expect(post.headers["x-api-key"]).toBe("pk_123");
  expect(post.headers["idempotency-key"]).toBe(post.body.id);
  expect(post.headers["content-type"]).toMatch(/^application\/json\b/);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("an http: endpoint that is not this machine is a visible configuration error naming https", async ({ page }) => {
  const log = watchConsole(page);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(npsPage({ endpoint: "http://example.com/x" }));
  const box = page.getByRole("alert").filter({ hasText: 'data-endpoint="http://example.com/x"' });
  await expect(box).toBeVisible();
  await expect(box).toContainText("https");
  await expect.poll(() => log.errors.some((e) => e.includes("http://example.com/x"))).toBe(true);
  await page.waitForTimeout(500);
  expect(requests.filter((u) => u.includes("example.com"))).toEqual([]);
  expect(o.collector.received).toHaveLength(0);
  expect(log.pageErrors).toEqual([]);
});
