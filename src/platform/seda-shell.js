/* The copy of one built-in survey's first screen, drawn by seda.js when the page has loaded,
   while the widget's own code downloads and compiles. tools/shells.mjs makes one module of
   this file per template: TEMPLATE is the template's name, CSS the text of the widget's
   stylesheets and HTML its shadow root's markup in each language, as the widget drew them
   in headless Chromium for a tag with no other attribute. The widget takes the copy's place
   once it shows (src/platform/shell.rs): what was chosen, typed and focused in it carries
   over, and the last button clicked in it is clicked again. */
const TEMPLATE = "__TEMPLATE__", CSS = "__CSS__", HTML = { en: "__HTML_EN__", fa: "__HTML_FA__" };
let copy = null, gone = false;

/* Draws the copy for a tag shown on load (seda.js's `data`, which it has checked: no
   attribute and no saved draft that would change the first screen), unless the widget, or
   another, is on the page already. */
export function draw(data) {
  if (gone || copy || document.querySelector("[data-seda-host]")) return;
  /* The widget's language: the first of these that is a locale it speaks, else English. */
  const lang = [data.locale, document.documentElement.lang, navigator.language]
    .map((l) => (l || "").trim())
    .find((l) => /^(en|fa)(-[a-z\d]{1,8})*$/i.test(l) && /^(en|fa)\b/.test(l)) || "en";
  try {
    const host = document.createElement("div");
    const root = host.attachShadow({ mode: "open" });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    root.innerHTML = HTML[lang.slice(0, 2)];
    /* Inline styles go through the CSSOM, as the widget sets them: a page's CSP (style-src)
       refuses them as markup. */
    for (const e of root.querySelectorAll("[data-seda-style]")) {
      e.style.cssText = e.dataset.sedaStyle;
      e.removeAttribute("data-seda-style");
    }
    root.querySelector("[lang]").lang = lang;
    host.setAttribute("data-seda-shell", "template:" + TEMPLATE);
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
    /* A page that refuses markup from strings (Trusted Types) or an older browser: no copy. */
  }
}

/* Removes the copy, and keeps it from being drawn: seda.js calls it when a form fails or
   the page closes its forms. */
export function drop() {
  gone = true;
  if (copy) copy.remove();
}
