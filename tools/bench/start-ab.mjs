// Interleaved A/B of how seda.js starts the widget: the hero-image shop page without a tag
// and with the tag of each given build (copies of dist/ that differ only in seda.js), and
// the bare page with each build's tag.
//
//   node tools/bench/start-ab.mjs DIST_A DIST_B ... [--runs 20] [--bare] [--connect MS --rtt MS]
//
// A build written DIST+crossorigin gets a tag with the `crossorigin` attribute (the same
// build may be given both ways). --connect and --rtt hold the builds' answers back as a
// real network would: every answer by --rtt ms, and the first on each new connection by
// --connect ms more (a TCP and TLS handshake, which loopback does not have).
//
// Prints the medians of the page's `load`, the hero image painted, its largest contentful
// paint and Seda's scale painted (ms since navigation start), measured as the benchmark's
// host-page sections measure them (tools/bench/load.mjs). bench/LOADER.md has the results.
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import config from "../../playwright.config.mjs";
import { holdAnswers, servePages, serveStatic, startCollector } from "../serve.mjs";
import { measureLoad } from "./load.mjs";
import { barePage, heroPage, heroPng } from "./pages.mjs";

const { values: opt, positionals: dists } = parseArgs({
  options: {
    runs: { type: "string", default: "20" },
    bare: { type: "boolean", default: false },
    connect: { type: "string", default: "0" },
    rtt: { type: "string", default: "0" },
  },
  allowPositionals: true,
});
if (!dists.length) throw new Error("give one or more builds (copies of dist/)");
const CROSSORIGIN = "+crossorigin";
const servers = await Promise.all(dists.map((d) => serveStatic(d.replace(CROSSORIGIN, ""), { compress: true })));
for (const origin of servers) holdAnswers(origin)({ rtt: Number(opt.rtt), connect: Number(opt.connect) });
const [host, collector] = await Promise.all([servePages(), startCollector()]);
host.pages.set("/hero.png", { html: heroPng(), headers: { "Content-Type": "image/png" } });
host.pages.set("/none.html", heroPage());
const tag = (i) => `<script src="${servers[i].url("/seda.js")}" async${dists[i].endsWith(CROSSORIGIN) ? " crossorigin" : ""} data-form="template:nps" data-endpoint="${collector.url("/responses")}"></script>`;
dists.forEach((_, i) => {
  host.pages.set(`/with-${i}.html`, heroPage({ head: tag(i) }));
  host.pages.set(`/bare-${i}.html`, barePage({ body: tag(i) }));
});
// The end-to-end tests' and the benchmark's flags.
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: config.use.launchOptions.args });
const variants = [
  ...(opt.bare
    ? []
    : [
        { name: "no tag", url: host.url("/none.html"), load: { target: {}, until: ["load", "heroPaint"] } },
        ...dists.map((d, i) => ({ name: d, url: host.url(`/with-${i}.html`), load: { until: ["load", "heroPaint", "targetPaint"], timeout: 60_000 } })),
      ]),
  ...dists.map((d, i) => ({ name: `bare page: ${d}`, url: host.url(`/bare-${i}.html`), load: { until: ["target", "targetPaint"] } })),
];
const results = new Map(variants.map((v) => [v, []]));
try {
  for (const v of variants) await measureLoad(browser, v.url, v.load).catch(() => {});
  for (let r = 0; r < Number(opt.runs); r++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(k + r) % variants.length];
      results.get(v).push(await measureLoad(browser, v.url, v.load));
    }
  }
} finally {
  await browser.close();
  await Promise.all([...servers, host, collector].map((s) => s.close()));
}
const median = (list) => {
  const s = list.filter((x) => x != null).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)].toFixed(1) : "–";
};
console.log("| build | `load` | hero painted | LCP | Seda's scale in the DOM | Seda's scale painted |\n|---|---|---|---|---|---|");
for (const [v, list] of results) {
  const lcp = list.map((x) => (x.lcp?.element === "img#hero" ? x.lcp.time : null));
  console.log(`| ${v.name} | ${median(list.map((x) => x.load))} | ${median(list.map((x) => x.heroPaint))} | ${median(lcp)} | ${median(list.map((x) => x.target))} | ${median(list.map((x) => x.targetPaint))} |`);
}
