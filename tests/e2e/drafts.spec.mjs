// Drafts: every answer change is kept in localStorage "seda:draft:<form id>"; reopening the
// form offers "Continue" (answers, step and response id come back) or "Start over".
// A draft is never sent as a response.
import { expect, test } from "@playwright/test";
import {
  button,
  hostPage,
  NPS,
  pick,
  readOutbox,
  score,
  scoreGroup,
  useOrigins,
  UUID_V4,
  watchConsole,
} from "./support.mjs";

const PROMPT = "Continue where you left off?";

const o = useOrigins(test);

const npsPage = (name) => o.page(hostPage({ embed: o.embed({ form: "template:nps", endpoint: o.endpoint }) }), name);

const reasonBox = (page) => page.getByRole("textbox", { name: NPS.reason });
const thanks = (page) => page.getByRole("heading", { name: NPS.thanks });
const prompt = (page) => page.getByText(PROMPT);

const readDraft = (page) =>
  page.evaluate(() => {
    const s = localStorage.getItem("seda:draft:nps");
    return s && JSON.parse(s);
  });

/** Waits until the stored draft matches `shape`, and returns it. */
async function draftMatching(page, shape) {
  await expect.poll(() => readDraft(page), { message: "draft in localStorage seda:draft:nps" }).toMatchObject(shape);
  const draft = await readDraft(page);
  expect(draft.response_id).toMatch(UUID_V4);
  expect(draft).toHaveProperty("started_at");
  expect(draft).toHaveProperty("saved_at");
  expect(draft).toHaveProperty("path");
  return draft;
}

test("a picked score survives a reload; Continue restores it and the response keeps the draft's id", async ({ page }) => {
  const log = watchConsole(page);
  await page.goto(npsPage());
  await expect(scoreGroup(page)).toBeVisible();
  await expect(prompt(page), "no prompt without a draft").toHaveCount(0);

  await pick(page, 9);
  await expect(score(page, 9)).toBeChecked();
  const draft = await draftMatching(page, { form_id: "nps", form_version: 1, answers: { recommend: 9 } });

  await page.reload();
  await expect(prompt(page)).toBeVisible();
  await expect(button(page, "Continue")).toBeVisible();
  await expect(button(page, "Start over")).toBeVisible();
  expect(o.collector.received, "a draft is not sent").toHaveLength(0);

  await button(page, "Continue").click();
  await expect(prompt(page)).toHaveCount(0);
  await expect(score(page, 9)).toBeChecked();
  await button(page, "Next").click();
  await reasonBox(page).fill("Came back later");
  await button(page, "Submit").click();
  await expect(thanks(page)).toBeVisible();

  const [post] = await o.collector.waitFor(1);
  expect(post.body.id, "the response keeps the draft's response_id").toBe(draft.response_id);
  expect(post.headers["idempotency-key"]).toBe(draft.response_id);
  expect(post.body.answers).toEqual({ recommend: 9, reason: "Came back later" });
  await expect.poll(() => readDraft(page), { message: "the draft is removed once submitted" }).toBeNull();
  expect(log.pageErrors).toEqual([]);
});

test("Continue restores the step: the half-typed reason, and behind Back the score", async ({ page }) => {
  await page.goto(npsPage());
  await expect(scoreGroup(page)).toBeVisible();
  await pick(page, 7);
  const atScore = await draftMatching(page, { answers: { recommend: 7 } });
  await button(page, "Next").click();
  await reasonBox(page).fill("Half a thou");
  const atReason = await draftMatching(page, { answers: { recommend: 7, reason: "Half a thou" } });
  expect(atReason.path, "the draft records the pages visited").toEqual([0, 1]);
  expect(atScore.path).toEqual([0]);
  expect(atReason.response_id).toBe(atScore.response_id);

  await page.reload();
  await expect(prompt(page)).toBeVisible();
  await button(page, "Continue").click();
  await expect(reasonBox(page)).toBeVisible();
  await expect(reasonBox(page)).toHaveValue("Half a thou");
  await button(page, "Back").click();
  await expect(score(page, 7)).toBeChecked();
  await button(page, "Next").click();
  await reasonBox(page).fill("Half a thought, finished");
  await button(page, "Submit").click();
  await expect(thanks(page)).toBeVisible();

  const [post] = await o.collector.waitFor(1);
  expect(post.body.id).toBe(atReason.response_id);
  expect(post.body.answers).toEqual({ recommend: 7, reason: "Half a thought, finished" });
});

test("Start over clears the draft and begins a new response", async ({ page }) => {
  await page.goto(npsPage());
  await expect(scoreGroup(page)).toBeVisible();
  await pick(page, 3);
  const draft = await draftMatching(page, { answers: { recommend: 3 } });

  await page.reload();
  await expect(prompt(page)).toBeVisible();
  await button(page, "Start over").click();
  await expect(prompt(page)).toHaveCount(0);
  await expect(scoreGroup(page)).toBeVisible();
  await expect(score(page, 3)).not.toBeChecked();
  await expect(scoreGroup(page).getByRole("radio", { checked: true })).toHaveCount(0);
  await expect.poll(() => readDraft(page), { message: "Start over removes the draft" }).toBeNull();

  await page.reload();
  await expect(scoreGroup(page)).toBeVisible();
  await expect(prompt(page), "no prompt after Start over").toHaveCount(0);

  await pick(page, 10);
  await button(page, "Next").click();
  await reasonBox(page).fill("Fresh start");
  await button(page, "Submit").click();
  await expect(thanks(page)).toBeVisible();
  const [post] = await o.collector.waitFor(1);
  expect(post.body.id).toMatch(UUID_V4);
  expect(post.body.id).not.toBe(draft.response_id);
  expect(post.body.answers).toEqual({ recommend: 10, reason: "Fresh start" });
});

test("a draft is never sent by itself: not on leaving, closing or reopening", async ({ page, context }) => {
  await page.goto(npsPage("first"));
  await expect(scoreGroup(page)).toBeVisible();
  await pick(page, 8);
  await button(page, "Next").click();
  await reasonBox(page).fill("Not finished");
  await draftMatching(page, { answers: { recommend: 8, reason: "Not finished" } });

  // another page of the site with the same form offers the draft
  await page.goto(npsPage("second"));
  await expect(prompt(page)).toBeVisible();
  await page.close();

  const again = await context.newPage();
  await again.goto(npsPage("third"));
  await expect(prompt(again)).toBeVisible();
  await again.waitForTimeout(1_500);
  expect(o.collector.received, "no POST for an unfinished response").toHaveLength(0);
  expect(await readOutbox(again), "a draft is not in the outbox").toEqual([]);
  expect(await readDraft(again)).toMatchObject({ answers: { recommend: 8, reason: "Not finished" } });
});
