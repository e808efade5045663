/* Seda loader: the one file a page includes.
   <script src=".../seda.js" async data-form="template:nps" data-endpoint="https://..."></script>
   A classic script, safe with async. It loads the widget's glue and wasm from its own
   folder (their hashed names are stamped in at build time) and mounts one widget per
   script tag. One download and one wasm instance serve every tag on the page. */
(function (w, d) {
  "use strict";
  var script = d.currentScript;
  if (!script || !script.src) return;
  var base = new URL(".", script.src).href;
  var data = {};
  Object.keys(script.dataset).forEach(function (k) { data[k] = String(script.dataset[k]); });
  var seda = w.Seda || (w.Seda = {});
  var load = seda._load;
  if (!load) {
    load = import(base + "__SEDA_GLUE__").then(function (glue) {
      return glue.default({ module_or_path: base + "__SEDA_WASM__" }).then(function () { return glue; });
    });
    Object.defineProperty(seda, "_load", { value: load });
  }
  load.then(function (glue) { glue.mount(JSON.stringify(data)); }).catch(function (e) {
    console.error("[seda] could not load the widget from " + base + ":", e);
    w.dispatchEvent(new CustomEvent("seda:error", { detail: { message: "could not load the widget: " + e } }));
  });
})(window, document);
