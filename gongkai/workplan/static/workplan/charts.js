/* Charts of the work plan and inspection pages, drawn with ECharts (served by the platform from
   node_modules as vendor/echarts). Each [data-chart] element names a key of the JSON data in the
   <script type="application/json"> element data-source; the page's tables hold the same numbers. */
(function () {
  "use strict";
  function draw(element, data) {
    var series = data[element.dataset.key];
    if (!series) { return; }
    element.hidden = false;
    var chart = window.echarts.init(element, null, { renderer: "svg" });
    var title = { text: element.dataset.title || "", left: "center", textStyle: { fontSize: 14 } };
    var option;
    if (element.dataset.chart === "pie") {
      option = { title: title, tooltip: { trigger: "item" }, legend: { bottom: 0 },
        series: [{ type: "pie", radius: "60%", data: series, label: { formatter: "{b}: {c}" } }] };
    } else if (element.dataset.chart === "line") {
      option = { title: title, tooltip: { trigger: "axis" }, legend: { bottom: 0 },
        xAxis: { type: "category", data: series.labels }, yAxis: { type: "value" },
        series: series.series.map(function (s) { return { type: "line", name: s.name, data: s.values }; }) };
    } else {
      option = { title: title, tooltip: { trigger: "axis" }, grid: { containLabel: true, left: 8, right: 16 },
        xAxis: { type: "value", max: series.max || 100 }, yAxis: { type: "category", data: series.labels, inverse: true },
        series: [{ type: "bar", data: series.values, label: { show: true, position: "right" } }] };
      element.style.height = Math.max(240, 28 * series.labels.length + 60) + "px";
    }
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function init() {
    if (!window.echarts) { return; }
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      var source = document.getElementById(element.dataset.source);
      if (source) { draw(element, JSON.parse(source.textContent)); }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
