// The chart of dashboards/national.html (data from its json_script block).
// A static file: the Content-Security-Policy allows no inline script.
// Chart.js is loaded from here, after the page: on a slow phone connection its ~70 KB would otherwise
// hold the page back (DOMContentLoaded) although every figure and table is already in the HTML.
(function () {
  const me = document.currentScript;
  const data = JSON.parse(document.getElementById("trend-data").textContent);
  const canvas = document.getElementById("trend-chart");
  if (!canvas) return;
  if (!data.series.length) { canvas.remove(); return; }

  function load(src, next) {
    const script = document.createElement("script");
    script.src = src;
    script.onload = next;
    script.onerror = function () { canvas.remove(); };
    document.head.appendChild(script);
  }

  function draw() {
    new Chart(canvas, {type: "line", data: {labels: data.labels, datasets: data.series.map(s => ({label: s.label, data: s.data, tension: 0.2}))},
      options: {responsive: true, plugins: {legend: {position: "bottom"}}, scales: {y: {beginAtZero: true}}}});
  }

  function start() {
    if (typeof Chart !== "undefined") { draw(); return; }
    load(me.dataset.chart, function () { load(me.dataset.chartLocale, draw); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
