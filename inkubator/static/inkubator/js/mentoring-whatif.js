// The chart of mentoring/plan_whatif.html (data from its json_script block).
// A static file: the Content-Security-Policy allows no inline script.
(function () {
  var data = JSON.parse(document.getElementById("whatif-data").textContent);
  new Chart(document.getElementById("whatif-chart"), {
    type: "line",
    data: {labels: data.labels, datasets: [
      {label: data.covered_label, data: data.covered, yAxisID: "y", borderColor: "#0072b2", backgroundColor: "#0072b2"},
      {label: data.km_label, data: data.km, yAxisID: "y1", borderColor: "#d55e00", backgroundColor: "#d55e00", borderDash: [5, 4]}
    ]},
    options: {maintainAspectRatio: false, locale: document.documentElement.lang, interaction: {mode: "index", intersect: false},
      scales: {x: {title: {display: true, text: data.x_label}},
               y: {beginAtZero: true, title: {display: true, text: data.covered_label}},
               y1: {beginAtZero: true, position: "right", grid: {drawOnChartArea: false}, title: {display: true, text: data.km_label}}}}
  });
})();
