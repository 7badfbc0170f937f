// Charts format their numbers the way the page's language does: 8.000.000 in Indonesian (html lang="id"),
// as the tables beside them do (Rp 5.676.000). Loaded right after Chart.js, before any chart is drawn.
(function () {
  if (!window.Chart) return;
  var lang = (document.documentElement.getAttribute("lang") || "id").toLowerCase();
  window.Chart.defaults.locale = lang.indexOf("id") === 0 ? "id-ID" : "en-GB";
})();
