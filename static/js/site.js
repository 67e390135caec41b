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
})();
