// Check-in page, optional: refresh the "checked in / confirmed" counter every 20 seconds, so
// that a volunteer sees the others' check-ins without reloading. The page works without it.
(function () {
  "use strict";
  var counter = document.querySelector("[data-counter-url]");
  if (!counter || !window.fetch) return;
  function refresh() {
    if (document.hidden) return;
    fetch(counter.getAttribute("data-counter-url"), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (counts) {
        if (!counts) return;
        ["checked_in", "confirmed"].forEach(function (key) {
          var element = counter.querySelector('[data-counter="' + key + '"]');
          if (element && typeof counts[key] === "number") element.textContent = counts[key];
        });
      })
      .catch(function () {});
  }
  window.setInterval(refresh, 20000);
})();
