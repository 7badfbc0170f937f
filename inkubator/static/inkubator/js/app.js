// Inkubator's small behaviours, read from data attributes: the Content-Security-Policy allows no
// inline script (onchange="…") and no inline style (style="…"), so pages say what they want here.
//   data-autosubmit            on a <select>: submit its form when the choice changes (a <noscript>
//                              button does it without JavaScript);
//   data-check-all="NAME"      on a checkbox: tick or untick every checkbox named NAME;
//   data-width="N"             the element's width is N % (progress bars);
//   data-swatch="#rrggbb"      the element's background colour (map legends).
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
  apply(document);
  // Fragments htmx swaps in (a report's progress, a board's next cards) get the same treatment.
  document.addEventListener("htmx:afterSwap", function (event) { apply(event.target); });
})();
