/* Seda loader: the one file a page includes.
   <script src=".../seda.js" async data-form="template:nps" data-endpoint="https://..."></script>
   A classic script, safe with async. It loads the widget's glue and wasm from its own
   folder (their hashed names are stamped in at build time) and mounts one widget per
   script tag. The glue module is shared by every tag and starts the wasm only once.
   It defines no global and touches nothing of the page's.
   The widget's download and compile must not compete with the page's own (on a slow
   connection they delayed its load event and largest paint by about 10 %): they start in
   the first idle moment after the page's load event, at once if it has loaded already,
   and at the latest LATEST ms after this script ran, for pages whose load never ends.
   The wasm is compiled while it streams in. */
(function (w, d) {
  "use strict";
  var script = d.currentScript;
  if (!script || !script.src) return;
  var base = new URL(".", script.src).href;
  var wasm = base + "__SEDA_WASM__";
  var data = {};
  Object.keys(script.dataset).forEach(function (k) { data[k] = String(script.dataset[k]); });
  /* A page may wrap or break window.fetch; then the wasm comes by XMLHttpRequest. */
  function bytes() {
    return new Promise(function (ok, fail) {
      var x = new XMLHttpRequest();
      x.open("GET", wasm);
      x.responseType = "arraybuffer";
      x.onload = function () { x.status === 200 ? ok(x.response) : fail(new Error("HTTP " + x.status + " for " + wasm)); };
      x.onerror = function () { fail(new Error("could not fetch " + wasm)); };
      x.send();
    });
  }
  var LATEST = 5000, started = false, timer;
  function start() {
    if (started) return;
    started = true;
    clearTimeout(timer);
    import(base + "__SEDA_GLUE__").then(function (glue) {
      return glue.default({ module_or_path: wasm }).catch(function () {
        return bytes().then(function (b) { return glue.default({ module_or_path: b }); });
      }).then(function () { glue.mount(JSON.stringify(data)); });
    }).catch(function (e) {
      console.error("[seda] could not load the widget from " + base + ":", e);
      w.dispatchEvent(new CustomEvent("seda:error", { detail: { message: "could not load the widget: " + e } }));
    });
  }
  function soon() {
    if (w.requestIdleCallback) w.requestIdleCallback(start, { timeout: 500 });
    else setTimeout(start, 0);
  }
  if (d.readyState === "complete") soon();
  else {
    w.addEventListener("load", soon, { once: true });
    timer = setTimeout(start, LATEST);
  }
})(window, document);
