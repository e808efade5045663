// The phone profile: a mid-range phone on a slow mobile connection, emulated in headless
// Chromium (CDP CPU throttling and network emulation). Seda's `template:nps` as a card (the
// first screen's copy, then the widget) and inline (no copy) against Formbricks, and the
// bytes each page downloaded from the widget's origin before it could be answered by the
// widget itself. Run with `node tools/bench.mjs --only phone`.
import { checklistTable } from "./checklist.mjs";
import { stats } from "./report.mjs";

/** CPU 4× slower; 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up ("slow 4G"). */
export const PHONE = { cpu: 4, network: { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 } };

/**
 * Bytes received from `origin` for the files whose download ended by `time` (the page's
 * performance.now(), as the probe's times): what had to arrive before that moment.
 */
export function bytesBy(result, origin, time) {
  if (time == null) return null;
  let total = 0;
  for (const r of result.resources ?? []) {
    if (r.url.startsWith(origin) && r.end <= time) total += result.received[r.url] ?? 0;
  }
  return total;
}

const ms = (x) => (x == null ? "–" : `${Math.round(x).toLocaleString("en")} ms`);
const kib = (b) => (b == null ? "–" : `${(b / 1024).toFixed(1)} KiB`);
const median = (xs) => stats(xs.filter((x) => x != null))?.median ?? null;

/**
 * The section for bench/RESULTS.md and its console lines. `rows`: { name, results,
 * interactive: (result) => ms, origin }, the results as `compare` returned them.
 */
export function renderPhone({ rows, runs, checklist }) {
  const figures = rows.map((r) => {
    const drawn = median(r.results.map((x) => x.targetPaint));
    const ready = median(r.results.map(r.interactive));
    const bytes = median(r.results.map((x) => bytesBy(x, r.origin, r.interactive(x))));
    return { ...r, drawn, ready, bytes };
  });
  const formbricks = figures.find((f) => f.key === "formbricks");
  const seda = figures.find((f) => f.key === "seda");
  const vs = (f) => (formbricks?.ready && f.ready ? ` (${(f.ready / formbricks.ready).toFixed(1)}×)` : "");
  const goalTime = formbricks && seda ? (seda.ready <= formbricks.drawn ? "met" : "**not met**") : "–";
  const goalBytes = seda?.bytes == null ? "–" : seda.bytes <= 90 * 1024 ? "met" : "**not met**";
  const markdown = [
    "## On a phone (CPU 4× slower, slow 4G)",
    "",
    `\`template:nps\` on the bare host page with Chromium's CPU throttled 4× (CDP \`Emulation.setCPUThrottlingRate\`) and its network emulated at 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up; every file served brotli; a fresh context and the cache off for each load; ${runs} loads of each, interleaved; medians. *Drawn*: the 0-10 scale in the DOM and painted (Seda's card: the first screen's copy). *Interactive*: Seda's \`seda:ready\` (its own code has taken over); Formbricks is interactive when drawn. *Bytes*: received from the widget's origin for the files whose download had ended by then (headers included).`,
    "",
    "| page | scale drawn | interactive | bytes before interactive |",
    "|---|---|---|---|",
    ...figures.map((f) => `| ${f.name} | ${ms(f.drawn)} | ${ms(f.ready)}${vs(f)} | ${kib(f.bytes)} |`),
    "",
    `Goals: \`seda:ready\` no later than Formbricks' scale drawn: ${goalTime}; at most 90 KiB before interactive: ${goalBytes}.`,
    "",
  ];
  const lines = [`phone profile, median interactive: ${figures.map((f) => `${f.key} ${ms(f.ready)} (${kib(f.bytes)})`).join(", ")}`];
  if (checklist) {
    markdown.push(
      `### ${checklist.count}-item checklist on the phone profile's CPU`,
      "",
      "As the checklist section (390 × 844, one section of every item type), with the CPU throttled 4×; the target is one frame, 16 ms, for an answer's updated score painted. Min / **median** / max.",
      "",
      ...checklistTable(checklist),
      "",
    );
    lines.push(`phone profile, ${checklist.count}-item checklist: answer -> score painted ${ms(checklist.scorePaint?.median)} median`);
  }
  return { markdown: markdown.join("\n"), summary: lines.join("\n") };
}
