/* My program: with JavaScript the marked sessions stay in this browser's localStorage (no
   cookie, nothing sent to the server) and a star toggles in place. Without it, each star is a
   link that carries the selection in the address (?s=…), which this file also reads. */
(function () {
    "use strict";
    var KEY = "alposs-my-program";
    var MAX = 200;
    var CODE = /^[0-9a-f]{8}$/;

    function read() {
        try {
            var list = JSON.parse(window.localStorage.getItem(KEY) || "[]");
            return Array.isArray(list) ? list.filter(function (c) { return CODE.test(c); }) : [];
        } catch (error) {
            return [];
        }
    }

    function write(codes) {
        try {
            window.localStorage.setItem(KEY, JSON.stringify(codes.slice(0, MAX)));
        } catch (error) { /* private mode: the links still carry the selection */ }
    }

    var codes = read();
    var inAddress = new URLSearchParams(window.location.search).get("s");
    if (inAddress !== null) {
        // The address wins: a shared or bookmarked program, or a choice made without JavaScript.
        codes = inAddress.toLowerCase().split(/[-,]/).filter(function (c) { return CODE.test(c); });
        write(codes);
    }
    var links = document.querySelectorAll(".my-program-link");
    var labels = links.length ? links[0].dataset : { add: "", remove: "" };

    function refresh() {
        document.querySelectorAll("a.star[data-code]").forEach(function (star) {
            var on = codes.indexOf(star.dataset.code) !== -1;
            star.classList.toggle("star--on", on);
            var words = star.querySelector(".visually-hidden");
            star.firstChild.textContent = on ? "★" : "☆";
            words.textContent = words.textContent
                .replace(labels.remove, on ? labels.remove : labels.add)
                .replace(labels.add, on ? labels.remove : labels.add);
        });
        links.forEach(function (link) {
            link.href = link.dataset.base + (codes.length ? "?s=" + codes.join("-") : "");
            link.lastChild.textContent = link.lastChild.textContent.replace(/ \(\d+\)$/, "") +
                (codes.length ? " (" + codes.length + ")" : "");
        });
    }

    document.addEventListener("click", function (event) {
        var star = event.target.closest && event.target.closest("a.star[data-code]");
        if (!star) {
            return;
        }
        event.preventDefault();
        var code = star.dataset.code;
        var at = codes.indexOf(code);
        if (at === -1) {
            codes.push(code);
        } else {
            codes.splice(at, 1);
        }
        write(codes);
        refresh();
        if (document.body.classList.contains("my-program-page")) {
            window.location.href = links[0].href; // the list, file and feed follow the choice
        }
    });

    refresh();
    if (inAddress === null && codes.length && document.body.classList.contains("my-program-page")) {
        window.location.replace(links[0].href); // the page is made from the address
    }
}());
