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
  // Signed out, htmx is told to go to sign in (HX-Redirect). A refresh in the background
  // (hx-trigger "every ...") must not take you away from what you are typing: say it instead.
  document.addEventListener("htmx:beforeOnLoad", function (event) {
    var elt = event.detail.elt;
    var background = /\bevery\b/.test((elt.getAttribute && elt.getAttribute("hx-trigger")) || "");
    if (background && event.detail.xhr.getResponseHeader("HX-Redirect")) {
      event.preventDefault();
      showStatus("signedOut");
    }
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

// Forms marked data-keep-typing="name": what is typed is also kept on this phone (by
// kept-words.js) until the server has it, so a lost connection or an ended visit never loses
// words. When the page comes back with the server's copy the same, or moves on to another step,
// the phone's copy is dropped; a form marked data-clear-typing="name" drops it when it is sent
// (the words are used up).
(function () {
  "use strict";
  var kept = window.cgKeptWords;
  if (!kept) { return; }

  function fields(form) {
    return form.querySelectorAll("input[type=text], textarea");
  }

  function restore() {
    document.querySelectorAll("form[data-keep-typing]").forEach(function (form) {
      var name = form.getAttribute("data-keep-typing"), draft = kept.load(name);
      if (!draft || !draft.values) { return; }
      if (kept.isOld(draft)) { kept.forget(name); return; }
      // A field that is not on this page was sent and saved, and one the server shows with the
      // same words is saved too: only words the server does not have yet stay kept.
      var left = {};
      fields(form).forEach(function (field) {
        var words = draft.values[field.name];
        if (typeof words !== "string" || words === field.value) { return; }
        field.value = words;
        left[field.name] = words;
      });
      if (Object.keys(left).length) { kept.save(name, { at: draft.at, values: left }); }
      else { kept.forget(name); }
    });
  }

  document.addEventListener("input", function (event) {
    var field = event.target, form = field.form;
    if (!form || !form.hasAttribute("data-keep-typing") || !field.name) { return; }
    var name = form.getAttribute("data-keep-typing"), draft = kept.load(name);
    var values = (draft && draft.values) || {};
    values[field.name] = field.value;
    kept.save(name, { at: Date.now(), values: values });
  });

  document.addEventListener("submit", function (event) {
    var name = event.target.getAttribute && event.target.getAttribute("data-clear-typing");
    if (name) { kept.forget(name); }
  });

  restore();
  document.addEventListener("htmx:afterSettle", restore);
})();

// A boosted form (the step-by-step concern form) gets whole pages back, also when the answer
// is "please fix this" (422), "please send that again" (400) or "please wait" (429): show them,
// as the same form would without JavaScript, instead of an error message.
document.addEventListener("htmx:beforeSwap", function (event) {
  "use strict";
  var status = event.detail.xhr.status;
  if (event.detail.boosted && [400, 403, 404, 422, 429].indexOf(status) !== -1) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
