// The widget against the real receiver (target/debug/seda-receiver), on SQLite and on
// PostgreSQL: a response answered in the browser is read back from the export exactly once,
// with the id and answers the page announced. The page is on one origin and the receiver,
// serving both the widget's files and /responses, on another (the real deployment: CORS on
// every file and on the endpoint). JSON, multipart with a photo, the flat form format; and a
// receiver killed with SIGKILL while a response is submitted, which the outbox delivers once
// it is back.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { DATABASES, startReceiver } from "./receiver.mjs";
import { servePages } from "../../tools/serve.mjs";
import { COMPLAINT_FA as FA, button, DIST, hostPage, NOTES, note, NPS, pick, readOutbox, recordSedaEvents, submittedIds, watchConsole, widget } from "./support.mjs";

const PHOTO = readFileSync(new URL("../fixtures/photo-2400x1200.png", import.meta.url));


const CSAT = { question: "How satisfied are you with your experience today?", improve: "What could we do better?" };

for (const database of DATABASES) {
  test.describe(`the receiver on ${database}`, () => {
    let receiver;
    let host;
    test.beforeAll(async () => {
      receiver = await startReceiver({ database, assets: DIST });
      host = await servePages();
    });
    test.afterAll(async () => {
      await receiver?.close();
      await host?.close();
    });

    /** A host page on its own origin with one tag whose files and endpoint are the receiver's. */
    function hostWith(attrs, main = "") {
      const data = Object.entries({ endpoint: receiver.url("/responses"), ...attrs })
        .map(([k, v]) => ` data-${k}="${String(v).replaceAll("&", "&amp;").replaceAll('"', "&quot;")}"`)
        .join("");
      const path = `/p-${Math.random().toString(36).slice(2)}.html`;
      host.pages.set(path, hostPage({ main, embed: `<script src="${receiver.url("/seda.js")}" async crossorigin${data}></script>` }));
      return host.url(path);
    }

    test("template:nps, posted as JSON from another origin, is exported once with its id and answers", async ({ page }) => {
      const log = watchConsole(page);
      const events = await recordSedaEvents(page);
      const url = hostWith({ form: "template:nps" });
      await page.goto(url);
      await pick(page, 9);
      await button(page, "Next").click();
      await page.getByRole("textbox", { name: NPS.reason }).fill("Fresh bread, kind staff");
      await button(page, "Submit").click();
      await expect(note(page, NOTES.sent)).toBeVisible();
      const [id] = await submittedIds(events);

      const rows = await receiver.rowsOf("nps", id);
      expect(rows, "exactly one row for the response").toHaveLength(1);
      const [row] = rows;
      expect(row).toMatchObject({ id, format: "json", verification: { status: "verified", problems: [] } });
      expect(row.payload).toMatchObject({ id, form_id: "nps", form_version: 1, kind: "survey", nps_category: "promoter", meta: { page_url: url } });
      expect(row.payload.answers).toEqual({ recommend: 9, reason: "Fresh bread, kind staff" });
      expect(log.errors, "console errors").toEqual([]);
      expect(log.pageErrors).toEqual([]);
    });

    test("template:complaint with a photo, as multipart: the row and the stored file", async ({ page }) => {
      test.setTimeout(60_000);
      const events = await recordSedaEvents(page);
      await page.goto(hostWith({ form: "template:complaint", locale: "fa", target: "#slot", "hidden-order": "A-1042", "endpoint-format": "multipart" }, `<div id="slot"></div>`));
      const w = widget(page);
      await w.getByRole("radio", { name: FA.category }).check();
      await w.getByRole("textbox", { name: FA.what }).fill("شیر تاریخ‌گذشته فروختند.");
      await w.getByRole("radiogroup", { name: FA.urgent }).getByRole("radio", { name: "بله" }).check();
      await button(w, FA.next).click();
      // In Persian the date is picked in the Persian calendar; it starts at now.
      const when = w.getByRole("group", { name: FA.when });
      for (const part of ["روز", "ماه", "سال"]) await expect(when.getByRole("combobox", { name: part, exact: true })).not.toHaveValue("");
      await expect(when.getByLabel("ساعت")).toHaveValue(/^\d\d:\d\d$/);
      await w.getByRole("combobox", { name: FA.where }).selectOption({ label: FA.store });
      await expect(w.getByRole("textbox", { name: FA.order })).toHaveValue("A-1042");
      await w.locator("input[type=file][multiple]").setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: PHOTO });
      await expect(w.getByRole("button", { name: /receipt\.jpg/ })).toBeVisible();
      await button(w, FA.next).click();
      await w.getByRole("radio", { name: FA.refund }).check();
      await button(w, FA.next).click();
      await w.getByRole("radio", { name: FA.anonymous }).check();
      await w.getByRole("checkbox", { name: FA.consent }).check();
      await button(w, FA.submit).click();
      await expect(w.getByRole("heading", { name: FA.received }), "acknowledged by the receiver").toBeVisible();
      const [submitted] = (await events.of("seda:submit")).map((e) => e.detail);

      const rows = await receiver.rowsOf("complaint", submitted.id);
      expect(rows).toHaveLength(1);
      const [row] = rows;
      expect(row).toMatchObject({ id: submitted.id, format: "multipart", verification: { status: "verified", problems: [] } });
      expect(row.payload).toMatchObject({
        form_id: "complaint",
        reference: submitted.reference,
        hidden: { order: "A-1042" },
        answers: { category: "quality", urgent: true, location: "store", order_number: "A-1042", remedy: "refund", contact_way: "anonymous" },
      });
      const [photo] = row.payload.answers.photos;
      expect(photo).toMatchObject({ name: "receipt.jpg", type: "image/jpeg", part: "answers.photos.0" });
      expect(photo.data, "the bytes travel in their own part, not in the payload").toBeUndefined();
      expect(photo.size).toBeGreaterThan(1000);
      // The file store keeps the part under its SHA-256: one file of the photo's size.
      const files = readdirSync(receiver.filesDir, { recursive: true }).map((f) => join(receiver.filesDir, f)).filter((f) => statSync(f).isFile());
      expect(files.map((f) => statSync(f).size)).toContain(photo.size);
    });

    test("template:csat in the flat form format: the answers typed by the form", async ({ page }) => {
      const events = await recordSedaEvents(page);
      await page.goto(hostWith({ form: "template:csat", target: "#slot", "endpoint-format": "form" }, `<div id="slot"></div>`));
      const w = widget(page);
      const group = w.getByRole("radiogroup", { name: CSAT.question }).or(w.getByRole("group", { name: CSAT.question }));
      await group.locator("label").filter({ has: page.getByRole("radio", { name: "4", exact: true }) }).click();
      await button(w, "Next").click();
      await w.getByRole("textbox", { name: CSAT.improve }).fill("Open = earlier & close later");
      await button(w, "Submit").click();
      await expect(note(page, NOTES.sent)).toBeVisible();
      const [id] = await submittedIds(events);

      const rows = await receiver.rowsOf("csat", id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id, format: "form", verification: { status: "verified", problems: [] } });
      expect(rows[0].payload).toMatchObject({ id, form_id: "csat", form_version: 1, kind: "survey" });
      expect(rows[0].payload.answers).toEqual({ satisfaction: 4, improve: "Open = earlier & close later" });
    });

    test("killed with SIGKILL: a response submitted while it is down is delivered once it is back, exactly once", async ({ page }) => {
      test.setTimeout(60_000);
      const events = await recordSedaEvents(page);
      await page.goto(hostWith({ form: "template:nps" }));
      await pick(page, 3);
      await button(page, "Next").click();
      await page.getByRole("textbox", { name: NPS.reason }).fill("Sent while the receiver was down");
      await receiver.kill("SIGKILL");
      await button(page, "Submit").click();
      await expect(note(page, NOTES.queued), "kept in the outbox").toBeVisible();
      const [id] = await submittedIds(events);
      await page.waitForTimeout(1_500);

      await receiver.start();
      // No reload: the outbox tries again on its own backoff.
      await expect(note(page, NOTES.sent)).toBeVisible({ timeout: 30_000 });
      const rows = await receiver.rowsOf("nps", id);
      expect(rows, "stored exactly once").toHaveLength(1);
      expect(rows[0].payload.answers).toEqual({ recommend: 3, reason: "Sent while the receiver was down" });
      expect(rows[0].payload.nps_category).toBe("detractor");
      // The page stays open a while longer: nothing is sent again.
      await page.waitForTimeout(2_000);
      expect(await receiver.rowsOf("nps", id)).toHaveLength(1);
      expect(await readOutbox(page), "the outbox is empty").toEqual([]);
    });
  });
}
