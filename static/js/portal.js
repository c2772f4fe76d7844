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

// Concerns: after "Show more", move focus to the first new concern, so keyboard and screen
// reader users carry on from where the new ones start.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function (event) {
    var trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
    var selector = trigger && trigger.getAttribute && trigger.getAttribute("data-focus-next");
    var target = selector && document.querySelector(selector);
    if (target) { target.focus(); }
  });
})();
