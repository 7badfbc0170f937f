// The chart of training/output.html (data from its json_script block).
// A static file: the Content-Security-Policy allows no inline script.
(function () {
  const data = JSON.parse(document.getElementById("field-data").textContent);
  if (!data || !data.labels.length || typeof Chart === "undefined") { document.getElementById("field-chart").remove(); return; }
  new Chart(document.getElementById("field-chart"), {
    type: "bar",
    data: {labels: data.labels, datasets: [{label: data.trainees_label, data: data.trainees}, {label: data.graduates_label, data: data.graduates}]},
    options: {indexAxis: "y", responsive: true, plugins: {legend: {position: "bottom"}}}
  });
})();
