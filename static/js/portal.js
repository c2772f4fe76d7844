// Common Ground's only script besides htmx. Everything works without it; it makes failures
// that happen in the background visible and spoken, instead of silent.
(function () {
  "use strict";

  function showStatus(kind) {
    var box = document.getElementById("connection-status");
    if (!box) { return; }
    box.textContent = box.dataset[kind] || "";
    box.hidden = false;
  }

  function hideStatus() {
    var box = document.getElementById("connection-status");
    if (box) { box.hidden = true; }
  }

  document.addEventListener("htmx:sendError", function () { showStatus("offline"); });
  document.addEventListener("htmx:responseError", function () { showStatus("failed"); });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) { hideStatus(); }
  });

  // Sessions: a "Print" button only makes sense with JavaScript, so it starts hidden.
  function showPrintButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) { button.hidden = false; });
  }
  document.addEventListener("DOMContentLoaded", showPrintButtons);
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
  });
})();
