/* Seda's service worker, for forms shown with data-mode="page" (a checklist visit on a
   phone): it keeps Seda's own files (seda.js, both bundles, the first screens' copies) and
   the visit page on the device, so the visit opens, is filled in and is submitted with no
   network. Responses wait in the outbox (IndexedDB) and go when the network returns; this
   worker never touches them.
   seda.js registers it from its own folder, so it controls the pages in that folder (or
   wider, if the server sends Service-Worker-Allowed), and once it is active seda.js posts
   {type: "seda:keep"} to it: the page that sent that message is a visit page, and is kept.
   Nothing else is touched: every other request (the site's other pages, its API calls,
   images, POSTs) goes to the network as if there were no worker, and is never stored.
   - Seda's own files: stored whatever their Cache-Control says (they are the same for every
     visitor: the build's output); the hashed ones come from the store first, seda.js from
     the network first.
   - A visit page: stored under its URL (without the fragment) only when its answer is a
     plain 200 that allows it (no Cache-Control no-store or private, not redirected); fetched
     once (with the site's cookies, as the visitor's own reload would be) when the page asks
     to be kept, and afterwards refreshed from its own navigations, network first, the copy
     served when there is no network. At most MAX_PAGES pages are kept, the least recently
     refreshed dropped first.
   Build-time names are stamped in by tools/stamp-loader.mjs; a new build is a new cache for
   Seda's files, and old ones are dropped. The pages' cache outlives builds. */
"use strict";
var CACHE = "seda-__SEDA_WASM__-__SEDA_LEAN_WASM__";
var PAGES = "seda-pages";
var MAX_PAGES = 20;
/* Both bundles: the full one a checklist visit runs, and the lean one a survey on the
   same pages runs, so either opens with no network; with every chunk of each (the parts a
   form fetches when it first uses them), so none is missing offline. Hashed names never
   change content. */
var FIXED = ["__SEDA_GLUE__", "__SEDA_WASM__", "__SEDA_LEAN_GLUE__", "__SEDA_LEAN_WASM__", "__SEDA_CHUNKS__"];
/* The first screens' copies (tools/shells.mjs): hashed folder, fixed content too. */
var SHELLS = /^seda-shells-[0-9a-f]+\/[\w-]+\.js$/;
var HERE = new URL("./", self.location.href).href;
var LOADER = HERE + "seda.js";
var ASSETS = [LOADER].concat(FIXED.map(function (a) { return HERE + a; }));

/** The URL without query and fragment. */
function bare(url) {
  var u = new URL(url);
  return u.origin + u.pathname;
}
/** The URL without fragment (a cache key for a page). */
function key(url) {
  return String(url).split("#")[0];
}
/** "loader" for seda.js, "fixed" for a hashed file or a shells copy, else null. */
function own(url) {
  var b = bare(url);
  if (b === LOADER) return "loader";
  if (b.indexOf(HERE) !== 0) return null;
  var name = b.slice(HERE.length);
  return FIXED.indexOf(name) >= 0 || SHELLS.test(name) ? "fixed" : null;
}
/** Whether the answer may be kept on the device at all. */
function plain(r) {
  return !!r && r.status === 200 && r.type === "basic" && !r.redirected;
}
/** Whether the answer's Cache-Control forbids keeping it (no-store, private). */
function forbidden(r) {
  return (r.headers.get("Cache-Control") || "").toLowerCase().split(",").some(function (d) {
    d = d.split("=")[0].trim();
    return d === "no-store" || d === "private";
  });
}

/* The kept pages: their URLs and their URLs' paths, read from the pages' cache (null until
   read: the worker has just started). Needed at once in a fetch event, which must decide
   there and then whether it answers. */
var kept = null, reading = null;
function read() {
  reading = reading || caches.open(PAGES).then(function (c) { return c.keys(); }).then(function (keys) {
    kept = { urls: Object.create(null), paths: Object.create(null) };
    keys.forEach(function (k) {
      kept.urls[key(k.url)] = 1;
      kept.paths[bare(k.url)] = 1;
    });
    reading = null;
    return kept;
  }, function () {
    reading = null;
    return (kept = { urls: Object.create(null), paths: Object.create(null) });
  });
  return reading;
}
read();

/** Stores (or, when the site now says not to keep it, drops) a visit page's answer. */
function store(url, r) {
  return caches.open(PAGES).then(function (c) {
    if (plain(r) && !forbidden(r)) {
      return c.put(url, r).then(function () { return c.keys(); }).then(function (keys) {
        // Oldest first: a put moves the entry to the end.
        return Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_PAGES)).map(function (k) { return c.delete(k); }));
      });
    }
    if ((r.type === "basic" && forbidden(r)) || r.status === 404 || r.status === 410) return c.delete(url);
  }).catch(function () {}).then(read);
}

/* What seda.js asked for: keeping the page it runs on. Fetched once a worker's life when
   not kept yet; a kept page is refreshed by its own navigations. */
var asked = Object.create(null);
function keep(url) {
  return caches.open(PAGES).then(function (c) { return c.match(url, { ignoreVary: true }); }).then(function (hit) {
    if (hit || asked[url]) return;
    asked[url] = 1;
    return fetch(url, { credentials: "same-origin", headers: { Accept: "text/html,application/xhtml+xml,*/*;q=0.8" } })
      .then(function (r) { return store(url, r); }, function () {});
  });
}

self.addEventListener("message", function (e) {
  var from = e.source;
  // Only a page may ask, only for itself, and only in this worker's scope.
  if (!e.data || e.data.type !== "seda:keep" || !from || from.type !== "window") return;
  var url = key(from.url);
  if (url.indexOf(self.registration.scope) !== 0 || own(url)) return;
  e.waitUntil(keep(url));
});

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(ASSETS); }).then(function () { return self.skipWaiting(); }));
});

/* Drops older builds' caches and takes over the open pages at once (it fetches none of
   them: a page is kept when it asks). */
self.addEventListener("activate", function (e) {
  e.waitUntil(
    caches.keys()
      .then(function (keys) {
        return Promise.all(keys.filter(function (k) { return k.indexOf("seda-") === 0 && k !== CACHE && k !== PAGES; }).map(function (k) { return caches.delete(k); }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

/** A hashed file: the stored copy, else the network (stored when it answers). */
function fixed(e) {
  var req = e.request, url = bare(req.url);
  return caches.open(CACHE).then(function (c) {
    return c.match(url, { ignoreVary: true }).then(function (hit) {
      return hit || fetch(req).then(function (r) {
        if (plain(r)) {
          var copy = r.clone();
          e.waitUntil(c.put(url, copy).catch(function () {}));
        }
        return r;
      });
    });
  });
}

/** seda.js: the network first (so updates arrive), the stored copy when there is none. */
function loader(e) {
  var req = e.request;
  return fetch(req).then(function (r) {
    if (plain(r)) {
      var copy = r.clone();
      e.waitUntil(caches.open(CACHE).then(function (c) { return c.put(LOADER, copy); }).catch(function () {}));
    }
    return r;
  }, function (err) {
    return caches.match(LOADER, { cacheName: CACHE, ignoreVary: true }).then(function (hit) {
      if (hit) return hit;
      throw err;
    });
  });
}

/** A visit page: the network first (its answer refreshes the copy), the copy offline (the
    same URL's, else the same page's under another query: another visit's link). */
function page(e, exact) {
  var req = e.request, url = key(req.url);
  return fetch(req).then(function (r) {
    if (exact) e.waitUntil(store(url, r.clone()));
    return r;
  }, function (err) {
    return caches.open(PAGES).then(function (c) {
      return c.match(url, { ignoreVary: true }).then(function (hit) { return hit || c.match(url, { ignoreSearch: true, ignoreVary: true }); });
    }).then(function (hit) {
      if (hit) return hit;
      throw err;
    });
  });
}

self.addEventListener("fetch", function (e) {
  var req = e.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  var mine = own(req.url);
  if (mine === "fixed") return e.respondWith(fixed(e));
  if (mine === "loader") return e.respondWith(loader(e));
  if (req.mode !== "navigate") return;
  var url = key(req.url);
  if (kept) {
    if (kept.paths[bare(url)]) e.respondWith(page(e, !!kept.urls[url]));
    return;
  }
  // The worker has just started and has not read which pages it keeps: this one
  // navigation waits for that (a page it does not keep goes to the network unchanged).
  e.respondWith(read().then(function (k) {
    return k.paths[bare(url)] ? page(e, !!k.urls[url]) : fetch(req);
  }));
});
