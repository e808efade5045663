// data-form given as a URL: the form is fetched, checked and shown, or the site owner
// is told plainly why not.
import { expect, test } from "@playwright/test";
import { hostPage, recordSedaEvents, useOrigins, watchConsole } from "./support.mjs";

const CHECKOUT = {
  seda: 1, id: "checkout", version: 2, kind: "survey", locale: "en",
  questions: [
    { id: "found", type: "choice", required: true, title: "Did you find what you were looking for?",
      choices: [{ id: "yes", label: "Yes" }, { id: "no", label: "No" }] },
    { id: "email", type: "email", title: "Email, if you would like a reply" },
  ],
};

const o = useOrigins(test);
test.beforeAll(() => {
  o.host.pages.set("/forms/checkout.json", JSON.stringify(CHECKOUT));
  o.host.pages.set("/forms/oops.json", "<!doctype html><title>Sign in</title><p>Please sign in</p>");
});

const pageWith = (form) => o.page(hostPage({ embed: o.embed({ form, endpoint: o.endpoint, target: "#slot" }), main: '<div id="slot"></div>' }));

test("a form at a relative URL is fetched, shown and answered", async ({ page }) => {
  const log = watchConsole(page);
  await page.goto(pageWith("forms/checkout.json"));
  const group = page.getByRole("radiogroup", { name: "Did you find what you were looking for?" });
  await expect(group).toBeVisible();
  await group.getByText("Yes", { exact: true }).click();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  const email = page.getByRole("textbox", { name: "Email, if you would like a reply" });
  await email.fill("not-an-address");
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Please enter an email address" })).toBeVisible();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await email.fill("ana@example.com");
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  const received = o.collector.received.filter((r) => r.method === "POST");
  expect(received).toHaveLength(1);
  const body = received[0].body;
  expect(body).toMatchObject({ form_id: "checkout", form_version: 2, answers: { found: "yes", email: "ana@example.com" } });
  expect(body).not.toHaveProperty("nps_category");
  expect(log.errors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
});

for (const [what, form, says] of [
  ["a URL that answers 404", "forms/missing.json", 'data-form="forms/missing.json": the server answered 404'],
  ["a URL that returns HTML", "forms/oops.json", 'data-form="forms/oops.json": the server sent HTML, not a form\'s JSON'],
]) {
  test(`${what} gets one console error and a visible box, and no POST`, async ({ page }) => {
    const log = watchConsole(page);
    const events = await recordSedaEvents(page);
    await page.goto(pageWith(form));
    await expect(page.getByRole("alert").filter({ hasText: says })).toBeVisible();
    expect(log.errors.filter((e) => e.includes(says))).toHaveLength(1);
    const errors = await events.of("seda:error");
    expect(errors).toHaveLength(1);
    expect(errors[0].detail.problems).toEqual([says]);
    expect(log.pageErrors).toEqual([]);
    expect(o.collector.received.filter((r) => r.method === "POST")).toHaveLength(0);
  });
}
