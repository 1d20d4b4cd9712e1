/* Charts of the work plan and inspection pages, drawn with ECharts (served by the platform from
   node_modules as vendor/echarts). Each [data-chart] element names a key of the JSON data in the
   <script type="application/json"> element data-source; the page's tables hold the same numbers. */
(function () {
  "use strict";
  // Narrow (a phone): category labels wrap instead of being dropped, the pie's counts sit inside the slices
  // with the names in the legend, so nothing is cut off or overlaps.
  var NARROW = 520;
  // A label and its count: the full-width colon in Chinese text (GB/T 15834), ": " in English.
  var COLON = /^zh/i.test(document.documentElement.lang) ? "：" : ": ";

  function optionFor(element, series) {
    var narrow = element.clientWidth < NARROW;
    var title = { text: element.dataset.title || "", left: "center", textStyle: { fontSize: 14, width: element.clientWidth - 16, overflow: "break" } };
    if (element.dataset.chart === "pie") {
      return { title: title, tooltip: { trigger: "item" }, legend: { bottom: 0 },
        series: [{ type: "pie", radius: narrow ? ["0%", "58%"] : "60%", center: ["50%", "48%"], data: series,
          label: narrow ? { position: "inside", formatter: "{c}", fontSize: 13, color: "#fff", textBorderColor: "#333", textBorderWidth: 2 }
            : { formatter: "{b}" + COLON + "{c}" } }] };
    }
    if (element.dataset.chart === "line") {
      return { title: title, tooltip: { trigger: "axis" }, legend: { bottom: 0 },
        xAxis: { type: "category", data: series.labels }, yAxis: { type: "value" },
        series: series.series.map(function (s) { return { type: "line", name: s.name, data: s.values }; }) };
    }
    var labelWidth = narrow ? Math.max(96, Math.floor(element.clientWidth * 0.4)) : 260;
    // Each category band as tall as its longest label once wrapped (13 px characters, 15 px lines).
    var longest = Math.max.apply(null, series.labels.map(function (label) { return String(label).length; }).concat([1]));
    var band = Math.max(28, Math.ceil(longest * 13 / labelWidth) * 15 + 13);
    // The element's height is the bands plus the title above (top) and the value axis below (bottom).
    var top = narrow ? 56 : 48, bottom = 36;
    element.style.height = Math.max(240, band * series.labels.length + top + bottom) + "px";
    return { title: title, tooltip: { trigger: "axis" },
      grid: { containLabel: true, left: 8, right: 32, top: top, bottom: bottom },
      xAxis: { type: "value", max: series.max || 100 },
      yAxis: { type: "category", data: series.labels, inverse: true,
        axisLabel: { interval: 0, width: labelWidth, overflow: "break", lineHeight: 15 } },
      series: [{ type: "bar", data: series.values, label: { show: true, position: "right" } }] };
  }

  function draw(element, series) {
    var option = optionFor(element, series);  // (sets a bar chart's height before ECharts measures it)
    option.animation = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var chart = window.echarts.init(element, null, { renderer: "svg" });
    chart.setOption(option);
    var width = element.clientWidth;
    function redraw() {
      if (element.clientWidth === width) { return; }  // (a bar chart's own height change is not a resize)
      width = element.clientWidth;
      var option = optionFor(element, series);
      option.animation = false;  // a redraw (a scroll bar appearing, a rotated phone) does not replay the growth
      chart.setOption(option, { notMerge: true });
      chart.resize();
    }
    // The box, not the window: a chart's column narrows when the chart beside it appears or wraps.
    if (window.ResizeObserver) { new ResizeObserver(redraw).observe(element); }
    else { window.addEventListener("resize", redraw); }
  }
  function init() {
    if (!window.echarts) { return; }
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      var source = document.getElementById(element.dataset.source);
      var series = source && JSON.parse(source.textContent)[element.dataset.key];
      if (series) {
        element.hidden = false;  // every chart shown first, so each is measured in its final column
        charts.push([element, series]);
      }
    });
    charts.forEach(function (pair) { draw(pair[0], pair[1]); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
