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
//   The outbox is also kept in the browser (localStorage, per person and room), so
//   a message written offline survives a reload (of the copy the app kept offline,
//   say) and is sent when the room connects again; until then it says "will be
//   sent". site.js deletes these when nobody is signed in any more.
// - The server may close the socket for good (forum/consumers.py): 4401 the
//   session ended (one more try: a session renewed in this browser gets in),
//   4403 no access to the room any more, 4429 too many chat windows. The page
//   then says why, in the server's words, and stops reconnecting. An "access"
//   frame changes what the person may do (the composer becomes read-only).
// - Times are printed as the server prints them: in the person's profile zone
//   (data-time-zone) with Django's format of the page's language
//   (data-time-format), so a message shows the same time live and after a reload.
// - Threads: a message with reply_to lives in the thread of that message, not in the
//   room's log (its id still counts for the no-holes rule); the room shows the
//   thread's reply count, and the thread opens in a panel (full screen on a phone).
// - Edits, deletions and reactions carry the room's change number; the client keeps
//   the last one it saw and reconnects with &changes=<it>, so the server sends what
//   changed while it was away (forum/consumers.py).
// - The page works without this script (server-rendered history, plain forms, a
//   thread page, an edit page).
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
    var lastChange = parseInt(root.dataset.lastChange || "0", 10);
    var userId = root.dataset.userId;
    var reactionSet = [];       // the emoji offered (hello)
    var thread = document.getElementById("chat-thread");
    var threadLog = document.getElementById("chat-thread-log");
    var threadForm = document.getElementById("chat-thread-form");
    var threadBody = document.getElementById("chat-thread-body");
    var threadError = document.getElementById("chat-thread-error");
    var threadId = 0;           // the thread open in the panel (0: none)
    var threadOpener = null;    // where focus goes back when it closes
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
        markQueued();
    }

    // --- the outbox, kept in the browser --------------------------------------------------------

    var OUTBOX_KEY = "rial-chat-outbox:" + userId + ":" + slug;
    var OUTBOX_KEPT = 50;
    // Messages delivered or refused since this page opened: another tab of the same
    // room shares the stored outbox, and keeps there what it still waits to send.
    var settled = {};

    function saveOutbox() {
        var mine = {};
        var pending = outbox.filter(function (item) { return !item.uploaded; })
            .map(function (item) {
                mine[item.client_id] = true;
                return { client_id: item.client_id, body: item.body, reply_to: item.reply_to || null };
            });
        var others = loadOutbox().filter(function (item) {
            return item && !settled[item.client_id] && !mine[item.client_id];
        });
        var kept = others.concat(pending).slice(-OUTBOX_KEPT);
        try {
            if (kept.length) {
                localStorage.setItem(OUTBOX_KEY, JSON.stringify(kept));
            } else {
                localStorage.removeItem(OUTBOX_KEY);
            }
        } catch (e) { /* storage refused or full: the outbox of this page still holds them */ }
    }

    function loadOutbox() {
        try {
            var kept = JSON.parse(localStorage.getItem(OUTBOX_KEY) || "[]");
            return Array.isArray(kept) ? kept : [];
        } catch (e) {
            return [];
        }
    }

    // Waiting messages say whether they are on their way or wait for the connection.
    function markQueued() {
        var online = statusLine.dataset.state === "online";
        outbox.forEach(function (item) {
            if (item.uploaded || !item.element) { return; }
            var time = item.element.querySelector(".chat__time");
            if (time) { time.textContent = online ? strings.sending : strings.queued; }
            item.element.classList.toggle("chat__message--queued", !online);
        });
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
            // What only moderators may do on others' messages goes away.
            root.querySelectorAll(".chat__message").forEach(function (item) {
                if (item.dataset.author === userId) { return; }
                item.querySelectorAll(".chat__delete, .chat__edit").forEach(function (b) { b.remove(); });
            });
            root.querySelectorAll(".chat__pin").forEach(function (button) { button.remove(); });
        }
    }

    function fill(text, values) {
        return text.replace(/%\((\w+)\)s/g, function (_m, name) { return values[name]; });
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

    // The verified actor type beside a name, as lms_tags' voice_badge draws it: the short
    // name in text, the full name for screen readers.
    function voiceBadge(code) {
        var names = strings.voices[code];
        var badge = document.createElement("span");
        badge.className = "voice voice--" + code;
        var abbr = document.createElement("abbr");
        abbr.title = names.full;
        abbr.setAttribute("aria-hidden", "true");
        abbr.textContent = names.short;
        var full = document.createElement("span");
        full.className = "visually-hidden";
        full.textContent = "(" + names.full + ")";
        badge.appendChild(abbr);
        badge.appendChild(full);
        return badge;
    }

    function renderMessage(message, pending, inThread) {
        var item = document.createElement("li");
        item.className = "chat__message" + (pending ? " chat__message--pending" : "");
        if (message.deleted) { item.className += " chat__message--deleted"; }
        if (message.reply_to) { item.className += " chat__message--reply"; }
        if (message.id) {
            // The room's log holds one copy with id m-<id>; the thread panel its own.
            if (!inThread) { item.id = "m-" + message.id; }
            item.dataset.id = message.id;
        }
        if (message.author && message.author.id) { item.dataset.author = message.author.id; }
        var meta = document.createElement("p");
        meta.className = "chat__meta";
        var author = document.createElement("span");
        author.className = "chat__author";
        author.textContent = message.author.name;
        meta.appendChild(author);
        if (message.author.voice && strings.voices && strings.voices[message.author.voice]) {
            meta.appendChild(voiceBadge(message.author.voice));
        }
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
        if (message.pinned && !message.deleted) { meta.appendChild(pinnedMark()); }
        if (message.edited && !message.deleted) { meta.appendChild(editedMark()); }
        var own = message.author && String(message.author.id) === userId;
        if (message.id && !message.deleted && !pending) {
            if (canModerate || (own && canWrite)) {
                meta.appendChild(document.createTextNode(" "));
                meta.appendChild(actionButton("edit", strings.edit_message, message.id, message.author.name));
            }
            if (canModerate && !inThread) {
                var pin = actionButton("pin", message.pinned ? strings.unpin : strings.pin, message.id, message.author.name);
                pin.dataset.on = message.pinned ? "0" : "1";
                meta.appendChild(document.createTextNode(" "));
                meta.appendChild(pin);
            }
            if (canModerate || own) {
                meta.appendChild(document.createTextNode(" "));
                meta.appendChild(actionButton("delete", strings.delete, message.id, message.author.name));
            }
        }
        item.appendChild(meta);
        var body = document.createElement("div");
        if (message.deleted) {
            body.className = "chat__body meta";
            body.textContent = message.deleted_by === "author" ? strings.deleted_by_author : strings.deleted;
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
        if (message.files && message.files.length && !message.deleted) {
            item.appendChild(fileList(message.files));
        }
        if (message.id && !message.deleted && !pending) {
            var reactions = document.createElement("div");
            reactions.className = "chat__reactions";
            reactions.dataset.id = message.id;
            item.appendChild(reactions);
            drawReactions(reactions, message.reactions || {});
            if (!inThread && !message.reply_to) {
                item.appendChild(threadLinks(message.id, message.replies || 0));
            }
        }
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

    // Files shared with a message: images shown (at most their box), documents linked.
    function fileList(files) {
        var list = document.createElement("ul");
        list.className = "chat__files";
        files.forEach(function (file) {
            var item = document.createElement("li");
            var link = document.createElement("a");
            link.href = file.url;
            if (file.image) {
                var image = document.createElement("img");
                image.src = file.url;
                image.alt = file.name;
                image.loading = "lazy";
                image.className = "chat__image";
                link.appendChild(image);
                item.appendChild(link);
            } else {
                link.textContent = file.name;
                item.appendChild(link);
                var size = document.createElement("span");
                size.className = "meta";
                size.textContent = " (" + Math.max(1, Math.round(file.size / 1024)) + " KB)";
                item.appendChild(size);
            }
            list.appendChild(item);
        });
        return list;
    }

    function pinnedMark() {
        var wrap = document.createDocumentFragment();
        var tag = document.createElement("span");
        tag.className = "tag tag--small chat__pinned";
        tag.textContent = strings.pinned;
        wrap.appendChild(document.createTextNode(" "));
        wrap.appendChild(tag);
        return wrap;
    }

    // The pinned messages above the log: [{id, author, excerpt}], newest first.
    function drawPins(pins) {
        var box = document.getElementById("chat-pins");
        var list = document.getElementById("chat-pins-list");
        if (!box || !list) { return; }
        list.textContent = "";
        pins.forEach(function (pin) {
            var item = document.createElement("li");
            var link = document.createElement("a");
            link.href = "#m-" + pin.id;
            var author = document.createElement("span");
            author.className = "chat__author";
            author.textContent = pin.author;
            link.appendChild(author);
            link.appendChild(document.createTextNode(": " + pin.excerpt));
            item.appendChild(link);
            list.appendChild(item);
        });
        box.hidden = !pins.length;
    }

    function onPinned(frame) {
        changed(frame);
        drawPins(frame.pins || []);
        copies(frame.id).forEach(function (item) {
            var tag = item.querySelector(".chat__pinned");
            if (frame.on && !tag) {
                item.querySelector(".chat__time").before(pinnedMark());
            } else if (!frame.on && tag) {
                tag.remove();
            }
            var button = item.querySelector(".chat__pin");
            if (button) {
                button.dataset.on = frame.on ? "0" : "1";
                button.textContent = frame.on ? strings.unpin : strings.pin;
            }
        });
    }

    function editedMark() {
        var mark = document.createElement("span");
        mark.className = "chat__edited meta";
        mark.textContent = strings.edited;
        var wrap = document.createDocumentFragment();
        wrap.appendChild(document.createTextNode(" "));
        wrap.appendChild(mark);
        return wrap;
    }

    // Edit or Delete on a message: the author's name tells a screen reader which one.
    function actionButton(kind, label, id, name) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "link-button chat__" + kind;
        button.dataset.id = id;
        button.textContent = label;
        button.setAttribute("aria-label", label + " — " + name);
        return button;
    }

    // The reply count (or "Reply in thread"), a link to the thread page that the
    // script opens in the panel.
    function threadLinks(id, count) {
        var line = document.createElement("p");
        line.className = "chat__thread-links";
        if (!count && !canWrite) { return line; }
        var link = document.createElement("a");
        link.href = root.dataset.threadUrl.replace(/\/0\/$/, "/" + id + "/");
        link.dataset.id = id;
        link.className = "chat__replies" + (count ? "" : " chat__replies--none");
        link.textContent = repliesText(count);
        line.appendChild(link);
        return line;
    }

    function repliesText(count) {
        if (!count) { return strings.reply; }
        return count === 1 ? strings.replies_one : fill(strings.replies_many, { n: count });
    }

    // The pills of a message's reactions ({emoji: [person ids]}) and, for those who
    // may write, the choice of the set. Buttons: aria-pressed says whether it is mine.
    function drawReactions(box, given) {
        box.textContent = "";
        Object.keys(given).forEach(function (emoji) {
            var users = given[emoji] || [];
            if (!users.length) { return; }
            var mine = users.some(function (id) { return String(id) === userId; });
            var button = document.createElement("button");
            button.type = "button";
            button.className = "chat__reaction";
            button.dataset.emoji = emoji;
            button.setAttribute("aria-pressed", mine ? "true" : "false");
            button.disabled = !canWrite;
            var face = document.createElement("span");
            face.setAttribute("aria-hidden", "true");
            face.textContent = emoji + " " + users.length;
            var label = document.createElement("span");
            label.className = "visually-hidden";
            label.textContent = fill(strings.reaction_label, { emoji: emoji, n: users.length });
            button.appendChild(face);
            button.appendChild(label);
            box.appendChild(button);
        });
        if (!canWrite || !reactionSet.length) { return; }
        var details = document.createElement("details");
        details.className = "chat__react";
        var summary = document.createElement("summary");
        summary.textContent = strings.react;
        details.appendChild(summary);
        var choices = document.createElement("div");
        choices.className = "chat__react-choices";
        reactionSet.forEach(function (emoji) {
            var choice = document.createElement("button");
            choice.type = "button";
            choice.className = "chat__reaction-choice";
            choice.dataset.emoji = emoji;
            choice.textContent = emoji;
            choices.appendChild(choice);
        });
        details.appendChild(choices);
        box.appendChild(details);
    }

    // Every copy of a message on the page: in the room's log and in the open thread.
    function copies(id) {
        return Array.prototype.slice.call(
            root.querySelectorAll(".chat__message[data-id=\"" + id + "\"]"));
    }


    function removeEmptyNote() {
        var empty = document.getElementById("chat-empty");
        if (empty) { empty.remove(); }
    }

    function show(message, fresh) {
        // The echo of one of our own messages replaces its "sending…" copy.
        var ours = false;
        for (var i = 0; i < outbox.length; i++) {
            if (outbox[i].client_id === message.client_id) {
                outbox[i].element.remove();
                outbox.splice(i, 1);
                ours = true;
                break;
            }
        }
        if (message.client_id && (ours || String(message.author.id) === String(userId))) {
            settled[message.client_id] = true;  // sent from here or from another tab
            saveOutbox();
        }
        stoppedTyping(message.author.id);
        if (message.reply_to) { showReply(message, fresh); return; }
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

    // A reply: the thread's count grows (once: only a reply newer than what the page
    // had counted), and the open thread shows it.
    function showReply(message, fresh) {
        if (fresh) {
            var parent = document.getElementById("m-" + message.reply_to);
            var link = parent && parent.querySelector(".chat__replies");
            if (link) {
                var count = (parseInt(link.dataset.count || "", 10) || countOf(link)) + 1;
                link.dataset.count = count;
                link.textContent = repliesText(count);
                link.classList.remove("chat__replies--none");
            }
        }
        if (threadId === message.reply_to && threadLog &&
                !threadLog.querySelector(".chat__message[data-id=\"" + message.id + "\"]")) {
            var empty = threadLog.querySelector(".chat__empty");
            if (empty) { empty.remove(); }
            var before = threadLog.querySelector(".chat__message--pending");
            threadLog.insertBefore(renderMessage(message, false, true), before);
            threadLog.scrollTop = threadLog.scrollHeight;
        }
    }

    function countOf(link) {
        if (link.classList.contains("chat__replies--none")) { return 0; }
        return parseInt(link.textContent, 10) || 0;
    }

    function accept(message) {
        if (message.id <= lastId) { show(message, false); return; }
        if (message.id === lastId + 1) {
            show(message, true);
            lastId = message.id;
            while (buffered[lastId + 1]) {
                var nextMessage = buffered[lastId + 1];
                delete buffered[lastId + 1];
                show(nextMessage, true);
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
                if (!message.reply_to && !document.getElementById("m-" + message.id)) {
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
        // A large session names its first people only, and counts the others.
        var others = (frame.count || 0) - frame.users.length;
        if (others > 0) {
            var more = document.createElement("li");
            more.className = "meta";
            more.textContent = "+" + others.toLocaleString(document.documentElement.lang);
            presentList.appendChild(more);
        }
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

    function changed(frame) {
        if (frame.change && frame.change > lastChange) { lastChange = frame.change; }
    }

    function onDeleted(frame) {
        changed(frame);
        if (frame.reply_to) {
            var parent = document.getElementById("m-" + frame.reply_to);
            var link = parent && parent.querySelector(".chat__replies");
            // Each deletion comes once (live, or in a catch-up of later changes).
            if (link) {
                var count = Math.max(0, (parseInt(link.dataset.count || "", 10) || countOf(link)) - 1);
                link.dataset.count = count;
                link.textContent = repliesText(count);
                link.classList.toggle("chat__replies--none", !count);
            }
        }
        var pinLink = document.querySelector("#chat-pins-list a[href=\"#m-" + frame.id + "\"]");
        if (pinLink) {
            pinLink.parentNode.remove();
            document.getElementById("chat-pins").hidden = !document.querySelector("#chat-pins-list li");
        }
        copies(frame.id).forEach(function (item) {
            item.classList.add("chat__message--deleted");
            var body = item.querySelector(".chat__body");
            body.className = "chat__body meta";
            body.textContent = frame.by === "author" ? strings.deleted_by_author : strings.deleted;
            item.querySelectorAll(".chat__delete, .chat__edit, .chat__edited, .chat__reactions, .chat__edit-form, .chat__pin, .chat__pinned")
                .forEach(function (element) { element.remove(); });
        });
    }

    function onEdited(frame) {
        changed(frame);
        copies(frame.id).forEach(function (item) {
            var body = item.querySelector(".chat__body");
            if (!body || item.classList.contains("chat__message--deleted")) { return; }
            body.innerHTML = frame.body_html;  // cleaned by the server (lms/markup.py)
            body.hidden = false;
            var form = item.querySelector(".chat__edit-form");
            if (form) { form.remove(); }
            if (!item.querySelector(".chat__edited")) {
                item.querySelector(".chat__time").after(editedMark());
            }
        });
    }

    function onReaction(frame) {
        changed(frame);
        copies(frame.id).forEach(function (item) {
            var box = item.querySelector(".chat__reactions");
            if (!box) { return; }
            var given = currentReactions(box);
            given[frame.emoji] = frame.users;
            drawReactions(box, ordered(given));
        });
    }

    function onReactions(frame) {
        changed(frame);
        copies(frame.id).forEach(function (item) {
            var box = item.querySelector(".chat__reactions");
            if (box) { drawReactions(box, frame.reactions); }
        });
    }

    // What the pills show now, as {emoji: [ids]} (ids only known for mine: enough
    // to redraw, as a reaction frame brings the whole list of the emoji it changes).
    function currentReactions(box) {
        var given = {};
        box.querySelectorAll(".chat__reaction").forEach(function (button) {
            var count = parseInt(button.textContent.split(" ")[1], 10) || 0;
            var mine = button.getAttribute("aria-pressed") === "true";
            var ids = [];
            for (var n = 0; n < count; n++) { ids.push(n === 0 && mine ? userId : "?"); }
            given[button.dataset.emoji] = ids;
        });
        return given;
    }

    function ordered(given) {
        var out = {};
        var order = reactionSet.length ? reactionSet : Object.keys(given);
        order.forEach(function (emoji) { if (given[emoji] && given[emoji].length) { out[emoji] = given[emoji]; } });
        return out;
    }

    function onError(frame) {
        if (["signed_out", "no_access", "too_many_sockets"].indexOf(frame.code) >= 0) {
            endMessage = frame.message;  // the close follows
            return;
        }
        if (errorLine) { errorLine.textContent = frame.message; }
        var index = outbox.length - 1;  // a server that does not say which: the last sent
        if (frame.client_id) {
            index = -1;
            for (var i = 0; i < outbox.length; i++) {
                if (outbox[i].client_id === frame.client_id) { index = i; }
            }
        }
        if (frame.code === "rate_limited" && frame.client_id && index >= 0) {
            // Too many at once (the outbox sent on reconnecting, or fast typing): it
            // stays in the outbox and goes again in a few seconds, with any other
            // refused meanwhile; the server takes each client_id once.
            retryLater();
            return;
        }
        if (["rate_limited", "too_long", "muted", "forbidden"].indexOf(frame.code) >= 0 && index >= 0) {
            // That message was refused: give its text back.
            var refused = outbox.splice(index, 1)[0];
            settled[refused.client_id] = true;
            saveOutbox();
            refused.element.remove();
            var box = refused.reply_to ? threadBody : textarea;
            if (refused.reply_to && threadError) { threadError.textContent = frame.message; }
            if (box && !box.value) { box.value = refused.body; }
        }
    }

    // The header's unread notifications, live (a mention or a direct message
    // arrived, or one was read in another tab): drawn by site.js, which opens no
    // socket of its own on a chat page.
    function onNotifications(frame) {
        if (window.RialCampus && window.RialCampus.showUnread) { window.RialCampus.showUnread(frame); }
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
                if (!reactionSet.length && frame.reactions) {
                    reactionSet = frame.reactions;
                    upgradeReactions();
                }
                // ?after=<lastId> in the URL brings what was missed while away.
                flushOutbox();
                break;
            case "message": accept(frame); break;
            case "history": onHistory(frame); break;
            case "presence": onPresence(frame); break;
            case "typing": onTyping(frame); break;
            case "deleted": onDeleted(frame); break;
            case "edited": onEdited(frame); break;
            case "reaction": onReaction(frame); break;
            case "reactions": onReactions(frame); break;
            case "thread": onThread(frame); break;
            case "pinned": onPinned(frame); break;
            case "pins": changed(frame); drawPins(frame.pins || []); break;
            // Frames were missed: reconnect with ?after=. Spread over a second, as
            // every window of a server may be told at once.
            case "gap": reconnect(Math.random() * 1000); break;
            case "access": onAccess(frame); break;
            case "notifications": onNotifications(frame); break;
            case "error": onError(frame); break;
        }
    }

    // --- connection ---------------------------------------------------------------------------

    function url() {
        var scheme = location.protocol === "https:" ? "wss://" : "ws://";
        return scheme + location.host + "/ws/chat/" + encodeURIComponent(slug) + "/?after=" + lastId +
            "&changes=" + lastChange;
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

    var RETRY_MS = 5000;  // the chat's rate window (RIAL_CHAT_RATE_LIMIT) is 5 s
    var retryTimer = null;

    function retryLater() {
        if (retryTimer) { return; }
        retryTimer = setTimeout(function () {
            retryTimer = null;
            flushOutbox();
        }, RETRY_MS);
    }

    function flushOutbox() {
        outbox.forEach(function (item) {
            if (item.uploaded) { return; }  // sent over HTTP, not the socket
            var frame = { type: "message", client_id: item.client_id, body: item.body };
            if (item.reply_to) { frame.reply_to = item.reply_to; }
            send(frame);
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
        var fileInput = document.getElementById("chat-file");
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            if (fileInput && fileInput.files.length) { sendFiles(); return; }
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
            saveOutbox();
            markQueued();
            send({ type: "message", client_id: item.client_id, body: body });
            textarea.value = "";
            hidePreview();
        });
        textarea.addEventListener("keydown", function (event) {
            if (event.key === "Enter" && !event.shiftKey && !event.isComposing && !mentioning(textarea)) {
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

    // A socket carries no file: a message with files goes as the form does, over HTTP
    // (same service, same rules); it comes back to everyone through the socket.
    function sendFiles() {
        var fileInput = document.getElementById("chat-file");
        var data = new FormData(form);
        var clientId = newId();
        data.set("client_id", clientId);
        errorLine.textContent = "";
        var pending = renderMessage({ author: { name: "", roles: [] }, body: textarea.value || strings.files_sending }, true);
        removeEmptyNote();
        log.appendChild(pending);
        reveal(pending);
        var item = { client_id: clientId, body: textarea.value, element: pending, uploaded: true };
        outbox.push(item);
        fetch(form.action, {
            method: "POST",
            headers: { Accept: "application/json", "X-CSRFToken": csrf },
            credentials: "same-origin",
            body: data,
        }).then(function (response) {
            return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
        }).then(function (result) {
            if (!result.ok) {
                errorLine.textContent = result.answer.error || "";
                pending.remove();
                outbox.splice(outbox.indexOf(item), 1);
                return;
            }
            textarea.value = "";
            fileInput.value = "";
            hidePreview();
        }).catch(function () {
            errorLine.textContent = strings.offline;
            pending.remove();
            outbox.splice(outbox.indexOf(item), 1);
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

    // --- threads, reactions, edits --------------------------------------------------------

    // The server-rendered reaction forms become buttons that send over the socket.
    function upgradeReactions() {
        root.querySelectorAll("form.chat__reactions").forEach(function (form) {
            var box = document.createElement("div");
            box.className = "chat__reactions";
            box.dataset.id = form.dataset.id;
            var given = {};
            form.querySelectorAll(".chat__reaction").forEach(function (button) {
                var count = parseInt(button.querySelector(".chat__reaction-count").textContent, 10) || 0;
                var ids = [];
                for (var n = 0; n < count; n++) {
                    ids.push(n === 0 && button.getAttribute("aria-pressed") === "true" ? userId : "?");
                }
                given[button.value] = ids;
            });
            form.replaceWith(box);
            drawReactions(box, given);
        });
    }

    function messageId(element) {
        var item = element.closest(".chat__message");
        return item ? parseInt(item.dataset.id, 10) : 0;
    }

    function openThread(id, opener) {
        if (!thread) { return false; }
        threadId = id;
        threadOpener = opener;
        threadLog.textContent = "";
        if (threadError) { threadError.textContent = ""; }
        thread.hidden = false;
        document.getElementById("chat-thread-title").focus();
        send({ type: "thread", id: id });
        return true;
    }

    function closeThread() {
        if (!thread || thread.hidden) { return; }
        thread.hidden = true;
        threadId = 0;
        if (threadOpener && document.contains(threadOpener)) { threadOpener.focus(); }
    }

    function onThread(frame) {
        if (frame.id !== threadId) { return; }
        threadLog.textContent = "";
        frame.messages.forEach(function (message) {
            threadLog.appendChild(renderMessage(message, false, true));
        });
        if (frame.messages.length < 2) {
            var empty = document.createElement("li");
            empty.className = "chat__empty meta";
            empty.textContent = strings.thread_empty;
            threadLog.appendChild(empty);
        }
        if (threadForm) { threadForm.hidden = !!(frame.messages[0] && frame.messages[0].deleted); }
    }

    if (thread) {
        document.getElementById("chat-thread-close").addEventListener("click", closeThread);
        thread.addEventListener("keydown", function (event) {
            if (event.key === "Escape") { closeThread(); }
        });
    }

    if (threadForm) {
        threadForm.addEventListener("submit", function (event) {
            event.preventDefault();
            var body = threadBody.value;
            if (!body.trim() || !canWrite || ended || !threadId) { return; }
            threadError.textContent = "";
            var item = { client_id: newId(), body: body, reply_to: threadId };
            item.element = renderMessage({ author: { name: "", roles: [] }, body: body }, true, true);
            threadLog.appendChild(item.element);
            threadLog.scrollTop = threadLog.scrollHeight;
            outbox.push(item);
            saveOutbox();
            markQueued();
            send({ type: "message", client_id: item.client_id, body: body, reply_to: threadId });
            threadBody.value = "";
        });
        threadBody.addEventListener("keydown", function (event) {
            if (event.key === "Enter" && !event.shiftKey && !event.isComposing && !mentioning(threadBody)) {
                event.preventDefault();
                threadForm.requestSubmit();
            }
        });
    }

    // Edit in place: the text as typed comes from the edit page (JSON), the change
    // goes over the socket, and the "edited" frame shows it everywhere.
    function startEdit(id, button) {
        var item = button.closest(".chat__message");
        if (!item || item.querySelector(".chat__edit-form")) { return; }
        fetch(root.dataset.editUrl.replace(/\/0\/edit\/$/, "/" + id + "/edit/"), {
            headers: { Accept: "application/json" },
            credentials: "same-origin",
        }).then(function (response) {
            if (!response.ok) { throw new Error(String(response.status)); }
            return response.json();
        }).then(function (data) {
            var body = item.querySelector(".chat__body");
            var form = document.createElement("form");
            form.className = "chat__edit-form form";
            var label = document.createElement("label");
            label.className = "visually-hidden";
            label.htmlFor = "edit-" + id;
            label.textContent = strings.edit_message;
            var area = document.createElement("textarea");
            area.id = "edit-" + id;
            area.rows = 3;
            area.maxLength = 4000;
            area.value = data.body;
            var actions = document.createElement("div");
            actions.className = "form__actions";
            var save = document.createElement("button");
            save.type = "submit";
            save.className = "button button--small";
            save.textContent = strings.save;
            var cancel = document.createElement("button");
            cancel.type = "button";
            cancel.className = "button button--secondary button--small";
            cancel.textContent = strings.cancel;
            actions.appendChild(save);
            actions.appendChild(cancel);
            form.appendChild(label);
            form.appendChild(area);
            form.appendChild(actions);
            body.hidden = true;
            body.after(form);
            area.focus();
            function stop() { form.remove(); body.hidden = false; button.focus(); }
            cancel.addEventListener("click", stop);
            form.addEventListener("keydown", function (event) {
                if (event.key === "Escape") { event.stopPropagation(); stop(); }
            });
            form.addEventListener("submit", function (event) {
                event.preventDefault();
                if (area.value === data.body) { stop(); return; }
                send({ type: "edit", id: id, body: area.value });
            });
        }).catch(function () {
            window.location.href = button.href || root.dataset.editUrl.replace(/\/0\/edit\/$/, "/" + id + "/edit/");
        });
    }

    root.addEventListener("click", function (event) {
        var target = event.target;
        var del = target.closest(".chat__delete");
        if (del) { send({ type: "delete", id: parseInt(del.dataset.id, 10) }); return; }
        var pinButton = target.closest(".chat__pin");
        if (pinButton) {
            send({ type: "pin", id: parseInt(pinButton.dataset.id, 10), on: pinButton.dataset.on === "1" });
            return;
        }
        var edit = target.closest(".chat__edit");
        if (edit && socket) {
            event.preventDefault();
            startEdit(parseInt(edit.dataset.id, 10), edit);
            return;
        }
        var replies = target.closest(".chat__replies");
        if (replies && socket && openThread(parseInt(replies.dataset.id, 10), replies)) {
            event.preventDefault();
            return;
        }
        var pill = target.closest(".chat__reaction, .chat__reaction-choice");
        if (pill && pill.type === "button") {
            var id = messageId(pill);
            var box = pill.closest(".chat__reactions");
            var existing = box && box.querySelector(".chat__reaction[data-emoji=\"" + pill.dataset.emoji + "\"]");
            var mine = existing && existing.getAttribute("aria-pressed") === "true";
            send({ type: "react", id: id, emoji: pill.dataset.emoji, on: !mine });
            var details = pill.closest("details");
            if (details) { details.open = false; }
        }
    });
    root.querySelectorAll(".chat__delete, .chat__pin").forEach(function (button) { button.hidden = false; });

    // --- where one left off, and back to the latest ------------------------------------------
    //
    // The page draws a line above the first message that came since the last visit
    // and scrolls to it; away from the end of the log, a button brings back to the
    // latest messages (and counts those that arrive meanwhile).

    var jump = document.getElementById("chat-jump");
    var unseen = 0;

    function updateJump() {
        if (!jump) { return; }
        if (atBottom()) {
            unseen = 0;
            jump.hidden = true;
            return;
        }
        jump.textContent = unseen ? fill(strings.jump_new, { n: unseen }) : strings.jump;
        jump.hidden = false;
    }

    if (jump) {
        jump.addEventListener("click", function () {
            var items = log.querySelectorAll("li[data-id]");
            var last = items.length ? items[items.length - 1] : log.lastElementChild;
            if (last) { reveal(last); }
            unseen = 0;
            jump.hidden = true;
            if (textarea) { textarea.focus({ preventScroll: true }); }
        });
        window.addEventListener("scroll", function () { updateJump(); }, { passive: true });
        new MutationObserver(function (changes) {
            changes.forEach(function (change) {
                change.addedNodes.forEach(function (node) {
                    if (node.dataset && node.dataset.id && !node.classList.contains("chat__message--pending")) {
                        unseen += 1;
                    }
                });
            });
            updateJump();
        }).observe(log, { childList: true });
    }

    var unreadLine = document.getElementById("chat-unread");
    if (unreadLine && !location.hash) { unreadLine.scrollIntoView({ block: "center" }); }

    // --- @mentions: the room's people suggested as one types "@na…" ------------------------
    //
    // A listbox under the composer; ArrowUp/ArrowDown move, Enter or Tab choose,
    // Escape closes. The textarea points at the active option (aria-activedescendant).

    var mentionLists = [];

    function mentioning(area) {
        return mentionLists.some(function (box) { return box.area === area && !box.list.hidden; });
    }

    function mentionBox(area) {
        if (!area) { return; }
        var list = document.createElement("ul");
        list.className = "chat__mentions";
        list.id = area.id + "-mentions";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", strings.mention_list);
        list.hidden = true;
        area.after(list);
        area.setAttribute("aria-autocomplete", "list");
        area.setAttribute("aria-controls", list.id);
        var box = { area: area, list: list, people: [], active: 0, timer: null, typed: null };
        mentionLists.push(box);

        function typedHandle() {
            var before = area.value.slice(0, area.selectionStart);
            var match = before.match(/(^|[^\w@])@([\w-]{0,60})$/);
            return match ? match[2].toLowerCase() : null;
        }

        function close() {
            list.hidden = true;
            list.textContent = "";
            area.removeAttribute("aria-activedescendant");
        }

        function draw() {
            list.textContent = "";
            if (!box.people.length) { close(); return; }
            box.people.forEach(function (person, index) {
                var option = document.createElement("li");
                option.id = list.id + "-" + index;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", index === box.active ? "true" : "false");
                option.className = "chat__mention" + (index === box.active ? " chat__mention--active" : "");
                option.textContent = person.name + " · @" + person.handle;
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault();  // the textarea keeps the focus
                    choose(index);
                });
                list.appendChild(option);
            });
            list.hidden = false;
            area.setAttribute("aria-activedescendant", list.id + "-" + box.active);
        }

        function choose(index) {
            var person = box.people[index];
            if (!person) { return; }
            var caret = area.selectionStart;
            var before = area.value.slice(0, caret).replace(/@[\w-]*$/, "@" + person.handle + " ");
            area.value = before + area.value.slice(caret);
            area.selectionStart = area.selectionEnd = before.length;
            close();
        }

        area.addEventListener("input", function () {
            var typed = typedHandle();
            clearTimeout(box.timer);
            if (typed === null) { close(); return; }
            box.timer = setTimeout(function () {
                fetch(root.dataset.peopleUrl + "?q=" + encodeURIComponent(typed), {
                    credentials: "same-origin",
                }).then(function (response) { return response.json(); }).then(function (data) {
                    if (typedHandle() !== typed) { return; }  // typed on meanwhile
                    box.people = data.people || [];
                    box.active = 0;
                    draw();
                }).catch(close);
            }, 150);
        });
        area.addEventListener("keydown", function (event) {
            if (list.hidden) { return; }
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                event.preventDefault();
                var step = event.key === "ArrowDown" ? 1 : -1;
                box.active = (box.active + step + box.people.length) % box.people.length;
                draw();
            } else if (event.key === "Enter" || event.key === "Tab") {
                event.preventDefault();
                choose(box.active);
            } else if (event.key === "Escape") {
                event.preventDefault();
                event.stopPropagation();
                close();
            }
        });
        area.addEventListener("blur", function () { setTimeout(close, 150); });
    }

    if (canWrite) {
        mentionBox(textarea);
        mentionBox(threadBody);
    }

    // Messages written before a reload and not yet echoed: shown waiting, sent on "hello".
    if (canWrite && form) {
        loadOutbox().forEach(function (kept) {
            if (typeof kept.client_id !== "string" || typeof kept.body !== "string") { return; }
            var item = { client_id: kept.client_id, body: kept.body };
            if (kept.reply_to) { item.reply_to = parseInt(kept.reply_to, 10); }
            item.element = renderMessage({ author: { name: "", roles: [] }, body: kept.body }, true, !!item.reply_to);
            if (!item.reply_to) {
                removeEmptyNote();
                log.appendChild(item.element);
            }
            outbox.push(item);
        });
        markQueued();
    }

    connect();
})();
