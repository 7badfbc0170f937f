// The chart of assessments/distribution.html (data from its json_script block).
// A static file: the Content-Security-Policy allows no inline script.
(function () {
  var data = JSON.parse(document.getElementById("distribution-data").textContent);
  new Chart(document.getElementById("distribution-chart"), {
    type: "bar",
    data: data,
    options: {indexAxis: "y", maintainAspectRatio: false, responsive: true,
      scales: {x: {stacked: true}, y: {stacked: true, ticks: {autoSkip: false, font: {size: 10}}}}}
  });
})();
