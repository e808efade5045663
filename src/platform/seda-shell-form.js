/* An inline form's first page (data-form="#id", see seda-shell.js), drawn from the form's
   JSON with the markup the widget's views give it (src/ui/). Only for a survey that the
   definition alone decides the first screen of: no conditions or jumps anywhere, no
   theme, and on the first page only the question types TYPES says, with no choices shuffled,
   no prefilled answer, no `{name}` to fill in and no date in Persian; and no saved draft
   (that opens on "Continue?"). For any other form there is no copy, and the widget shows as before.
   The widget's strings in English and Persian come from crates/seda-core/src/i18n.rs (tools/shells.mjs);
   tests/e2e/shell.spec.mjs checks this markup against the widget's. */
const STRINGS = { en: "__STRINGS_EN__", fa: "__STRINGS_FA__" };

/* What the copy cannot draw as the widget would: a reason to draw nothing. */
const NO_COPY = new Error("no copy");

const language = (l) => l.split(/[-_]/)[0];
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => "&#" + c.charCodeAt(0) + ";");
/* An element: attributes with a value of null, undefined or false are left out. */
const h = (tag, attrs, ...inner) =>
  "<" + tag + Object.entries(attrs).map(([k, v]) => (v == null || v === false ? "" : ` ${k}="${esc(v)}"`)).join("") + ">" +
  (tag === "input" ? "" : inner.join("") + "</" + tag + ">");

/* Mouths of the faces, worst to best, as src/ui/scale.rs draws them. */
const MOUTHS = ["M8 17q4-4 8 0", "M8 16.5q4-2 8 0", "M8 16h8", "M8 15.5q4 2 8 0", "M7.5 14.5q4.5 4.5 9 0"];
const RTL = ["fa", "ar", "he", "ur", "ps", "ckb", "dv", "yi"];
/* The fields of a form drawn here (no theme or strings of its own, and none of a complaint's or a checklist's). */
const FORM = /^(\$schema|seda|id|version|kind|locale|title|questions|pages|hidden|thank_you)$/;
/* The types drawn here, and the fields of a question on the first page they may have: the
   form's one declaration (schema/form.schema.json, made by crates/seda-core) less what this
   copy leaves to the widget (tools/shells.mjs, LEFT_TO_WIDGET), stamped in at build time. */
const TYPES = "__TYPES__";
const FIELDS = "__FIELDS__";

function screen(data) {
  const name = data.form.trim(), source = document.getElementById(name.slice(1));
  const json = source && source.text;
  /* A form for the full bundle (seda.js's pick) is not the lean widget's to draw. */
  if (!json || /"(checklist|attachments|offer_complaint)"/.test(json)) return;
  const form = JSON.parse(json);
  if (form.kind !== "survey" || Object.keys(form).some((k) => !FORM.test(k))) return;
  try {
    if (localStorage.getItem("seda:draft:" + form.id)) return;
  } catch (e) {
    /* No storage, so no draft. */
  }
  const pages = form.pages || form.questions.map((q) => ({ questions: [q] }));
  if (form.pages && form.questions) return;
  if (pages.some((p) => p.show_if != null || p.jump != null || p.questions.some((q) => q.show_if != null))) return;
  const page = pages[0], questions = page.questions;
  if (!questions.length || questions.some((q) => !TYPES.includes(q.type) || Object.keys(q).some((k) => !FIELDS.includes(k)))) return;

  /* The locale, as the widget picks it (crates/seda-core/src/config.rs, pick_locale): the first of
     these that is a valid locale the form speaks, else the form's own. */
  const own = form.locale == null ? "en" : form.locale, first = questions[0].title;
  const speaks = (l) => language(l) === language(own) || (typeof first === "object" && Object.keys(first).some((k) => k === l || k === language(l)));
  const locale = [data.locale, document.documentElement.getAttribute("lang"), navigator.language]
    .map((l) => l != null && l.trim())
    .find((l) => l && /^[a-z]{2,3}(-[a-z\d]{1,8})*$/i.test(l) && speaks(l)) || own;
  /* Its strings are English and Persian only: a form shown in Arabic has no copy. */
  if (language(locale) === "ar") return;
  const fa = language(locale) === "fa", S = STRINGS[fa ? "fa" : "en"];
  /* A date in Persian is the Persian calendar's picker (src/ui/jalali_date.rs), not drawn
     here; any "date" in the JSON, even a choice's id, leaves the form to the widget. */
  if (fa && /"date"/.test(json)) return;
  /* A form's text in the locale (crates/seda-core/src/text.rs): as it is, or the locale's, its
     language's, the form's own locale's, or the first. */
  const text = (t) => {
    const s = typeof t === "string" ? t : [t[locale], t[language(locale)], t[own], Object.values(t)[0], ""].find((v) => v != null);
    if (s.includes("{")) throw NO_COPY;
    return s;
  };
  const digits = (n) => (fa ? String(n).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[d]) : String(n));
  const fill = (s, n, total) => s.replace("{n}", n).replace("{total}", total);

  const question = (q) => {
    const id = (part) => `seda-${q.id}-${part}`;
    const required = q.required === true;
    const title = esc(text(q.title)), description = q.description != null ? esc(text(q.description)) : null;
    const optional = !required && q.type !== "statement" && q.type !== "consent" ? h("span", { class: "seda-optional" }, esc(S.optional)) : "";
    const about = description != null ? h("p", { class: "seda-description", id: id("description") }, description) : "";
    const describedBy = (description != null ? id("description") + " " : "") + id("error");
    const heading = h("legend", { class: "seda-legend" }, h("h2", { class: "seda-title", id: id("title"), tabindex: "-1" }, title)) + optional + about;
    const group = (classes, role, ariaRequired, labelled, inner) =>
      h("fieldset", { class: classes, role, "aria-labelledby": id("title"), "aria-describedby": labelled ? id("labels") + " " + describedBy : describedBy, "aria-required": ariaRequired && "true" }, heading, inner);
    const option = (type, classes, value, label) =>
      h("label", { class: "seda-choice" }, h("input", { class: classes, type, name: q.id, value }), h("span", {}, label));
    let field;
    if (q.type === "nps" || q.type === "rating") {
      const [min, max] = q.type === "nps" ? [0, 10] : [q.scale.min, q.scale.max];
      const display = q.display || "numbers", points = max - min + 1;
      if (!Number.isInteger(min) || !Number.isInteger(max) || points < 2 || points > 11) throw NO_COPY;
      const labels = q.labels && h("div", { class: "seda-scale__labels", id: id("labels") }, h("span", {}, esc(text(q.labels.min))), h("span", {}, esc(text(q.labels.max))));
      let options = "";
      for (let n = min; n <= max; n++) {
        const point =
          display === "stars"
            ? h("span", { class: "seda-scale__point seda-scale__point--star" }, h("span", { "aria-hidden": "true" }, "★"), h("span", { class: "seda-sr-only" }, esc(fill(S.stars, n, max))))
            : display === "smileys"
              ? h("span", { class: "seda-scale__point seda-scale__point--face" },
                  h("svg", { viewBox: "0 0 24 24", "aria-hidden": "true", focusable: "false" },
                    h("g", {}, h("circle", { cx: "12", cy: "12", r: "10" })),
                    h("g", {}, h("circle", { cx: "8.5", cy: "10", r: "1.2", class: "seda-eye" })),
                    h("g", {}, h("circle", { cx: "15.5", cy: "10", r: "1.2", class: "seda-eye" })),
                    h("path", { d: MOUTHS[Math.min(Math.max((n - min) * (points === 3 ? 2 : 1), 0), 4)] })),
                  h("span", { class: "seda-sr-only" }, digits(n)))
              : h("span", { class: "seda-scale__point" }, digits(n));
        options += h("label", { class: "seda-scale__option" }, h("input", { class: "seda-sr-only", type: "radio", name: q.id, value: n }), point);
      }
      field = group("seda-field seda-scale" + (display === "numbers" ? "" : " seda-scale--icons"), "radiogroup", required, labels, h("div", { class: "seda-scale__options" }, options) + (labels || ""));
    } else if (q.type === "choice") {
      const multiple = q.multiple === true, type = multiple ? "checkbox" : "radio";
      const choices = q.choices.map((c) => option(type, "seda-choice__input", c.id, esc(text(c.label))));
      if (q.other != null && q.other !== false) choices.push(option(type, "seda-choice__input", "other", esc(q.other === true ? S.other : text(q.other))));
      field = group("seda-field seda-choices", !multiple && "radiogroup", required && !multiple, false, h("div", { class: "seda-choices__list" }, ...choices));
    } else if (q.type === "yes_no") {
      const list = h("div", { class: "seda-choices__list seda-choices__list--row" }, option("radio", "seda-choice__input", "yes", esc(S.yes)), option("radio", "seda-choice__input", "no", esc(S.no)));
      field = group("seda-field seda-choices seda-yes-no", "radiogroup", required, false, list);
    } else if (q.type === "dropdown") {
      const choices = q.choices.map((c) => [c.id, text(c.label)]);
      if (q.other != null && q.other !== false) choices.push(["other", q.other === true ? S.other : text(q.other)]);
      const placeholder = q.placeholder != null ? text(q.placeholder) : S.choose;
      const select = h("select", { class: "seda-input seda-select", id: id("input"), "aria-required": required && "true", "aria-describedby": describedBy },
        h("option", { value: "", selected: "" }, esc(placeholder)), ...choices.map(([value, label]) => h("option", { value }, esc(label))));
      field = h("div", { class: "seda-field" }, h("h2", { class: "seda-title", id: id("title"), tabindex: "-1" }, h("label", { for: id("input") }, title)), optional, about, select);
    } else if (q.type === "consent") {
      const box = h("input", { class: "seda-choice__input", type: "checkbox", "aria-required": required && "true", "aria-describedby": describedBy });
      field = h("div", { class: "seda-field seda-consent" }, h("label", { class: "seda-choice", id: id("title"), tabindex: "-1" }, box, h("span", {}, title)), about);
    } else if (q.type === "statement") {
      field = h("div", { class: "seda-field seda-statement" }, h("h2", { class: "seda-title", id: id("title"), tabindex: "-1" }, title), description != null ? h("p", { class: "seda-description" }, description) : "");
    } else {
      /* Typed answers (src/ui/text_field.rs): type, inputmode, autocomplete, direction, and
         the most characters (crates/seda-core/src/validate.rs, max_chars). */
      const [type, inputmode, autocomplete, dir, most] = {
        text: ["text", null, "off", "auto", q.multiline === true ? 5000 : 500],
        email: ["email", null, "email", "ltr", 254],
        phone: ["tel", null, "tel", "ltr", 32],
        number: ["text", q.decimals > 0 ? "decimal" : "numeric", "off", null, null],
        date: ["date", null, "off", null, null],
      }[q.type];
      const maxlength = most && Math.min(q.max_length != null ? q.max_length : most, 10000);
      const placeholder = q.placeholder != null ? text(q.placeholder) : null;
      const common = { "aria-required": required && "true", "aria-describedby": describedBy };
      const input =
        q.multiline === true
          ? h("textarea", { class: "seda-input seda-input--long", id: id("input"), dir: "auto", rows: "4", maxlength, placeholder, ...common })
          : h("input", { class: "seda-input", id: id("input"), type, inputmode, autocomplete, dir, maxlength, placeholder, ...common });
      field = h("div", { class: "seda-field" }, h("h2", { class: "seda-title", id: id("title"), tabindex: "-1" }, h("label", { for: id("input") }, title)), optional, about, input);
    }
    return h("div", { class: "seda-question" }, field, q.type === "statement" ? "" : h("p", { class: "seda-error", id: id("error"), role: "alert" }));
  };

  const title = form.title != null ? text(form.title) : null;
  const total = pages.length;
  const progress =
    total > 1
      ? h("div", { class: "seda-progress" },
          h("span", { class: "seda-progress__text" }, esc(fill(S.step_of, digits(1), digits(total)))),
          h("span", { class: "seda-progress__track", "aria-hidden": "true" }, h("span", { class: "seda-progress__bar", "data-seda-style": `width: ${Math.floor(100 / total)}%;` })))
      : "";
  const step = h("form", { class: "seda-step", novalidate: "" },
    progress,
    page.title != null ? h("h2", { class: "seda-title seda-page-title", tabindex: "-1" }, esc(text(page.title))) : "",
    ...questions.map(question),
    h("div", { class: "seda-actions" }, h("button", { class: "seda-button seda-button--primary", type: "submit" }, esc(total > 1 ? S.next : S.submit))));
  const close = h("button", { class: "seda-close", type: "button", "aria-label": S.close },
    h("svg", { viewBox: "0 0 16 16", "aria-hidden": "true", focusable: "false" }, h("path", { d: "M4 4l8 8M12 4l-8 8" })));
  const card = h("div", { class: "seda-card" }, close, title != null ? h("p", { class: "seda-form-title" }, esc(title)) : "", step);
  const root = h("div", { class: "seda-root seda-floating", dir: RTL.includes(language(locale)) ? "rtl" : "ltr", lang: locale, role: "dialog", "aria-label": title != null ? title : S.thank_you }, card);
  return [name, locale, h("div", {}, root)];
}
