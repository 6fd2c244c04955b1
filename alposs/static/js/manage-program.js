/* The management page's "add the sessions you starred" form, filled with the stars kept in this
   browser by my-program.js (localStorage, no cookie, nothing sent until the form is posted).
   Without JavaScript, the participant pastes the address of their My program page. */
(function () {
    "use strict";
    var KEY = "alposs-my-program"; // my-program.js's key
    var CODE = /^[0-9a-f]{8}$/;
    var box = document.querySelector(".mark-sessions[data-marked]");
    var field = box && box.querySelector("textarea[name=codes]");
    if (!field || field.value.trim()) {
        return; // what the participant typed, or sent back with an error, stays
    }
    var stars;
    try {
        stars = JSON.parse(window.localStorage.getItem(KEY) || "[]");
    } catch (error) {
        return;
    }
    if (!Array.isArray(stars)) {
        return;
    }
    var marked = box.dataset.marked.split(" ");
    var fresh = stars.filter(function (code) {
        return CODE.test(code) && marked.indexOf(code) === -1;
    });
    if (!fresh.length) {
        return;
    }
    field.value = fresh.join(" ");
    var note = box.querySelector(".mark-sessions__filled");
    if (note) {
        note.hidden = false;
    }
}());
