// The benchmark's report: Markdown for bench/RESULTS.md and a short console summary.

/**
 * Times the peers took in an earlier measurement on this machine kind: shown only when a
 * run measures no peer itself (`--no-peers`).
 */
const EARLIER_PEERS = [
  ["empty page", 41, null],
  ["vanilla 11-button NPS", 66, 0.03],
  ["Formbricks", 106, 0.56],
  ["Form.io", 266, null],
  ["SurveyJS", 299, null],
];
const TARGET = { beatsMs: 106, beats: "formbricks", vsVanilla: 1.5, heapMiB: 1, surveyVsVanilla: 3, hostDelay: 1.05 };

export function stats(values) {
  const v = values.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return { n: v.length, min: v[0], median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2, max: v.at(-1) };
}

const ms = (x) => (x == null ? "–" : `${x.toFixed(1)} ms`);
const span = (s) => (s ? `${ms(s.min)} / **${ms(s.median)}** / ${ms(s.max)}` : "–");
const mib = (b) => (b == null ? "–" : `${(b / 2 ** 20).toFixed(2)} MiB`);
const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;
const bytes = (b) => (b == null ? "–" : `${b} (${kib(b)})`);
const ratio = (a, b) => (a == null || b == null || b === 0 ? "–" : `${(a / b).toFixed(2)}×`);
const verdict = (ok) => (ok == null ? "–" : ok ? "met" : "**not met**");
const table = (head, rows) => [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

const field = (results, get) => stats(results.map(get));

/**
 * How far the ratio of two medians could move from run to run: the 2.5th and 97.5th
 * percentiles of the ratio over 2,000 resamplings of each list's loads (bootstrap; a fixed
 * seed, so the same figures give the same interval).
 */
export function ratioInterval(a, b, { draws = 2000, base = null } = {}) {
  const [x, y, z] = [a, b, base ?? []].map((v) => v.filter((n) => typeof n === "number" && Number.isFinite(n)));
  if (x.length < 2 || y.length < 2 || (base && z.length < 2)) return null;
  let seed = 0x5eda;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const resampledMedian = (v) => stats(v.map(() => v[Math.floor(next() * v.length)])).median;
  // With a base: the ratio of the increases over the base's median, each list resampled.
  const one = () => {
    const o = base ? resampledMedian(z) : 0;
    return (resampledMedian(x) - o) / (resampledMedian(y) - o);
  };
  const ratios = Array.from({ length: draws }, one).sort((p, q) => p - q);
  return { low: ratios[Math.floor(draws * 0.025)], high: ratios[Math.ceil(draws * 0.975) - 1] };
}
const interval = (i) => (i ? ` (95 % of resamplings ${i.low.toFixed(2)}-${i.high.toFixed(2)}×)` : "");
/** How busy the machine was while a section ran. */
const during = (section) =>
  section?.machine
    ? `_While this ran: load average ${section.machine.loadBefore.toFixed(1)} → ${section.machine.loadAfter.toFixed(1)}${section.machine.busy.length ? `; also running: ${section.machine.busy.join(", ")}` : ""}._`
    : "";
const median = (results, get) => field(results, get)?.median ?? null;

/**
 * When the scale was in the DOM and painted on each page of a comparison (the empty page:
 * DOMContentLoaded), and `rows([name, key, what])`, their table with the ratio to vanilla.
 */
function scaleTimes(results, keys) {
  const dom = { empty: field(results.empty, (x) => x.dcl) };
  const paint = { empty: field(results.empty, (x) => x.dclPaint) };
  for (const key of keys) {
    dom[key] = field(results[key], (x) => x.target);
    paint[key] = field(results[key], (x) => x.targetPaint);
  }
  const rows = (list) =>
    table(
      ["page", "in the DOM", "painted", "in DOM vs vanilla", "what"],
      list.map(([name, key, what]) => [name, span(dom[key]), span(paint[key]), ratio(dom[key]?.median, dom.vanilla?.median), what]),
    );
  return { dom, paint, rows };
}

export function render({ machine: m, sections: s }, { slow, net }) {
  const out = [];
  const lines = [];
  const targets = [];
  const busy = [...new Set([...m.busyBefore, ...m.busyAfter])];
  out.push(
    "# Seda benchmark results",
    "",
    `Measured ${m.date.slice(0, 16).replace("T", " ")} UTC with \`node tools/bench.mjs --runs ${m.runs}\` on the release build.`,
    "",
    table(
      ["machine", ""],
      [
        ["CPU", `${m.cores} cores, ${m.cpu}, ${m.memory} RAM`],
        ["browser", `Chromium ${m.chromium} headless (the end-to-end tests' flags), playwright-core ${m.playwright}, Node ${m.node}`],
        ["load average (1 min)", `${m.loadBefore.toFixed(2)} before, ${m.loadAfter.toFixed(2)} after`],
        ["other work", busy.length ? `**busy**: ${busy.join(", ")} running during the run; times are noisier and slower than on an idle machine` : "none seen (no compiler running at the start or the end)"],
      ],
    ),
    "",
  );
  const peers = m.peers ?? [];
  const peerName = Object.fromEntries(peers.map((p) => [p.key, p.name]));
  if (peers.length) {
    out.push(
      "The peers, measured in the same run and the same way as Seda: installed from npm at the exact versions `package.json` pins, their files served from an origin of their own on 127.0.0.1 (brotli, like Seda's), nothing fetched from their servers or CDNs. On the same bare host page, a small inline snippet adds their stylesheets and scripts (script-inserted: they block neither the parser nor the page's rendering; scripts in order, downloaded in parallel) and draws the form once all have loaded (`tools/bench/peers.mjs`).",
      "",
      table(["peer", "packages", "the page"], peers.map((p) => [p.name, p.versions.map((v) => `\`${v.name}@${v.version}\``).join(", "), p.how])),
      "",
    );
  }

  if (s.sizes) {
    const total = (k) => s.sizes.reduce((n, f) => n + (f[k] ?? 0), 0);
    const loader = s.sizes.find((f) => f.name === "seda.js");
    out.push(
      "## What a host page downloads for `template:nps`",
      "",
      "Every file the page requested from the assets origin (the host page's own HTML not counted). On the wire: what Chromium received from the benchmark's server, which sends brotli like a CDN (headers included).",
      "",
      table(
        ["file", "raw", "gzip -9", "brotli -q11", "on the wire"],
        [
          ...s.sizes.map((f) => [f.name, bytes(f.raw), bytes(f.gzip), bytes(f.brotli), bytes(f.wire)]),
          ["**total**", bytes(total("raw")), bytes(total("gzip")), `**${bytes(total("brotli"))}**`, bytes(total("wire"))],
        ],
      ),
      "",
      `\`seda.js\` alone: ${loader ? `${loader.raw} B raw, ${loader.brotli} B brotli` : "–"}.`,
      "",
    );
    lines.push(`download for template:nps: ${kib(total("brotli"))} brotli (${kib(total("raw"))} raw); seda.js ${loader?.brotli} B brotli`);
  }

  if (s.peerSizes?.length) {
    const sum = (files, k) => files.reduce((n, f) => n + (f[k] ?? 0), 0);
    const sedaTotal = s.sizes ? sum(s.sizes, "brotli") : null;
    const rows = [];
    for (const p of s.peerSizes) {
      for (const f of p.files) rows.push([peerName[p.key], f.name, bytes(f.raw), bytes(f.gzip), bytes(f.brotli), bytes(f.wire)]);
      rows.push([`**${peerName[p.key]} total**`, "", bytes(sum(p.files, "raw")), bytes(sum(p.files, "gzip")), `**${bytes(sum(p.files, "brotli"))}**`, bytes(sum(p.files, "wire"))]);
    }
    const elsewhere = s.peerSizes.filter((p) => p.elsewhere.length);
    out.push(
      "What the peers' NPS pages download the same way: every file requested from the peer's origin (the host page not counted).",
      "",
      table(["peer", "file", "raw", "gzip -9", "brotli -q11", "on the wire"], rows),
      "",
      elsewhere.length
        ? `Requested from elsewhere (and failed: nothing outside 127.0.0.1 is reachable): ${elsewhere.map((p) => `${peerName[p.key]}: ${p.elsewhere.join(", ")}`).join("; ")}.`
        : "No page requested anything from elsewhere.",
      "",
    );
    lines.push(
      `peers' download (brotli): ${s.peerSizes.map((p) => `${peerName[p.key]} ${kib(sum(p.files, "brotli"))}${sedaTotal ? ` (${ratio(sum(p.files, "brotli"), sedaTotal)} Seda)` : ""}`).join(", ")}`,
    );
  }

  if (s.nps) {
    const r = s.nps.results;
    const measured = peers.filter((p) => r[p.key]);
    const { dom, paint, rows } = scaleTimes(r, ["vanilla", "seda", ...measured.map((p) => p.key)]);
    const heap = { empty: median(r.empty, (x) => x.heap), vanilla: median(r.vanilla, (x) => x.heap), seda: median(r.seda, (x) => x.heap) };
    for (const p of measured) heap[p.key] = median(r[p.key], (x) => x.heap);
    const wasm = median(r.seda, (x) => x.wasmMemory);
    const resource = (pattern, key) => (x) => x.resources?.find((e) => pattern.test(new URL(e.url).pathname))?.[key] ?? null;
    const steps = [
      ["`seda.js` arrived", resource(/^\/seda\.js$/, "end")],
      ["the page's `load` event", (x) => x.load],
      ["glue requested", resource(/^\/seda-[0-9a-f]+\.js$/, "start")],
      ["glue arrived", resource(/^\/seda-[0-9a-f]+\.js$/, "end")],
      ["wasm requested", resource(/_bg\.wasm$/, "start")],
      ["wasm arrived (compiled while it streamed in)", resource(/_bg\.wasm$/, "end")],
      ["first screen's copy requested", resource(/^\/seda-shells-[0-9a-f]+\/nps\.js$/, "start")],
      ["first screen's copy arrived", resource(/^\/seda-shells-[0-9a-f]+\/nps\.js$/, "end")],
      ["scale in the DOM (the copy drawn)", (x) => x.target],
      ["scale painted", (x) => x.targetPaint],
      ["the widget took over (`seda:ready`: instantiated, started, mounted)", (x) => x.ready],
    ].map(([name, get]) => [name, median(r.seda, get)]);
    out.push(
      `## Time to the NPS scale (${dom.seda?.n ?? 0} fresh loads each, min / **median** / max)`,
      "",
      `From navigation start until the 0-10 scale (a radio group whose last radio is labelled "10": a \`role=radiogroup\`, or radio inputs sharing a name; the label is the input's \`<label>\`, else its own text) is in the DOM, and until the first frame painted after that. ${measured.length ? "All pages are" : "The three pages are"} the same bare page; the widgets come from their own origin: Seda and vanilla with an async script tag (Seda's as the README gives it, with \`crossorigin\`)${measured.length ? ", the peers by the snippet described above" : ""}.`,
      "",
      during(s.nps),
      "",
      rows([
        ["empty page", "empty", "DOMContentLoaded (there is no scale)"],
        ["vanilla NPS", "vanilla", `11 buttons drawn by a hand-written script (${kib(m.vanillaBytes)} unminified)`],
        ["Seda `template:nps`", "seda", "seda.js, the copy of the first screen, glue, wasm; the scale inside the shadow root, first the copy's"],
        ...measured.map((p) => [p.name, p.key, `${p.versions.map((v) => `${v.name}@${v.version}`).join(", ")}; the scale in the page's DOM`]),
      ]),
      "",
      "Where Seda's time goes on that page (medians over the same loads; resource timing of the page):",
      "",
      table(["step", "at", "since the step before"], steps.map(([name, at], i) => [name, ms(at), i && at != null && steps[i - 1][1] != null ? `+${ms(at - steps[i - 1][1])}` : ""])),
      "",
      ...(measured.length
        ? []
        : [
            `Peers, measured before on this machine kind (headless Chromium, 2 cores, 25 fresh loads, in the DOM, median; not re-measured by this run, which was told \`--no-peers\`). Their empty page took 41 ms against ${ms(dom.empty?.median)} in this run, so compare ratios to vanilla and the empty page rather than absolute times:`,
            "",
            table(["peer", "time to the scale", "heap increase"], EARLIER_PEERS.map(([n, t, h]) => [n, `${t} ms`, h == null ? "–" : `+${h} MiB`])),
            "",
          ]),
      "## Memory after the scale is shown (median)",
      "",
      "JS heap: `JSHeapUsedSize` of CDP `Performance.getMetrics` after two `HeapProfiler.collectGarbage`, 300 ms after the scale was painted. The wasm's linear memory is not in the JS heap (its buffer lives outside it); it is `memory.buffer.byteLength` of the instance seda.js started, read through the glue module (its init returns the exports once done). Compiled code is in neither.",
      "",
      table(
        ["page", "JS heap", "JS heap over the empty page", "wasm linear memory", "both over the empty page"],
        [
          ["empty page", mib(heap.empty), "–", "–", "–"],
          ["vanilla NPS", mib(heap.vanilla), mib(heap.vanilla - heap.empty), "–", mib(heap.vanilla - heap.empty)],
          ["Seda `template:nps`", mib(heap.seda), mib(heap.seda - heap.empty), mib(wasm), mib(heap.seda - heap.empty + wasm)],
          ...measured.map((p) => [p.name, mib(heap[p.key]), mib(heap[p.key] - heap.empty), "–", mib(heap[p.key] - heap.empty)]),
        ],
      ),
      "",
    );
    // Formbricks' median from this run when it was measured, else the earlier figure.
    const beats = dom[TARGET.beats]?.median ?? null;
    targets.push(
      beats != null
        ? [`Seda's median time to the scale below Formbricks' (${ms(beats)} in this run)`, `${ms(dom.seda?.median)} (${ratio(dom.seda?.median, beats)} Formbricks')`, verdict(dom.seda && dom.seda.median < beats)]
        : [`Seda's median time to the scale below Formbricks' (${TARGET.beatsMs} ms, measured earlier)`, ms(dom.seda?.median), verdict(dom.seda && dom.seda.median < TARGET.beatsMs)],
      [
        `... and within ${TARGET.vsVanilla}× of vanilla`,
        ratio(dom.seda?.median, dom.vanilla?.median) + interval(ratioInterval(r.seda.map((x) => x.target), r.vanilla.map((x) => x.target))),
        verdict(dom.seda && dom.seda.median <= TARGET.vsVanilla * dom.vanilla.median),
      ],
      [`JS heap increase below ${TARGET.heapMiB} MiB`, `${mib(heap.seda - heap.empty)} (with the wasm memory, ${mib(heap.seda - heap.empty + wasm)})`, verdict(heap.seda - heap.empty < TARGET.heapMiB * 2 ** 20)],
    );
    lines.push(
      `time to NPS scale, median in DOM / painted: empty ${ms(dom.empty?.median)} / ${ms(paint.empty?.median)}, vanilla ${ms(dom.vanilla?.median)} / ${ms(paint.vanilla?.median)}, seda ${ms(dom.seda?.median)} / ${ms(paint.seda?.median)} (${ratio(dom.seda?.median, dom.vanilla?.median)} vanilla)`,
      `heap increase: vanilla ${mib(heap.vanilla - heap.empty)}, seda ${mib(heap.seda - heap.empty)} (+ wasm memory ${mib(wasm)})`,
      ...measured.map((p) => `${p.name}: scale in DOM / painted, median ${ms(dom[p.key]?.median)} / ${ms(paint[p.key]?.median)} (${ratio(dom[p.key]?.median, dom.vanilla?.median)} vanilla); heap increase ${mib(heap[p.key] - heap.empty)}`),
    );
    s.nps.emptyHeap = heap.empty;
    s.nps.emptyDom = dom.empty?.median;
    s.nps.npsDom = Object.fromEntries(["vanilla", "seda", ...measured.map((p) => p.key)].map((k) => [k, dom[k]?.median]));
  }

  if (s.net) {
    const r = s.net.results;
    const measured = peers.filter((p) => r[p.key]);
    const { dom, rows } = scaleTimes(r, ["vanilla", "seda", "sedaPlain", ...measured.map((p) => p.key)]);
    out.push(
      `## Time to the NPS scale over a network (${dom.seda?.n ?? 0} fresh loads each)`,
      "",
      `The same pages, measured the same way, over a connection like the host page's slow one below: ${net.network.downloadThroughput * 8e-6} Mbit/s down (Chromium's emulation), with the round trips held on the widgets' origins rather than emulated, so that a new connection pays its handshake: every answer ${net.rtt} ms late, and the first on each new connection ${net.connect} ms more, for the TCP and TLS handshake loopback does not have (\`holdAnswers\` in \`tools/serve.mjs\`). The host page itself is answered at once. Every load is a new browser context, so each page sets up its connections afresh, as on a first visit. A page pays a round trip for each request its widget has to wait for, a handshake for each new connection, and the time its bytes take.`,
      "",
      during(s.net),
      "",
      rows([
        ["empty page", "empty", "DOMContentLoaded (there is no scale)"],
        ["vanilla NPS", "vanilla", "one script"],
        ["Seda `template:nps`", "seda", "the README's tag (`crossorigin`): `seda.js`, then the copy over the same connection"],
        ["Seda, tag without `crossorigin`", "sedaPlain", "`seda.js`, then the copy over a second connection"],
        ...measured.map((p) => [p.name, p.key, "its files in parallel, then the form"]),
      ]),
      "",
    );
    lines.push(
      `over a network (${net.network.downloadThroughput * 8e-6} Mbit/s, ${net.rtt} ms a request, ${net.connect} ms more a new connection), scale in DOM median: vanilla ${ms(dom.vanilla?.median)}, seda ${ms(dom.seda?.median)} (${ratio(dom.seda?.median, dom.vanilla?.median)} vanilla), seda without crossorigin ${ms(dom.sedaPlain?.median)}${measured.map((p) => `, ${p.name} ${ms(dom[p.key]?.median)}`).join("")}`,
    );
  }

  for (const w of [s.survey, s.checklist].filter(Boolean)) {
    if (w.pending) {
      out.push(`## ${w.name}`, "", table(["", "vanilla", "Seda"], [[w.name, w.pending, w.pending]]), "");
      lines.push(`${w.name}: ${w.pending}`);
      continue;
    }
    const r = w.results;
    // The empty page, loaded in this section's own rotation (else the NPS section's).
    const emptyHeap = median(r.empty ?? [], (x) => x.heap) ?? s.nps?.emptyHeap ?? null;
    const emptyDom = median(r.empty ?? [], (x) => x.dcl) ?? s.nps?.emptyDom ?? null;
    const flat = (list, key) => list.flatMap((x) => x.then?.[key] ?? []);
    const get = {
      dom: (list) => field(list, (x) => x.target),
      paint: (list) => field(list, (x) => x.targetPaint),
      heap: (list) => median(list, (x) => x.heap),
      answer: (list) => stats(flat(list, "answer")),
      next: (list) => stats(flat(list, "next")),
      nextPaint: (list) => stats(flat(list, "nextPaint")),
    };
    const v = Object.fromEntries(Object.entries(get).map(([k, f]) => [k, f(r.vanilla)]));
    const d = Object.fromEntries(Object.entries(get).map(([k, f]) => [k, f(r.seda)]));
    const inc = (x, base) => (x == null || base == null ? null : x - base);
    const heapInc = { vanilla: inc(v.heap, emptyHeap), seda: inc(d.heap, emptyHeap) };
    const domInc = { vanilla: inc(v.dom?.median, emptyDom), seda: inc(d.dom?.median, emptyDom) };
    const samples = d.answer?.n ?? 0;
    const wasm = median(r.seda, (x) => x.wasmMemory);
    const overNps = { vanilla: inc(v.dom?.median, s.nps?.npsDom?.vanilla), seda: inc(d.dom?.median, s.nps?.npsDom?.seda) };
    const others = peers.filter((p) => r[p.key]);
    // How far the ratio of the increases could move, where the empty page was in this rotation.
    const increaseRange = (get, getEmpty) =>
      r.empty?.length ? interval(ratioInterval(r.seda.map(get), r.vanilla.map(get), { base: r.empty.map(getEmpty) })) : "";
    out.push(
      `## ${w.name} (one question a step, as the widget shows it today)`,
      "",
      `The form is inline JSON (\`<script type="application/json">\`, \`data-form="#form"\`); the vanilla page draws the same ${w.questions} questions from the same JSON, one a step. Render: navigation start until the first question's title (its heading) is in the DOM / painted (${d.dom?.n ?? 0} fresh loads each). A move, timed inside the page over ${w.steps} questions on each of ${w.stepLoads} loads (${samples} samples): click a choice's label until the next frame is painted, then click Next until the next question's heading is in the DOM and painted.${r.empty?.length ? ` The empty page is loaded in the same rotation: what each page takes over it (its DOMContentLoaded, its JS heap) is from these loads.` : ""}`,
      "",
      during(w),
      "",
      table(
        ["", "vanilla", "Seda", "Seda / vanilla"],
        [
          ["render, in the DOM", span(v.dom), span(d.dom), ratio(d.dom?.median, v.dom?.median)],
          ["render, painted", span(v.paint), span(d.paint), ratio(d.paint?.median, v.paint?.median)],
          ["render time over the empty page (median)", ms(domInc.vanilla), ms(domInc.seda), ratio(domInc.seda, domInc.vanilla)],
          ["render time over the same widget's NPS page: what 199 more questions cost", ms(overNps.vanilla), ms(overNps.seda), ""],
          ["JS heap after GC (median)", mib(v.heap), mib(d.heap), ratio(d.heap, v.heap)],
          ["JS heap over the empty page", mib(heapInc.vanilla), mib(heapInc.seda), ratio(heapInc.seda, heapInc.vanilla)],
          ["wasm linear memory", "–", mib(wasm), ""],
          ["JS heap and wasm memory over the empty page", mib(heapInc.vanilla), mib(inc(heapInc.seda, -wasm)), ratio(inc(heapInc.seda, -wasm), heapInc.vanilla)],
          ["answer → painted", span(v.answer), span(d.answer), ratio(d.answer?.median, v.answer?.median)],
          ["Next → next question in the DOM", span(v.next), span(d.next), ratio(d.next?.median, v.next?.median)],
          ["Next → painted", span(v.nextPaint), span(d.nextPaint), ratio(d.nextPaint?.median, v.nextPaint?.median)],
        ],
      ),
      "",
    );
    if (others.length) {
      const pageRow = (name, key, list, note) => {
        const dom = field(list, (x) => x.target);
        const grown = inc(median(list, (x) => x.heap), emptyHeap);
        return [name, span(dom), span(field(list, (x) => x.targetPaint)), ratio(dom?.median, v.dom?.median), ms(inc(dom?.median, emptyDom)), ms(inc(dom?.median, s.nps?.npsDom?.[key])), mib(median(list, (x) => x.heap)), mib(grown), ratio(grown, heapInc.vanilla), note];
      };
      out.push(
        `The peers in the same loads (interleaved with the two above), each drawing the same ${w.questions} questions from its own form format as it does by default: Formbricks one a step in its corner card (\`nps\`, \`rating\`, \`multipleChoiceSingle\`), SurveyJS and Form.io **all on one page** (SurveyJS: one page of \`rating\` and \`radiogroup\` questions, question numbers off; Form.io: \`radio\` components, then Submit), so their render is the whole survey. Rendered: the first question's title (any text node that is exactly the title: Seda's and vanilla's heading, a Formbricks \`label\`, a SurveyJS \`span\`, a Form.io \`label\`) in the DOM / painted. The peers' moves are not timed (no Next per question, or a scale that moves on by itself).`,
        "",
        table(
          ["page", "render, in the DOM", "render, painted", "in DOM vs vanilla", "over the empty page (median)", "over its NPS page (median)", "JS heap after GC (median)", "JS heap over the empty page", "heap increase vs vanilla", "what is drawn"],
          [
            pageRow("vanilla", "vanilla", r.vanilla, "the first of the questions, one a step"),
            pageRow("Seda", "seda", r.seda, `the first of the questions, one a step (+ ${mib(wasm)} wasm memory)`),
            ...others.map((p) => pageRow(p.name, p.key, r[p.key], p.oneAStep ? "the first of the questions, one a step" : `all ${w.questions} questions`)),
          ],
        ),
        "",
      );
      lines.push(
        `${w.name}, peers: ${others.map((p) => `${p.name} render in DOM median ${ms(field(r[p.key], (x) => x.target)?.median)}, heap increase ${mib(inc(median(r[p.key], (x) => x.heap), emptyHeap))}`).join("; ")}`,
      );
    }
    targets.push(
      [`${w.name}: Seda's render time increase within ${TARGET.surveyVsVanilla}× of vanilla's`, ratio(domInc.seda, domInc.vanilla) + increaseRange((x) => x.target, (x) => x.dcl), verdict(domInc.seda != null && domInc.vanilla != null ? domInc.seda <= TARGET.surveyVsVanilla * domInc.vanilla : null)],
      [`${w.name}: Seda's JS heap increase within ${TARGET.surveyVsVanilla}× of vanilla's`, ratio(heapInc.seda, heapInc.vanilla) + increaseRange((x) => x.heap, (x) => x.heap), verdict(heapInc.seda != null && heapInc.vanilla != null ? heapInc.seda <= TARGET.surveyVsVanilla * heapInc.vanilla : null)],
    );
    lines.push(
      `${w.name}: render in DOM median vanilla ${ms(v.dom?.median)}, seda ${ms(d.dom?.median)}; Next -> next question painted median vanilla ${ms(v.nextPaint?.median)}, seda ${ms(d.nextPaint?.median)}; answer -> painted vanilla ${ms(v.answer?.median)}, seda ${ms(d.answer?.median)}`,
    );
  }

  for (const [key, title] of [["host", "no throttling"], ["slow", `emulated network: ${slow.downloadThroughput * 8e-6} Mbit/s down, ${slow.latency} ms latency`]]) {
    const h = s[key];
    if (!h) continue;
    const r = h.results;
    const each = (get) => ({ without: field(r.without, get), control: field(r.control, get), with: field(r.with, get), after: r.afterLoad ? field(r.afterLoad, get) : null });
    const load = each((x) => x.load);
    const hero = each((x) => x.heroPaint);
    // Under emulated throttling Chromium now and then emits no entry for an image that was
    // painted progressively; a last entry naming something else is then not the LCP.
    const heroLcp = (x) => (x.lcp?.element === "img#hero" ? x.lcp.time : null);
    const lcp = each(heroLcp);
    const scale = field(r.with, (x) => x.targetPaint);
    const scaleAfter = r.afterLoad ? field(r.afterLoad, (x) => x.targetPaint) : null;
    const reported = (list) => (list ? `${list.filter((x) => heroLcp(x) !== null).length} of ${list.length}` : "–");
    const row = (name, f) => [
      name, span(f.without), span(f.control), span(f.with), ratio(f.with?.median, f.without?.median), ratio(f.with?.median, f.control?.median),
      f.after ? span(f.after) : "–", ratio(f.after?.median, f.without?.median),
    ];
    out.push(
      `## Host page impact (${title}; ${load.with?.n ?? 0} fresh loads each)`,
      "",
      "A shop page whose largest contentful paint is a 1000×500 hero image (1.3 MB PNG), with some text: without any tag; with a control tag, an async script from another origin that does nothing (what any third-party tag costs: the page's `load` waits for it to arrive and run); with the Seda tag (async, `crossorigin`, in `<head>`, `template:nps`); and with the same tag added by the page's `load` handler (the README's after-load snippet). `load`: the load event's start (navigation timing). Hero painted: the first frame after the image's own load event. LCP: the `largest-contentful-paint` entry for the image, from the loads where Chromium reported it (under emulated throttling it sometimes reports none for a progressively painted image).",
      "",
      during(h),
      "",
      table(
        ["", "without a tag", "with an empty async tag", "with Seda", "Seda / without", "Seda / empty tag", "Seda added after load", "after load / without"],
        [
          row("`load` event", load),
          row("hero image painted", hero),
          row("largest contentful paint", lcp),
          ["loads with an LCP entry for the image", reported(r.without), reported(r.control), reported(r.with), "", "", reported(r.afterLoad), ""],
          ["Seda's scale painted", "–", "–", span(scale), "", "", scaleAfter ? span(scaleAfter) : "–", ""],
        ],
      ),
      "",
    );
    const both = lcp.with && lcp.without && lcp.control ? lcp : hero;
    const versus = (f, base) => ratio(f.with?.median, f[base]?.median);
    const delayed = (f, key = "with") => (f[key] && f.without ? f[key].median <= TARGET.hostDelay * f.without.median : null);
    targets.push(
      [`host \`load\` not delayed more than 5 % (${title})`, `${versus(load, "without")}; ${versus(load, "control")} against the empty tag`, verdict(delayed(load))],
      [`host LCP not delayed more than 5 % (${title})`, `${versus(both, "without")}; ${versus(both, "control")} against the empty tag`, verdict(delayed(both))],
    );
    if (load.after) {
      targets.push(
        [`... with the after-load snippet: host \`load\` (${title})`, ratio(load.after?.median, load.without?.median), verdict(delayed(load, "after"))],
        [`... with the after-load snippet: host LCP (${title})`, ratio(both.after?.median, both.without?.median), verdict(delayed(both, "after"))],
      );
    }
    lines.push(
      `host page (${title}): load median ${ms(load.without?.median)} / empty tag ${ms(load.control?.median)} / Seda ${ms(load.with?.median)} / Seda after load ${ms(load.after?.median)}; LCP ${ms(lcp.without?.median)} / ${ms(lcp.control?.median)} / ${ms(lcp.with?.median)} / ${ms(lcp.after?.median)}; hero painted ${ms(hero.without?.median)} / ${ms(hero.control?.median)} / ${ms(hero.with?.median)}; Seda painted at ${ms(scale?.median)}`,
    );
  }

  if (targets.length) out.push("## Targets", "", table(["target", "measured", ""], targets), "");
  out.push(
    "## How it is measured",
    "",
    "- `tools/bench.mjs` serves `dist/` with `tools/serve.mjs` on 127.0.0.1 (brotli when accepted, never cached), the host pages on a second origin, the vanilla script on a third and each peer's files on one of its own (brotli too), and drives `/usr/bin/chromium` through playwright-core with the flags of `playwright.config.mjs`. No CPU throttling.",
    "- Every load is a new browser context with the cache disabled (CDP `Network.setCacheDisabled`). The variants of a comparison are loaded in turn, in a rotating order, after one unmeasured load of each.",
    "- Times are `performance.now()` in the page: milliseconds since navigation start. A script installed before the page's first byte watches the document and each widget's open shadow root with a `MutationObserver`: \"in the DOM\" is when it first sees the element. \"Painted\" is the first frame after that: a `requestAnimationFrame` callback runs before the frame's style, layout and paint, and a message posted from it is handled after them.",
    "- The page reports that it is done with one `console.debug`; nothing is evaluated in it before the times are taken.",
    "- The NPS ratio to vanilla in the targets comes with the range that 95 % of 2,000 resamplings of the loads put it in (bootstrap, each page's loads drawn again with replacement): how far the ratio could move from one run to the next on this machine.",
    "- Heap and wasm memory are read after the times, in the same loads (see the memory section). Moves in the long survey are clicks dispatched inside the page (`label.click()`, `button.click()`), so they include the widget's event handling, its state update, its draft saved to `localStorage`, and the DOM update, but not input latency.",
    "",
  );
  return { markdown: out.join("\n"), summary: lines.join("\n") };
}
