// RIAL Campus chat room: live messages over /ws/chat/<room>/, without losing any.
//
// - Every message of a room has an id one higher than the previous one. The
//   client keeps the last id it showed; a message with a higher id than the
//   next one means some were missed, and it asks for them (history), or
//   reconnects with ?after=<last id> for a long absence (the server then sends
//   every message after it, and "gap" past 500).
// - What the person writes goes to an outbox with a client_id and stays there
//   until the server echoes it: after a disconnection it is sent again with the
//   same client_id, which the server recognises, so nothing is lost or doubled.
// - The server may close the socket for good (forum/consumers.py): 4401 the
//   session ended (one more try: a session renewed in this browser gets in),
//   4403 no access to the room any more, 4429 too many chat windows. The page
//   then says why, in the server's words, and stops reconnecting. An "access"
//   frame changes what the person may do (the composer becomes read-only).
// - Times are printed as the server prints them: in the person's profile zone
//   (data-time-zone) with Django's format of the page's language
//   (data-time-format), so a message shows the same time live and after a reload.
// - The page works without this script (server-rendered history, plain form).
(function () {
    "use strict";

    var root = document.getElementById("chat");
    if (!root || !("WebSocket" in window)) { return; }

    var strings = JSON.parse(document.getElementById("chat-strings").textContent);
    var slug = root.dataset.room;
    var canWrite = root.dataset.canWrite === "1";
    var canModerate = root.dataset.canModerate === "1";
    var helpfulUrl = root.dataset.helpfulUrl || "";
    var log = document.getElementById("chat-log");
    var statusLine = document.getElementById("chat-status");
    var typingLine = document.getElementById("chat-typing");
    var presentList = document.getElementById("chat-present");
    var form = document.getElementById("chat-form");
    var textarea = document.getElementById("chat-body");
    var errorLine = document.getElementById("chat-error");
    var previewBox = document.getElementById("chat-preview");
    var previewButton = document.getElementById("chat-preview-button");
    var earlierButton = document.getElementById("chat-earlier");
    var csrf = form ? form.querySelector("input[name=csrfmiddlewaretoken]").value : "";
    var language = document.documentElement.lang || "es";
    var formatTime = timeFormatter(root.dataset.timeZone, root.dataset.timeFormat, strings.day_periods || {});

    var lastId = parseInt(root.dataset.lastId || "0", 10);
    var buffered = {};          // id -> message received ahead of a missing one
    var outbox = [];            // [{client_id, body, element}] not yet echoed
    var socket = null;
    var retries = 0;
    var retryTimer = null;
    var lastTraffic = Date.now();
    var probeSent = 0;
    var historyPurpose = [];    // what each pending history request is for
    var typingPeople = {};
    var lastTypingSent = 0;
    var readTimer = null;
    var ENDINGS = { 4401: true, 4403: true, 4429: true };  // close codes: do not come back
    var ended = false;          // closed for good: no more reconnecting
    var endMessage = "";        // why, from the server's error frame
    var checkingSession = false; // after 4401, one more try before giving up

    function setStatus(state, text) {
        statusLine.dataset.state = state;
        statusLine.textContent = text;
    }

    // What the person may do changed: say so where they write (or read).
    function notice(text) {
        if (errorLine) { errorLine.textContent = text; } else { statusLine.textContent = text; }
    }

    function setComposer(writable) {
        if (!form) { return; }
        textarea.readOnly = !writable;
        form.querySelectorAll("button").forEach(function (button) { button.disabled = !writable; });
    }

    function setModeration(moderates) {
        canModerate = moderates;
        if (!moderates) {
            log.querySelectorAll(".chat__delete").forEach(function (button) { button.remove(); });
        }
    }

    // Closed for good (signed out, no access, too many windows): say why, stop.
    function end(text) {
        ended = true;
        clearTimeout(retryTimer);
        setStatus("ended", text);
        setComposer(false);
    }

    // The person sees the end of the history (the page goes on below it: the
    // composer, on a phone pinned over the history, and more): follow new messages.
    function atBottom() {
        var last = log.lastElementChild;
        if (!last) { return true; }
        var limit = window.innerHeight;
        if (form && getComputedStyle(form).position === "sticky") {
            limit = Math.min(limit, form.getBoundingClientRect().top);
        }
        return last.getBoundingClientRect().bottom <= limit + 80;
    }

    // Scroll a new message into sight: above the composer where it is pinned
    // over the history (a phone), else at the bottom of the window.
    function reveal(element) {
        if (!form || getComputedStyle(form).position !== "sticky") {
            element.scrollIntoView({ block: "end" });
            return;
        }
        var box = element.getBoundingClientRect();
        var overlap = box.bottom - form.getBoundingClientRect().top + 8;
        if (overlap > 0) {
            window.scrollBy(0, overlap);
        } else if (box.top < 0) {
            element.scrollIntoView({ block: "start" });
        }
    }

    function newId() {
        if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
        return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, function (c) {
            var r = Math.random() * 16 | 0;
            return (c === "x" ? r : (r & 0x3 | 0x8)).toString(16);
        });
    }

    // --- time -------------------------------------------------------------------------------

    // A function printing a Date like Django's date filter with ``format`` in
    // ``zone``: d j m n Y y H G h g i s a A f P and backslash escapes (what the
    // site's languages use). Another letter, or a zone the browser does not
    // know, falls back to the browser's own short format.
    function timeFormatter(zone, format, words) {
        var fallback = new Intl.DateTimeFormat(language, { dateStyle: "short", timeStyle: "short" });
        var partsFormat;
        try {
            partsFormat = new Intl.DateTimeFormat("en-US", {
                timeZone: zone || undefined, hourCycle: "h23",
                year: "numeric", month: "numeric", day: "numeric",
                hour: "numeric", minute: "numeric", second: "numeric",
            });
        } catch (e) {
            return function (date) { return fallback.format(date); };
        }
        // Django's format letters this function does not print.
        if (!format || /[bcDeEFIlLMNoOrStTUuwWzZ]/.test(format.replace(/\\./g, ""))) {
            return function (date) { return fallback.format(date); };
        }
        function pad(n) { return (n < 10 ? "0" : "") + n; }
        return function (date) {
            var p = {};
            partsFormat.formatToParts(date).forEach(function (part) { p[part.type] = parseInt(part.value, 10); });
            var hour = p.hour % 24, hour12 = hour % 12 || 12;
            var period = hour < 12 ? words.am : words.pm;
            var short = p.minute ? hour12 + ":" + pad(p.minute) : String(hour12);
            var out = "";
            for (var i = 0; i < format.length; i++) {
                var c = format.charAt(i);
                switch (c) {
                    case "\\": i += 1; out += format.charAt(i); break;
                    case "d": out += pad(p.day); break;
                    case "j": out += p.day; break;
                    case "m": out += pad(p.month); break;
                    case "n": out += p.month; break;
                    case "Y": out += p.year; break;
                    case "y": out += pad(p.year % 100); break;
                    case "H": out += pad(hour); break;
                    case "G": out += hour; break;
                    case "h": out += pad(hour12); break;
                    case "g": out += hour12; break;
                    case "i": out += pad(p.minute); break;
                    case "s": out += pad(p.second); break;
                    case "a": out += period; break;
                    case "A": out += hour < 12 ? words.AM : words.PM; break;
                    case "f": out += short; break;
                    case "P":
                        if (!p.minute && hour === 0) { out += words.midnight; } else if (!p.minute && hour === 12) { out += words.noon; } else { out += short + " " + period; }
                        break;
                    default: out += c;
                }
            }
            return out;
        };
    }

    // A valid <time datetime>: UTC, to the second (the server's frames carry microseconds).
    function machineTime(iso) {
        return new Date(iso).toISOString().replace(/\.\d+Z$/, "Z");
    }

    // --- rendering -------------------------------------------------------------------------

    function roleTag(role) {
        var tag = document.createElement("span");
        tag.className = "tag tag--small";
        tag.textContent = strings.roles[role] || role;
        return tag;
    }

    function renderMessage(message, pending) {
        var item = document.createElement("li");
        item.className = "chat__message" + (pending ? " chat__message--pending" : "");
        if (message.deleted) { item.className += " chat__message--deleted"; }
        if (message.id) {
            item.id = "m-" + message.id;
            item.dataset.id = message.id;
        }
        var meta = document.createElement("p");
        meta.className = "chat__meta";
        var author = document.createElement("span");
        author.className = "chat__author";
        author.textContent = message.author.name;
        meta.appendChild(author);
        (message.author.roles || []).forEach(function (role) {
            if (role !== "participant") { meta.appendChild(document.createTextNode(" ")); meta.appendChild(roleTag(role)); }
        });
        meta.appendChild(document.createTextNode(" "));
        var time = document.createElement("time");
        time.className = "chat__time";
        if (pending) {
            time.textContent = strings.sending;
        } else {
            time.dateTime = machineTime(message.created);
            time.textContent = formatTime(new Date(message.created));
        }
        meta.appendChild(time);
        if (canModerate && message.id && !message.deleted) {
            meta.appendChild(document.createTextNode(" "));
            meta.appendChild(deleteButton(message.id, message.author.name));
        }
        item.appendChild(meta);
        var body = document.createElement("div");
        if (message.deleted) {
            body.className = "chat__body meta";
            body.textContent = strings.deleted;
        } else {
            body.className = "chat__body user-text";
            if (pending) {
                body.textContent = message.body;
            } else {
                // body_html was rendered and cleaned by the server (lms/markup.py).
                body.innerHTML = message.body_html;
            }
        }
        item.appendChild(body);
        if (helpfulUrl && message.id && !message.deleted && !pending &&
                String(message.author.id) !== root.dataset.userId) {
            item.appendChild(helpfulForm(message.id));
            showAnswered();
        }
        return item;
    }

    // An expert's message answers a waiting question: say so without a reload.
    function showAnswered() {
        var status = document.getElementById("question-status");
        if (status && status.dataset.answered) {
            status.textContent = status.dataset.answered;
            status.className = "tag tag--ok";
            delete status.dataset.answered;
        }
        var waiting = document.getElementById("question-waiting");
        if (waiting) { waiting.hidden = true; }
    }

    // On a question to experts, the asker marks the answer that helped (a plain form).
    function helpfulForm(id) {
        var helpful = document.createElement("form");
        helpful.method = "post";
        helpful.action = helpfulUrl;
        helpful.className = "chat__helpful";
        [["csrfmiddlewaretoken", csrf], ["seq", String(id)]].forEach(function (pair) {
            var input = document.createElement("input");
            input.type = "hidden";
            input.name = pair[0];
            input.value = pair[1];
            helpful.appendChild(input);
        });
        var button = document.createElement("button");
        button.type = "submit";
        button.className = "link-button";
        button.textContent = strings.helpful;
        helpful.appendChild(button);
        return helpful;
    }

    function deleteButton(id, name) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "link-button chat__delete";
        button.dataset.id = id;
        button.textContent = strings.delete;
        button.setAttribute("aria-label", strings.delete + " — " + name);
        return button;
    }

    function removeEmptyNote() {
        var empty = document.getElementById("chat-empty");
        if (empty) { empty.remove(); }
    }

    function show(message) {
        // The echo of one of our own messages replaces its "sending…" copy.
        for (var i = 0; i < outbox.length; i++) {
            if (outbox[i].client_id === message.client_id) {
                outbox[i].element.remove();
                outbox.splice(i, 1);
                break;
            }
        }
        stoppedTyping(message.author.id);
        if (document.getElementById("m-" + message.id)) { return; }
        removeEmptyNote();
        var follow = atBottom();
        var element = renderMessage(message, false);
        // Keep the log in id order even when history fills a hole; messages
        // still being sent stay last.
        var before = log.querySelector(".chat__message--pending");
        var items = log.querySelectorAll("li[data-id]");
        for (var j = 0; j < items.length; j++) {
            if (parseInt(items[j].dataset.id, 10) > message.id) { before = items[j]; break; }
        }
        log.insertBefore(element, before);
        if (follow) { reveal(element); }
    }

    // --- receiving ---------------------------------------------------------------------------

    function accept(message) {
        if (message.id <= lastId) { show(message); return; }
        if (message.id === lastId + 1) {
            show(message);
            lastId = message.id;
            while (buffered[lastId + 1]) {
                var nextMessage = buffered[lastId + 1];
                delete buffered[lastId + 1];
                show(nextMessage);
                lastId = nextMessage.id;
            }
            scheduleRead();
            return;
        }
        // Messages are missing between lastId and this one.
        buffered[message.id] = message;
        var missing = message.id - lastId - 1;
        if (missing > 100) { reconnect(0); return; }
        requestHistory(message.id, missing, "fill");
    }

    function requestHistory(before, limit, purpose) {
        historyPurpose.push(purpose);
        send({ type: "history", before: before, limit: Math.max(1, Math.min(100, limit)) });
    }

    function onHistory(frame) {
        var purpose = historyPurpose.shift() || "fill";
        if (purpose === "probe") { return; }
        if (purpose === "earlier") {
            var first = log.querySelector("li[data-id]");
            frame.messages.forEach(function (message) {
                if (!document.getElementById("m-" + message.id)) {
                    log.insertBefore(renderMessage(message, false), first);
                }
            });
            if (earlierButton) { earlierButton.hidden = !frame.has_more; }
            return;
        }
        frame.messages.forEach(accept);
    }

    function onPresence(frame) {
        presentList.textContent = "";
        if (!frame.users.length) {
            var nobody = document.createElement("li");
            nobody.className = "meta";
            nobody.textContent = strings.nobody;
            presentList.appendChild(nobody);
        }
        frame.users.forEach(function (user) {
            var item = document.createElement("li");
            item.textContent = user.name;
            presentList.appendChild(item);
        });
    }

    function onTyping(frame) {
        var id = frame.user.id;
        if (String(id) === root.dataset.userId) { return; }
        clearTimeout((typingPeople[id] || {}).timer);
        typingPeople[id] = {
            name: frame.user.name,
            timer: setTimeout(function () { delete typingPeople[id]; drawTyping(); }, 4000),
        };
        drawTyping();
    }

    // Their message arrived: they are no longer writing it.
    function stoppedTyping(id) {
        var typing = typingPeople[id];
        if (!typing) { return; }
        clearTimeout(typing.timer);
        delete typingPeople[id];
        drawTyping();
    }

    function drawTyping() {
        typingLine.textContent = Object.keys(typingPeople).map(function (id) {
            return strings.typing.replace("%(name)s", typingPeople[id].name);
        }).join(" ");
    }

    function onDeleted(frame) {
        var item = document.getElementById("m-" + frame.id);
        if (!item) { return; }
        item.classList.add("chat__message--deleted");
        var body = item.querySelector(".chat__body");
        body.className = "chat__body meta";
        body.textContent = strings.deleted;
        var button = item.querySelector(".chat__delete");
        if (button) { button.remove(); }
    }

    function onError(frame) {
        if (["signed_out", "no_access", "too_many_sockets"].indexOf(frame.code) >= 0) {
            endMessage = frame.message;  // the close follows
            return;
        }
        if (errorLine) { errorLine.textContent = frame.message; }
        if (["rate_limited", "too_long", "muted", "forbidden"].indexOf(frame.code) >= 0 && outbox.length) {
            // The last message sent was refused: give its text back.
            var refused = outbox.pop();
            refused.element.remove();
            if (textarea && !textarea.value) { textarea.value = refused.body; }
        }
    }

    function onAccess(frame) {
        canWrite = frame.can_write;
        setComposer(canWrite);
        setModeration(frame.can_moderate);
        notice(frame.message);
    }

    function onFrame(event) {
        if (event.target !== socket) { return; }  // a socket replaced meanwhile
        lastTraffic = Date.now();
        var frame;
        try { frame = JSON.parse(event.data); } catch (e) { return; }
        switch (frame.type) {
            case "hello":
                retries = 0;
                checkingSession = false;
                setStatus("online", strings.connected);
                if (errorLine) { errorLine.textContent = ""; }
                canWrite = frame.can_write;
                setComposer(canWrite);
                setModeration(frame.can_moderate);
                // ?after=<lastId> in the URL brings what was missed while away.
                flushOutbox();
                break;
            case "message": accept(frame); break;
            case "history": onHistory(frame); break;
            case "presence": onPresence(frame); break;
            case "typing": onTyping(frame); break;
            case "deleted": onDeleted(frame); break;
            // Frames were missed: reconnect with ?after=. Spread over a second, as
            // every window of a server may be told at once.
            case "gap": reconnect(Math.random() * 1000); break;
            case "access": onAccess(frame); break;
            case "error": onError(frame); break;
        }
    }

    // --- connection ---------------------------------------------------------------------------

    function url() {
        var scheme = location.protocol === "https:" ? "wss://" : "ws://";
        return scheme + location.host + "/ws/chat/" + encodeURIComponent(slug) + "/?after=" + lastId;
    }

    function connect() {
        clearTimeout(retryTimer);
        if (ended) { return; }
        if (socket && (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING)) { return; }
        if (!checkingSession) {
            setStatus("connecting", retries ? strings.reconnecting : strings.connecting);
        }
        historyPurpose = [];
        socket = new WebSocket(url());
        socket.addEventListener("message", onFrame);
        socket.addEventListener("close", onClose);
    }

    function onClose(event) {
        if (event.target !== socket) { return; }  // replaced on purpose (reconnect)
        socket = null;
        if (ended) { return; }
        if (event.code === 4401 && !checkingSession) {
            // A password changed in this browser renews its session: try once.
            checkingSession = true;
            retryTimer = setTimeout(connect, 0);
            return;
        }
        if (ENDINGS[event.code] || checkingSession) {
            end(endMessage || statusLine.textContent);
            return;
        }
        reconnect(Math.min(30000, 1000 * Math.pow(2, retries)) * (0.5 + Math.random() / 2));
    }

    function reconnect(delay) {
        if (ended) { return; }
        if (socket) { var old = socket; socket = null; try { old.close(); } catch (e) { /* closed already */ } }
        clearTimeout(retryTimer);
        retries += 1;
        setStatus(navigator.onLine === false ? "offline" : "reconnecting",
                  navigator.onLine === false ? strings.offline : strings.reconnecting);
        retryTimer = setTimeout(connect, delay);
    }

    function send(frame) {
        if (socket && socket.readyState === WebSocket.OPEN) {
            socket.send(JSON.stringify(frame));
            return true;
        }
        return false;
    }

    function flushOutbox() {
        outbox.forEach(function (item) {
            send({ type: "message", client_id: item.client_id, body: item.body });
        });
    }

    // A connection that silently died (sleep, network change) is noticed by a
    // cheap request that must be answered.
    setInterval(function () {
        if (!socket || socket.readyState !== WebSocket.OPEN) { return; }
        if (probeSent && Date.now() - probeSent > 10000 && lastTraffic < probeSent) {
            probeSent = 0;
            reconnect(0);
            return;
        }
        if (Date.now() - lastTraffic > 25000 && !probeSent) {
            probeSent = Date.now();
            requestHistory(1, 1, "probe");
        } else if (lastTraffic >= probeSent) {
            probeSent = 0;
        }
    }, 5000);

    window.addEventListener("online", function () { reconnect(0); });
    window.addEventListener("offline", function () {
        if (!ended) { setStatus("offline", strings.offline); }
    });
    document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "visible") {
            if (!socket) { connect(); }
            scheduleRead();
        }
    });

    // --- reading ----------------------------------------------------------------------------

    function scheduleRead() {
        if (document.visibilityState !== "visible") { return; }
        clearTimeout(readTimer);
        readTimer = setTimeout(function () {
            var body = new URLSearchParams({ seq: String(lastId) });
            fetch(root.dataset.readUrl, {
                method: "POST",
                headers: { "X-CSRFToken": csrf },
                credentials: "same-origin",
                body: body,
            }).catch(function () { /* counted next time */ });
        }, 1500);
    }

    // --- writing ------------------------------------------------------------------------------

    if (form && canWrite) {
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            var body = textarea.value;
            if (!body.trim() || !canWrite || ended) { return; }
            errorLine.textContent = "";
            var item = { client_id: newId(), body: body };
            item.element = renderMessage({ author: { name: "", roles: [] }, body: body }, true);
            item.element.querySelector(".chat__author").textContent = "";
            removeEmptyNote();
            log.appendChild(item.element);
            reveal(item.element);
            outbox.push(item);
            send({ type: "message", client_id: item.client_id, body: body });
            textarea.value = "";
            hidePreview();
        });
        textarea.addEventListener("keydown", function (event) {
            if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                form.requestSubmit();
            }
        });
        textarea.addEventListener("input", function () {
            if (Date.now() - lastTypingSent > 3000) {
                lastTypingSent = Date.now();
                send({ type: "typing" });
            }
        });
        previewButton.hidden = false;
        previewButton.addEventListener("click", function () {
            if (!previewBox.hidden) { hidePreview(); return; }
            var body = new URLSearchParams({ body: textarea.value });
            fetch(root.dataset.previewUrl, {
                method: "POST",
                headers: { "X-CSRFToken": csrf },
                credentials: "same-origin",
                body: body,
            }).then(function (response) { return response.json(); }).then(function (data) {
                if (data.error) { errorLine.textContent = data.error; return; }
                previewBox.innerHTML = data.html || "";  // cleaned by lms/markup.py
                if (!data.html) { previewBox.textContent = strings.empty_preview; }
                previewBox.hidden = false;
                previewButton.textContent = strings.edit;
                previewButton.setAttribute("aria-expanded", "true");
            });
        });
    }

    function hidePreview() {
        if (!previewBox) { return; }
        previewBox.hidden = true;
        previewBox.textContent = "";
        previewButton.textContent = strings.preview;
        previewButton.setAttribute("aria-expanded", "false");
    }

    if (earlierButton) {
        earlierButton.hidden = false;
        earlierButton.addEventListener("click", function () {
            var first = log.querySelector("li[data-id]");
            if (first) { requestHistory(parseInt(first.dataset.id, 10), 50, "earlier"); }
        });
    }

    log.addEventListener("click", function (event) {
        var button = event.target.closest(".chat__delete");
        if (!button) { return; }
        send({ type: "delete", id: parseInt(button.dataset.id, 10) });
    });
    log.querySelectorAll(".chat__delete").forEach(function (button) { button.hidden = false; });

    connect();
})();
