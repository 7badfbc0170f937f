// The chart of dashboards/national.html (data from its json_script block).
// A static file: the Content-Security-Policy allows no inline script.
(function () {
  const data = JSON.parse(document.getElementById("trend-data").textContent);
  const canvas = document.getElementById("trend-chart");
  if (!data.series.length || typeof Chart === "undefined") { canvas.remove(); return; }
  new Chart(canvas, {type: "line", data: {labels: data.labels, datasets: data.series.map(s => ({label: s.label, data: s.data, tension: 0.2}))},
    options: {responsive: true, plugins: {legend: {position: "bottom"}}, scales: {y: {beginAtZero: true}}}});
})();
