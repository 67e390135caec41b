// The progress page of an import (templates/lms/import_job.html): asks the
// server for the job's counters every second or two and updates the page in
// place until the job is finished. Without JavaScript the page refreshes
// itself (a <noscript> meta refresh) and has a reload link.
(function () {
    "use strict";
    var root = document.getElementById("import-job");
    if (!root || root.dataset.finished === "true") { return; }
    var url = root.dataset.progressUrl;
    var bar = document.getElementById("import-bar");
    var status = document.getElementById("import-status");
    var errors = document.getElementById("import-errors");
    var errorsSection = document.getElementById("import-errors-section");
    var running = document.getElementById("import-running");
    var shown = errors ? errors.children.length : 0;
    var delay = 1000;

    function update(job) {
        root.querySelectorAll("[data-count]").forEach(function (element) {
            var value = job[element.dataset.count];
            if (value !== undefined && element.textContent !== String(value)) {
                element.textContent = String(value);
            }
        });
        bar.max = Math.max(job.total, 1);
        bar.value = job.done;
        bar.textContent = job.percent + "%";
        // The status is a live region: touched only when its words change
        // (waiting, working, finished), not at every count.
        if (status.textContent !== job.summary) { status.textContent = job.summary; }
        (job.errors || []).forEach(function (error) {
            var item = document.createElement("li");
            item.textContent = error.text;
            errors.appendChild(item);
            shown += 1;
        });
        if (shown) { errorsSection.hidden = false; }
        if (job.finished) {
            root.dataset.finished = "true";
            running.hidden = true;
        }
    }

    function poll() {
        fetch(url + "?since=" + shown, { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then(function (response) {
                if (!response.ok) { throw new Error(String(response.status)); }
                return response.json();
            })
            .then(function (job) {
                update(job);
                delay = 1000;
                if (!job.finished) { window.setTimeout(poll, delay); }
            })
            .catch(function () {
                // Offline or a server restart: try again, less and less often.
                delay = Math.min(delay * 2, 15000);
                window.setTimeout(poll, delay);
            });
    }

    window.setTimeout(poll, delay);
}());
