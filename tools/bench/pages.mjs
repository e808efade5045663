// The pages and forms the benchmark loads: a bare host page with and without a widget,
// a hand-written vanilla widget to compare with, generated long forms, and a host page
// with a hero image for the host-impact measurement.
import { deflateSync } from "node:zlib";

const NPS_TITLE = "How likely are you to recommend us to a friend or colleague?";

/**
 * The vanilla baseline, served as its own script from another origin like seda.js:
 * `<script src=".../vanilla.js" async data-form="nps | #id">`. It draws one question per
 * step (a role=radiogroup of buttons, Next, then "Thank you!"), with plain DOM calls in the
 * page itself: no shadow root, no storage, no framework.
 */
export const VANILLA_JS = `(function () {
  "use strict";
  var script = document.currentScript;
  var spec = script.dataset.form;
  var questions = spec === "nps"
    ? [{ id: "recommend", type: "nps", title: ${JSON.stringify(NPS_TITLE)} }]
    : JSON.parse(document.getElementById(spec.replace(/^#/, "")).textContent).questions;
  var answers = {};
  var step = 0;
  var style = document.createElement("style");
  style.textContent = ".vn{position:fixed;right:16px;bottom:16px;max-width:420px;padding:16px;background:#fff;" +
    "border:1px solid #ccc;border-radius:8px;font:15px system-ui,sans-serif}.vn h2{font-size:17px;margin:0 0 12px}" +
    ".vn-options{display:flex;flex-wrap:wrap;gap:4px}.vn-options button{min-width:32px;padding:6px}" +
    ".vn-options [aria-checked=true]{background:#224;color:#fff}";
  document.head.appendChild(style);
  var card = document.createElement("div");
  card.className = "vn";
  document.body.appendChild(card);
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function choices(q) {
    if (q.type === "choice") return q.choices.map(function (c) { return { value: c.id, label: c.label }; });
    var min = q.type === "nps" ? 0 : q.scale.min, max = q.type === "nps" ? 10 : q.scale.max, out = [];
    for (var n = min; n <= max; n++) out.push({ value: n, label: String(n) });
    return out;
  }
  function render() {
    var q = questions[step];
    var form = el("form", { novalidate: "" });
    form.appendChild(el("p", {}, (step + 1) + " of " + questions.length));
    form.appendChild(el("h2", { id: "vn-title" }, q.title));
    var group = el("div", { role: "radiogroup", "aria-labelledby": "vn-title", "class": "vn-options" });
    choices(q).forEach(function (c) {
      var b = el("button", { type: "button", role: "radio", "aria-checked": "false" }, c.label);
      b.addEventListener("click", function () {
        answers[q.id] = c.value;
        group.querySelectorAll("[role=radio]").forEach(function (o) { o.setAttribute("aria-checked", String(o === b)); });
      });
      group.appendChild(b);
    });
    form.appendChild(group);
    form.appendChild(el("button", { type: "submit" }, step + 1 < questions.length ? "Next" : "Submit"));
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (answers[q.id] === undefined) return;
      step += 1;
      if (step < questions.length) render();
      else card.replaceChildren(el("h2", {}, "Thank you!"));
    });
    card.replaceChildren(form);
  }
  render();
})();
`;

/**
 * The README's after-load snippet: the page's `load` handler adds the Seda tag, so that
 * `load` waits for none of Seda's files. Used by the benchmark and the end-to-end test.
 */
export function afterLoadSnippet({ src, form, endpoint }) {
  return `<script>
  addEventListener("load", function () {
    var s = document.createElement("script");
    s.crossOrigin = "anonymous";
    s.src = ${JSON.stringify(src)};
    s.dataset.form = ${JSON.stringify(form)};
    s.dataset.endpoint = ${JSON.stringify(endpoint)};
    document.head.appendChild(s);
  });
</script>`;
}

/** A plain host page: a heading and a line of text, then `body` (a widget's tag). */
export function barePage({ head = "", body = "" } = {}) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Benchmark page</title>
<link rel="icon" href="data:,">
${head}
</head>
<body>
<h1>Benchmark page</h1>
<p>A host page with nothing else on it.</p>
${body}
</body>
</html>`;
}

/**
 * A shop page whose largest contentful paint is a hero image, with some text. `head` goes
 * into <head> (a third-party tag is most often put there, the worst case for the host).
 */
export function heroPage({ head = "" } = {}) {
  const paragraph =
    "Sourdough, rye and cinnamon buns, baked every morning since 1987. Order before noon and collect " +
    "your loaves warm in the afternoon; we keep a shelf for late customers until closing time.";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Corner Bakery</title>
<link rel="icon" href="data:,">
<style>
  body { margin: 0; font: 17px/1.6 Georgia, serif; color: #3b2f2f; background: #fdf6e3; }
  header, main { max-width: 1000px; margin: 0 auto; padding: 0 16px; }
  #hero { display: block; width: 100%; height: auto; }
</style>
${head}
</head>
<body>
<header><h1>Corner Bakery</h1></header>
<main>
  <img id="hero" src="hero.png" width="1000" height="500" alt="Loaves on the counter">
  ${Array.from({ length: 6 }, () => `<p>${paragraph}</p>`).join("\n  ")}
</main>
</body>
</html>`;
}

/**
 * A `count`-question survey in Seda's form format: NPS, 1-5 rating and single choice in
 * turn, every question required, each title unique so a step can be recognised by it.
 */
export function longSurvey(count) {
  const questions = Array.from({ length: count }, (_, i) => {
    const base = { id: `q${i + 1}`, required: true };
    const n = `${i + 1}.`;
    switch (i % 3) {
      case 0:
        return { ...base, type: "nps", title: `${n} How likely are you to recommend our branch ${i + 1}?`, labels: { min: "Not at all likely", max: "Extremely likely" } };
      case 1:
        return { ...base, type: "rating", scale: { min: 1, max: 5 }, title: `${n} How satisfied were you with visit ${i + 1}?` };
      default:
        return {
          ...base,
          type: "choice",
          title: `${n} How did you pay on visit ${i + 1}?`,
          choices: [
            { id: "card", label: "Card" },
            { id: "cash", label: "Cash" },
            { id: "phone", label: "Phone" },
            { id: "voucher", label: "Voucher" },
          ],
        };
    }
  });
  return { seda: 1, id: `survey-${count}`, version: 1, kind: "survey", locale: "en", title: `${count} questions`, questions };
}

/**
 * A `width` x `height` PNG of a soft gradient with fine noise (so it does not compress to
 * nothing): the host page's largest contentful paint, about a megabyte.
 */
export function heroPng(width = 1000, height = 500) {
  let seed = 7;
  const noise = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24) & 31;
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0, o = 0; y < height; y++) {
    rows[o++] = 0;
    for (let x = 0; x < width; x++) {
      rows[o++] = 150 + ((x * 80) / width) + noise();
      rows[o++] = 100 + ((y * 60) / height) + noise();
      rows[o++] = 60 + noise();
    }
  }
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length);
    head.write(type, 4, "latin1");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
    return Buffer.concat([head, data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

export const nps = { title: NPS_TITLE };
