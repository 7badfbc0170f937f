// The chart of incubation/dashboard.html (data from its json_script block).
// A static file: the Content-Security-Policy allows no inline script.
(function () {
  const data = JSON.parse(document.getElementById("revenue-data").textContent);
  new Chart(document.getElementById("revenue-chart"), {
    type: "line",
    data: {labels: data.labels, datasets: [{label: data.label, data: data.revenue, borderColor: "#0d6efd", tension: 0.2}]},
    options: {maintainAspectRatio: false, scales: {y: {beginAtZero: true}}}
  });
})();
