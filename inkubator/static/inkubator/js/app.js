// Inkubator's small behaviours, read from data attributes: the Content-Security-Policy allows no
// inline script (onchange="…") and no inline style (style="…"), so pages say what they want here.
//   data-autosubmit            on a <select>: submit its form when the choice changes (a <noscript>
//                              button does it without JavaScript);
//   data-check-all="NAME"      on a checkbox: tick or untick every checkbox named NAME;
//   data-width="N"             the element's width is N % (progress bars);
//   data-swatch="#rrggbb"      the element's background colour (map legends);
//   data-signout="USER"        on the sign-out form: remove that user's drafts kept on this device
//                              (static/inkubator/js/drafts.js), so the next person on it finds none.
// Styles set through the DOM (element.style) are not inline styles for the policy.
(function () {
  "use strict";
  function apply(root) {
    root.querySelectorAll("[data-width]").forEach(function (el) {
      el.style.width = el.dataset.width + "%";
    });
    root.querySelectorAll("[data-swatch]").forEach(function (el) {
      el.style.background = el.dataset.swatch;
    });
  }
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (!el.matches) { return; }
    if (el.matches("[data-autosubmit]") && el.form) { el.form.submit(); }
    if (el.matches("[data-check-all]")) {
      document.querySelectorAll("input[type=checkbox][name='" + el.dataset.checkAll + "']").forEach(function (box) {
        box.checked = el.checked;
      });
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-signout]")) { return; }
    try {
      var prefix = "inkubator:draft:" + form.dataset.signout + ":";
      Object.keys(window.localStorage).forEach(function (key) {
        if (key.indexOf(prefix) === 0) { window.localStorage.removeItem(key); }
      });
    } catch (error) { /* storage blocked: nothing was kept */ }
  });
  // After a draft was sent (drafts.js) the browser loads the page the server redirected to: the messages
  // that page rendered when the script fetched it ("The visit was logged.", "Sent: …") are shown here.
  function sentNote() {
    var notes;
    try {
      notes = JSON.parse(window.sessionStorage.getItem("inkubator:draft-sent") || "[]");
      window.sessionStorage.removeItem("inkubator:draft-sent");
    } catch (error) { return; }
    var main = document.getElementById("main");
    if (!main || !Array.isArray(notes)) { return; }
    notes.slice().reverse().forEach(function (item) {
      var note = document.createElement("div");
      note.className = "alert alert-" + (/^(success|info|warning|danger)$/.test(item.level) ? item.level : "info");
      note.setAttribute("role", item.role === "status" ? "status" : "alert");
      if (item.sent) { note.dataset.testid = "draft-sent"; }
      note.textContent = item.text;
      main.insertBefore(note, main.firstChild);
    });
  }
  sentNote();
  apply(document);
  // Fragments htmx swaps in (a report's progress, a board's next cards) get the same treatment.
  document.addEventListener("htmx:afterSwap", function (event) { apply(event.target); });
})();
