// The desk's alerts and its printed visit report, against the real receiver (SQLite) serving
// the desk's build. A webhook added through the desk's form is posted to a local server when
// a detractor answers, and the delivery log then says it was delivered; a visit's page,
// printed, keeps its score card and leaves the navigation, buttons and forms out.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { expect, test } from "@playwright/test";
import { DESK_DIST, TOKEN, startReceiver } from "./receiver.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const ADMIN = { name: "ana", password: "correct horse battery" };

let receiver;
let hook;
const received = [];
test.beforeAll(async () => {
  receiver = await startReceiver({ desk: DESK_DIST });
  receiver.addUser(ADMIN.name, ADMIN.password);
  // The webhook's endpoint: records each POST's body and answers 200.
  hook = createServer((request, response) => {
    let body = "";
    request.on("data", (d) => (body += d));
    request.on("end", () => {
      received.push({ method: request.method, type: request.headers["content-type"], body: JSON.parse(body) });
      response.writeHead(200).end("ok");
    });
  });
  await new Promise((ok) => hook.listen(0, "127.0.0.1", ok));
});
test.afterAll(async () => {
  await receiver?.close();
  await new Promise((ok) => hook?.close(ok) ?? ok());
});

async function signIn(page) {
  await page.goto(receiver.url("/desk/"));
  await page.getByLabel("Name").fill(ADMIN.name);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

async function post(payload) {
  const r = await fetch(receiver.url("/responses"), {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": payload.id },
    body: JSON.stringify(payload),
  });
  expect(r.status, await r.text()).toBe(201);
}

test("a webhook added in the desk is posted a detractor's alert, and its delivery is logged", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Alerts" }).click();
  const url = `http://127.0.0.1:${hook.address().port}/seda`;
  await page.getByLabel("Address (URL)").fill(url);
  await page.getByLabel("A detractor (NPS 0–6)").check();
  await page.getByRole("button", { name: "Add the webhook" }).click();
  await expect(page.getByRole("row").filter({ hasText: url }).first()).toBeVisible();

  await post({
    id: "alert-1", form_id: "nps", form_version: 1, kind: "survey", answers: { recommend: 3, reason: "Nobody answered the phone" },
    nps_category: "detractor", meta: { started_at: "2026-12-01T10:00:00Z", submitted_at: "2026-12-01T10:00:20Z", locale: "en", page_url: "https://shop.example/" },
  });
  await expect.poll(() => received.length, { message: "the webhook's endpoint was posted to", timeout: 15_000 }).toBe(1);
  expect(received[0].method).toBe("POST");
  expect(received[0].type).toMatch(/^application\/json/);
  expect(received[0].body).toMatchObject({ event: "survey.detractor", subject: "alert-1", form_id: "nps", score: 3 });

  // The delivery log says it went, once.
  await expect
    .poll(async () => {
      await page.reload();
      return page.getByRole("row").filter({ hasText: "Delivered" }).count();
    }, { timeout: 15_000 })
    .toBe(1);
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), "axe on the alerts page").toEqual([]);
});

test("a visit's page prints its score card without the navigation, buttons or forms", async ({ page }) => {
  await post({
    id: "visit-print", form_id: "mystery-shop", form_version: 1, kind: "checklist",
    answers: { entrance: true, greet_warm: false },
    checklist: { visit: { location: "north", shopper: "S-17", time_in: "2026-12-01T10:00:00Z", time_out: "2026-12-01T10:30:00Z" } },
    meta: { started_at: "2026-12-01T10:00:00Z", submitted_at: "2026-12-01T10:30:00Z", locale: "en", page_url: "https://shop.example/visit" },
  });
  await signIn(page);
  await page.goto(receiver.url("/desk/visits/visit-print"));
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toBeVisible();
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  await expect(page.getByText("North mall").first()).toBeVisible();

  await page.emulateMedia({ media: "print" });
  await expect(heading).toBeVisible();
  await expect(page.getByText("North mall").first()).toBeVisible();
  await expect(page.locator("header.desk-header")).toBeHidden();
  const shown = await page.evaluate(() =>
    [...document.querySelectorAll("button, form, input, select, textarea, nav")].filter((e) => e.checkVisibility()).map((e) => e.outerHTML.slice(0, 80)),
  );
  expect(shown, "controls visible in print").toEqual([]);
});
