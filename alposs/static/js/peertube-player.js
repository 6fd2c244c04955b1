/* PeerTube facades: nothing is loaded from PeerTube until the person asks for the video.
   Without this script, the facade is a plain link to the video on its PeerTube instance. */
(function () {
    "use strict";

    function play(event) {
        var link = event.currentTarget;
        var player = link.closest("[data-player]");
        var address = player && player.getAttribute("data-embed");
        if (!address || address.indexOf("https://") !== 0) {
            return; // follow the link
        }
        event.preventDefault();
        var frame = document.createElement("iframe");
        frame.className = "player__frame";
        frame.src = address;
        frame.title = player.getAttribute("data-frame-title") || "";
        frame.setAttribute("allow", "autoplay; fullscreen; picture-in-picture");
        frame.setAttribute("allowfullscreen", "");
        frame.setAttribute("sandbox", "allow-same-origin allow-scripts allow-popups allow-forms");
        frame.setAttribute("referrerpolicy", "strict-origin");
        frame.setAttribute("tabindex", "0");
        player.replaceChild(frame, link);
        player.classList.add("player--playing");
        frame.focus();
    }

    var links = document.querySelectorAll("[data-player] .player__facade");
    for (var i = 0; i < links.length; i++) {
        links[i].addEventListener("click", play);
    }
})();
