// The peers the benchmark measures Seda against: Formbricks, SurveyJS and Form.io, each
// from its npm package (pinned in package.json), its browser bundle and stylesheets served
// from its own 127.0.0.1 origin, and shown on the same bare host page as Seda by a small
// inline snippet. Nothing is fetched from the peers' own servers or CDNs.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { nps } from "./pages.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const NPS_LABELS = { min: "Not at all likely", max: "Extremely likely" };
const range = (min, max) => Array.from({ length: max - min + 1 }, (_, i) => min + i);

/**
 * Each peer: its packages (name -> the file in it, relative to the package), the files the
 * page loads in order (`js` run in this order, `css` before the widget is drawn), and the
 * code that draws a form into `#peer` once they have loaded. `nps` is that code for a
 * 0-10 NPS question; `survey(form)` for one of Seda's long surveys (pages.mjs), drawn one
 * question a step when `oneAStep`, else all on one page (what each does by default).
 */
export const PEERS = {
  formbricks: {
    name: "Formbricks",
    packages: ["@formbricks/surveys"],
    js: ["@formbricks/surveys/dist/index.umd.js"],
    css: [],
    how: "`@formbricks/surveys` UMD bundle (Preact; its stylesheet is inside the bundle), `window.formbricksSurveys.renderSurveyModal`: the corner card the Formbricks JS SDK shows, with an `nps` question. The SDK itself is not loaded (it first asks the Formbricks server which survey to show, then loads this bundle): Formbricks' best case",
    nps: () => formbricksStart(formbricksSurvey([{ id: "recommend", type: "nps", headline: nps.title, required: true, lowerLabel: NPS_LABELS.min, upperLabel: NPS_LABELS.max }])),
    survey: (form) => formbricksStart(formbricksSurvey(formbricksQuestions(form))),
    oneAStep: true,
  },
  surveyjs: {
    name: "SurveyJS",
    packages: ["survey-core", "survey-js-ui"],
    js: ["survey-core/survey.core.min.js", "survey-js-ui/survey-js-ui.min.js"],
    // The default theme without its web font (the other file @imports nothing but points
    // its @font-face at Google's font servers, which a benchmark on 127.0.0.1 cannot reach).
    css: ["survey-core/survey-core.fontless.min.css"],
    how: "`survey-core` + `survey-js-ui` UMD bundles and the default theme (`survey-core.fontless.min.css`), `SurveyUI.renderSurvey` into the page, a `rating` question 0-10 shown as buttons",
    nps: () =>
      surveyjsStart({
        elements: [
          {
            type: "rating", name: "recommend", title: nps.title, isRequired: true, rateMin: 0, rateMax: 10,
            minRateDescription: NPS_LABELS.min, maxRateDescription: NPS_LABELS.max, displayMode: "buttons",
          },
        ],
      }),
    survey: (form) => surveyjsStart(surveyjsForm(form)),
  },
  formio: {
    name: "Form.io",
    packages: ["@formio/js", "bootstrap"],
    js: ["@formio/js/dist/formio.form.min.js"],
    css: ["bootstrap/dist/css/bootstrap.min.css", "@formio/js/dist/formio.form.min.css"],
    how: "`@formio/js` renderer bundle (`formio.form.min.js`, `formio.form.min.css`) with Bootstrap's CSS, `Formio.createForm` into the page with the form's JSON (not fetched from a Form.io server), a `radio` component with the values 0-10 inline (Form.io has no NPS or rating component; its `survey` component is a Likert grid). Bootstrap's CSS restyles the whole host page",
    nps: () =>
      formioStart({
        components: [
          {
            type: "radio", key: "recommend", label: nps.title, inline: true, input: true, validate: { required: true },
            values: range(0, 10).map((n) => ({ label: String(n), value: String(n) })),
          },
          { type: "button", key: "submit", label: "Submit", action: "submit", input: true },
        ],
      }),
    survey: (form) => formioStart(formioForm(form)),
  },
};

/** A Formbricks survey (the shape @formbricks/surveys 1.x renders) of these questions. */
function formbricksSurvey(questions) {
  return {
    id: "bench-nps", name: "NPS", type: "app", status: "inProgress", environmentId: "bench",
    createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z",
    displayOption: "displayOnce", autoClose: null, delay: 0, autoComplete: null, recontactDays: null,
    redirectUrl: null, triggers: [], inlineTriggers: null, segment: null, languages: [], singleUse: null,
    closeOnDate: null, runOnDate: null, surveyClosedMessage: null, productOverwrites: null, styling: null,
    verifyEmail: null, pin: null, resultShareKey: null,
    welcomeCard: { enabled: false, timeToFinish: false, showResponseCount: false },
    hiddenFields: { enabled: false, fieldIds: [] },
    questions,
    thankYouCard: { enabled: true, headline: "Thank you!" },
  };
}

/** Seda's long survey as Formbricks questions (nps, rating 1-5, multipleChoiceSingle). */
function formbricksQuestions(form) {
  return form.questions.map((q) => {
    const base = { id: q.id, headline: q.title, required: !!q.required };
    if (q.type === "choice") return { ...base, type: "multipleChoiceSingle", shuffleOption: "none", choices: q.choices.map((c) => ({ id: c.id, label: c.label })) };
    if (q.type === "nps") return { ...base, type: "nps", lowerLabel: NPS_LABELS.min, upperLabel: NPS_LABELS.max };
    return { ...base, type: "rating", scale: "number", range: q.scale.max - q.scale.min + 1, lowerLabel: "", upperLabel: "" };
  });
}

/** renderSurveyModal as the Formbricks JS SDK calls it, with no server behind it. */
const formbricksStart = (survey) =>
  `window.formbricksSurveys.renderSurveyModal(${JSON.stringify({ survey, brandColor: "#224466", isBrandingEnabled: false, placement: "bottomRight", darkOverlay: false, clickOutside: false, highlightBorderColor: null })});`;

const surveyjsStart = (json) =>
  `var model = new Survey.Model(${JSON.stringify(json)});\n    SurveyUI.renderSurvey(model, document.getElementById("peer"));`;

const formioStart = (form) => `Formio.createForm(document.getElementById("peer"), ${JSON.stringify(form)});`;

/** Seda's long survey (pages.mjs longSurvey) as one SurveyJS page of questions. */
function surveyjsForm(form) {
  return {
    showQuestionNumbers: "off",
    elements: form.questions.map((q) => {
      const base = { name: q.id, title: q.title, isRequired: !!q.required };
      if (q.type === "choice") return { ...base, type: "radiogroup", choices: q.choices.map((c) => ({ value: c.id, text: c.label })) };
      const [min, max] = q.type === "nps" ? [0, 10] : [q.scale.min, q.scale.max];
      return { ...base, type: "rating", rateMin: min, rateMax: max, displayMode: "buttons" };
    }),
  };
}

/** Seda's long survey as one Form.io form: radio components, then Submit. */
function formioForm(form) {
  return {
    components: [
      ...form.questions.map((q) => {
        const values = q.type === "choice"
          ? q.choices.map((c) => ({ label: c.label, value: c.id }))
          : range(q.type === "nps" ? 0 : q.scale.min, q.type === "nps" ? 10 : q.scale.max).map((n) => ({ label: String(n), value: String(n) }));
        return { type: "radio", key: q.id, label: q.title, inline: true, input: true, validate: { required: !!q.required }, values };
      }),
      { type: "button", key: "submit", label: "Submit", action: "submit", input: true },
    ],
  };
}

/** The installed version of a package; it must be the one package.json pins. */
export function installedVersion(name) {
  const pinned = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).devDependencies?.[name];
  let version;
  try {
    version = JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")).version;
  } catch {
    throw new Error(`${name} is not installed: run \`npm ci\` (it is pinned in package.json for the benchmark's peers)`);
  }
  if (pinned !== version) throw new Error(`${name}: ${version} is installed but package.json pins ${pinned}: run \`npm ci\``);
  return version;
}

/**
 * Copies each chosen peer's files into a directory of its own (flat names, as a CDN would
 * serve them) and returns, per peer, that directory, the versions and the list of files.
 * `cleanup()` removes the directories.
 */
export function stagePeers(keys) {
  for (const key of keys) if (!PEERS[key]) throw new Error(`--peers: unknown peer ${key} (one of ${Object.keys(PEERS).join(", ")})`);
  const base = mkdtempSync(join(tmpdir(), "seda-bench-peers-"));
  const staged = {};
  for (const key of keys) {
    const peer = PEERS[key];
    const dir = join(base, key);
    mkdirSync(dir);
    const file = (spec) => {
      const name = basename(spec);
      copyFileSync(join(ROOT, "node_modules", spec), join(dir, name));
      return name;
    };
    staged[key] = {
      ...peer,
      key,
      dir,
      versions: peer.packages.map((name) => ({ name, version: installedVersion(name) })),
      js: peer.js.map(file),
      css: peer.css.map(file),
    };
  }
  return { staged, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/**
 * The host page's snippet for a peer: a container, then a script that adds the peer's
 * stylesheets and scripts (script-inserted, so they block neither the parser nor the host
 * page's rendering; the scripts `async = false` so they download in parallel and run in
 * order, as UMD bundles that depend on each other need) and draws the form once all have
 * loaded. `url(name)` is a file's URL on the peer's origin; `start` is the drawing code.
 */
export function peerSnippet(peer, url, start) {
  const css = peer.css.map(url);
  const js = peer.js.map(url);
  return `<div id="peer"></div>
<script>
(function () {
  var left = ${css.length + js.length};
  function loaded() {
    if (--left > 0) return;
    ${start}
  }
  function failed(e) { console.error("could not load " + (e.target.src || e.target.href)); }
  ${JSON.stringify(css)}.forEach(function (href) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.onload = loaded;
    link.onerror = failed;
    document.head.appendChild(link);
  });
  ${JSON.stringify(js)}.forEach(function (src) {
    var script = document.createElement("script");
    script.src = src;
    script.async = false;
    script.onload = loaded;
    script.onerror = failed;
    document.head.appendChild(script);
  });
})();
</script>`;
}
