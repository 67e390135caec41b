// RIAL Campus: small progressive enhancements. Every page works without this file.
(function () {
    "use strict";

    // Collapsible main navigation on small screens.
    var toggle = document.querySelector(".main-nav__toggle");
    if (toggle) {
        toggle.hidden = false;
        toggle.addEventListener("click", function () {
            var open = toggle.getAttribute("aria-expanded") === "true";
            toggle.setAttribute("aria-expanded", open ? "false" : "true");
        });
    }

    // A visitor's language links: the browser remembers the choice in the language
    // cookie (the server sets no cookie on a visitor's pages, which are shared from
    // its page cache), so that the site's root address opens in that language.
    var switcher = document.querySelector("[data-language-cookie]");
    if (switcher) {
        switcher.addEventListener("click", function (event) {
            var link = event.target.closest && event.target.closest("a[data-language]");
            if (!link) { return; }
            document.cookie = switcher.getAttribute("data-language-cookie") + "=" +
                encodeURIComponent(link.getAttribute("data-language")) + "; " +
                switcher.getAttribute("data-language-cookie-attributes");
        });
    }

    // A refused form comes back with its errors in a box (the address points at
    // it): make sure the box has the focus, so it is in sight and read out.
    var summary = document.querySelector("[data-error-summary]");
    if (summary && document.activeElement !== summary) {
        summary.focus();
    }

    // A long list grouped by country (the time zones) gets a box above it that keeps
    // the places and countries containing what is typed; without this script the
    // list is still searchable by typing its first letters.
    function plain(text) {
        return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    }
    document.querySelectorAll("select[data-filter-label]").forEach(function (select) {
        var box = document.createElement("input");
        var label = document.createElement("label");
        box.type = "search";
        box.id = select.id + "-filter";
        box.autocomplete = "off";
        box.className = "select-filter";
        label.htmlFor = box.id;
        label.className = "hint";
        label.textContent = select.getAttribute("data-filter-label");
        select.parentNode.insertBefore(label, select);
        select.parentNode.insertBefore(box, select);
        box.addEventListener("input", function () {
            var query = plain(box.value.trim());
            var first = null;
            select.querySelectorAll("optgroup").forEach(function (group) {
                var wholeGroup = plain(group.label).indexOf(query) !== -1;
                var shown = 0;
                group.querySelectorAll("option").forEach(function (option) {
                    option.hidden = !(wholeGroup || plain(option.text).indexOf(query) !== -1);
                    if (!option.hidden) {
                        shown += 1;
                        first = first || option;
                    }
                });
                group.hidden = shown === 0;
            });
            var selected = select.options[select.selectedIndex];
            if (first && (!selected || selected.hidden)) { first.selected = true; }
        });
    });

    // The account menu closes with Escape or a click elsewhere.
    var menus = document.querySelectorAll("details.account-menu");
    function closeAll(except) {
        menus.forEach(function (menu) {
            if (menu !== except) { menu.open = false; }
        });
    }
    document.addEventListener("click", function (event) {
        var inside = event.target.closest && event.target.closest("details.account-menu");
        closeAll(inside);
    });
    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") { return; }
        menus.forEach(function (menu) {
            if (menu.open) {
                menu.open = false;
                menu.querySelector("summary").focus();
            }
        });
    });

    // The installable app: its service worker shows an offline page when the
    // campus cannot be reached and receives pushes (templates/lms/app/sw.js).
    //
    // Offline, it shows the copy it kept of this person's pages (their dashboard, the
    // lessons of their current modules, their chat rooms): this page then says so.
    // A page of a signed-in person asks the worker to refresh those copies (it does
    // so at most every few minutes); a page of nobody's tells it to delete them, and
    // the chat messages still waiting to be sent (a shared computer keeps nothing of
    // the person who left).
    var worker = document.documentElement.getAttribute("data-service-worker");
    var offlineBanner = document.querySelector("[data-offline-banner]");
    var savedAt = document.documentElement.getAttribute("data-offline-saved");
    if (offlineBanner && savedAt) {
        var when = new Date(savedAt);
        var time = isNaN(when) ? "" : when.toLocaleTimeString(document.documentElement.lang || undefined,
            {hour: "2-digit", minute: "2-digit"});
        offlineBanner.textContent = offlineBanner.getAttribute("data-offline-banner").replace("%(time)s", time);
        offlineBanner.hidden = false;
    }
    if (!offlineBanner) {
        try {
            Object.keys(window.localStorage).forEach(function (key) {
                if (key.indexOf("rial-chat-outbox:") === 0) { window.localStorage.removeItem(key); }
            });
        } catch (error) {
            // Storage refused: nothing was kept either.
        }
    }
    if (worker && "serviceWorker" in navigator && window.isSecureContext) {
        navigator.serviceWorker.register(worker, {scope: "/"}).then(function () {
            return navigator.serviceWorker.ready;
        }).then(function (registration) {
            if (!registration.active) { return; }
            if (!offlineBanner) {
                registration.active.postMessage({type: "offline-forget"});
            } else if (!savedAt) {
                registration.active.postMessage({
                    type: "offline-sync", list: offlineBanner.getAttribute("data-offline-list")
                });
            }
        }).catch(function () {
            // A browser that refuses (private mode, a policy) keeps a working site.
        });
    }
    // The header's unread notifications, live: on a chat page the room's socket
    // brings the count (chat.js); on every other signed-in page, the person's own
    // socket (/ws/me/, forum/consumers.py PersonConsumer). Without this script the
    // page shows the count it was drawn with.
    function showUnread(frame) {
        var unread = Math.max(0, parseInt(frame.unread, 10) || 0);
        document.querySelectorAll("[data-unread-notifications]").forEach(function (holder) {
            holder.textContent = "";
            if (!unread) { return; }
            var badge = document.createElement("span");
            badge.className = "badge";
            badge.setAttribute("aria-hidden", "true");
            badge.textContent = String(unread);
            var said = document.createElement("span");
            said.className = "visually-hidden";
            said.textContent = frame.label || "";
            holder.appendChild(badge);
            holder.appendChild(said);
        });
        document.querySelectorAll("[data-notifications-link]").forEach(function (link) {
            var label = link.getAttribute("data-notifications-link");
            link.textContent = unread ? label + " (" + unread + ")" : label;
        });
    }
    window.RialCampus = window.RialCampus || {};
    window.RialCampus.showUnread = showUnread;

    var personal = document.querySelector("[data-person-socket]");
    if (personal && "WebSocket" in window && !document.getElementById("chat")) {
        var retries = 0;
        var stopped = false;  // 4401 signed out, 4429 too many pages: do not come back
        var open = function () {
            var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
            var socket = new WebSocket(scheme + window.location.host + personal.getAttribute("data-person-socket"));
            socket.addEventListener("open", function () { retries = 0; });
            socket.addEventListener("message", function (event) {
                var frame;
                try { frame = JSON.parse(event.data); } catch (error) { return; }
                if (frame && frame.type === "notifications") { showUnread(frame); }
            });
            socket.addEventListener("close", function (event) {
                if (stopped || event.code === 4401 || event.code === 4429) { stopped = true; return; }
                retries += 1;
                // Back off, spread so a restarted server is not met by every page at once.
                window.setTimeout(open, Math.min(60000, 1000 * Math.pow(2, retries)) * (0.5 + Math.random() / 2));
            });
        };
        open();
    }
})();
