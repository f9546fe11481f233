/* Bildungsmonitor: the "Einbetten" dialog (dashboard/embed_dialog.py).
 *
 * Builds the <iframe> snippet from the address on screen (pages such as the
 * explorer keep their state in the URL via history.pushState, which the
 * server never sees). Output: two lines for the host page, the iframe and a
 * listener that sets the iframe's height from our postMessage
 * ({type: "bildungsmonitor:height", height}), accepted only from our origin.
 */
(function () {
  "use strict";

  function escapeAttr(text) {
    return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function embedPath(config, view, lang) {
    var prefix = config.prefix || "/";
    var path = location.pathname;
    if (path.indexOf(prefix) === 0) path = "/" + path.slice(prefix.length);
    var page = new URLSearchParams(location.search);
    var query = new URLSearchParams();
    var target;
    if (config.target === "leitlinie") {
      var match = path.match(/\/leitlinie\/(\d+)/);
      target = "embed/leitlinie/" + (match ? match[1] : "1");
    } else {
      var indicator = page.get("indicator") || config.indicator || "";
      target = "embed/indikator/" + encodeURIComponent(indicator);
      if (view) query.set("tab", view);
      if (page.get("year")) query.set("year", page.get("year"));
      var areas = (page.get("areas") || "").split(",").filter(Boolean);
      if (areas.length) query.set("area", areas[0]);
    }
    if (lang && lang !== "de") query.set("lang", lang);
    var search = query.toString();
    return location.origin + prefix + target + (search ? "?" + search : "");
  }

  function snippet(nClicks, view, height, lang, config) {
    config = config || {};
    var h = parseInt(height, 10);
    if (!(h >= 160 && h <= 1200)) h = 420;
    var src = embedPath(config, view, lang);
    var title = config.title || "Bildungsmonitor";
    var named = config.titleSelector ? document.querySelector(config.titleSelector) : null;
    if (named && named.textContent.trim()) title += ": " + named.textContent.trim().replace(/\s+/g, " ");
    var origin = location.origin;
    var iframe =
      '<iframe src="' + escapeAttr(src) + '" title="' + escapeAttr(title) +
      '" style="width:100%;height:' + h + 'px;border:0" loading="lazy"></iframe>';
    var listener =
      '<script>addEventListener("message",function(e){if(e.origin!=="' + origin +
      '"||!e.data||e.data.type!=="bildungsmonitor:height")return;' +
      'document.querySelectorAll("iframe").forEach(function(f){if(f.contentWindow===e.source)f.style.height=e.data.height+"px";});});</scr' +
      "ipt>";
    return iframe + "\n" + listener;
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    bm_embed: { snippet: snippet, embedPath: embedPath },
  });
})();
