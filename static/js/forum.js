// Forum composers: a Preview button that shows the text as it will be
// published, rendered by the server (lms/markup.py), never by the browser.
(function () {
    "use strict";
    var strings = { preview: "Preview", edit: "Back to editing", empty: "Nothing to preview yet." };
    var data = document.getElementById("forum-strings");
    if (data) { strings = JSON.parse(data.textContent); }
    var csrf = (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value;
    var box = document.getElementById("post-preview");
    document.querySelectorAll("textarea[data-preview]").forEach(function (textarea) {
        if (!box || !csrf) { return; }
        var url = textarea.form.dataset.previewUrl;
        if (!url) { return; }
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button--secondary button--small";
        button.textContent = strings.preview;
        button.setAttribute("aria-controls", box.id);
        button.setAttribute("aria-expanded", "false");
        textarea.insertAdjacentElement("afterend", button);
        function hide() {
            box.hidden = true;
            box.textContent = "";
            button.textContent = strings.preview;
            button.setAttribute("aria-expanded", "false");
        }
        button.addEventListener("click", function () {
            if (!box.hidden) { hide(); return; }
            fetch(url, {
                method: "POST",
                headers: { "X-CSRFToken": csrf },
                credentials: "same-origin",
                body: new URLSearchParams({ body: textarea.value, kind: "post" }),
            }).then(function (response) { return response.json(); }).then(function (result) {
                if (result.error) { box.textContent = result.error; }
                else if (!result.html) { box.textContent = strings.empty; }
                else { box.innerHTML = result.html; }  // cleaned by lms/markup.py
                box.hidden = false;
                button.textContent = strings.edit;
                button.setAttribute("aria-expanded", "true");
            });
        });
        textarea.addEventListener("input", function () { if (!box.hidden) { hide(); } });
    });
})();
