/* Seda loader: the one file a page includes.
   <script src=".../seda.js" async data-form="template:nps" data-endpoint="https://..."></script>
   A classic script, safe with async. It loads the widget's glue and wasm from its own
   folder (their hashed names are stamped in at build time) and mounts one widget per
   script tag, when the tag's trigger fires and its targeting allows. There are two
   bundles: a lean one for surveys and the full one (checklists, attachments, the
   complaint and mystery-shop templates); each tag gets the one its form needs (pick).
   Each bundle's glue module is shared by every tag and starts its wasm only once.
   It defines one global, window.Seda (open, close, on), unless the page has its own.
   The widget's download and compile must not compete with the page's own (on a slow
   connection they delayed its load event and largest paint by about 10 %): they start
   in the first idle moment after the page's load event (or after this script, if the page
   has loaded), at the latest LATEST ms after this script
   ran, and the wasm compiles while it streams in. */
(function (w, d) {
  "use strict";
  /* The tag itself, by the Document's own getter: markup on the page can shadow
     document.currentScript (an <img name="currentScript">, a <form>, an <embed>), and
     its src and data-* would then say where the code comes from and what it does. */
  var current = Object.getOwnPropertyDescriptor(Document.prototype, "currentScript"),
    script = current && current.get ? current.get.call(d) : null;
  if (!(script instanceof HTMLScriptElement) || !script.src) return;
  var base = new URL(".", script.src).href;
  /* [glue, wasm] of the lean bundle (0) and the full one (1). */
  var B = [["__SEDA_LEAN_GLUE__", "__SEDA_LEAN_WASM__"], ["__SEDA_GLUE__", "__SEDA_WASM__"]];
  var data = {};
  Object.keys(script.dataset).forEach(function (k) { data[k] = String(script.dataset[k]); });
  /* localStorage is read only when a tag's targeting needs it, so a plain tag asks for the
     first screen's copy before anything touches storage (a page's first use of it took
     0.2-25 ms in fresh Chromium contexts: bench/LOADER.md, "Ninth measurement"). */
  function get(k) { try { return w.localStorage.getItem(k); } catch (e) { return null; } }
  function set(k, v) { try { w.localStorage.setItem(k, v); } catch (e) { /* storage refused: no memory */ } }

  function report(message, e) {
    console.error("[seda] " + message, e || "");
    w.dispatchEvent(new CustomEvent("seda:error", { detail: { message: message + (e ? ": " + e : "") } }));
  }

  /* The built-in surveys: the lean bundle shows them, and each has a copy of its first screen. */
  var SURVEYS = /^template:(nps|csat|ces|five-needs)$/;

  /* A copy of the form's first screen, drawn when the page has loaded, so the visitor sees
     the form while the widget's code downloads and compiles; the widget takes its place
     once it shows (src/platform/shell.rs). A module a built-in survey, with the widget's
     markup copied at build time, and one for an inline form (#id), which draws its first
     page from its JSON when it can (tools/shells.mjs, from seda-shell*.js). Imported as this
     script runs (it is small) for a tag shown on load whose targeting lets this visitor
     see it, unless an attribute other than these would make the widget's first screen
     another. The module itself draws nothing when a saved draft would (the widget opens
     on "Continue?"). */
  var named = (data.form || "").trim(), kind = named[0] == "#" ? "form" : SURVEYS.test(named) && named.slice(9),
    trigger = when(data.trigger), on = trigger && trigger[0],
    copy = kind && Object.keys(data).every(function (k) {
      return /^(form|endpoint\w*|locale|include|exclude|sample|recontact|debug|trigger)$/.test(k);
    }) && on == "load" && allowed() && import(base + "__SEDA_SHELLS__" + kind + ".js").catch(function () {});
  function shell(what) {
    if (copy) copy.then(function (m) { if (m) m[what](data); });
  }
  /* A form that fails takes its copy with it. */
  w.addEventListener("seda:error", function () { shell("drop"); });

  /* A page may wrap or break window.fetch; then the wasm comes by XMLHttpRequest. */
  function bytes(wasm) {
    return new Promise(function (ok, fail) {
      var x = new XMLHttpRequest();
      x.open("GET", wasm);
      x.responseType = "arraybuffer";
      x.onload = function () { x.status === 200 ? ok(x.response) : fail(new Error("HTTP " + x.status + " for " + wasm)); };
      x.onerror = function () { fail(new Error("could not fetch " + wasm)); };
      x.send();
    });
  }
  /* Which bundle a form needs: the full one (1) for page mode, a complaint offer, a
     template other than the four surveys, and an inline form that names a checklist,
     attachments or a complaint offer; else the lean one (0). A form by URL goes to the
     lean one, which hands it over (again) if it needs the full one. */
  function pick(o) {
    var f = (o.form || "").trim(), e;
    if ((o.offerComplaint || "").trim() || (o.mode || "").trim() === "page" || (/^template:/.test(f) && !SURVEYS.test(f))) return 1;
    e = d.getElementById(f.replace(/^#/, ""));
    return e && /"(checklist|attachments|offer_complaint)"/.test(e.text) ? 1 : 0;
  }
  /* glue[i]: bundle i's glue module, started (a promise) or not (unset, or 0 after it failed
     offline). tries: how many times a bundle failed offline; a retry asks for its glue under
     another URL, as a module that failed to load is not fetched again under the same one. */
  var glue = [], tries = 0, CLOSES = Symbol.for("seda:closes");
  /* A bundle's wasm downloads and compiles while its glue module is fetched, not after
     it; once per page, however many tags load it (kept under a symbol: no new global
     name), and only when a tag needs that bundle. compiling(wasm): that symbol. */
  function compiling(wasm) {
    return Symbol.for("seda:" + wasm);
  }
  function compile(wasm) {
    var key = compiling(wasm);
    if (!w[key]) {
      try {
        w[key] = WebAssembly.compileStreaming(fetch(wasm));
      } catch (e) {
        w[key] = Promise.reject(e);
      }
      w[key].catch(function () {});
    }
    return w[key];
  }
  function load(i) {
    if (i == null) i = pick(data);
    if (!glue[i]) {
      var wasm = base + B[i][1], module = compile(wasm);
      glue[i] = import(base + B[i][0] + (tries ? "?" + tries : "")).then(function (g) {
        return module.then(function (m) { return g.default({ module_or_path: m }); }).catch(function () {
          return bytes(wasm).then(function (b) { return g.default({ module_or_path: b }); });
        }).then(function () { return g; });
      });
      glue[i].catch(function (e) {
        /* Offline: not an error. Loaded again once the browser is back online (mount), and
           meanwhile a first screen's copy stays, with what the visitor did in it. */
        if (navigator.onLine === false) {
          glue[i] = 0;
          tries++;
          delete w[compiling(wasm)];
        } else report("could not load the widget from " + base, e);
      });
    }
    return glue[i];
  }
  /* full: the full bundle whatever the form (the lean one handing a form over, with the
     form's JSON text when it had fetched it). */
  function mount(options, full, text) {
    var json = typeof options === "string" ? options : JSON.stringify(options), closes = w[CLOSES];
    return load(full ? 1 : pick(options)).then(function (g) { g.mount(json, toFull, text); }, function () {
      /* Offline: again once back online, unless the page has called Seda.close() since this
         mount (the calls are counted on the page, for every tag). */
      if (navigator.onLine === false) w.addEventListener("online", function () { closes === w[CLOSES] && mount(options, full, text); }, { once: true });
    });
  }
  function toFull(json, text) {
    mount(json, 1, text);
  }

  /* The page's own JS API. Seda.open(options) shows a form now: the options are this
     tag's data-* attributes by their dataset names (form, endpoint, target, mode,
     locale, ...) plus hidden: {id: value}; they override the tag's own. */
  if (!w.Seda) {
    w.Seda = {
      open: function (options) {
        var o = {}, k;
        options = options || {};
        for (k in data) if (data.hasOwnProperty(k)) o[k] = data[k];
        for (k in options) {
          if (!options.hasOwnProperty(k) || options[k] == null) continue;
          if (k === "hidden") {
            for (var h in options.hidden) {
              if (options.hidden.hasOwnProperty(h)) {
                o["hidden" + h.charAt(0).toUpperCase() + h.slice(1).replace(/-([a-z])/g, function (m, c) { return c.toUpperCase(); })] = String(options.hidden[h]);
              }
            }
          } else o[k] = String(options[k]);
        }
        delete o.trigger;
        return mount(o);
      },
      /* Every bundle the page has started (by any tag). */
      close: function () {
        w[CLOSES] = (w[CLOSES] || 0) + 1;
        shell("drop");
        B.forEach(function (b, i) {
          if (w[compiling(base + b[1])]) load(i).then(function (g) { g.close(); }, function () {});
        });
      },
      on: function (name, fn) {
        function listener(e) { fn(e.detail); }
        w.addEventListener("seda:" + name, listener);
        return function () { w.removeEventListener("seda:" + name, listener); };
      },
    };
  }

  /* Targeting: data-include / data-exclude (comma-separated paths, * matches anything),
     data-sample (the percentage of visitors), and
     data-recontact (days, or "never": how long after answering or closing the form it
     stays away). */
  function matches(list) {
    return list.split(",").some(function (p) {
      p = p.trim();
      var re = new RegExp("^" + p.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*") + "$");
      return p !== "" && re.test(p.indexOf("://") > 0 ? location.href : location.pathname);
    });
  }
  /* when, days and percent read data-trigger, data-recontact and data-sample by the
     widget's own rules (crates/seda-core/src/config/targeting.rs): tests/e2e/tag-rules.spec.mjs
     runs them, as they are written here, over the cases the widget's tests run its reader
     over (crates/seda-core/tests/fixtures/tag-rules.json). null: a value the widget names
     as a setup error; such a tag is let through, so the widget names the mistake (a
     trigger, which decides whether to load it at all, is reported here). */
  function when(v) {
    var t = (v || "").trim() || "load", m = /^(load|exit|manual)$|^delay:(\d+(\.\d+)?)s$|^scroll:(\d{1,3})%$/.exec(t);
    return m ? m[1] ? [m[1]] : m[2] ? ["delay", m[2] * 1e3] : ["scroll", +m[4]] : null;
  }
  function days(v) {
    var m = /^\s*(?:(never)|(\d{1,5})\s*d?)\s*$/.exec(v);
    return m ? (m[1] ? 1 / 0 : +m[2]) : null;
  }
  function percent(v) {
    var m = /^\s*((\d{1,3})(\.\d+)?)\s*%?\s*$/.exec(v);
    /* At most 100 exactly, as the widget counts: 100.0000000000000001 is 100 as a float. (No
       fraction tests "undefined", which has no digit.) */
    return m && (m[2] < 100 || m[2] == 100 && !/[1-9]/.test(m[3])) ? +m[1] : null;
  }
  function allowed() {
    var form = (data.form || "").trim(), seen, again = days(data.recontact), share = percent(data.sample);
    if (data.include && !matches(data.include)) return false;
    if (data.exclude && matches(data.exclude)) return false;
    if (again !== null && (seen = Number(get("seda:seen:" + form))) && Date.now() - seen < again * 864e5) return false;
    if (share !== null) {
      // One roll per visitor and form, kept: the same visitor stays in or out, and a
      // larger percentage later takes in more visitors without reshuffling.
      var key = "seda:sample:" + form, roll = get(key);
      if (roll === null) set(key, (roll = String(Math.random() * 100)));
      if (!(Number(roll) < share)) return false;
    }
    return true;
  }

  /* Triggers: load (the default), delay:Ns, scroll:N%, exit (the pointer leaves through
     the top of the window; on touch screens, scrolling back up by half a screen), and
     manual (only Seda.open). */
  function show() {
    delete data.trigger;
    shell("draw");
    mount(data);
  }
  function once(target, type, test) {
    function listener(e) {
      if (!test(e)) return;
      target.removeEventListener(type, listener);
      show();
    }
    target.addEventListener(type, listener, { passive: true });
  }
  function arm() {
    if (!on) return report('data-trigger="' + data.trigger.trim() + '": use load, delay:5s, scroll:50%, exit or manual');
    if (on == "load") return show();
    if (on == "delay") return setTimeout(show, trigger[1]);
    if (on == "scroll") {
      return once(w, "scroll", function () {
        var e = d.documentElement;
        return (w.scrollY + w.innerHeight) / e.scrollHeight * 100 >= trigger[1];
      });
    }
    if (on == "exit") {
      if (w.matchMedia && w.matchMedia("(hover: none)").matches) {
        var low = w.scrollY;
        return once(w, "scroll", function () {
          low = Math.max(low, w.scrollY);
          return low - w.scrollY > w.innerHeight / 2;
        });
      }
      return once(d, "mouseout", function (e) { return !e.relatedTarget && e.clientY <= 0; });
    }
    /* manual: only Seda.open(). */
  }

  /* Responses an earlier page left unsent go from any page with the tag, whether or not it
     shows a form now: when the outbox holds any, the lean bundle is loaded to send them.
     Opened without a version, the database is never created or upgraded here. */
  function drainPending(i) {
    var req;
    try {
      req = w.indexedDB.open("seda");
    } catch (e) {
      return;
    }
    req.onupgradeneeded = function () { req.transaction.abort(); };
    req.onerror = function (e) { e.preventDefault(); };
    req.onsuccess = function () {
      var db = req.result, count;
      try {
        count = db.transaction("outbox").objectStore("outbox").count();
      } catch (e) {
        return db.close();
      }
      count.onsuccess = function () {
        db.close();
        if (count.result) load(i).then(function (g) { g.drain(); }, function () {});
      };
      count.onerror = function () { db.close(); };
    };
  }

  var LATEST = 5000, ready = false, timer;
  function start() {
    if (ready) return;
    ready = true;
    clearTimeout(timer);
    var shown = on == "manual" || allowed();
    /* A form shown now starts the sender itself; a tag that loads the widget for later
       (a manual or later trigger) sends with the bundle it loads anyway, and one whose
       targeting keeps the form away loads the lean bundle only if something is waiting. */
    if (!shown || on != "load") drainPending(shown ? null : 0);
    if (!shown) return;
    /* A full-page form (a checklist visit) must open and submit offline: the service
       worker beside this file keeps the widget's files and the page. */
    var sw = navigator.serviceWorker;
    /* Once it is active it is asked to keep this page, the visit's (it keeps no other). */
    if (data.mode === "page" && sw) sw.register(base + "seda-sw.js").then(function () { return sw.ready; }).then(function (r) { r.active.postMessage({ type: "seda:keep" }); }).catch(function () {});
    load();
    arm();
  }
  function soon() {
    /* The first screen's copy is drawn at once: it is light, and drawn at the widget's start
       instead it showed 10-40 ms later, with the hero image's paint no sooner. The widget
       starts in the first idle moment after the page's load, so that the page's own paints
       after load (a large image being drawn) come first: started in the next task instead,
       it delayed a hero image's largest contentful paint by about 15 % more, and showed its
       form no sooner on a bare page (bench/LOADER.md). */
    shell("draw");
    if (w.requestIdleCallback) w.requestIdleCallback(start, { timeout: 500 });
    else setTimeout(start, 0);
  }
  if (d.readyState === "complete") soon();
  else {
    w.addEventListener("load", soon, { once: true });
    timer = setTimeout(start, LATEST);
  }
})(window, document);
