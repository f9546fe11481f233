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

  // Must read exactly like dashboard/figures/choropleth.py: map_trace_update.
  var RANK = {
    de: ["Rang {r} von {n} (1 = bester Wert)", "Rang {r} von {n} (1 = höchster Wert)"],
    en: ["Rank {r} of {n} (1 = best)", "Rank {r} of {n} (1 = highest)"]
  };
  var PROVISIONAL = { de: "<br>vorläufiger Wert", en: "<br>provisional value" };

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

  // The year slider (Radix) renders its thumb and number box without a name; give them one.
  function labelYearControls() {
    var label = document.getElementById("explorer-year-label");
    if (!label) { return; }
    document.querySelectorAll("#explorer-year [role=slider]:not([aria-label]), #explorer-year input[type=number]:not([aria-label])")
      .forEach(function (el) { el.setAttribute("aria-label", label.textContent); });
  }
  new MutationObserver(labelYearControls).observe(document.documentElement, { childList: true, subtree: true });

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
      // Rebuild the map's values, colours and hover texts from the compact server data
      // (dashboard/figures/choropleth.py: compact_update). The geometry stays where it is.
      applyMapData: function (d, fig) {
        var nu = window.dash_clientside.no_update;
        if (!d || !fig || !fig.data || !fig.data.length) { return nu; }
        function ints(text) { return text === "" ? [] : text.split(",").map(function (x) { return x === "" ? null : Number(x); }); }
        var z = ints(d.z), v = ints(d.v), r = ints(d.r);
        var fmt = new Intl.NumberFormat(d.lang === "de" ? "de-DE" : "en-GB", { minimumFractionDigits: d.d, maximumFractionDigits: d.d });
        var reason = {}, note = {}, prov = {}, sel = {};
        Object.keys(d.m || {}).forEach(function (k) { ints(d.m[k]).forEach(function (i) { reason[i] = k; }); });
        Object.keys(d.fn || {}).forEach(function (k) { ints(d.fn[k]).forEach(function (i) { note[i] = k; }); });
        ints(d.p || "").forEach(function (i) { prov[i] = true; });
        (d.s || []).forEach(function (i) { sel[i] = true; });
        var map = Object.assign({}, fig.data[0]);
        var names = map.text || map.locations || [];
        var hover = [], widths = [], lines = [], ndHover = [];
        for (var i = 0; i < z.length; i++) {
          var head = "<b>" + (names[i] || "") + "</b><br>";
          if (v[i] === null) {
            hover.push(head + (reason[i] || ""));
            ndHover.push(hover[i]);
          } else {
            var extra = prov[i] ? PROVISIONAL[d.lang] : (note[i] ? "<br>" + note[i] : "");
            var rank = RANK[d.lang][d.hi ? 1 : 0].replace("{r}", r[i]).replace("{n}", d.n);
            hover.push(head + fmt.format(v[i]) + d.ut + "<br>" + rank + extra);
          }
          widths.push(sel[i] ? 3.5 : 0.6);
          lines.push(sel[i] ? "#111111" : "#8a8f98");
        }
        var bands = ["#c9c9c9"].concat(d.c), scale = [];
        bands.forEach(function (c, k) { scale.push([k / bands.length, c]); scale.push([(k + 1) / bands.length, c]); });
        map.z = z;
        map.hovertext = hover;
        map.colorscale = scale;
        map.zmin = -1.5;
        map.zmax = d.c.length - 0.5;
        map.marker = Object.assign({}, map.marker, { line: Object.assign({}, (map.marker || {}).line, { width: widths, color: lines }) });
        var ticks = [-1];
        d.c.forEach(function (c, k) { ticks.push(k); });
        map.colorbar = Object.assign({}, map.colorbar, { tickvals: ticks, ticktext: d.l, title: { text: d.tt } });
        var nd = Object.assign({}, fig.data[1], {
          lon: d.nd.map(function (p) { return p[0]; }),
          lat: d.nd.map(function (p) { return p[1]; }),
          hovertext: ndHover
        });
        var data = fig.data.slice();
        data[0] = map;
        data[1] = nd;
        return Object.assign({}, fig, { data: data });
      },
      // PNG/SVG of the visible charts, each with its heading and source line written into the image,
      // so a chart copied into a slide still says what it shows and where it comes from.
      downloadImages: function (png, svg, ind, year) {
        var trig = (window.dash_clientside.callback_context.triggered || [])[0];
        if (!trig || !trig.value || !window.Plotly) { return window.dash_clientside.no_update; }
        var format = trig.prop_id.indexOf("svg") >= 0 ? "svg" : "png";
        function text(selector) {
          var el = document.querySelector(selector);
          return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
        }
        function heading(selector) {
          var el = document.querySelector(selector);
          if (!el) { return ""; }
          var main = el.childNodes.length ? el.childNodes[0].textContent : el.textContent;
          var badge = el.querySelector(".badge-demo");
          return main.trim() + (badge ? " (" + badge.textContent.trim() + ")" : "");
        }
        var charts = [
          ["explorer-map", "karte", heading("#explorer-map-heading"), text("#explorer-map-source")],
          ["explorer-compare", "kreise", heading("#explorer-map-heading"), text("#explorer-map-source")],
          ["explorer-ts", "verlauf", heading("#explorer-title") + " – " + heading("#explorer-ts-heading"), text("#explorer-ts-notes .source-line")]
        ];
        charts.forEach(function (chart) {
          var box = document.getElementById(chart[0]);
          if (!box || box.offsetParent === null) { return; }
          var plot = box.querySelector(".js-plotly-plot");
          if (!plot) { return; }
          var layout = Object.assign({}, plot.layout, {
            title: { text: chart[2], x: 0.01, xanchor: "left", font: { size: 16 }, subtitle: { text: chart[3], font: { size: 11 } } },
            margin: Object.assign({}, plot.layout.margin, { t: 80 })
          });
          // at least 1000 px wide, so that heading and source line fit on one line each
          var width = Math.max(plot.offsetWidth || 0, 1000), height = Math.max(plot.offsetHeight || 0, 540) + 80;
          var config = { topojsonURL: (plot._context || {}).topojsonURL };
          window.Plotly.toImage({ data: plot.data, layout: layout, config: config },
            { format: format, width: width, height: height, scale: format === "png" ? 2 : 1 })
            .then(function (url) {
              var a = document.createElement("a");
              a.href = url;
              a.download = "bildungsmonitor-" + ind + "-" + year + "-" + chart[1] + "." + format;
              document.body.appendChild(a);
              a.click();
              a.remove();
            });
        });
        return format + "-" + Date.now();
      }
  };
})();
