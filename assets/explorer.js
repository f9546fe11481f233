/* Indicator explorer (dashboard/pages/explorer.py): URL state, play, image downloads.
 *
 * The explorer keeps its whole view in the URL. Changing a control pushes a
 * history entry with history.pushState (no page re-render); back/forward send
 * the URL to the page's "explorer-popstate" store, and the server sets the
 * controls from it.
 */
(function () {
  "use strict";
  var TEXT = {
    de: { play: "▶ Abspielen", pause: "❚❚ Anhalten" },
    en: { play: "▶ Play", pause: "❚❚ Pause" }
  };

  function lang(data) { return (data && data.lang) || "de"; }

  function buildSearch(ind, year, level, areas, tab, classes, breaks, palette, ll, langData) {
    var q = [];
    function add(k, v) { if (v !== null && v !== undefined && v !== "") { q.push(k + "=" + encodeURIComponent(v).replace(/%2C/g, ",")); } }
    add("indicator", ind);
    add("year", year);
    add("level", level);
    add("areas", (areas || []).join(","));
    if (tab && tab !== "map") { add("tab", tab); }
    if (classes && classes !== "quantile") { add("classes", classes); }
    if (classes === "manual") { add("breaks", breaks); }
    if (palette && palette !== "sequential") { add("palette", palette); }
    if (ll) { add("leitlinie", ll); }
    if (langData && langData.lang && langData.lang !== langData["default"]) { add("lang", langData.lang); }
    return q.length ? "?" + q.join("&") : "";
  }

  function updateLanguageLink(search, langData) {
    var link = document.querySelector(".lang-switch");
    if (!link || !langData) { return; }
    var other = langData.lang === "de" ? "en" : "de";
    var params = search.replace(/^\?/, "").split("&").filter(function (p) { return p && p.indexOf("lang=") !== 0; });
    if (other !== langData["default"]) { params.push("lang=" + other); }
    link.setAttribute("href", window.location.pathname + (params.length ? "?" + params.join("&") : ""));
  }

  window.addEventListener("popstate", function () {
    if (!document.getElementById("explorer-root")) { return; }
    if (window.dash_clientside && window.dash_clientside.set_props) {
      // a fresh value every time, so going back to the same URL twice still fires
      window.dash_clientside.set_props("explorer-popstate", { data: window.location.search + "#" + Date.now() });
    }
  });

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.bmExplorer = {
      syncUrl: function (ind, year, level, areas, tab, classes, breaks, palette, ll, timerDisabled, langData) {
        var search = buildSearch(ind, year, level, areas, tab, classes, breaks, palette, ll, langData);
        if (search !== window.location.search) {
          var url = window.location.pathname + search + window.location.hash;
          if (timerDisabled === false) {
            window.history.replaceState(null, "", url);  // playing: one entry, not one per year
          } else {
            window.history.pushState(null, "", url);
          }
        }
        updateLanguageLink(search, langData);
        return search;
      },
      togglePlay: function (n, disabled, year, min, max, langData) {
        var t = TEXT[lang(langData)] || TEXT.de;
        if (disabled) {
          // start; from the beginning when already at the end
          var start = (year === null || year === undefined || year >= max) ? min : window.dash_clientside.no_update;
          return [false, t.pause, start];
        }
        return [true, t.play, window.dash_clientside.no_update];
      },
      tick: function (n, year, min, max, marks, langData) {
        var t = TEXT[lang(langData)] || TEXT.de;
        if (year === null || year === undefined || year >= max) {
          return [window.dash_clientside.no_update, true, t.play];
        }
        var next = year + 1;
        if (next >= max) {
          return [max, true, t.play];
        }
        return [next, false, window.dash_clientside.no_update];
      },
      downloadImages: function (png, svg, ind, year) {
        var trig = (window.dash_clientside.callback_context.triggered || [])[0];
        if (!trig || !trig.value) { return window.dash_clientside.no_update; }
        var format = trig.prop_id.indexOf("svg") >= 0 ? "svg" : "png";
        var ids = ["explorer-map", "explorer-compare", "explorer-ts"];
        ids.forEach(function (id, i) {
          var box = document.getElementById(id);
          if (!box || box.offsetParent === null) { return; }
          var plot = box.querySelector(".js-plotly-plot");
          if (!plot || !window.Plotly) { return; }
          var name = "bildungsmonitor-" + ind + "-" + year + "-" + (id.indexOf("ts") >= 0 ? "verlauf" : (id.indexOf("compare") >= 0 ? "kreise" : "karte"));
          window.Plotly.downloadImage(plot, { format: format, filename: name, width: plot.offsetWidth || 1000, height: plot.offsetHeight || 600, scale: format === "png" ? 2 : 1 });
        });
        return format + "-" + Date.now();
      }
  };
})();
