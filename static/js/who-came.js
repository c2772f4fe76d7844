// Who came: a tap lost on a weak connection is sent again (a few times, waiting longer each
// time). Each tap asks for a state ("came=yes"), never "toggle", so sending it twice is safe.
(function () {
  "use strict";
  var tries = new WeakMap();
  document.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form[data-retry]");
    if (!form || !window.htmx) { return; }
    var count = (tries.get(form) || 0) + 1;
    if (count > 5) { return; }
    tries.set(form, count);
    window.setTimeout(function () {
      if (form.isConnected) { window.htmx.trigger(form, "submit"); }
    }, 1000 * count * count);
  });
})();
