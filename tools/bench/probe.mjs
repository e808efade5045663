// What the benchmark runs inside the measured pages. Both functions are serialized into
// the page, so they use nothing from this module's scope.
//
// Times are performance.now(): milliseconds since the navigation started (timeOrigin).
// "in DOM" is when a MutationObserver first sees the element; it watches the document and
// the open shadow root of every `[data-seda-host]` element as it is added, and of every
// `[data-seda-shell]` (the copy of a form's first screen that seda.js draws
// while the widget loads).
// "painted" is the first frame after that: a requestAnimationFrame callback runs before the
// frame's style, layout and paint, and a message posted from it is handled after them.

/**
 * Installed with addInitScript before the page's first byte is parsed. Records in the
 * non-enumerable `window.__bench`:
 *   target, targetPaint   when `target` is in the DOM and painted:
 *                         { scale: true }    a radio group whose last radio is labelled "10":
 *                                            a role=radiogroup, or radio inputs sharing a name
 *                                            (the label: the input's first <label>, else the
 *                                            element's own text)
 *                         { heading: text }  a heading (h1-h3) with exactly this text
 *                         { title: text }    any text node whose trimmed text is exactly this
 *                                            (a question's title, whatever element holds it:
 *                                            Seda's and vanilla's h2, a SurveyJS span, a
 *                                            Form.io label)
 *   ready                 Seda's `seda:ready` (the widget has drawn its form)
 *   dcl, dclPaint         DOMContentLoaded and the frame after it
 *   load                  the load event's start (navigation timing)
 *   hero, heroPaint       the load event of the image with id "hero", and the frame after it
 *   lcp, fcp              the last largest-contentful-paint entry and first-contentful-paint
 *   done                  every field named in `until` is set; then `done` is logged with
 *                         console.debug, so the benchmark need not poll the page
 */
export function probe({ target, until, done }) {
  const t = { target: null, targetPaint: null, ready: null, dcl: null, dclPaint: null, load: null, hero: null, heroPaint: null, lcp: null, fcp: null, done: false };
  addEventListener("seda:ready", () => {
    t.ready ??= now();
    check();
  });
  Object.defineProperty(window, "__bench", { value: t });
  const now = () => performance.now();
  const afterPaint = (then) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => then(now());
      channel.port2.postMessage(null);
    });
  const check = () => {
    if (t.done || !until.every((key) => t[key] !== null)) return;
    t.done = true;
    console.debug(done);
  };

  const label = (el) => (el.labels?.[0] ?? el).textContent.trim();
  const isTarget = (root) => {
    if (target.title !== undefined) {
      const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node; (node = walk.nextNode()); ) if (node.data.trim() === target.title) return true;
      return false;
    }
    if (target.heading !== undefined) {
      return [...root.querySelectorAll("h1, h2, h3")].some((h) => h.textContent.trim() === target.heading);
    }
    return radioGroups(root).some((radios) => radios.length > 0 && label(radios[radios.length - 1]) === "10");
  };
  // The radio groups under `root`, each as its radios in document order: every
  // role=radiogroup (its radio inputs or role=radio elements), and every native group of
  // radio inputs outside one (the same name in the same form), which is a radio group to
  // assistive technology without the role.
  const radioGroups = (root) => {
    const groups = [...root.querySelectorAll('[role="radiogroup"]')].map((g) => [...g.querySelectorAll('input[type="radio"], [role="radio"]')]);
    const named = new Map();
    for (const radio of root.querySelectorAll('input[type="radio"][name]')) {
      if (radio.closest('[role="radiogroup"]')) continue;
      if (!named.has(radio.form)) named.set(radio.form, new Map());
      const byName = named.get(radio.form);
      if (!byName.has(radio.name)) byName.set(radio.name, []);
      byName.get(radio.name).push(radio);
    }
    for (const byName of named.values()) groups.push(...byName.values());
    return groups;
  };
  const roots = [document];
  const watch = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        const hosts = [node, ...node.querySelectorAll("[data-seda-host], [data-seda-shell]")].filter((n) => n.shadowRoot && n.matches("[data-seda-host], [data-seda-shell]"));
        for (const host of hosts) {
          roots.push(host.shadowRoot);
          watch.observe(host.shadowRoot, { childList: true, subtree: true });
        }
      }
    }
    if (t.target === null && roots.some(isTarget)) {
      t.target = now();
      watch.disconnect();
      afterPaint((at) => {
        t.targetPaint = at;
        check();
      });
    }
  });
  watch.observe(document, { childList: true, subtree: true });

  document.addEventListener("DOMContentLoaded", () => {
    t.dcl = now();
    afterPaint((at) => {
      t.dclPaint = at;
      check();
    });
  });
  addEventListener("load", () => {
    // loadEventStart is only filled in once the load event's handlers have begun.
    setTimeout(() => {
      t.load = performance.getEntriesByType("navigation")[0].loadEventStart;
      check();
    });
  });
  // An image's load event does not bubble, but the document sees it on the way down (the
  // window does not: a load event's path stops at the document).
  document.addEventListener(
    "load",
    (e) => {
      if (e.target.id !== "hero" || t.hero !== null) return;
      t.hero = now();
      afterPaint((at) => {
        t.heroPaint = at;
        check();
      });
    },
    true,
  );
  const describe = (el) => (el ? el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") : "(removed)");
  new PerformanceObserver((list) => {
    const e = list.getEntries().at(-1);
    t.lcp = { time: e.startTime, element: describe(e.element), size: e.size };
    check();
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "first-contentful-paint") t.fcp = e.startTime;
  }).observe({ type: "paint", buffered: true });
}

/**
 * Answers `steps` questions of a one-question-per-step form, as a visitor would, and times
 * each move from the click (in milliseconds):
 *   answer      clicking the label of a choice -> the next frame painted
 *   next        clicking "Next" -> the next question's heading in the DOM
 *   nextPaint   clicking "Next" -> the next frame after that
 * `titles[i]` is the heading of question i; the page is on question 0 when this starts.
 * Works in Seda's shadow root and in the vanilla page alike (radios or role=radio buttons).
 */
export async function answerSteps({ titles, steps }) {
  // The moves measured are the widget's: while the copy of the first page is on screen
  // (seda-shells-*/form.js), the widget is waited for; it takes the copy's place in the task
  // that says it is ready.
  if (document.querySelector("[data-seda-shell]")) await new Promise((ok) => addEventListener("seda:ready", ok, { once: true }));
  const root = document.querySelector("[data-seda-host]")?.shadowRoot ?? document;
  const now = () => performance.now();
  const painted = () =>
    new Promise((ok) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => ok(now());
        channel.port2.postMessage(null);
      }),
    );
  const hasHeading = (text) => [...root.querySelectorAll("h1, h2, h3")].some((h) => h.textContent.trim() === text);
  const appears = (text) =>
    new Promise((ok) => {
      if (hasHeading(text)) return ok(now());
      const watch = new MutationObserver(() => {
        if (!hasHeading(text)) return;
        watch.disconnect();
        ok(now());
      });
      watch.observe(root, { childList: true, subtree: true, characterData: true });
    });

  const out = { answer: [], next: [], nextPaint: [] };
  for (let i = 0; i < steps && i + 1 < titles.length; i++) {
    const options = root.querySelectorAll('[role="radiogroup"] input[type="radio"], [role="radiogroup"] [role="radio"]');
    if (!options.length) throw new Error(`question ${i}: no choices on the page`);
    const option = options[(i * 7 + 3) % options.length];
    let start = now();
    (option.labels?.[0] ?? option).click();
    out.answer.push((await painted()) - start);

    const next = [...root.querySelectorAll("button")].find((b) => b.textContent.trim() === "Next");
    if (!next) throw new Error(`question ${i}: no Next button`);
    start = now();
    next.click();
    out.next.push((await appears(titles[i + 1])) - start);
    out.nextPaint.push((await painted()) - start);
  }
  return out;
}
