// Reading settings: after a tap on the settings page, the server answers htmx with the event
// "reading-changed" (HX-Trigger) carrying the classes for <html>. Putting them on here shows
// the change at once, without reloading the page. Without JavaScript the form posts and the
// next page comes with the classes already on <html>.
(function () {
  "use strict";
  var OURS = /^(text|spacing|theme|font|motion)-/;

  document.addEventListener("reading-changed", function (event) {
    var detail = event.detail || {};
    var root = document.documentElement;
    // Keep classes that others put on <html>; replace only the reading ones.
    var kept = Array.prototype.filter.call(root.classList, function (name) {
      return !OURS.test(name);
    });
    var chosen = String(detail.classes || "").split(/\s+/).filter(function (name) {
      return OURS.test(name);
    });
    root.className = kept.concat(chosen).join(" ");
    if (typeof detail.speechRate === "string") { root.dataset.speechRate = detail.speechRate; }
    if (typeof detail.voice === "string") { root.dataset.voice = detail.voice; }
  });
})();
