/* The handbook without signal. `handbook build` writes this file to the site root as
 * service-worker.js and fills in the plan: the cache version (a hash of the built site) and, per
 * language, the escalation pages, the pages with the help numbers and contacts, and the files they
 * load. Pages: network first, the cache when there is no network. Style, scripts, images and
 * fonts: the cache first; a new build has a new cache and the old one is removed. */
"use strict";
var PLAN = {/* plan */};
var SCOPE = self.registration.scope;
var PREFIX = "handbook-offline " + SCOPE + " ";
var CACHE = PREFIX + PLAN.version;
var ASSETS = ["style", "script", "font", "image"];

function inScope(url) {
  return url.indexOf(SCOPE) === 0;
}

/* The language whose pages an address is under: the longest matching folder. */
function languageOf(url) {
  var path = url.slice(SCOPE.length);
  var best = null;
  if (!inScope(url)) return null;
  Object.keys(PLAN.languages).forEach(function (code) {
    var prefix = PLAN.languages[code].prefix;
    if (path.indexOf(prefix) === 0 && (best === null || prefix.length > PLAN.languages[best].prefix.length)) {
      best = code;
    }
  });
  return best;
}

/* Marks a language whose list is complete in a cache: the next version fetches it again. */
function marker(code) {
  return new URL("?language=" + encodeURIComponent(code), self.location.href).href;
}

/* A file whose name carries a hash of its content (main.57a0d79d.min.css) never changes. */
var HASHED = /\.[0-9a-f]{8,}\.(min\.)?(css|js)$/;

/* Fetch what the cache does not hold yet: past the browser's HTTP cache, which may hold a page
 * of the previous build, except for files with a hash in their name (the page just loaded them). */
function keep(cache, urls) {
  return Promise.all(urls.map(function (url) {
    return cache.match(url).then(function (hit) {
      if (hit) return null;
      var mode = HASHED.test(url.split("?")[0]) ? "default" : "no-cache";
      return fetch(new Request(url, { cache: mode, credentials: "same-origin" })).then(function (response) {
        if (!response.ok || response.redirected) throw new Error("offline: " + url + " " + response.status);
        return cache.put(url, response);
      });
    });
  }));
}

function keepLanguage(cache, code) {
  if (!code || !PLAN.languages[code]) return Promise.resolve();
  return cache.match(marker(code)).then(function (done) {
    if (done) return null;
    var urls = PLAN.languages[code].files.map(function (file) { return new URL(file, SCOPE).href; });
    return keep(cache, urls).then(function () {
      return cache.put(marker(code), new Response(code));
    });
  });
}

/* The languages this phone kept with an earlier version of the handbook. */
function earlierLanguages() {
  return caches.keys().then(function (names) {
    var checks = [];
    names.forEach(function (name) {
      if (name.indexOf(PREFIX) !== 0 || name === CACHE) return;
      Object.keys(PLAN.languages).forEach(function (code) {
        checks.push(caches.match(marker(code), { cacheName: name }).then(function (hit) {
          return hit ? code : null;
        }));
      });
    });
    return Promise.all(checks);
  });
}

self.addEventListener("install", function (event) {
  if (PLAN.off) {
    event.waitUntil(self.skipWaiting());
    return;
  }
  event.waitUntil(Promise.all([
    self.clients.matchAll({ type: "window", includeUncontrolled: true }),
    earlierLanguages()
  ]).then(function (found) {
    var pages = found[0].map(function (client) { return client.url.split("#")[0]; }).filter(inScope);
    var codes = pages.map(languageOf).concat(found[1]).filter(function (code, i, all) {
      return code && all.indexOf(code) === i;
    });
    return caches.open(CACHE).then(function (cache) {
      return Promise.all(codes.map(function (code) { return keepLanguage(cache, code); })).then(function () {
        /* The page itself, if it can be kept: a page that is not found does not stop the rest. */
        return Promise.all(pages.map(function (page) { return keep(cache, [page]).catch(function () {}); }));
      });
    });
  }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && (PLAN.off || name !== CACHE);
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () {
    return PLAN.off ? self.registration.unregister() : self.clients.claim();
  }));
});

/* This version's cache, or null once a newer version has removed it: never made again here. */
function ownCache() {
  return caches.has(CACHE).then(function (has) { return has ? caches.open(CACHE) : null; });
}

function store(event, request, response) {
  if (response.ok && response.type === "basic" && !response.redirected) {
    var copy = response.clone();
    event.waitUntil(ownCache().then(function (cache) { return cache && cache.put(request, copy); }));
  }
  return response;
}

function fromNetwork(event) {
  return fetch(event.request).then(function (response) {
    return store(event, event.request, response);
  }).catch(function () {
    return caches.match(event.request, { cacheName: CACHE, ignoreSearch: true }).then(function (hit) {
      return hit || Response.error();
    });
  });
}

function fromCache(event) {
  return caches.match(event.request, { cacheName: CACHE }).then(function (hit) {
    return hit || fetch(event.request).then(function (response) {
      return store(event, event.request, response);
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (PLAN.off || request.method !== "GET" || !inScope(request.url)) return;
  if (request.mode === "navigate") {
    event.respondWith(fromNetwork(event));
    /* A reader who opens a page in another language gets that language's list too. */
    event.waitUntil(ownCache().then(function (cache) {
      return cache && keepLanguage(cache, languageOf(request.url));
    }).catch(function () {}));
  } else if (ASSETS.indexOf(request.destination) >= 0) {
    event.respondWith(fromCache(event));
  }
});
