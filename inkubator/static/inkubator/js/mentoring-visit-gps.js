// The visit form: the phone's position into the hidden latitude/longitude fields.
// A static file: the Content-Security-Policy allows no inline script.
(function () {
  // The phone's position goes into the hidden latitude/longitude fields; without it the visit saves anyway.
  var status = document.querySelector("[data-testid=gps-status]");
  var texts = document.getElementById("gps-messages").dataset;
  function locate() {
    if (!navigator.geolocation) { status.textContent = texts.denied; return; }
    navigator.geolocation.getCurrentPosition(function (position) {
      document.getElementById("id_latitude").value = position.coords.latitude.toFixed(5);
      document.getElementById("id_longitude").value = position.coords.longitude.toFixed(5);
      status.textContent = texts.found;
    }, function () { status.textContent = texts.denied; }, {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000});
  }
  document.getElementById("gps-retry").addEventListener("click", locate);
  if (!document.getElementById("id_latitude").value) { locate(); }
})();
