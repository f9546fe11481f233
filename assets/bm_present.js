/* Bildungsmonitor: keyboard for the presentation mode (/praesentation).
 *
 * Acts only while the page shows a `.bm-presentation` root, so it never
 * changes keys on other pages. Arrows, PageUp/PageDown (presenter remotes)
 * and space turn slides by clicking the visible "Weiter"/"Zurück" links (so
 * the URL, ?folie=N, stays the single source of truth). F toggles full screen
 * (Fullscreen API); Esc leaves to the home page (in full screen the browser
 * uses the first Esc to leave full screen).
 */
(function () {
  "use strict";

  function root() {
    return document.querySelector(".bm-presentation");
  }

  function isTyping(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function activates(target) {
    // Space on a focused button or summary presses it; do not also turn the slide.
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "button" || tag === "summary" || tag === "a";
  }

  function go(id) {
    var link = document.getElementById(id);
    if (link && link.tagName.toLowerCase() === "a") {
      link.click();
      return true;
    }
    return false;
  }

  function toggleFullscreen() {
    var doc = document;
    if (doc.fullscreenElement) {
      if (doc.exitFullscreen) doc.exitFullscreen();
    } else if (doc.documentElement.requestFullscreen) {
      doc.documentElement.requestFullscreen().catch(function () {});
    }
  }

  document.addEventListener("keydown", function (event) {
    if (!root() || event.defaultPrevented) return;
    if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
    var key = event.key;
    var handled = false;
    if (key === "ArrowRight" || key === "PageDown" || (key === " " && !event.shiftKey && !activates(event.target))) {
      handled = go("slide-next") || key === " ";
    } else if (key === "ArrowLeft" || key === "PageUp" || (key === " " && event.shiftKey && !activates(event.target))) {
      handled = go("slide-prev") || key === " ";
    } else if (key === "f" || key === "F") {
      toggleFullscreen();
      handled = true;
    } else if (key === "Escape" && !document.fullscreenElement) {
      handled = go("slide-exit");
    }
    if (handled) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest("#slide-fullscreen");
    if (button && root()) {
      event.preventDefault();
      toggleFullscreen();
    }
  });

  // Keep the button's state visible to screen readers.
  document.addEventListener("fullscreenchange", function () {
    var button = document.getElementById("slide-fullscreen");
    if (button) button.setAttribute("aria-pressed", document.fullscreenElement ? "true" : "false");
  });
})();
