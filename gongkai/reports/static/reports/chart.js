/* Progressive enhancement of the request chart with ECharts (loaded only when vendor/echarts is
   installed). Without JavaScript, or if anything fails, the server-drawn SVG and the table stay. */
(function () {
  "use strict";
  var holder = document.getElementById("request-chart");
  var source = document.getElementById("request-chart-data");
  if (!holder || !source || !window.echarts) { return; }
  try {
    var data = JSON.parse(source.textContent);
    var canvas = document.createElement("div");
    canvas.className = "request-chart-canvas";
    // Its text alternative is the server-drawn SVG's title and description (kept, hidden, in the page).
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-labelledby", "request-chart-title");
    canvas.setAttribute("aria-describedby", "request-chart-desc");
    holder.insertBefore(canvas, holder.querySelector("figcaption"));  // where the SVG was, above its caption
    var series = [{ name: data["new"].name, type: "bar", stack: "new", data: data["new"].values,
                    itemStyle: { color: data["new"].colour } }];
    data.groups.forEach(function (group) {
      series.push({ name: group.name, type: "bar", stack: "processed", data: group.values,
                    itemStyle: { color: group.colour, borderColor: "#fff", borderWidth: 1 } });
    });
    var chart = window.echarts.init(canvas, null, { renderer: "svg" });
    chart.setOption({
      animation: false, tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { top: 64, left: 48, right: 16, bottom: 32 },
      xAxis: { type: "category", data: data.years }, yAxis: { type: "value", minInterval: 1 }, series: series
    });
    var fallback = holder.querySelector(".request-chart-svg");
    if (fallback) { fallback.style.display = "none"; }  // SVG elements ignore the hidden attribute
    window.addEventListener("resize", function () { chart.resize(); });
  } catch (error) {
    /* keep the server-drawn chart */
  }
}());
