// The progress pages of work done in the worker: an import
// (templates/lms/import_job.html) and a cohort's certificates in one zip
// (templates/lms/manage/certificate_archive.html), a priorities questionnaire
// sent to the focal points (templates/priorities/sending.html). Each asks the server for
// its counters every second or two and updates the page in place until the
// work is finished. Without JavaScript the page refreshes itself (a
// <noscript> meta refresh) and has a reload link.
(function () {
    "use strict";
    var root = document.querySelector("[data-progress-url]");
    if (!root || root.dataset.finished === "true") { return; }
    var byId = document.getElementById.bind(document);
    var status = byId(root.dataset.status);
    var bar = byId(root.dataset.bar);
    var running = byId(root.dataset.running);

    function common(state, done) {
        bar.max = Math.max(state.total, 1);
        bar.value = done;
        bar.textContent = state.percent + "%";
        // The status is a live region: touched only when its words change
        // (waiting, working, finished), not at every count.
        if (status.textContent !== state.summary) { status.textContent = state.summary; }
        if (state.finished) {
            root.dataset.finished = "true";
            running.hidden = true;
        }
    }

    // An import: its counters, and its problems as they come (from the
    // ``since``-th on, so each is sent once).
    function importJob() {
        var errors = byId("import-errors");
        var errorsSection = byId("import-errors-section");
        var shown = errors ? errors.children.length : 0;
        return {
            url: function () { return root.dataset.progressUrl + "?since=" + shown; },
            update: function (job) {
                root.querySelectorAll("[data-count]").forEach(function (element) {
                    var value = job[element.dataset.count];
                    if (value !== undefined && element.textContent !== String(value)) {
                        element.textContent = String(value);
                    }
                });
                (job.errors || []).forEach(function (error) {
                    var item = document.createElement("li");
                    item.textContent = error.text;
                    errors.appendChild(item);
                    shown += 1;
                });
                if (shown) { errorsSection.hidden = false; }
                common(job, job.done);
            }
        };
    }

    // A zip of certificates: "12 of 35 certificates", then its download link.
    function certificateArchive() {
        var counts = byId("archive-counts");
        return {
            url: function () { return root.dataset.progressUrl; },
            update: function (archive) {
                if (counts.textContent !== archive.counts) { counts.textContent = archive.counts; }
                if (archive.ready) {
                    byId("archive-size").textContent = archive.size;
                    byId("archive-ready").hidden = false;
                }
                common(archive, archive.ready ? Math.max(archive.total, 1) : archive.done);
            }
        };
    }

    // Anything else that counts its steps in one sentence (``data-counts``: the
    // element that shows it), e.g. a questionnaire sent to the focal points.
    function counted() {
        var counts = byId(root.dataset.counts);
        return {
            url: function () { return root.dataset.progressUrl; },
            update: function (state) {
                if (counts.textContent !== state.counts) { counts.textContent = state.counts; }
                common(state, state.finished && state.status === "done" ? Math.max(state.total, 1) : state.done);
            }
        };
    }

    var page = root.id === "certificate-archive" ? certificateArchive()
        : root.dataset.counts ? counted() : importJob();
    var delay = 1000;

    function poll() {
        fetch(page.url(), { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then(function (response) {
                if (!response.ok) { throw new Error(String(response.status)); }
                return response.json();
            })
            .then(function (state) {
                page.update(state);
                delay = 1000;
                if (!state.finished) { window.setTimeout(poll, delay); }
            })
            .catch(function () {
                // Offline or a server restart: try again, less and less often.
                delay = Math.min(delay * 2, 15000);
                window.setTimeout(poll, delay);
            });
    }

    window.setTimeout(poll, delay);
}());
