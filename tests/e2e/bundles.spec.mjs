// Two bundles: the lean one (surveys) and the full one (checklists, attachments, the complaint
// and mystery-shop templates). seda.js picks one per tag; a form by URL goes to the lean one,
// which hands a form it cannot show to the full one. Each page downloads only what it needs,
// and a page that runs both shows both and delivers each response once.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { button, hostPage, NPS, pick, readOutbox, recordSedaEvents, UUID_V4, useOrigins, watchConsole, widget } from "./support.mjs";

const PHOTO = readFileSync(new URL("../fixtures/photo-2400x1200.png", import.meta.url));

const o = useOrigins(test);

/**
 * What a request to the assets origin is: seda.js, a first screen's copy, or a bundle's glue,
 * wasm or one of its chunks (`lean checker`: the lean bundle's form checker).
 */
function kind(path) {
  if (path === "/seda.js") return "seda.js";
  const copy = /^\/seda-shells-[0-9a-f]+\/([a-z-]+)\.js$/.exec(path);
  if (copy) return `copy ${copy[1]}`;
  const chunk = /^\/seda-(full-)?[0-9a-f]+-(?:split_)?(\w+)\.wasm$/.exec(path);
  // chunk_<n>: code that several chunks share, named by the splitter.
  if (chunk) return `${chunk[1] ? "full" : "lean"} ${/^chunk_\d+$/.test(chunk[2]) ? "shared" : chunk[2]}`;
  const m = /^\/seda-(full-)?[0-9a-f]+(_bg\.wasm|\.js)$/.exec(path);
  if (!m) return `other ${path}`;
  return `${m[1] ? "full" : "lean"} ${m[2] === ".js" ? "glue" : "wasm"}`;
}

/**
 * Records the page's requests to the assets origin, by kind, in order. seda.js is noted
 * once: the test server forbids caching (no-store), so with two tags or more the browser
 * may fetch it again for a later one. What these tests count is the widget's own code. A
 * bundle's shared chunks (as many as the splitter makes) are noted once too.
 */
function assetRequests(page) {
  const seen = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.origin !== o.assets.origin) return;
    const k = kind(url.pathname);
    if ((k !== "seda.js" && !k.endsWith(" shared")) || !seen.includes(k)) seen.push(k);
  });
  return seen;
}

const LEAN = ["seda.js", "lean glue", "lean wasm"];
const FULL = ["seda.js", "full glue", "full wasm"];
/**
 * What a bundle fetches once it has started: the sender (the outbox drain at start, and the
 * sending of a response) and, for a form it shows, the fields past the scales
 * (src/ui/fields.rs), with the code those chunks share.
 */
const LEAN_SEND = ["lean send", "lean shared"];
const FULL_SEND = ["full send", "full shared"];
const LEAN_FIELDS = [...LEAN_SEND, "lean fields"];
const FULL_FIELDS = [...FULL_SEND, "full fields"];
const sorted = (list) => [...list].sort();

const COMPLAINT = {
  category: "What is your complaint about?",
  what: "What happened?",
  where: "Where did it happen?",
  consent: "I agree that my complaint and the details I gave are stored and used to look into it.",
  received: "We have your complaint",
};

/** A survey that offers the complaint form to a detractor. */
const SURVEY = {
  seda: 1, id: "after-visit", version: 1, kind: "survey", locale: "en",
  questions: [{ id: "recommend", type: "nps", required: true, title: NPS.question }],
  thank_you: { title: "Thank you!" },
  offer_complaint: { form: "template:complaint" },
};

/** A survey with an attachments question: only the full bundle has the picker. */
const WITH_PHOTOS = {
  seda: 1, id: "delivery-check", version: 1, kind: "survey", locale: "en",
  questions: [
    { id: "state", type: "choice", required: true, title: "How did your parcel arrive?",
      choices: [{ id: "fine", label: "Fine" }, { id: "damaged", label: "Damaged" }] },
    { id: "photos", type: "attachments", title: "Photos of the parcel" },
  ],
  thank_you: { title: "Thanks for telling us" },
};

/** Serves `form` as JSON beside the host pages and counts how often it is fetched. */
function formUrl(path, form) {
  const served = { count: 0 };
  o.host.pages.set(path, () => {
    served.count++;
    return { html: JSON.stringify(form), headers: { "Content-Type": "application/json" } };
  });
  return served;
}

/** Waits until the widget is on the page, then a little longer for any late download. */
async function settle(page, locator) {
  await expect(locator).toBeVisible();
  await page.waitForTimeout(500);
}

test("template:nps is ready with seda.js and the lean bundle's first module; the other fields' code follows", async ({ page }) => {
  const log = watchConsole(page);
  const requests = assetRequests(page);
  await page.addInitScript(() => addEventListener("seda:ready", () => (window.__sedaReadyAt ??= performance.now())));
  await page.goto(o.page(hostPage({ embed: o.embed({ form: "template:nps", endpoint: o.endpoint }) })));
  await settle(page, page.getByRole("radio", { name: "9", exact: true }));
  expect(sorted(requests)).toEqual(sorted([...LEAN, ...LEAN_FIELDS, "copy nps"]));
  // The NPS scale needs neither the other fields' code nor the sender's: both are fetched
  // once the widget is ready.
  const timing = await page.evaluate(() => ({
    ready: window.__sedaReadyAt,
    chunks: performance.getEntriesByType("resource").filter((e) => /-split_\w+\.wasm$/.test(e.name)).map((e) => [e.name.replace(/^.*-split_/, ""), e.startTime]),
  }));
  expect(timing.chunks.map(([name]) => name).sort()).toEqual(["fields.wasm", "send.wasm"]);
  for (const [name, start] of timing.chunks) expect(start, name).toBeGreaterThanOrEqual(timing.ready);
  await pick(page, 9);
  await button(widget(page), "Next").click();
  await button(widget(page), "Submit").click();
  await o.collector.waitForDelivered([(await o.collector.waitFor(1))[0].id]);
  expect(o.collector.received[0].body).toMatchObject({ form_id: "nps", answers: { recommend: 9 } });
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("the other survey templates and an inline survey go lean too", async ({ page }) => {
  const requests = assetRequests(page);
  const form = { seda: 1, id: "quick", version: 1, kind: "survey", locale: "en", questions: [{ id: "ok", type: "yes_no", title: "Did you find it?" }] };
  const slots = ["csat", "ces", "needs", "quick"].map((id) => `<div id="${id}"></div>`).join("");
  await page.goto(o.page(hostPage({
    main: `${slots}<script type="application/json" id="quick-form">${JSON.stringify(form)}</script>`,
    embed: [
      o.embed({ form: "template:csat", target: "#csat" }),
      o.embed({ form: "template:ces", target: "#ces" }),
      o.embed({ form: "template:five-needs", target: "#needs" }),
      o.embed({ form: "#quick-form", target: "#quick" }),
    ].join("\n"),
  })));
  await expect(widget(page)).toHaveCount(4);
  await settle(page, page.locator("#quick [data-seda-host]").getByText("Did you find it?"));
  // The site's own form, and only it, is checked by code fetched for it.
  expect(sorted(requests)).toEqual(sorted([...LEAN, ...LEAN_FIELDS, "lean checker"]));
});

test("template:complaint downloads seda.js and the full bundle only", async ({ page }) => {
  const log = watchConsole(page);
  const requests = assetRequests(page);
  await page.goto(o.page(hostPage({ main: `<div id="slot"></div>`, embed: o.embed({ form: "template:complaint", endpoint: o.endpoint, target: "#slot" }) })));
  await settle(page, widget(page).getByRole("radiogroup", { name: COMPLAINT.category }));
  expect(sorted(requests)).toEqual(sorted([...FULL, ...FULL_FIELDS]));
  expect(log.errors).toEqual([]);
});

test("a survey with data-offer-complaint, or whose inline JSON has offer_complaint, goes to the full bundle directly", async ({ page }) => {
  for (const [what, html, expected] of [
    ["data-offer-complaint", hostPage({ embed: o.embed({ form: "template:nps", endpoint: o.endpoint, "offer-complaint": "template:complaint" }) }), [...FULL, ...FULL_FIELDS]],
    [
      "offer_complaint in inline JSON",
      hostPage({
        main: `<script type="application/json" id="survey">${JSON.stringify(SURVEY)}</script>`,
        embed: o.embed({ form: "survey", endpoint: o.endpoint }),
      }),
      [...FULL, ...FULL_FIELDS, "full checker"],
    ],
  ]) {
    const requests = assetRequests(page);
    await page.goto(o.page(html));
    await settle(page, page.getByRole("radio", { name: "3", exact: true }));
    expect(sorted(requests), what).toEqual(sorted(expected));
    page.removeAllListeners("request");
  }
});

test("data-mode=page goes to the full bundle", async ({ page }) => {
  const requests = assetRequests(page);
  await page.goto(o.page(hostPage({ embed: o.embed({ form: "template:csat", mode: "page" }) })));
  await settle(page, widget(page).getByRole("radio", { name: "5", exact: true }).first());
  expect(sorted(requests)).toEqual(sorted([...FULL, ...FULL_FIELDS]));
});

test("a form by URL with an attachments question is handed from the lean bundle to the full one, fetched once, and submits", async ({ page }) => {
  test.setTimeout(45_000);
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  const requests = assetRequests(page);
  const served = formUrl("/forms/delivery-check.json", WITH_PHOTOS);
  await page.goto(o.page(hostPage({ main: `<div id="slot"></div>`, embed: o.embed({ form: "/forms/delivery-check.json", endpoint: o.endpoint, target: "#slot", mode: "inline" }) })));
  const w = widget(page);
  await expect(w.getByRole("radio", { name: "Damaged" })).toBeVisible();
  await expect(w).toHaveCount(1);
  expect(requests.slice(0, 3).sort(), "the lean bundle first").toEqual(sorted(LEAN));
  // Then the full one, which checks it and shows it; the lean one drains the outbox.
  // The lean one fetched its checker while it fetched the form (a site's own form is checked
  // by it), before it knew the form was not its own to show.
  expect(sorted(requests.slice(3))).toEqual(sorted(["lean checker", "full checker", "full glue", "full wasm", ...FULL_FIELDS, ...LEAN_SEND]));
  expect(served.count, "the form was fetched once: the lean bundle passed it on").toBe(1);

  await w.getByRole("radio", { name: "Damaged" }).check();
  await button(w, "Next").click();
  await w.locator("input[type=file][multiple]").setInputFiles({ name: "parcel.png", mimeType: "image/png", buffer: PHOTO });
  await expect(w.getByRole("button", { name: "Remove parcel.jpg" })).toBeVisible();
  await button(w, "Submit").click();
  await expect(w.getByRole("heading", { name: "Thanks for telling us" })).toBeVisible();
  const [post] = await o.collector.waitFor(1);
  expect(post.body).toMatchObject({ form_id: "delivery-check", answers: { state: "damaged" } });
  expect(post.body.answers.photos).toHaveLength(1);
  expect(post.body.answers.photos[0]).toMatchObject({ name: "parcel.jpg", type: "image/jpeg" });
  expect(post.body.answers.photos[0].data.length).toBeGreaterThan(1000);
  // One widget, announced once: the lean bundle added nothing and said nothing.
  expect((await events.of("seda:ready")).map((e) => e.detail)).toEqual([{ form_id: "delivery-check" }]);
  expect(await events.of("seda:error")).toEqual([]);
  expect(log.pageErrors).toEqual([]);
  expect(log.errors).toEqual([]);
});

test("a checklist by URL is handed over too", async ({ page }) => {
  const checklist = {
    seda: 1, id: "quick-visit", version: 1, kind: "checklist", locale: "en", title: "Quick visit",
    sections: [{ id: "door", title: "At the door", items: [{ id: "greeted", type: "yes_no", title: "Were you greeted?" }] }],
  };
  formUrl("/forms/quick-visit.json", checklist);
  const requests = assetRequests(page);
  const log = watchConsole(page);
  await page.goto(o.page(hostPage({ main: `<div id="slot"></div>`, embed: o.embed({ form: "/forms/quick-visit.json", target: "#slot" }) })));
  await settle(page, button(widget(page), "Start the checklist"));
  expect(sorted(requests)).toEqual(sorted([...LEAN, ...LEAN_SEND, "lean checker", "full glue", "full wasm", "full checker", ...FULL_SEND]));
  await button(widget(page), "Start the checklist").click();
  await expect(widget(page).getByText("Were you greeted?").first()).toBeVisible();
  expect(log.errors).toEqual([]);
});

test("a checklist by URL with a mistake is read and checked by the full bundle, which names the mistake's JSON path", async ({ page }) => {
  // The lean bundle has no checklist reader: it hands the form over unread.
  const checklist = {
    seda: 1, id: "quick-visit", version: 1, kind: "checklist", locale: "en", title: "Quick visit",
    sections: [{ id: "door", title: "At the door", items: [{ id: "greeted", type: "yes_or_no", title: "Were you greeted?" }] }],
  };
  const served = formUrl("/forms/broken-visit.json", checklist);
  const requests = assetRequests(page);
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  await page.goto(o.page(hostPage({ main: `<div id="slot"></div>`, embed: o.embed({ form: "/forms/broken-visit.json", target: "#slot", debug: "true" }) })));
  await expect(page.getByRole("alert").filter({ hasText: "sections[0].items[0].type" })).toBeVisible();
  await page.waitForTimeout(300);
  const errors = await events.of("seda:error");
  expect(errors).toHaveLength(1);
  expect(errors[0].detail.problems).toEqual([expect.stringMatching(/^sections\[0\]\.items\[0\]\.type: unknown variant `yes_or_no`/)]);
  // Each bundle fetches its checker while it reads the form by URL.
  expect(sorted(requests)).toEqual(sorted([...LEAN, ...LEAN_SEND, "lean checker", "full glue", "full wasm", "full checker", ...FULL_SEND]));
  expect(served.count).toBe(1);
  expect(log.pageErrors).toEqual([]);
});

test("a survey by URL shown by the lean bundle opens its complaint offer in the full bundle", async ({ page }) => {
  test.setTimeout(60_000);
  const requests = assetRequests(page);
  formUrl("/forms/after-visit.json", SURVEY);
  const url = o.page(hostPage({ main: `<div id="slot"></div>`, embed: o.embed({ form: "/forms/after-visit.json", endpoint: o.endpoint, target: "#slot", "hidden-order": "A-1042" }) }));
  await page.goto(url);
  const w = widget(page);
  await pick(page, 3);
  await button(w, "Submit").click();
  await expect(w.getByText("Sorry we let you down. Would you tell us what went wrong?")).toBeVisible();
  expect(sorted(requests), "the survey needed only the lean bundle").toEqual(sorted([...LEAN, ...LEAN_FIELDS, "lean checker"]));
  await button(w, "Tell us what went wrong").click();

  await expect(w.getByRole("radiogroup", { name: COMPLAINT.category })).toBeVisible();
  await expect(widget(page)).toHaveCount(1);
  expect(sorted(requests)).toEqual(sorted([...LEAN, ...LEAN_FIELDS, "lean checker", "full glue", "full wasm", ...FULL_FIELDS]));
  await expect.poll(() => page.evaluate(() => document.querySelector("[data-seda-host]").shadowRoot.activeElement?.textContent)).toBe(COMPLAINT.category);
  await w.getByRole("radio", { name: "Speed or waiting" }).check();
  await w.getByRole("textbox", { name: COMPLAINT.what }).fill("Forty minutes in the queue");
  await button(w, "Next").click();
  // The tag's hidden order number came along with the hand-over to the full bundle.
  await expect(w.getByRole("textbox", { name: "Order or receipt number" })).toHaveValue("A-1042");
  await w.getByRole("combobox", { name: COMPLAINT.where }).selectOption("On the phone");
  await button(w, "Next").click();
  await w.getByRole("radio", { name: "An apology or an explanation" }).check();
  await button(w, "Next").click();
  await w.getByRole("radio", { name: "I would rather stay anonymous" }).check();
  await w.getByRole("checkbox", { name: COMPLAINT.consent }).check();
  await button(w, "Submit").click();
  await expect(w.getByRole("heading", { name: COMPLAINT.received })).toBeVisible();
  await o.collector.waitFor(2);
  const [survey, complaint] = o.collector.received.map((r) => r.body);
  expect(survey).toMatchObject({ form_id: "after-visit", nps_category: "detractor" });
  expect(complaint).toMatchObject({
    form_id: "complaint",
    hidden: { order: "A-1042", score: "3", page: url, survey: "after-visit", survey_response: survey.id },
    answers: { category: "speed", order_number: "A-1042" },
  });
});

/** A page with template:nps in the corner and template:complaint inline: both bundles. */
const bothPage = () =>
  o.page(hostPage({
    main: `<div id="complaint"></div>`,
    embed: o.embed({ form: "template:nps", endpoint: o.endpoint }) + "\n" + o.embed({ form: "template:complaint", endpoint: o.endpoint, target: "#complaint" }),
  }));

async function answerNps(page, reason) {
  const card = page.locator("body > [data-seda-host]");
  await pick(page, 8);
  await button(card, "Next").click();
  await card.getByRole("textbox", { name: NPS.reason }).fill(reason);
  await button(card, "Submit").click();
  return card;
}

test("a page with an NPS tag and a complaint tag shows both; Seda.close() closes both", async ({ page }) => {
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  const requests = assetRequests(page);
  await page.goto(bothPage());
  await expect(page.getByRole("radio", { name: "9", exact: true })).toBeVisible();
  await expect(page.locator("#complaint [data-seda-host]").getByRole("radiogroup", { name: COMPLAINT.category })).toBeVisible();
  await page.waitForTimeout(300);
  expect(sorted(requests)).toEqual(sorted([...LEAN, ...LEAN_FIELDS, "copy nps", "full glue", "full wasm", ...FULL_FIELDS]));
  // Only the first instance listens for online and pagehide (one claim on the page).
  expect(await page.evaluate(() => typeof window[Symbol.for("seda:sender")])).toBe("object");

  await page.evaluate(() => window.Seda.close());
  await expect(widget(page)).toHaveCount(0);
  expect(sorted((await events.of("seda:dismiss")).map((e) => e.detail.form_id))).toEqual(["complaint", "nps"]);
  expect(log.errors).toEqual([]);
});

test("both bundles on a page: a response submitted offline is delivered once when back online", async ({ page, context }) => {
  test.setTimeout(45_000);
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  await page.goto(bothPage());
  await expect(page.locator("#complaint [data-seda-host]").getByRole("radiogroup", { name: COMPLAINT.category })).toBeVisible();
  // The NPS widget's own scale, not the first screen's copy: going offline before the widget's
  // code has come would test the copy, which cannot submit.
  await expect(widget(page).getByRole("radio", { name: "8", exact: true })).toBeVisible();

  await context.setOffline(true);
  await answerNps(page, "Offline with two bundles");
  const [submitted] = (await events.of("seda:submit")).map((e) => e.detail);
  expect(submitted.id).toMatch(UUID_V4);
  await expect.poll(async () => (await readOutbox(page)).map((r) => r.id)).toEqual([submitted.id]);
  await page.waitForTimeout(1_000);
  expect(o.collector.received).toHaveLength(0);

  await context.setOffline(false);
  await o.collector.waitForDelivered([submitted.id], 15_000);
  // Both instances have a sender; only one drain sends, and only one online listener kicks.
  await page.waitForTimeout(3_000);
  expect(o.collector.received.map((r) => r.id), "one POST, not two").toEqual([submitted.id]);
  expect((await events.of("seda:complete")).map((e) => e.detail.id).filter((id) => id === submitted.id)).toHaveLength(1);
  await expect.poll(async () => (await readOutbox(page)).length).toBe(0);
  expect(log.pageErrors).toEqual([]);
});

test("both bundles on a page: pagehide hands a pending response over once", async ({ page }) => {
  test.setTimeout(30_000);
  const events = await recordSedaEvents(page);
  // Every POST fails until the page is left: the response stays pending.
  o.collector.respond = (_r, i) => (i >= 2 ? { status: 204 } : { status: 503 });
  await page.goto(bothPage());
  await expect(page.locator("#complaint [data-seda-host]").getByRole("radiogroup", { name: COMPLAINT.category })).toBeVisible();
  await answerNps(page, "Leaving soon");
  const [submitted] = (await events.of("seda:submit")).map((e) => e.detail);
  // After the second failed attempt the next retry is at least 1 s away.
  await o.collector.waitFor(2, 10_000);
  await page.goto(o.page(hostPage(), "plain"));
  await expect.poll(() => o.collector.received.length, { timeout: 3_000 }).toBeGreaterThan(2);
  await page.waitForTimeout(1_000);
  const handed = o.collector.received.slice(2);
  expect(handed.map((r) => r.id), "handed over once, not once per bundle").toEqual([submitted.id]);
});

test("both bundles on a page that breaks the widget: an apology in every widget, one seda:error, nothing sent", async ({ page }) => {
  // Replacing window.Window makes Leptos's renderer panic on its first render, in each bundle
  // (see hostile.spec.mjs). The first failure stops both instances and is reported once.
  const log = watchConsole(page);
  const events = await recordSedaEvents(page);
  await page.goto(
    o.page(hostPage({
      head: "<script>window.Window = function Window() {};</script>",
      main: `<div id="complaint"></div>`,
      embed: o.embed({ form: "template:nps", endpoint: o.endpoint }) + "\n" + o.embed({ form: "template:complaint", endpoint: o.endpoint, target: "#complaint" }),
    })),
  );
  const hosts = page.locator("[data-seda-host]");
  await expect(hosts.first().getByRole("alert")).toContainText("Sorry, this survey stopped working.");
  await page.waitForTimeout(1_500);
  const count = await hosts.count();
  for (let i = 0; i < count; i++) {
    await expect(hosts.nth(i).getByRole("alert"), `widget ${i}`).toContainText("Sorry, this survey stopped working.");
  }
  const errors = await events.of("seda:error");
  expect(errors.map((e) => e.detail.message)).toEqual([expect.stringMatching(/^internal error, the widget has stopped: panicked at /)]);
  expect(log.errors).toHaveLength(1);
  expect(log.pageErrors.every((e) => /unreachable/.test(e)), log.pageErrors.join("\n")).toBe(true);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await page.waitForTimeout(500);
  expect(o.collector.received).toHaveLength(0);
  expect(await events.of("seda:error")).toHaveLength(1);
});
