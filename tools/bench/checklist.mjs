// The 300-item checklist benchmark: how long a section of 300 items takes to render in
// page mode, and how long one answer takes to reach the live score (the target is one
// frame, 16 ms, per answer). Run with `node tools/bench.mjs --only checklist`.
import { stats } from "./report.mjs";

/** A checklist of `count` items in one section (the worst case: all on one screen), of every type. */
export function bigChecklist(count) {
  const items = Array.from({ length: count }, (_, i) => {
    const base = { id: `i${i}`, title: `Item ${i + 1}: was the standard met?` };
    switch (i % 5) {
      case 0:
        return { ...base, type: "yes_no", na: true, weight: 2 };
      case 1:
        return { ...base, type: "options", options: [{ id: "a", label: "Fully", points: 2 }, { id: "b", label: "Partly", points: 1 }, { id: "c", label: "Not", points: 0 }] };
      case 2:
        return { ...base, type: "rating", scale: { min: 1, max: 5 } };
      case 3:
        return { ...base, type: "measure", unit: "seconds", na: true, standard: { at_most: 30, limit: 60 } };
      default:
        return { ...base, type: "yes_no", photo: "when_failed", comment: "when_failed", critical: i % 50 === 4 ? "section" : "none" };
    }
  });
  return {
    seda: 1, id: `checklist-${count}`, version: 1, kind: "checklist", locale: "en", title: `${count} items`,
    scoring: { bands: [{ id: "fail", min: 0, below: 70, pass: false }, { id: "pass", min: 70, pass: true }] },
    sections: [{ id: "all", title: "Every standard", items }],
  };
}

/**
 * Runs in the page (serialized: it uses nothing from this module). From the visit details
 * screen: clicks "Start the checklist" and times until the last item is in the DOM and
 * painted; then answers `answers` radio items (Yes or the first option, alternating with a
 * failing answer) and times each click until the live score's text changes, and painted.
 */
export async function checklistSteps({ count, answers }) {
  const root = document.querySelector("[data-seda-host]").shadowRoot;
  const now = () => performance.now();
  const painted = () =>
    new Promise((ok) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => ok(now());
        channel.port2.postMessage(null);
      }),
    );
  const until = (test, target = root) =>
    new Promise((ok) => {
      if (test()) return ok(now());
      const watch = new MutationObserver(() => {
        if (!test()) return;
        watch.disconnect();
        ok(now());
      });
      watch.observe(target, { childList: true, subtree: true, characterData: true });
    });
  const start = [...root.querySelectorAll("button")].find((b) => b.textContent.trim() === "Start the checklist");
  let t0 = now();
  start.click();
  const render = (await until(() => root.querySelectorAll("fieldset.seda-cl-item").length === count)) - t0;
  const renderPaint = (await painted()) - t0;

  const out = { render, renderPaint, score: [], scorePaint: [] };
  const items = [...root.querySelectorAll("fieldset.seda-cl-item")].filter((f) => f.querySelector('input[type="radio"]'));
  const bar = root.querySelector(".seda-cl-bar__scores");
  for (let i = 0; i < answers && i < items.length; i++) {
    const radios = items[i].querySelectorAll('input[type="radio"]');
    // Alternate a passing and a failing answer, so the score moves every time.
    const radio = i % 2 ? radios[radios.length - (radios.length > 3 ? 2 : 1)] : radios[0];
    const before = bar.textContent;
    t0 = now();
    radio.click();
    // The score shown is a whole percentage: an answer may leave it as it was. Those
    // answers count only for "painted": the first frame after the click (or, when the
    // score changed after that frame had begun, the frame after the change).
    const frame = painted();
    const changed = await Promise.race([until(() => bar.textContent !== before, bar), frame.then(() => null)]);
    if (changed !== null) out.score.push(changed - t0);
    out.scorePaint.push((changed === null ? await frame : await painted()) - t0);
  }
  return out;
}

/**
 * Loads the page `loads` times in a fresh 390 x 844 context and runs the steps in each;
 * `cpu`, a slowdown factor for the CPU (CDP), or null.
 */
export async function measureChecklist(browser, url, { loads, count, answers, cpu = null }) {
  const runs = [];
  for (let r = 0; r < loads; r++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    try {
      if (cpu) await (await context.newCDPSession(page)).send("Emulation.setCPUThrottlingRate", { rate: cpu });
      await page.goto(url, { timeout: 120_000 });
      await page.locator("[data-seda-host]").getByRole("button", { name: "Start the checklist" }).waitFor({ timeout: 120_000 });
      runs.push(await page.evaluate(checklistSteps, { count, answers }));
    } finally {
      await context.close();
    }
    process.stdout.write(`\r${count}-item checklist: ${r + 1}/${loads} loads`);
  }
  process.stdout.write("\n");
  return {
    count,
    loads,
    render: stats(runs.map((x) => x.render)),
    renderPaint: stats(runs.map((x) => x.renderPaint)),
    score: stats(runs.flatMap((x) => x.score)),
    scorePaint: stats(runs.flatMap((x) => x.scorePaint)),
  };
}

const ms = (x) => (x == null ? "–" : `${x.toFixed(1)} ms`);
const span = (s) => (s ? `${ms(s.min)} / **${ms(s.median)}** / ${ms(s.max)} (n = ${s.n})` : "–");

/** The table of a checklist run: render and answer-to-score, in the DOM and painted. */
export function checklistTable(c) {
  return [
    "| | in DOM | painted |",
    "|---|---|---|",
    `| render ${c.count} items | ${span(c.render)} | ${span(c.renderPaint)} |`,
    `| one answer → updated score | ${span(c.score)} | ${span(c.scorePaint)} |`,
  ];
}

/** The section for bench/RESULTS.md, and one console line. */
export function renderChecklist(c) {
  const markdown = [
    `## ${c.count}-item checklist (data-mode="page", 390 × 844)`,
    "",
    `One section of ${c.count} items of every type, ${c.loads} loads. Render: click "Start the checklist" → the last item in the DOM / painted. Score: click an answer → the sticky live score's text changed (only answers that change the whole percentage shown) / the frame after the click painted, score included (the target is one frame, 16 ms). Painted: a message posted from the frame's \`requestAnimationFrame\` callback is handled, after that frame and after any task that was due before it: once the items are in the DOM, that includes Chromium's autofill reading the new form fields (bench/CHECKLIST.md). Min / **median** / max.`,
    "",
    ...checklistTable(c),
    "",
  ].join("\n");
  const summary = `${c.count}-item checklist, median: render ${ms(c.render?.median)} (painted ${ms(c.renderPaint?.median)}); answer -> score ${ms(c.score?.median)} (painted ${ms(c.scorePaint?.median)})`;
  return { markdown, summary };
}
