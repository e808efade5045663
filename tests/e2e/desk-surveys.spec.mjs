// The desk against the real receiver (target/debug/seda-receiver serving the desk's build,
// crates/seda-desk/dist, at /desk/) on a fresh SQLite database: 20 NPS responses with
// known scores are posted to /responses, people sign in through the desk's form (accounts
// made with `users add`), and the survey page must show the NPS and its 95 % interval as
// worked out here by hand, in English and in Persian. axe-core (WCAG 2.1 A and AA) on every
// page, in both languages, at a desktop's width and a phone's (390 × 844).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, test } from "@playwright/test";
import { DESK_DIST, TOKEN, startReceiver } from "./receiver.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const ADMIN = { name: "ana", password: "correct horse battery", role: "admin" };
const VIEWER = { name: "vida", password: "viewer horse battery", role: "viewer" };

// 5 promoters (9-10), 6 passives (7-8), 9 detractors (0-6).
const SCORES = [9, 10, 10, 9, 10, 7, 8, 7, 8, 7, 8, 0, 1, 2, 3, 4, 5, 6, 6, 3];
const category = (score) => (score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor");
const REASONS = SCORES.map((score, i) =>
  i === 0 ? "خدمات عالی بود" : { promoter: "Great service", passive: "Fine", detractor: "Slow delivery" }[category(score)] + `, order ${i}`,
);
const idOf = (i) => `desk-e2e-${String(i).padStart(2, "0")}`;

/** NPS and its 95 % interval as the contract defines them, rounded to one place. */
function handNps(scores) {
  const n = scores.length;
  const p = scores.filter((s) => s >= 9).length / n;
  const d = scores.filter((s) => s <= 6).length / n;
  const score = 100 * (p - d);
  const se = Math.sqrt((p + d - (p - d) ** 2) / n);
  const clip = (x) => Math.min(100, Math.max(-100, x));
  const round = (x) => Math.round(x * 10) / 10;
  return { score: round(score), low: round(clip(score - 196 * se)), high: round(clip(score + 196 * se)) };
}
const NPS = handNps(SCORES);

/** A figure as the desk writes it: one place, a minus sign, Persian digits in Persian. */
const figure = (x, lang) => {
  const en = x.toFixed(1).replace("-", "−");
  return lang === "fa" ? en.replace(/[0-9]/g, (c) => "۰۱۲۳۴۵۶۷۸۹"[c]).replace(".", "٫") : en;
};

const WORDS = {
  en: { name: "Name", password: "Password", signIn: "Sign in", nav: "Main", switch: "فارسی", interval: "95 % CI", to: "to", comments: "comments" },
  fa: { name: "نام کاربری", password: "گذرواژه", signIn: "ورود", nav: "اصلی", switch: "فارسی", interval: "بازهٔ اطمینان ۹۵٪ از", to: "تا", comments: "نظر" },
};
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

let receiver;
test.beforeAll(async () => {
  receiver = await startReceiver({ desk: DESK_DIST });
  for (const who of [ADMIN, VIEWER]) receiver.addUser(who.name, who.password, who.role);
  for (const [i, score] of SCORES.entries()) {
    const payload = {
      id: idOf(i), form_id: "nps", form_version: 1, kind: "survey",
      answers: { recommend: score, reason: REASONS[i] }, nps_category: category(score),
      meta: { started_at: "2026-11-23T10:00:00.000Z", submitted_at: "2026-11-23T10:00:30.000Z", locale: i % 2 ? "fa" : "en", page_url: "https://shop.example/thanks" },
    };
    const r = await fetch(receiver.url("/responses"), {
      method: "POST", headers: { "content-type": "application/json", "idempotency-key": payload.id }, body: JSON.stringify(payload),
    });
    expect(r.status, await r.text()).toBe(201);
  }
});
test.afterAll(async () => {
  await receiver?.close();
});

/**
 * axe-core's WCAG 2.1 A and AA rules on the page: no violation of any impact. axe is put
 * in through the DevTools protocol, which the page's Content-Security-Policy does not govern.
 */
async function audit(page, what) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(found, `axe on ${what}`).toEqual([]);
  expect(result.passes.length, "axe ran its rules").toBeGreaterThan(10);
}

/** Opens the desk in `lang` (through its language switch) and waits for the sign-in form. */
async function openDesk(page, lang) {
  await page.goto(receiver.url("/desk/"));
  await expect(page.getByRole("heading", { name: WORDS.en.signIn })).toBeVisible();
  if (lang === "fa") await page.getByRole("button", { name: WORDS.en.switch }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", lang === "fa" ? "rtl" : "ltr");
}

/** Signs in through the desk's form, by keyboard. */
async function signIn(page, who, lang = "en") {
  await openDesk(page, lang);
  const w = WORDS[lang];
  await page.getByLabel(w.name).focus();
  await page.keyboard.type(who.name);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel(w.password)).toBeFocused();
  await page.keyboard.type(who.password);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("navigation", { name: w.nav })).toBeVisible();
}

test("the desk is served under its policy, and its own routes answer its page", async ({ page }) => {
  const bare = await fetch(receiver.url("/desk"), { redirect: "manual" });
  expect(bare.status).toBe(308);
  expect(bare.headers.get("location")).toBe("/desk/");
  const deep = await fetch(receiver.url("/desk/surveys/nps?by=language"));
  expect(deep.status).toBe(200);
  expect(deep.headers.get("cache-control")).toBe("no-cache");
  expect(deep.headers.get("x-frame-options")).toBe("DENY");
  expect(deep.headers.get("referrer-policy")).toBe("same-origin");
  expect(deep.headers.get("x-content-type-options")).toBe("nosniff");
  expect(deep.headers.get("content-security-policy")).toMatch(/^default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*'; style-src 'self';/);

  // The app starts and signs in with nothing refused by the policy.
  const refused = [];
  page.on("console", (m) => m.text().includes("Content Security Policy") && refused.push(m.text()));
  await page.addInitScript(() => {
    window.__refused = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__refused.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await signIn(page, ADMIN);
  await page.goto(receiver.url("/desk/alerts"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Alerts");
  expect(await page.evaluate(() => window.__refused)).toEqual([]);
  expect(refused).toEqual([]);
});

test("a wrong password is told; the right one opens the desk, which remembers the session", async ({ page }) => {
  await openDesk(page, "en");
  await page.getByLabel("Name").fill(ADMIN.name);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("The name or the password is wrong.");
  await expect(page).toHaveTitle("Sign in · Seda desk");

  await signIn(page, ADMIN);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Surveys");
  await expect(page).toHaveTitle("Surveys · Seda desk");
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

for (const lang of ["en", "fa"]) {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    test(`axe finds nothing on the sign-in page (${lang}, ${size})`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await openDesk(page, lang);
      await expect(page).toHaveTitle(lang === "fa" ? "ورود · میز کار صدا" : "Sign in · Seda desk");
      await audit(page, `the sign-in page (${lang}, ${size})`);
      // The page fits the phone: nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    });
  }
}

test("the forms list links the NPS survey to its results", async ({ page }) => {
  await signIn(page, ADMIN);
  const row = page.locator("#forms-table tbody tr").filter({ hasText: "nps" });
  await expect(row).toContainText("Survey");
  await expect(row.locator("td.desk-num")).toHaveText("20");
  await row.getByRole("link").click();
  await expect(page).toHaveURL(/\/desk\/surveys\/nps$/);
  await expect(page.locator("#survey-responses")).toHaveText("20 responses");
});

for (const lang of ["en", "fa"]) {
  test(`the NPS and its interval are the hand-computed figures (${lang})`, async ({ page }) => {
    // Worked out by hand: P = 5, D = 9, n = 20; var = 0.66, se = 0.1817.
    expect(NPS).toEqual({ score: -20, low: -55.6, high: 15.6 });
    await signIn(page, ADMIN, lang);
    await page.goto(receiver.url("/desk/surveys/nps"));
    const card = page.locator("#metric-nps").locator("..");
    await expect(card.locator(".desk-metric-figure")).toHaveText(figure(NPS.score, lang));
    const w = WORDS[lang];
    await expect(card.locator(".desk-metric-interval")).toHaveText(`${w.interval} ${figure(NPS.low, lang)} ${w.to} ${figure(NPS.high, lang)}`);
    const shares = lang === "fa" ? ["۵ (۲۵٫۰٪)", "۶ (۳۰٫۰٪)", "۹ (۴۵٫۰٪)"] : ["5 (25.0%)", "6 (30.0%)", "9 (45.0%)"];
    await expect(card.locator(".desk-split dd")).toHaveText(shares);
    // The choices are in the address: the breakdown by language survives a reload.
    await page.getByLabel(lang === "fa" ? "تفکیک بر پایهٔ" : "Break down by").selectOption("language");
    await expect(page).toHaveURL(/by=language/);
    await page.reload();
    await expect(page.locator("#breakdown-table tbody tr")).toHaveCount(2);
  });
}

for (const lang of ["en", "fa"]) {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    test(`axe finds nothing on the forms, a survey and a response (${lang}, ${size})`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await signIn(page, ADMIN, lang);
      await expect(page.locator("#forms-table")).toBeVisible();
      await audit(page, `the forms list (${lang}, ${size})`);

      await page.goto(receiver.url("/desk/surveys/nps?by=language"));
      await expect(page.locator("#metric-nps")).toBeVisible();
      await expect(page.locator(".desk-comment").first()).toBeVisible();
      await audit(page, `the survey page (${lang}, ${size})`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);

      await page.goto(receiver.url(`/desk/responses/${idOf(11)}`));
      await expect(page.locator(".desk-answers")).toContainText(REASONS[11]);
      await audit(page, `a response (${lang}, ${size})`);
    });
  }
}

test("the CSV download holds the comments as filtered", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto(receiver.url("/desk/surveys/nps"));
  await page.getByLabel("Category").selectOption("detractor");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/category=detractor/);
  await expect(page.locator("#comments-count")).toHaveText("9 comments");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV of these comments" }).click()]);
  const text = readFileSync(await download.path(), "utf8");
  const lines = text.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("Response,Received,Score,Category,Question,Comment,Language,Page");
  const rows = lines.slice(1);
  const detractors = SCORES.map((s, i) => [s, i]).filter(([s]) => s <= 6).map(([, i]) => idOf(i));
  expect(rows.map((r) => r.split(",")[0]).sort()).toEqual(detractors.sort());
  for (const row of rows) expect(row).toMatch(/,Detractor,reason,"Slow delivery, order \d+",/);
  // The view is shared by its address: the same filter after a reload.
  await page.reload();
  await expect(page.locator("#comments-count")).toHaveText("9 comments");
});

test("the CSV holds every comment found, beyond the page on screen", async ({ page }) => {
  // 60 comments on a form of the site's own: more than two pages of 25.
  for (let i = 0; i < 60; i++) {
    const id = `desk-csv-${String(i).padStart(2, "0")}`;
    const payload = {
      id, form_id: "site-feedback", form_version: 1, kind: "survey", answers: { remark: `Remark number ${i}` },
      meta: { started_at: "2026-11-23T10:00:00.000Z", submitted_at: "2026-11-23T10:00:30.000Z", locale: "en", page_url: "https://shop.example/" },
    };
    const r = await fetch(receiver.url("/responses"), { method: "POST", headers: { "content-type": "application/json", "idempotency-key": id }, body: JSON.stringify(payload) });
    expect(r.status, await r.text()).toBe(201);
  }
  await signIn(page, ADMIN);
  await page.goto(receiver.url("/desk/surveys/site-feedback"));
  await expect(page.locator("#comments-count")).toHaveText("60 comments");
  await expect(page.locator(".desk-comment")).toHaveCount(25);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV of these comments" }).click()]);
  const lines = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
  const remarks = lines.slice(1).map((l) => l.match(/Remark number (\d+)/)?.[1]).filter(Boolean).map(Number);
  expect(remarks.sort((a, b) => a - b)).toEqual([...Array(60).keys()]);
});

test("a viewer sees no way to add a webhook, and an admin does", async ({ browser }) => {
  for (const who of [VIEWER, ADMIN]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, who);
    await page.getByRole("link", { name: "Alerts" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Alerts");
    if (who.role === "viewer") {
      await expect(page.locator("#alerts-read-only")).toHaveText("Only an admin can add or remove webhooks.");
      await expect(page.locator("#webhook-form")).toHaveCount(0);
    } else {
      await expect(page.getByLabel("Address (URL)")).toBeEditable();
      await expect(page.locator("#alerts-read-only")).toHaveCount(0);
    }
    await context.close();
  }
});

test("the API refuses a viewer's webhook with 403", async ({ page }) => {
  await signIn(page, VIEWER);
  const answer = await page.evaluate(async () => {
    const r = await fetch("/admin/desk/webhooks", {
      method: "POST", headers: { "content-type": "application/json", "x-seda-csrf": "1" },
      body: JSON.stringify({ url: "https://hooks.example/x", format: "json", events: ["survey.detractor"] }),
    });
    return { status: r.status, type: (await r.json()).type };
  });
  expect(answer).toEqual({ status: 403, type: "urn:seda:problem:forbidden" });
  // The same request with the admin token is taken (so the route exists and the 403 is the role's).
  const admin = await fetch(receiver.url("/admin/desk/webhooks"), {
    method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ url: "https://hooks.example/x", format: "json", events: ["survey.detractor"] }),
  });
  expect(admin.status, await admin.text()).toBeLessThan(300);
});
