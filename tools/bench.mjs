// The performance benchmark: serves the release build and measures, in one run, what a
// host page downloads for the NPS template, how fast the scale appears next to an empty
// page, a hand-written vanilla widget and the peers (Formbricks, SurveyJS, Form.io, from
// their npm packages: tools/bench/peers.mjs), the memory it takes, a 200-question survey, a
// 300-item checklist (render, and one answer to the updated live score), whether
// including Seda delays the host page's own load and largest contentful paint, and all of
// `template:nps` and the checklist again on a phone's CPU and connection (bench/phone.mjs).
//
//   node tools/bench.mjs [--runs 25] [--steps 40] [--step-loads 5] [--dist dist]
//                        [--items 300] [--answers 60] [--checklist-loads 10]
//                        [--phone-runs 8] [--out bench/RESULTS.md]
//                        [--only sizes,nps,net,survey,checklist,host,slow,phone]
//                        [--peers formbricks,surveyjs,formio | --no-peers]
//
// Headless Chromium (/usr/bin/chromium, the end-to-end tests' flags), a fresh browser context
// and the cache off for every load, no CPU throttling but in the phone section. `bash tools/bench.sh` builds first
// when dist/ has no build. How each figure is taken is written into the report.
import { execSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

import config from "../playwright.config.mjs";
import { measureLoad } from "./bench/load.mjs";
import { answerSteps } from "./bench/probe.mjs";
import { bigChecklist, measureChecklist, renderChecklist } from "./bench/checklist.mjs";
import { afterLoadSnippet, barePage, heroPage, heroPng, longSurvey, VANILLA_JS } from "./bench/pages.mjs";
import { PEERS, peerSnippet, stagePeers } from "./bench/peers.mjs";
import { PHONE, renderPhone } from "./bench/phone.mjs";
import { render } from "./bench/report.mjs";
import { holdAnswers, MIME, serveStatic, servePages, startCollector } from "./serve.mjs";
import { measure } from "./size-report.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SECTIONS = ["sizes", "nps", "net", "survey", "checklist", "host", "slow", "phone"];

const { values: opt } = parseArgs({
  options: {
    runs: { type: "string", default: "25" },
    steps: { type: "string", default: "40" },
    "step-loads": { type: "string", default: "5" },
    questions: { type: "string", default: "200" },
    items: { type: "string", default: "300" },
    answers: { type: "string", default: "60" },
    "checklist-loads": { type: "string", default: "10" },
    "phone-runs": { type: "string", default: "8" },
    dist: { type: "string", default: resolve(ROOT, "dist") },
    out: { type: "string", default: resolve(ROOT, "bench/RESULTS.md") },
    only: { type: "string", default: SECTIONS.join(",") },
    peers: { type: "string", default: Object.keys(PEERS).join(",") },
    "no-peers": { type: "boolean", default: false },
  },
});
const runs = Number(opt.runs);
const only = new Set(opt.only.split(","));
for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section ${s} (one of ${SECTIONS.join(", ")})`);
const peerKeys = opt["no-peers"] || opt.peers === "none" ? [] : [...new Set(opt.peers.split(",").filter(Boolean))];
// Copied out of node_modules (checked against the versions package.json pins) into a
// directory per peer, each served from its own origin.
const { staged: peers, cleanup: cleanupPeers } = stagePeers(peerKeys);

/**
 * Interaction workloads: a form, the same questions in the vanilla page, and what one move
 * is. (The checklist, whose score updates in place, has its own section: bench/checklist.mjs.)
 */
const WORKLOADS = [{ key: "survey", name: `${opt.questions}-question survey`, form: longSurvey(Number(opt.questions)) }];

/** 10 Mbit/s down, 5 up, 40 ms round trip: a decent mobile connection. */
const SLOW = { latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 };

/**
 * The net section's connection: SLOW's bandwidth (Chromium's emulation), with the round trips
 * held on the widgets' servers instead of emulated, so that a new connection costs its
 * handshake: every answer 30 ms late, the first on a new connection 60 ms more (TCP and TLS).
 * The host page is not held.
 */
const NET = { rtt: 30, connect: 60, network: { latency: 0, downloadThroughput: SLOW.downloadThroughput, uploadThroughput: SLOW.uploadThroughput } };

const busy = () => {
  try {
    const names = execSync("ps -eo comm=", { encoding: "utf8" }).split("\n");
    return [...new Set(names.filter((n) => /^(rustc|cargo|trunk|wasm-opt|wasm-bindgen|cc1plus|ld)$/.test(n.trim())))];
  } catch {
    return [];
  }
};

const machine = {
  date: new Date().toISOString(),
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? "unknown",
  memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
  node: process.version,
  playwright: JSON.parse(readFileSync(resolve(ROOT, "node_modules/playwright-core/package.json"), "utf8")).version,
  loadBefore: loadavg()[0],
  busyBefore: busy(),
  runs,
  vanillaBytes: VANILLA_JS.length,
  peers: peerKeys.map((key) => ({ key, name: peers[key].name, versions: peers[key].versions, how: peers[key].how, oneAStep: !!peers[key].oneAStep })),
};

const [assets, host, vendor, collector, ...peerOrigins] = await Promise.all([
  serveStatic(opt.dist, { compress: true }),
  servePages(),
  servePages(),
  startCollector(),
  ...peerKeys.map((key) => serveStatic(peers[key].dir, { compress: true })),
]);
peerKeys.forEach((key, i) => (peers[key].origin = peerOrigins[i]));
// Holding nothing back until the net section.
const holds = [assets, vendor, ...peerOrigins].map(holdAnswers);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: config.use.launchOptions.args });
machine.chromium = browser.version();

const loaderFile = readFileSync(resolve(opt.dist, "seda.js"), "utf8");
const glueName = loaderFile.match(/seda-[0-9a-f]+\.js/)?.[0];
if (!glueName) throw new Error(`${opt.dist}/seda.js names no glue module: is it a release build?`);
const glue = assets.url(`/${glueName}`);

vendor.pages.set("/vanilla.js", { html: VANILLA_JS, headers: { "Content-Type": MIME[".js"] } });
vendor.pages.set("/empty.js", { html: "/* a third-party script that does nothing */", headers: { "Content-Type": MIME[".js"] } });
// The README's tag, `crossorigin` included.
const sedaTag = (form, attrs = " crossorigin") =>
  `<script src="${assets.url("/seda.js")}" async${attrs} data-form="${form}" data-endpoint="${collector.url("/responses")}"></script>`;
const vanillaTag = (form) => `<script src="${vendor.url("/vanilla.js")}" async data-form="${form}"></script>`;
/** template:nps's definition, as a site would paste it into its page. */
const NPS_TEMPLATE = JSON.parse(readFileSync(resolve(ROOT, "crates/seda-core/src/templates/nps.json"), "utf8"));
const inline = (form) => `<script type="application/json" id="form">${JSON.stringify(form).replaceAll("</", "<\\/")}</script>`;
const page = (path, html) => {
  host.pages.set(path, html);
  return host.url(path);
};

const pages = {
  empty: page("/empty.html", barePage()),
  vanilla: page("/vanilla.html", barePage({ body: vanillaTag("nps") })),
  seda: page("/seda.html", barePage({ body: sedaTag("template:nps") })),
  // A tag as sites wrote it before the README's had `crossorigin` (the net section).
  sedaPlain: page("/seda-plain.html", barePage({ body: sedaTag("template:nps", "") })),
  // Drawn into the page (data-target): no copy of the first screen, the widget draws it.
  sedaInline: page("/seda-inline.html", barePage({ body: `<div id="seda-here"></div>${sedaTag("template:nps", ' crossorigin data-target="#seda-here"')}` })),
  // The same survey as the page's own form (inline JSON): the copy of its first page is drawn
  // by seda-shells-*/form.js from the JSON, and the widget checks the form (a chunk) first.
  sedaForm: page("/seda-form.html", barePage({ body: inline({ ...NPS_TEMPLATE, id: "nps-own" }) + sedaTag("#form") })),
  hero: page("/hero.html", heroPage()),
  heroSeda: page("/hero-seda.html", heroPage({ head: sedaTag("template:nps") })),
  // The control: what any async tag from another origin costs the host page.
  heroControl: page("/hero-control.html", heroPage({ head: `<script src="${vendor.url("/empty.js")}" async></script>` })),
  // The README's after-load snippet: the page's load event waits for none of Seda's files.
  heroSedaAfterLoad: page("/hero-seda-after-load.html", heroPage({ head: afterLoadSnippet({ src: assets.url("/seda.js"), form: "template:nps", endpoint: collector.url("/responses") }) })),
};
host.pages.set("/hero.png", { html: heroPng(), headers: { "Content-Type": MIME[".png"] } });
const peerPage = (path, peer, start) => page(path, barePage({ body: peerSnippet(peer, (name) => peer.origin.url(`/${name}`), start) }));
for (const key of peerKeys) pages[key] = peerPage(`/${key}.html`, peers[key], peers[key].nps());
for (const w of WORKLOADS.filter((w) => w.form)) {
  pages[`${w.key}Vanilla`] = page(`/${w.key}-vanilla.html`, barePage({ body: inline(w.form) + vanillaTag("#form") }));
  pages[`${w.key}Seda`] = page(`/${w.key}-seda.html`, barePage({ body: inline(w.form) + sedaTag("#form") }));
  // The peers draw the same questions from their own form format, as they do by default.
  for (const key of peerKeys.filter((k) => peers[k].survey)) pages[`${w.key}-${key}`] = peerPage(`/${w.key}-${key}.html`, peers[key], peers[key].survey(w.form));
}

/** The empty page as a variant of a comparison: its DOMContentLoaded, painted, and its JS heap. */
const emptyPage = { name: "empty", url: pages.empty, load: { target: {}, until: ["dclPaint"], memory: {} } };

/**
 * Loads each variant `runs` times, interleaved and in a rotating order so that drift (another
 * process waking up) spreads over all of them; one unmeasured load of each first.
 */
async function compare(label, variants, runs = Number(opt.runs)) {
  const results = Object.fromEntries(variants.map((v) => [v.name, []]));
  const failures = [];
  const machine = { loadBefore: loadavg()[0], busy: busy() };
  const options = (v, r) => (typeof v.load === "function" ? v.load(r) : v.load);
  for (const v of variants) await measureLoad(browser, v.url, { ...options(v, runs), then: null }).catch(() => {});
  for (let r = 0; r < runs; r++) {
    const order = variants.map((_, i) => variants[(i + r) % variants.length]);
    for (const v of order) {
      try {
        results[v.name].push(await measureLoad(browser, v.url, options(v, r)));
      } catch (e) {
        failures.push(`${v.name}: ${e.message}`);
      }
    }
    process.stdout.write(`\r${label}: ${r + 1}/${runs} runs`);
  }
  process.stdout.write("\n");
  for (const f of failures) console.error(`  failed load: ${f}`);
  if (failures.length > runs * variants.length * 0.1) throw new Error(`${label}: ${failures.length} loads failed`);
  machine.loadAfter = loadavg()[0];
  machine.busy = [...new Set([...machine.busy, ...busy()])];
  return { results, failures: failures.length, machine };
}

const scaleLoad = { until: ["targetPaint"], memory: {} };
const sedaLoad = { until: ["targetPaint", "ready"], memory: { glue } };
const report = { machine, sections: {} };

try {
  if (only.has("sizes") || only.has("nps")) {
    const nps = await compare("time to the NPS scale", [
      emptyPage,
      { name: "vanilla", url: pages.vanilla, load: scaleLoad },
      { name: "seda", url: pages.seda, load: sedaLoad },
      ...peerKeys.map((key) => ({ name: key, url: pages[key], load: scaleLoad })),
    ]);
    report.sections.nps = nps;
    const downloaded = nps.results.seda[0]?.urls.filter((u) => u.startsWith(assets.origin)) ?? [];
    const wire = nps.results.seda[0]?.received ?? {};
    const files = measure(opt.dist).files;
    report.sections.sizes = downloaded.map((u) => {
      const name = new URL(u).pathname.slice(1);
      const file = files.find((f) => f.name === name);
      if (!file) throw new Error(`the page downloaded ${name}, which the size report does not know`);
      return { ...file, wire: wire[u] ?? null };
    });
    // The peers' files, as the first load of each page requested them.
    report.sections.peerSizes = peerKeys.map((key) => {
      const peer = peers[key];
      const first = nps.results[key][0];
      const files = measure(peer.dir).files;
      return {
        key,
        files: (first?.urls ?? []).filter((u) => u.startsWith(peer.origin.origin)).map((u) => {
          const name = new URL(u).pathname.slice(1);
          const file = files.find((f) => f.name === name);
          if (!file) throw new Error(`the ${peer.name} page downloaded ${name}, which is not one of its files`);
          return { ...file, wire: first.received[u] ?? null };
        }),
        // Anything requested from elsewhere than the host page and the peer's origin (the
        // peers must not reach their own servers or CDNs; none is reachable from here).
        elsewhere: [...new Set(nps.results[key].flatMap((x) => x.urls).filter((u) => !u.startsWith(peer.origin.origin) && !u.startsWith(host.origin)))],
      };
    });
    for (const p of report.sections.peerSizes) if (p.elsewhere.length) console.error(`  ${peers[p.key].name} requested ${p.elsewhere.join(", ")}`);
  }

  if (only.has("net")) {
    for (const hold of holds) hold(NET);
    const { network } = NET;
    try {
      report.sections.net = await compare("time to the NPS scale (over a network)", [
        { name: "empty", url: pages.empty, load: { target: {}, until: ["dclPaint"], network } },
        { name: "vanilla", url: pages.vanilla, load: { until: ["targetPaint"], network } },
        { name: "seda", url: pages.seda, load: { until: ["targetPaint"], network } },
        { name: "sedaPlain", url: pages.sedaPlain, load: { until: ["targetPaint"], network } },
        ...peerKeys.map((key) => ({ name: key, url: pages[key], load: { until: ["targetPaint"], network, timeout: 60_000 } })),
      ]);
    } finally {
      for (const hold of holds) hold({});
    }
  }

  if (only.has("survey")) {
    for (const w of WORKLOADS) {
      if (!w.form) {
        report.sections[w.key] = { name: w.name, pending: w.pending };
        continue;
      }
      const titles = w.form.questions.map((q) => q.title);
      const steps = Number(opt.steps);
      const stepLoads = Number(opt["step-loads"]);
      // Rendered: the first question's title is in the DOM (the peers that draw every
      // question at once have then drawn them all). Moves: Seda and vanilla only (the peers'
      // pages have no Next per question, or move on by themselves when a scale is clicked).
      const load = (memory, moves = true) => (r) => ({
        target: { title: titles[0] },
        until: ["targetPaint"],
        memory,
        then: moves && r < stepLoads ? (p) => p.evaluate(answerSteps, { titles, steps }) : null,
      });
      const survey = await compare(w.name, [
        // The base of the increases, measured alongside them.
        emptyPage,
        { name: "vanilla", url: pages[`${w.key}Vanilla`], load: load({}) },
        { name: "seda", url: pages[`${w.key}Seda`], load: load({ glue }) },
        ...peerKeys.filter((k) => pages[`${w.key}-${k}`]).map((k) => ({ name: k, url: pages[`${w.key}-${k}`], load: load({}, false) })),
      ]);
      report.sections[w.key] = { name: w.name, questions: titles.length, steps, stepLoads, ...survey };
    }
  }

  if (only.has("checklist")) {
    const form = bigChecklist(Number(opt.items));
    const url = page(
      "/checklist-seda.html",
      barePage({ body: inline(form) + `<script src="${assets.url("/seda.js")}" async crossorigin data-form="#form" data-mode="page"></script>` }),
    );
    const loadBefore = loadavg()[0];
    const result = await measureChecklist(browser, url, { loads: Number(opt["checklist-loads"]), count: Number(opt.items), answers: Number(opt.answers) });
    report.checklistVisit = { ...result, machine: { loadBefore, loadAfter: loadavg()[0], busy: busy() } };
  }

  if (only.has("phone")) {
    const phoneRuns = Number(opt["phone-runs"]);
    const load = (until) => ({ until, network: PHONE.network, cpu: PHONE.cpu, timeout: 120_000 });
    const variants = [
      ...(peerKeys.includes("formbricks") ? [{ name: "formbricks", url: pages.formbricks, load: load(["targetPaint"]) }] : []),
      { name: "seda", url: pages.seda, load: load(["targetPaint", "ready"]) },
      { name: "sedaInline", url: pages.sedaInline, load: load(["targetPaint", "ready"]) },
      { name: "sedaForm", url: pages.sedaForm, load: load(["targetPaint", "ready"]) },
    ];
    const { results } = await compare("template:nps on a phone", variants, phoneRuns);
    const rows = [
      ...(results.formbricks ? [{ key: "formbricks", name: peers.formbricks.name, results: results.formbricks, interactive: (x) => x.targetPaint, origin: peers.formbricks.origin.origin }] : []),
      { key: "seda", name: "Seda, the first screen's copy then the widget (`seda:ready`)", results: results.seda, interactive: (x) => x.ready, origin: assets.origin },
      { key: "sedaInline", name: "Seda inline (`data-target`, no copy)", results: results.sedaInline, interactive: (x) => x.ready, origin: assets.origin },
      { key: "sedaForm", name: "Seda, the same survey as the page's own JSON (`form.js`'s copy, then the widget)", results: results.sedaForm, interactive: (x) => x.ready, origin: assets.origin },
    ];
    let checklist = null;
    if (only.has("checklist")) {
      const url = host.url("/checklist-seda.html");
      checklist = await measureChecklist(browser, url, { loads: Math.max(3, Math.round(Number(opt["checklist-loads"]) / 2)), count: Number(opt.items), answers: Number(opt.answers), cpu: PHONE.cpu });
    }
    report.phone = { rows, runs: phoneRuns, checklist };
  }

  for (const [key, network] of [["host", null], ["slow", SLOW]]) {
    if (!only.has(key)) continue;
    report.sections[key] = await compare(`host page ${key === "slow" ? "(slow network)" : ""}`.trim(), [
      { name: "without", url: pages.hero, load: { target: {}, until: ["load", "heroPaint"], network } },
      { name: "control", url: pages.heroControl, load: { target: {}, until: ["load", "heroPaint"], network } },
      { name: "with", url: pages.heroSeda, load: { until: ["load", "heroPaint", "targetPaint"], network, timeout: 60_000 } },
      { name: "afterLoad", url: pages.heroSedaAfterLoad, load: { until: ["load", "heroPaint", "targetPaint"], network, timeout: 60_000 } },
    ]);
    report.sections[key].network = network;
  }
} finally {
  await browser.close();
  await Promise.all([assets.close(), host.close(), vendor.close(), collector.close(), ...peerOrigins.map((o) => o.close())]);
  cleanupPeers();
}

machine.loadAfter = loadavg()[0];
machine.busyAfter = busy();
let { markdown, summary } = render(report, { slow: SLOW, net: NET });
if (report.checklistVisit) {
  const c = renderChecklist(report.checklistVisit);
  const m = report.checklistVisit.machine;
  markdown += `\n${c.markdown}\n_While this ran: load average ${m.loadBefore.toFixed(1)} → ${m.loadAfter.toFixed(1)}${m.busy.length ? `; also running: ${m.busy.join(", ")}` : ""}._\n`;
  summary += `\n${c.summary}`;
}
if (report.phone) {
  const p = renderPhone(report.phone);
  markdown += `\n${p.markdown}`;
  summary += `\n${p.summary}`;
}
console.log(`\n${summary}`);
if (opt.out !== "-") {
  mkdirSync(dirname(resolve(opt.out)), { recursive: true });
  writeFileSync(opt.out, markdown);
  console.log(`\nwritten to ${opt.out}`);
}
