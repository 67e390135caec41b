// RIAL Campus service worker (served at /sw.js by lms.views.app.service_worker).
//
// - Pages: every page comes from the network first. When the network cannot be
//   reached, the copy this worker kept of that page for the signed-in person is
//   shown (marked with when it was saved: site.js says so above the page), else
//   the "You are offline" page of the address's language.
// - What is kept for a person: the pages ``/app/offline-pages/`` lists for them
//   (lms.selectors.offline: their dashboard, the lessons of the module they are at,
//   the last messages of their chat rooms), fetched when a page of theirs asks
//   (site.js, at most every few minutes), plus the site's stylesheets and scripts
//   those pages use. They live in one cache, deleted as soon as a page comes without
//   this person (signed out, or someone else signed in: the X-Rial-Person header)
//   and when the sign-out form is sent: a shared computer keeps nothing of the
//   person who left.
// - Pushes (lms.services.push): each push is a notification written for this
//   person; it is shown with its title and text, and a click opens its address
//   (or focuses a window already there).
"use strict";

const CONFIG = {{ config|safe }};
const CACHE = "rial-offline-" + CONFIG.version;
const PERSON_CACHE = "rial-person";   // one person's pages, never anyone else's
const ASSET_CACHE = "rial-assets";    // the site's own stylesheets and scripts
const META = self.location.origin + "/__rial-offline-meta__";
const PERSON_HEADER = "X-Rial-Person";
// Caps: a page larger than this is not kept, nor more assets than this.
const MAX_PAGE_BYTES = 1500000;
const MAX_ASSETS = 40;
// How often the list is asked again, and how long a kept lesson is good for.
const SYNC_EVERY_MS = 5 * 60 * 1000;
const LESSON_FRESH_MS = 6 * 60 * 60 * 1000;
// The site's own stylesheets, scripts and icons a kept page names (under staticUrl).
const ASSET_PATTERN = /(?:href|src)="([^"?#]+\.(?:css|js|svg|woff2?))"/g;

self.addEventListener("install", function (event) {
    const pages = Object.values(CONFIG.offlinePages);
    event.waitUntil(
        caches.open(CACHE)
            .then(function (cache) { return cache.addAll(pages.concat(CONFIG.assets)); })
            .then(function () { return self.skipWaiting(); })
    );
});

self.addEventListener("activate", function (event) {
    event.waitUntil(
        caches.keys()
            .then(function (keys) {
                return Promise.all(keys.filter(function (key) {
                    return key.indexOf("rial-offline-") === 0 && key !== CACHE;
                }).map(function (key) { return caches.delete(key); }));
            })
            .then(function () { return self.clients.claim(); })
    );
});

function offlinePageFor(url) {
    const language = new URL(url).pathname.split("/")[1];
    return CONFIG.offlinePages[language] || CONFIG.offlinePages[CONFIG.defaultLanguage];
}

// --- the person's pages ---------------------------------------------------------------------

// Bumped by every deletion: a sync under way when the person signed out writes nothing.
let generation = 0;
let syncing = null;

function forget() {
    generation += 1;
    return caches.delete(PERSON_CACHE);
}

function readMeta() {
    return caches.match(META, {cacheName: PERSON_CACHE})
        .then(function (response) { return response ? response.json() : {}; })
        .catch(function () { return {}; });
}

function writeMeta(cache, meta) {
    return cache.put(META, new Response(JSON.stringify(meta), {
        headers: {"Content-Type": "application/json"}
    }));
}

function isPage(response) {
    return response.type === "basic" &&
        (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
}

// A page of this person's that the network answered: nobody else's copies are kept.
function checkPerson(response) {
    const person = response.headers.get(PERSON_HEADER) || "";
    return readMeta().then(function (meta) {
        if (meta.person && meta.person === person) { return meta; }
        if (!meta.person && person && syncing) {
            // A first sync has just opened the cache and not yet said whose it is: not
            // a stranger's copies (each copy it keeps must carry its person's header).
            return meta;
        }
        return caches.has(PERSON_CACHE).then(function (kept) {
            return (kept ? forget() : Promise.resolve()).then(function () { return {}; });
        });
    });
}

// A static file's name without the hash ManifestStaticFilesStorage puts in it.
function unhashed(path) {
    return path.replace(/\.[0-9a-f]{12}(\.[A-Za-z0-9]+)$/, "$1");
}

function keepAssets(text) {
    const paths = [];
    let match;
    ASSET_PATTERN.lastIndex = 0;
    while ((match = ASSET_PATTERN.exec(text)) !== null) {
        if (match[1].indexOf(CONFIG.staticUrl) === 0 && paths.indexOf(match[1]) === -1) {
            paths.push(match[1]);
        }
    }
    return caches.open(ASSET_CACHE).then(function (cache) {
        return cache.keys().then(function (keys) {
            // A deployment renames a changed file (site.<hash>.js): the older copy of a
            // file the page now names under another name goes, so the cap keeps room
            // for today's files instead of filling with past ones.
            const stems = paths.map(unhashed);
            const stale = keys.filter(function (request) {
                const path = new URL(request.url).pathname;
                return paths.indexOf(path) === -1 && stems.indexOf(unhashed(path)) !== -1;
            });
            return Promise.all(stale.map(function (request) { return cache.delete(request); }))
                .then(function () {
                    return keys.filter(function (request) { return stale.indexOf(request) === -1; });
                });
        }).then(function (keys) {
            const have = keys.map(function (request) { return new URL(request.url).pathname; });
            const missing = paths.filter(function (path) { return have.indexOf(path) === -1; })
                .slice(0, Math.max(0, MAX_ASSETS - have.length));
            return Promise.all(missing.map(function (path) {
                return fetch(path).then(function (response) {
                    if (response.ok) { return cache.put(path, response); }
                }).catch(function () { /* kept next time */ });
            }));
        });
    });
}

// Keep a copy of the page, saying when it was saved (site.js shows it offline).
function store(path, response, mark) {
    return response.text().then(function (text) {
        if (text.length > MAX_PAGE_BYTES || mark !== generation) { return; }
        const saved = new Date().toISOString();
        const body = text.replace(/<html\b/i, "<html data-offline-saved=\"" + saved + "\"");
        const headers = new Headers();
        response.headers.forEach(function (value, name) {
            if (["content-length", "content-encoding", "set-cookie"].indexOf(name) === -1) {
                headers.set(name, value);
            }
        });
        headers.set("X-Rial-Saved-At", saved);
        return caches.open(PERSON_CACHE).then(function (cache) {
            if (mark !== generation) { return; }
            return cache.put(path, new Response(body, {status: 200, headers: headers}));
        }).then(function () { return keepAssets(text); });
    });
}

// After a page came from the network: forget another person's copies; refresh this
// one's copy of a page on the list (a room's copy holds more messages: only a sync
// refreshes it).
function afterNavigation(request, response) {
    const mark = generation;
    return checkPerson(response).then(function (meta) {
        const path = new URL(request.url).pathname;
        const kind = (meta.pages || {})[path];
        if (!response.ok || response.redirected || !kind || kind === "room" ||
                new URL(request.url).search) {
            return;
        }
        return store(path, response, mark);
    });
}

function fetchCopy(path) {
    return fetch(path, {
        credentials: "same-origin",
        headers: {"X-Rial-Offline-Copy": "1"}
    });
}

// Ask for the list and fetch what is missing or old, one page after the other.
function sync(listUrl) {
    const mark = generation;
    return readMeta().then(function (meta) {
        if (meta.synced && Date.now() - meta.synced < SYNC_EVERY_MS) { return; }
        return fetch(listUrl, {credentials: "same-origin", headers: {Accept: "application/json"}})
            .then(function (response) {
                const json = response.ok && !response.redirected &&
                    (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
                return json ? response.json() : null;
            })
            .then(function (list) {
                if (!list || mark !== generation) { return; }
                if (!list.person) { return forget(); }
                if (meta.person && meta.person !== list.person) {
                    return forget().then(function () { return sync(listUrl); });
                }
                return refresh(list, meta, mark);
            });
    }).catch(function () { /* offline: the copies stay as they are */ });
}

function refresh(list, meta, mark) {
    const pages = {};
    list.pages.forEach(function (page) { pages[page.url] = page.kind; });
    return caches.open(PERSON_CACHE).then(function (cache) {
        // Whose copies these are, first: a page opened meanwhile keeps them.
        const started = Object.assign({}, meta, {person: list.person, synced: 0});
        return (meta.person ? Promise.resolve() : writeMeta(cache, started)).then(function () {
            return cache.keys();
        }).then(function (keys) {
            // What is no longer on the list goes.
            return Promise.all(keys.map(function (request) {
                const path = new URL(request.url).pathname;
                if (request.url !== META && !pages[path]) { return cache.delete(request); }
            }));
        }).then(function () {
            const saved = meta.saved && meta.person === list.person ? meta.saved : {};
            let chain = Promise.resolve();
            list.pages.forEach(function (page) {
                chain = chain.then(function () {
                    if (mark !== generation) { return; }
                    const fresh = page.kind === "lesson" || page.kind === "module";
                    return cache.match(page.url).then(function (kept) {
                        if (kept && fresh && Date.now() - (saved[page.url] || 0) < LESSON_FRESH_MS) {
                            return;
                        }
                        return fetchCopy(page.url).then(function (response) {
                            if (response.ok && !response.redirected && isPage(response) &&
                                    response.headers.get(PERSON_HEADER) === list.person) {
                                saved[page.url] = Date.now();
                                return store(page.url, response, mark);
                            }
                            if (!response.ok) { return cache.delete(page.url); }
                        });
                    });
                });
            });
            return chain.then(function () {
                if (mark !== generation) { return; }
                return writeMeta(cache, {
                    person: list.person, synced: Date.now(), pages: pages, saved: saved
                });
            });
        });
    });
}

function fromKept(url) {
    const address = new URL(url);
    if (address.search) { return Promise.resolve(null); }
    return caches.match(address.pathname, {cacheName: PERSON_CACHE})
        .then(function (response) { return response || null; })
        .catch(function () { return null; });
}

self.addEventListener("message", function (event) {
    const data = event.data || {};
    if (data.type === "offline-sync" && typeof data.list === "string") {
        const list = new URL(data.list, self.location.origin);
        if (list.origin !== self.location.origin) { return; }
        if (!syncing) {
            syncing = sync(list.pathname)
                .finally(function () { syncing = null; });
        }
        event.waitUntil(syncing);
    } else if (data.type === "offline-forget") {
        event.waitUntil(forget());
    }
});

self.addEventListener("fetch", function (event) {
    const request = event.request;
    const path = new URL(request.url).pathname;
    if (request.method === "POST" && CONFIG.logoutPaths.indexOf(path) !== -1) {
        // Signing out: the person's copies go now, whatever the network does.
        event.waitUntil(forget());
        return;
    }
    if (request.method !== "GET") { return; }
    if (request.mode === "navigate") {
        event.respondWith(fetch(request).then(function (response) {
            // Only a page is read again (a file's download is not held in memory).
            if (isPage(response)) { event.waitUntil(afterNavigation(request, response.clone())); }
            return response;
        }, function () {
            return fromKept(request.url).then(function (kept) {
                if (kept) { return kept; }
                return caches.open(CACHE).then(function (cache) {
                    return cache.match(offlinePageFor(request.url));
                }).then(function (response) { return response || Response.error(); });
            });
        }));
        return;
    }
    // The site's stylesheets, scripts and images, when the network is gone.
    if (new URL(request.url).origin === self.location.origin && path.indexOf(CONFIG.staticUrl) === 0) {
        event.respondWith(fetch(request).catch(function () {
            return caches.match(path).then(function (response) { return response || Response.error(); });
        }));
    }
});

self.addEventListener("push", function (event) {
    let data = {};
    try {
        data = event.data ? event.data.json() : {};
    } catch (error) {
        data = {};
    }
    const url = new URL(data.url || "/", self.location.origin);
    event.waitUntil(self.registration.showNotification(data.title || "RIAL Campus", {
        body: data.body || "",
        tag: data.tag || undefined,
        timestamp: data.created ? Date.parse(data.created) : Date.now(),
        icon: CONFIG.icon,
        badge: CONFIG.badge,
        // Only an address of the campus is ever opened.
        data: {url: url.origin === self.location.origin ? url.href : self.location.origin + "/"}
    }));
});

self.addEventListener("notificationclick", function (event) {
    event.notification.close();
    const target = (event.notification.data && event.notification.data.url) || "/";
    event.waitUntil(
        self.clients.matchAll({type: "window", includeUncontrolled: true}).then(function (windows) {
            for (const client of windows) {
                if (client.url === target && "focus" in client) { return client.focus(); }
            }
            return self.clients.openWindow(target);
        })
    );
});
