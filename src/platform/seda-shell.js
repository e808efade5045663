/* A copy of a form's first screen, drawn by seda.js when the page has loaded, while the
   widget's own code downloads and compiles. tools/shells.mjs makes one module a built-in
   survey, and one for inline forms: this file after the `screen` that says what to draw,
   from seda-shell-template.js (the widget's markup, copied in headless Chromium at build
   time) or from seda-shell-form.js (drawn from an inline form's JSON); CSS is the text of
   the widget's stylesheets. The widget takes the copy's place once it shows
   (src/platform/shell.rs): what was chosen, typed and focused in it carries over, and the
   last button clicked in it is clicked again. */
const CSS = "__CSS__";
let copy = null, gone = false;

/* Draws the copy for a tag shown on load (seda.js's `data`, which it has checked: no
   attribute that would change the first screen), unless the widget, or another, is on the
   page already, or `screen` has nothing to draw for it. */
export function draw(data) {
  if (gone || copy || document.querySelector("[data-seda-host]")) return;
  try {
    /* [the tag's data-form, the widget's language, its shadow root's markup]. */
    const drawn = screen(data);
    if (!drawn) return;
    const [name, lang, html] = drawn;
    const host = document.createElement("div");
    const root = host.attachShadow({ mode: "open" });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    root.innerHTML = html;
    /* Inline styles go through the CSSOM, as the widget sets them: a page's CSP (style-src)
       refuses them as markup. */
    for (const e of root.querySelectorAll("[data-seda-style]")) {
      e.style.cssText = e.dataset.sedaStyle;
      e.removeAttribute("data-seda-style");
    }
    root.querySelector("[lang]").lang = lang;
    host.setAttribute("data-seda-shell", name);
    /* Nothing in the copy may submit: a form without an action would reload the page. */
    root.addEventListener("submit", (e) => e.preventDefault());
    root.addEventListener("click", (e) => {
      const button = e.target.closest("button");
      if (!button) return;
      host.setAttribute("data-seda-clicked", [...root.querySelectorAll("button")].indexOf(button));
      /* Close empties the copy at once; the widget closes itself, unseen, when it takes over. */
      if (button.matches(".seda-close")) root.replaceChildren();
    });
    document.body.appendChild((copy = host));
  } catch (e) {
    /* A page that refuses markup from strings (Trusted Types), an older browser, or a form
       the copy cannot read: no copy. */
  }
}

/* Removes the copy, and keeps it from being drawn: seda.js calls it when a form fails or
   the page closes its forms. */
export function drop() {
  gone = true;
  if (copy) copy.remove();
}
