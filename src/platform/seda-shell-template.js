/* A built-in survey's first screen (see seda-shell.js): TEMPLATE is its name and HTML its
   shadow root's markup in each language, as the widget drew them in headless Chromium for
   a tag with no other attribute, and no saved draft. */
const TEMPLATE = "__TEMPLATE__", HTML = { en: "__HTML_EN__", fa: "__HTML_FA__" };

function screen(data) {
  /* A saved draft: the widget opens on "Continue?". */
  try {
    if (localStorage.getItem("seda:draft:" + TEMPLATE)) return;
  } catch (e) {
    /* No storage, so no draft. */
  }
  /* The widget's language: the first of these that is a locale it speaks, else English. */
  const lang = [data.locale, document.documentElement.lang, navigator.language]
    .map((l) => (l || "").trim())
    .find((l) => /^(en|fa)(-[a-z\d]{1,8})*$/i.test(l) && /^(en|fa)\b/.test(l)) || "en";
  return ["template:" + TEMPLATE, lang, HTML[lang.slice(0, 2)]];
}
