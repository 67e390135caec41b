// RIAL Campus: turn push notifications on or off for this browser, from the
// notification preferences page. The messages are the page's, in its language
// (data-* attributes of the box); the server keeps the subscription
// (lms.views.app.push_subscription) and the worker pushes (lms.services.push).
(function () {
    "use strict";

    var box = document.querySelector("[data-push]");
    if (!box) { return; }
    var status = box.querySelector("[data-push-status]");
    var turnOn = box.querySelector("[data-push-on]");
    var turnOff = box.querySelector("[data-push-off]");
    var token = box.querySelector("input[name=csrfmiddlewaretoken]").value;

    function say(name, detail) {
        status.textContent = box.getAttribute("data-say-" + name) + (detail ? " " + detail : "");
    }

    function show(subscribed) {
        turnOn.hidden = subscribed;
        turnOff.hidden = !subscribed;
    }

    function keyBytes(text) {
        var base64 = (text + "===".slice((text.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
        var raw = window.atob(base64);
        var bytes = new Uint8Array(raw.length);
        for (var i = 0; i < raw.length; i += 1) { bytes[i] = raw.charCodeAt(i); }
        return bytes;
    }

    function send(payload) {
        return fetch(box.getAttribute("data-url"), {
            method: "POST",
            credentials: "same-origin",
            headers: {"Content-Type": "application/json", "X-CSRFToken": token},
            body: JSON.stringify(payload)
        }).then(function (response) {
            return response.json().catch(function () { return {}; }).then(function (data) {
                if (!response.ok) { throw new Error(data.error || response.status); }
                return data;
            });
        });
    }

    if (!("serviceWorker" in navigator) || !("PushManager" in window) ||
            !("Notification" in window) || !window.isSecureContext) {
        say("unsupported");
        return;
    }

    var ready = navigator.serviceWorker.register(box.getAttribute("data-worker"), {scope: "/"})
        .then(function () { return navigator.serviceWorker.ready; });

    ready.then(function (registration) {
        return registration.pushManager.getSubscription();
    }).then(function (subscription) {
        show(Boolean(subscription));
        say(subscription ? "on" : Notification.permission === "denied" ? "denied" : "off");
    }).catch(function (error) {
        say("failed", error && error.message);
    });

    turnOn.addEventListener("click", function () {
        turnOn.disabled = true;
        Notification.requestPermission().then(function (permission) {
            if (permission !== "granted") {
                say("denied");
                return null;
            }
            return ready.then(function (registration) {
                return registration.pushManager.subscribe({
                    userVisibleOnly: true,
                    applicationServerKey: keyBytes(box.getAttribute("data-key"))
                });
            }).then(function (subscription) {
                return send(subscription.toJSON()).then(function (data) {
                    show(true);
                    status.textContent = data.message;
                });
            });
        }).catch(function (error) {
            say("failed", error && error.message);
        }).then(function () {
            turnOn.disabled = false;
        });
    });

    turnOff.addEventListener("click", function () {
        turnOff.disabled = true;
        ready.then(function (registration) {
            return registration.pushManager.getSubscription();
        }).then(function (subscription) {
            if (!subscription) { return {message: box.getAttribute("data-say-off")}; }
            var endpoint = subscription.endpoint;
            return subscription.unsubscribe().then(function () {
                return send({action: "delete", endpoint: endpoint});
            });
        }).then(function (data) {
            show(false);
            status.textContent = data.message;
        }).catch(function (error) {
            say("failed", error && error.message);
        }).then(function () {
            turnOff.disabled = false;
        });
    });
})();
