// Spreadsheet web apps as endpoints: they answer no CORS preflight and reply to every POST
// with a 302 to their output, after the script has run. A form-format send is a CORS simple
// request (no preflight; the id in the body), and data-endpoint-redirect="follow" lets the
// 302 be followed, counting only the final 2xx. Each endpoint here is a node server on an
// origin of its own, logging every request it gets.
import { createServer } from "node:http";
import { expect, test } from "@playwright/test";
import {
  button,
  hostPage,
  note,
  NOTES,
  NPS,
  pick,
  readOutbox,
  recordSedaEvents,
  score,
  scoreGroup,
  submittedIds,
  useOrigins,
  watchConsole,
} from "./support.mjs";

const o = useOrigins(test);

/**
 * An endpoint on 127.0.0.1: POST /exec answers 302 to `done` (by default its own /done,
 * which answers 200; the first `busy` POSTs get 503), OPTIONS answers 405 unless `preflight`
 * is allowed. `cors` on /done:
 * whether it allows any origin. Every request is logged with its method, path, headers and body.
 */
async function startEndpoint({ preflight = false, done = null, cors = true, busy = 0 } = {}) {
  let posts = 0;
  const log = [];
  const server = createServer((req, res) => {
    const at = Date.now();
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const path = new URL(req.url, "http://x").pathname;
      log.push({ method: req.method, path, headers: req.headers, body, at });
      const allow = cors ? { "Access-Control-Allow-Origin": "*" } : {};
      if (req.method === "OPTIONS") {
        if (preflight) {
          res.writeHead(204, { ...allow, "Access-Control-Allow-Methods": "POST, GET", "Access-Control-Allow-Headers": "content-type, idempotency-key" });
        } else {
          res.writeHead(405, { ...allow, Allow: "GET, POST" });
        }
        return res.end();
      }
      if (req.method === "POST" && path === "/exec" && ++posts <= busy) {
        res.writeHead(503, { "Access-Control-Allow-Origin": "*" });
        return res.end();
      }
      if (req.method === "POST" && path === "/exec") {
        res.writeHead(302, { "Access-Control-Allow-Origin": "*", Location: done ?? "/done" });
        return res.end();
      }
      res.writeHead(200, { ...allow, "Content-Type": "application/json" });
      res.end('{"result":"success"}');
    });
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    url: (path) => origin + path,
    log,
    of: (method) => log.filter((r) => r.method === method),
    close: () => new Promise((ok) => server.close(ok)),
  };
}

const endpoints = [];
async function endpoint(options) {
  const e = await startEndpoint(options);
  endpoints.push(e);
  return e;
}
test.afterEach(async () => {
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
});

async function answer(page, reason) {
  await expect(scoreGroup(page)).toBeVisible();
  await pick(page, 9);
  await expect(score(page, 9)).toBeChecked();
  await button(page, "Next").click();
  await page.getByRole("textbox", { name: NPS.reason }).fill(reason);
  await button(page, "Submit").click();
  await expect(page.getByRole("heading", { name: NPS.thanks })).toBeVisible();
}

const surveyPage = (attrs, name) => o.page(hostPage({ embed: o.embed({ form: "template:nps", ...attrs }) }), name);

// Broke: every send carried Idempotency-Key, so the browser asked the endpoint first (a
// preflight) and, refused, never POSTed; and a 302 was never delivery.
test('form format with data-endpoint-redirect="follow": one simple POST, no preflight, the 302 followed, "Sent."', async ({ page }) => {
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  const sheet = await endpoint();
  await page.goto(surveyPage({ endpoint: sheet.url("/exec"), "endpoint-format": "form", "endpoint-redirect": "follow" }));
  await answer(page, "Fresh rye");
  const [id] = await submittedIds(events);
  await expect(note(page, NOTES.sent)).toBeVisible();

  const posts = sheet.of("POST");
  expect(posts.length, "exactly one POST").toBe(1);
  expect(sheet.of("OPTIONS"), "no preflight").toEqual([]);
  const [post] = posts;
  expect(post.path).toBe("/exec");
  expect(post.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded\b/);
  expect(post.headers["idempotency-key"]).toBeUndefined();
  const form = new URLSearchParams(post.body);
  expect(form.get("id")).toBe(id);
  expect(form.get("answers.reason")).toBe("Fresh rye");
  expect(sheet.of("GET").map((r) => r.path), "the redirect was followed").toEqual(["/done"]);
  await expect.poll(async () => (await readOutbox(page)).map((r) => r.id), { message: "outbox ends empty" }).toEqual([]);
  expect(await events.of("seda:complete")).toEqual([expect.objectContaining({ detail: expect.objectContaining({ id }) })]);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("form format without follow: the POST goes without preflight, but its 302 is not delivery: kept in the outbox", async ({ page }) => {
  test.setTimeout(40_000);
  const events = await recordSedaEvents(page);
  const sheet = await endpoint();
  await page.goto(surveyPage({ endpoint: sheet.url("/exec"), "endpoint-format": "form" }));
  await answer(page, "Rye again");
  const [id] = await submittedIds(events);
  await expect(note(page, NOTES.queued)).toBeVisible();
  await expect(note(page, NOTES.sent)).toHaveCount(0);
  await expect.poll(() => sheet.of("POST").length, { message: "the POST arrived" }).toBe(1);
  expect(new URLSearchParams(sheet.of("POST")[0].body).get("id")).toBe(id);
  expect(sheet.of("OPTIONS"), "no preflight").toEqual([]);
  expect((await readOutbox(page)).map((r) => [r.id, r.state])).toEqual([[id, "pending"]]);
  const redirectErrors = async () => (await events.of("seda:error")).filter((e) => Array.isArray(e.detail?.problems));
  await expect.poll(async () => (await redirectErrors()).length, { message: "a seda:error about the redirect" }).toBeGreaterThan(0);
  expect((await redirectErrors())[0].detail.response_id).toBe(id);
});

test('a JSON send still carries Idempotency-Key, and "follow" counts the final 2xx after the 302', async ({ page }) => {
  const events = await recordSedaEvents(page);
  const api = await endpoint({ preflight: true });
  await page.goto(surveyPage({ endpoint: api.url("/exec"), "endpoint-redirect": "follow" }));
  await answer(page, "JSON it is");
  const [id] = await submittedIds(events);
  await expect(note(page, NOTES.sent)).toBeVisible();
  const posts = api.of("POST");
  expect(posts.length).toBe(1);
  expect(posts[0].headers["idempotency-key"]).toBe(id);
  expect(posts[0].headers["content-type"]).toMatch(/^application\/json\b/);
  expect(JSON.parse(posts[0].body).id).toBe(id);
  expect(api.of("OPTIONS").length, "the custom header is preflighted").toBeGreaterThan(0);
  await expect.poll(async () => (await readOutbox(page)).map((r) => r.id), { message: "outbox ends empty" }).toEqual([]);
});

test("form format: the pagehide hand-over of a waiting response is a simple request too", async ({ page }) => {
  test.setTimeout(30_000);
  const events = await recordSedaEvents(page);
  const sheet = await endpoint({ busy: 99 });
  await page.goto(surveyPage({ endpoint: sheet.url("/exec"), "endpoint-format": "form", "endpoint-redirect": "follow" }));
  await answer(page, "Leaving soon");
  const [id] = await submittedIds(events);
  await expect(note(page, NOTES.queued)).toBeVisible();
  const leftAt = Date.now();
  await page.goto(o.page(hostPage(), "plain")); // a page of the site without seda.js
  const afterLeaving = () => sheet.of("POST").filter((r) => r.at >= leftAt);
  await expect.poll(() => afterLeaving().length, { message: "a POST handed over at pagehide", timeout: 3_000 }).toBeGreaterThan(0);
  const [handed] = afterLeaving();
  expect(handed.at - leftAt).toBeLessThan(800);
  expect(new URLSearchParams(handed.body).get("id")).toBe(id);
  expect(handed.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded\b/);
  expect(handed.headers["idempotency-key"]).toBeUndefined();
  expect(sheet.of("OPTIONS"), "no preflight").toEqual([]);
});

// A followed redirect to another origin is read only if that origin allows this one by CORS:
// otherwise the browser gives no answer, and the response waits to be sent again.
test("follow: a redirect to an origin that does not allow CORS is not delivery", async ({ page }) => {
  test.setTimeout(40_000);
  const events = await recordSedaEvents(page);
  const closed = await endpoint({ cors: false });
  const sheet = await endpoint({ done: closed.url("/done") });
  await page.goto(surveyPage({ endpoint: sheet.url("/exec"), "endpoint-format": "form", "endpoint-redirect": "follow" }));
  await answer(page, "Nowhere");
  const [id] = await submittedIds(events);
  await expect(note(page, NOTES.queued)).toBeVisible();
  await expect.poll(() => closed.of("GET").length, { message: "the redirect was followed" }).toBeGreaterThan(0);
  expect(sheet.of("POST").length).toBe(1);
  expect((await readOutbox(page)).map((r) => [r.id, r.state])).toEqual([[id, "pending"]]);
  await expect(note(page, NOTES.sent)).toHaveCount(0);
});

test("custom headers with form format are a setup error naming both attributes", async ({ page }) => {
  const log = watchConsole(page);
  const sheet = await endpoint();
  await page.goto(
    surveyPage({
      endpoint: sheet.url("/exec"),
      "endpoint-format": "form",
      "endpoint-headers": JSON.stringify({ "X-Api-Key": "pk_1" }),
      debug: "true",
    }),
  );
  await expect
    .poll(() => log.errors.join("\n"), { message: "the console names both attributes" })
    .toContain('data-endpoint-headers cannot be used with data-endpoint-format="form"');
  await expect(scoreGroup(page)).toHaveCount(0);
  expect(sheet.log).toEqual([]);
});
