// The parts of the widget that come as chunks of wasm (src/split.rs) when they cannot be
// fetched: the visitor is told, loses no answer already given, and carries on once the
// network is back.
import { expect, test } from "@playwright/test";
import { audit, button, hostPage, NPS, pick, scoreGroup, useOrigins, widget } from "./support.mjs";

const o = useOrigins(test);

const npsPage = () => o.page(hostPage({ embed: o.embed({ form: "template:nps", endpoint: o.endpoint }) }));
/** A page with nothing of its own that axe could fault. */
const plainPage = () =>
  o.page(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body><main><h1>Shop</h1></main>${o.embed({ form: "template:nps", endpoint: o.endpoint })}</body></html>`);

/** Fails every request for the chunk `name` (`fields`, `send`) until the returned function is called. */
async function refuse(page, name) {
  let refusing = true;
  const pattern = new RegExp(`-split_${name}\\.wasm$`);
  await page.route(pattern, (route) => (refusing ? route.abort("internetdisconnected") : route.continue()));
  return () => (refusing = false);
}

test("a question whose code cannot be fetched says so in its place; Try again draws it, and the score given before is sent", async ({ page }) => {
  const allow = await refuse(page, "fields");
  await page.goto(plainPage());
  const w = widget(page);
  await expect(scoreGroup(page)).toBeVisible();
  await pick(page, 8);
  await button(w, "Next").click();
  await expect(w.getByRole("alert").filter({ hasText: "This question could not be loaded. Please check your connection." })).toBeVisible();
  await expect(w.getByRole("textbox", { name: NPS.reason })).toHaveCount(0);
  await expect(w.getByRole("heading", { name: NPS.reason })).toBeVisible();
  await audit(page, "a question that could not be loaded");

  allow();
  await button(w, "Try again").click();
  await w.getByRole("textbox", { name: NPS.reason }).fill("Kind staff");
  await button(w, "Submit").click();
  const [post] = await o.collector.waitFor(1);
  expect(post.body.answers).toEqual({ recommend: 8, reason: "Kind staff" });
});

test("a response whose sender cannot be fetched is not sent and stays on screen; Try again sends it once", async ({ page }) => {
  const allow = await refuse(page, "send");
  await page.goto(npsPage());
  const w = widget(page);
  await expect(scoreGroup(page)).toBeVisible();
  await pick(page, 3);
  await button(w, "Next").click();
  await w.getByRole("textbox", { name: NPS.reason }).fill("Slow");
  await button(w, "Submit").click();
  await expect(w.getByText("We could not send your answers")).toBeVisible();
  await expect(w.getByRole("textbox", { name: NPS.reason })).toHaveValue("Slow");
  expect(o.collector.received).toHaveLength(0);

  allow();
  await button(w, "Try again").click();
  const [post] = await o.collector.waitFor(1);
  expect(post.body.answers).toEqual({ recommend: 3, reason: "Slow" });
  await page.waitForTimeout(500);
  expect(o.collector.received).toHaveLength(1);
});

test("the Persian widget says it in Persian", async ({ page }) => {
  await refuse(page, "fields");
  await page.goto(o.page(hostPage({ embed: o.embed({ form: "template:nps", endpoint: o.endpoint, locale: "fa" }) })));
  const w = widget(page);
  await w.getByRole("radio", { name: "۹", exact: true }).check();
  await button(w, "بعدی").click();
  await expect(w.getByRole("alert").filter({ hasText: "این پرسش بارگیری نشد. لطفاً اتصال اینترنت را بررسی کنید." })).toBeVisible();
  await expect(button(w, "تلاش دوباره")).toBeVisible();
});
