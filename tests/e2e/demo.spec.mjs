// The demo page that `bash tools/demo.sh` serves: the receiver (seda-receiver serve --assets
// dist --demo) serves the page, the widget's files and /responses on one origin. Every widget
// on the page comes up, nothing is reported as an error, and a response answered on the page
// is stored by the receiver, listed in the page's "Received" section and in the export.
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { DESK_DIST, startReceiver } from "./receiver.mjs";
import { audit, button, DIST, watchConsole } from "./support.mjs";

let receiver;
test.beforeAll(async () => {
  receiver = await startReceiver({ database: "sqlite", assets: DIST, demo: true, desk: DESK_DIST });
  receiver.addUser("demo", "demo password 2026");
  // As tools/demo.sh does: the demo's checklist is registered, so its visits are verified.
  receiver.addForm(join(DIST, "demo-visit.json"));
});
test.afterAll(async () => {
  await receiver?.close();
});

test("the demo page shows its seven widgets without an error, and a response reaches the receiver", async ({ page }) => {
  const logged = watchConsole(page);
  await page.goto(receiver.url("/"));
  // One widget a tag: the corner card and six inline forms (the complaint-status lookup among them), each showing its first step.
  await expect
    .poll(() => page.evaluate(() => [...document.querySelectorAll("[data-seda-host]")].filter((h) => h.shadowRoot?.querySelector(".seda-step")).length), {
      message: "widgets showing their first step",
      timeout: 20_000,
    })
    .toBe(7);
  // The page around the widgets is as accessible as they are: its code samples, wider than
  // the page, scroll from the keyboard too.
  await audit(page, "the demo page");
  await expect(page.locator("#inbox-status")).toHaveText("No responses yet. Answer a survey above.");
  await expect(page.locator("#inbox li")).toHaveCount(0);

  // The form written in inline JSON: one required choice, then two optional questions.
  const custom = page.locator("#custom");
  await custom.getByRole("radio", { name: "Yes", exact: true }).check();
  await button(custom, "Next").click();
  await custom.getByRole("checkbox", { name: "Service", exact: true }).check();
  await button(custom, "Next").click();
  await button(custom, "Submit").click();

  // Listed from the receiver's database, not from the browser.
  await expect(page.locator("#inbox li")).toHaveCount(1);
  const id = await page.locator("#inbox li").getAttribute("data-id");
  await expect(page.locator("#inbox li")).toContainText("checkout");
  expect(await page.evaluate(() => localStorage.getItem("seda:inbox")), "nothing kept in the browser's inbox").toBeNull();
  const rows = await receiver.exportRows("checkout");
  expect(rows).toHaveLength(1);
  expect(rows[0].id).toBe(id);
  expect(rows[0].payload.form_id).toBe("checkout");
  expect(rows[0].payload.answers).toMatchObject({ found: "yes", topics: ["service"] });
  expect(logged.errors, "console errors").toEqual([]);
  expect(logged.pageErrors, "page errors").toEqual([]);
});

test("a newcomer answers the demo's survey, follows the link to the desk, signs in and sees it", async ({ page }) => {
  await page.goto(receiver.url("/"));
  const custom = page.locator("#custom");
  await expect(custom.getByRole("radio", { name: "Yes", exact: true })).toBeVisible({ timeout: 20_000 });
  await custom.getByRole("radio", { name: "No", exact: true }).check();
  await button(custom, "Next").click();
  await custom.getByRole("checkbox", { name: "Price", exact: true }).check();
  await button(custom, "Next").click();
  const before = (await receiver.exportRows("checkout")).length;
  await button(custom, "Submit").click();
  await expect.poll(async () => (await receiver.exportRows("checkout")).length).toBe(before + 1);
  await expect(page.locator("#inbox li").filter({ hasText: "checkout" })).toHaveCount(before + 1);

  await page.getByRole("link", { name: "the desk" }).click();
  await expect(page).toHaveURL(receiver.url("/desk/"));
  await page.getByLabel("Name").fill("demo");
  await page.getByLabel("Password").fill("demo password 2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  // The forms list: the checkout form with every response sent from the demo page.
  const row = page.getByRole("row").filter({ hasText: "checkout" });
  await expect(row).toBeVisible();
  await expect(row.locator('td[data-label="Responses"]')).toHaveText(String(before + 1));
});

test("the mystery-shop example's link opens the visit on a phone, and the visit filled in there reaches the receiver", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const logged = watchConsole(page);
  await page.goto(receiver.url("/"));
  await page.getByRole("link", { name: "the café visit as the shopper sees it" }).tap();
  await expect(page).toHaveURL(receiver.url("/demo-visit.html?location=tajrish&shopper=S-17&assignment=A-9"));
  const w = page.locator("[data-seda-host]");
  await expect(w.getByRole("heading", { name: "Visit details" })).toBeVisible({ timeout: 20_000 });
  await expect(w.locator(".seda-cl")).toHaveAttribute("aria-label", "Mystery shop: café visit");
  // The link's parameters fill in the visit record.
  await expect(w.getByLabel("Location")).toHaveValue("tajrish");
  await expect(w.getByLabel("Shopper ID")).toHaveValue("S-17");
  await expect(w.getByLabel("Assignment")).toHaveValue("A-9");
  await w.getByRole("textbox", { name: "Staff met (names)" }).fill("Sara");
  await w.getByRole("textbox", { name: "Staff met (names)" }).press("Tab");
  await audit(page, "the demo visit's details");
  await button(w, "Start the checklist").tap();

  const item = (title) => w.locator("fieldset.seda-cl-item").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
  const tapOption = (title, label) => item(title).locator("label.seda-choice").filter({ hasText: label }).tap();
  await tapOption("Were you greeted as you came in?", /^Yes$/);
  await item("Seconds until your order was taken").locator("input.seda-cl-measure__input").tap();
  await page.keyboard.type("95");
  await tapOption("Were the tables clean?", /^Yes$/);
  await expect(w.locator(".seda-cl-bar__section")).toHaveText("Section 100 %");
  await button(w, "Next").tap();
  await tapOption("How well did the barista know the menu?", "Answered every question");
  await tapOption("Which of these were you offered?", "The day's special");
  await tapOption("Which of these were you offered?", "The loyalty card");
  await tapOption("How friendly was the service?", /^5$/);
  await tapOption("Were you thanked as you left?", /^Yes$/);
  await button(w, "Next").tap();
  await expect(w.getByText("Everything required is answered. You can submit.")).toBeVisible();
  await button(w, "Submit report").tap();
  await expect(w.getByRole("heading", { name: "Visit recorded" })).toBeVisible();

  await expect.poll(async () => (await receiver.exportRows("cafe-visit")).length, { timeout: 15_000 }).toBe(1);
  const [row] = await receiver.exportRows("cafe-visit");
  expect(row.verification).toMatchObject({ status: "verified", problems: [], figures: "match" });
  const c = row.payload.checklist;
  expect(c.visit).toMatchObject({ location: "tajrish", shopper: "S-17", assignment: "A-9", staff: "Sara" });
  expect(row.payload.answers).toMatchObject({ greeted: true, order_wait: 95, tables: true, menu: "expert", offers: ["special", "loyalty"], friendly: 5, thanked: true });
  expect(c.outcome).toBe("pass");
  expect(logged.errors, "console errors").toEqual([]);
  expect(logged.pageErrors, "page errors").toEqual([]);
  await context.close();
});
