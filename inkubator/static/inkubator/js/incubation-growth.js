// The chart of incubation/detail.html (data from its json_script block).
// A static file: the Content-Security-Policy allows no inline script.
(function () {
  const data = JSON.parse(document.getElementById("growth-data").textContent);
  new Chart(document.getElementById("growth-chart"), {
    type: "line",
    data: {labels: data.labels, datasets: [
      {label: data.revenue_label, data: data.revenue, borderColor: "#0d6efd", tension: 0.2},
      {label: data.costs_label, data: data.costs, borderColor: "#dc3545", tension: 0.2}
    ]},
    options: {maintainAspectRatio: false, scales: {y: {beginAtZero: true}}}
  });
})();
