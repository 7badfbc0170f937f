// The chart of assessments/_radar_script.html (data from its json_script block).
// A static file: the Content-Security-Policy allows no inline script.
document.querySelectorAll("canvas[id^='radar-']").forEach(function (canvas) {
  var data = JSON.parse(document.getElementById("radar-data").textContent);
  new Chart(canvas, {
    type: "radar",
    data: {labels: data.labels, datasets: [{label: data.label, data: data.values, fill: true}]},
    options: {scales: {r: {min: 0, max: 100, ticks: {stepSize: 25}}}, plugins: {legend: {display: false}}}
  });
});
