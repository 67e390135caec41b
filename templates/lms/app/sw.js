// RIAL Campus service worker (served at /sw.js by lms.views.app.service_worker).
//
// - Pages: every page still comes from the network; when the network cannot be
//   reached, the "You are offline" page of the address's language is shown
//   instead of the browser's error. Nothing else is cached.
// - Pushes (lms.services.push): each push is a notification written for this
//   person; it is shown with its title and text, and a click opens its address
//   (or focuses a window already there).
"use strict";

const CONFIG = {{ config|safe }};
const CACHE = "rial-offline-" + CONFIG.version;

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

self.addEventListener("fetch", function (event) {
    const request = event.request;
    if (request.method !== "GET") { return; }
    if (request.mode === "navigate") {
        event.respondWith(fetch(request).catch(function () {
            return caches.open(CACHE).then(function (cache) {
                return cache.match(offlinePageFor(request.url));
            }).then(function (response) { return response || Response.error(); });
        }));
        return;
    }
    // The offline page's own stylesheet and images, when the network is gone.
    const path = new URL(request.url).pathname;
    if (CONFIG.assets.indexOf(path) !== -1) {
        event.respondWith(fetch(request).catch(function () {
            return caches.open(CACHE).then(function (cache) { return cache.match(path); })
                .then(function (response) { return response || Response.error(); });
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
