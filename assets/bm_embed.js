/* Bildungsmonitor: embedded views (/embed/...) tell the host page their height.
 *
 * The host sizes its <iframe> from a message
 *   {type: "bildungsmonitor:height", height: <px>, href: <this page>}
 * (see "Einbetten" in the README). The height is not secret, so the target
 * origin is "*": the host checks the sender's origin itself. Acts only on
 * pages that show a `.bm-embed` root and only when framed.
 */
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = -1;
  var observed = null;

  function post() {
    var node = document.querySelector(".bm-embed");
    if (!node) return;
    var height = Math.ceil(node.getBoundingClientRect().height);
    if (height === last || height === 0) return;
    last = height;
    window.parent.postMessage({ type: "bildungsmonitor:height", height: height, href: location.href }, "*");
  }

  var resize = typeof ResizeObserver === "function" ? new ResizeObserver(post) : null;

  function watch() {
    var node = document.querySelector(".bm-embed");
    if (node && node !== observed) {
      if (resize) {
        if (observed) resize.unobserve(observed);
        resize.observe(node);
      }
      observed = node;
    }
    post();
  }

  // Dash renders the page after this script runs: watch for the embed root to appear.
  new MutationObserver(watch).observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener("load", watch);
  window.addEventListener("resize", post);
})();
