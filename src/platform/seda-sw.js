/* Seda's service worker, for forms shown with data-mode="page" (a checklist visit on a
   phone): it keeps the widget's files (both bundles) and the page that shows it on the
   device, so the form opens, is filled in and is submitted with no network. Responses
   wait in the outbox (IndexedDB) and go when the network returns; this worker never
   touches them.
   seda.js registers it from its own folder, so it controls the pages in that folder
   (or wider, if the server sends Service-Worker-Allowed). Build-time names are stamped
   in by tools/stamp-loader.mjs; a new build is a new cache, and old ones are dropped. */
"use strict";
var CACHE = "seda-__SEDA_WASM__-__SEDA_LEAN_WASM__";
/* Both bundles: the full one a checklist visit runs, and the lean one a survey on the
   same pages runs, so either opens with no network. */
var FIXED = ["__SEDA_GLUE__", "__SEDA_WASM__", "__SEDA_LEAN_GLUE__", "__SEDA_LEAN_WASM__"];
var ASSETS = ["seda.js"].concat(FIXED).map(function (a) { return new URL(a, self.location).href; });

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(ASSETS); }).then(function () { return self.skipWaiting(); }));
});

/* Takes over the open pages at once, and keeps a copy of each, so a reload with the
   network off still finds the page. */
self.addEventListener("activate", function (e) {
  e.waitUntil(
    caches.keys()
      .then(function (keys) {
        return Promise.all(keys.filter(function (k) { return k.indexOf("seda-") === 0 && k !== CACHE; }).map(function (k) { return caches.delete(k); }));
      })
      .then(function () { return self.clients.claim(); })
      .then(function () { return self.clients.matchAll({ type: "window" }); })
      .then(function (pages) {
        return caches.open(CACHE).then(function (c) {
          return Promise.all(pages.map(function (p) {
            return fetch(p.url, { credentials: "same-origin" }).then(function (r) { if (r.ok) return c.put(p.url, r); }, function () {});
          }));
        });
      })
  );
});

function keep(request, response) {
  if (response && response.ok && response.type !== "opaque") {
    var copy = response.clone();
    caches.open(CACHE).then(function (c) { c.put(request, copy); });
  }
  return response;
}

self.addEventListener("fetch", function (e) {
  var req = e.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  var hashed = FIXED.some(function (a) { return req.url === new URL(a, self.location).href; });
  if (hashed) {
    // Hashed names never change content: the cached copy is always right.
    e.respondWith(caches.match(req).then(function (hit) { return hit || fetch(req).then(function (r) { return keep(req, r); }); }));
    return;
  }
  // The page, seda.js and form files: the network first (so updates arrive), the copy
  // when there is no network.
  e.respondWith(
    fetch(req).then(function (r) { return keep(req, r); }, function (err) {
      return caches.match(req).then(function (hit) {
        return hit || (req.mode === "navigate" ? caches.match(req, { ignoreSearch: true }) : undefined);
      }).then(function (hit) {
        if (hit) return hit;
        throw err;
      });
    })
  );
});
