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
})();
