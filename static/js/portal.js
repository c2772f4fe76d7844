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

// Forms marked data-keep-typing="name": what is typed is also kept on this phone until the
// server has it, so a lost connection or an ended session never loses words. When the page
// comes back with the server's copy the same, or moves on to another step, the phone's copy is
// dropped; a form marked
// data-clear-typing="name" drops them all when it is sent (the words are used up).
// Names start with the person's id, and "cg-kept-at:name" says when they last typed. Signing
// out (a form marked data-sign-out) drops every word kept for that person, and anyone's older
// than 2 days, also the agenda drafts of agendas.js: the next person on this phone may not be you.
(function () {
  "use strict";
  var PREFIX = "cg-keep:";
  var TYPED_AT = "cg-kept-at:";
  var KEEP_MS = 2 * 24 * 60 * 60 * 1000;  // as agendas.js and the server's kept forms

  function store() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  function keyFor(form, field) {
    return PREFIX + form.getAttribute("data-keep-typing") + ":" + field.name;
  }

  function fields(form) {
    return form.querySelectorAll("input[type=text], textarea");
  }

  function restore() {
    var saved = store();
    if (!saved) { return; }
    document.querySelectorAll("form[data-keep-typing]").forEach(function (form) {
      // A field of the same form that is not on this page was sent and saved: drop its copy.
      var start = PREFIX + form.getAttribute("data-keep-typing") + ":";
      Object.keys(saved).forEach(function (key) {
        if (key.indexOf(start) === 0 && !form.elements.namedItem(key.slice(start.length))) {
          saved.removeItem(key);
        }
      });
      fields(form).forEach(function (field) {
        var kept = saved.getItem(keyFor(form, field));
        if (kept === null) { return; }
        if (kept === field.value) { saved.removeItem(keyFor(form, field)); }
        else { field.value = kept; }
      });
    });
  }

  document.addEventListener("input", function (event) {
    var field = event.target, form = field.form, saved = store();
    if (saved && form && form.hasAttribute("data-keep-typing") && field.name) {
      try {
        saved.setItem(keyFor(form, field), field.value);
        saved.setItem(TYPED_AT + form.getAttribute("data-keep-typing"), String(Date.now()));
      } catch (error) { /* full: the server still gets the words when they are sent */ }
    }
  });

  function isOld(saved, key) {
    var form = key.slice(PREFIX.length, key.lastIndexOf(":")), at = null;
    if (key.indexOf(PREFIX + "agenda:") === 0) {
      try { at = JSON.parse(saved.getItem(key)).at; } catch (error) { /* not ours to read */ }
    } else {
      at = Number(saved.getItem(TYPED_AT + form)) || null;
    }
    return !at || Date.now() - at > KEEP_MS;
  }

  function forgetOnSignOut(person) {
    var saved = store();
    if (!saved) { return; }
    var mine = person ? [PREFIX + person + "-", PREFIX + "agenda:" + person + ":", TYPED_AT + person + "-"] : [];
    Object.keys(saved).forEach(function (key) {
      var isMine = mine.some(function (start) { return key.indexOf(start) === 0; });
      var old = key.indexOf(PREFIX) === 0 ? isOld(saved, key)
        : key.indexOf(TYPED_AT) === 0 && Date.now() - Number(saved.getItem(key)) > KEEP_MS;
      if (isMine || old) { saved.removeItem(key); }
    });
  }

  document.addEventListener("submit", function (event) {
    if (event.target.hasAttribute("data-sign-out")) {
      forgetOnSignOut(document.body.getAttribute("data-person") || "");
    }
    var name = event.target.getAttribute("data-clear-typing"), saved = store();
    if (!name || !saved) { return; }
    Object.keys(saved).forEach(function (key) {
      if (key.indexOf(PREFIX + name + ":") === 0) { saved.removeItem(key); }
    });
    saved.removeItem(TYPED_AT + name);
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
