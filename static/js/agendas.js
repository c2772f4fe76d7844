// Agendas, every page with an agenda form: nothing typed is lost, the kind's picture follows
// the kind, and "Add this part" is sent once a tap. The planning page adds agendas-live.js
// (live updates, focus that follows what you did) and agendas-reorder.js (dragging). Every page
// works without these files; they only make co-writing live and safe.
(function () {
  "use strict";

  // Nothing typed is lost: forms with data-keep are kept on this phone as you type, by
  // kept-words.js (one key scheme for every form; only the person who typed them gets them
  // back, and signing out throws them away).
  var kept = window.cgKeptWords;

  function loadDraft(key) {
    return kept ? kept.load(key) : null;
  }

  function saveDraft(key, draft) {
    if (kept) { kept.save(key, draft); }
  }

  function forget(key) {
    if (kept && key) { kept.forget(key); }
  }

  function isKept(field) {
    // The version is kept too: words kept from an older version meet the conflict screen.
    return field.name && !/^(submit|button|reset|file)$/.test(field.type) &&
      (field.type !== "hidden" || field.name === "version");
  }

  // Every field as a list, like FormData.getAll: each ticked leader, the chosen concern, the
  // words. An empty list is kept too: it means "nobody ticked" when the words are put back.
  function readForm(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!isKept(field)) { return; }
      var list = values[field.name] = values[field.name] || [];
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) { list.push(field.value); }
      } else if (field.type === "select-multiple") {
        Array.prototype.forEach.call(field.selectedOptions, function (option) { list.push(option.value); });
      } else {
        list.push(field.value);
      }
    });
    return values;
  }

  function fillForm(form, values) {
    var seen = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      var list = values[field.name];
      if (!isKept(field) || !Array.isArray(list)) { return; }
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = list.indexOf(field.value) !== -1;
      } else if (field.type === "select-multiple") {
        Array.prototype.forEach.call(field.options, function (option) {
          option.selected = list.indexOf(option.value) !== -1;
        });
      } else {
        seen[field.name] = (seen[field.name] || 0) + 1;
        field.value = list[seen[field.name] - 1] || "";
      }
    });
    // The picture for the kind follows the kind put back.
    var kind = form.querySelector("input[name='kind']:checked");
    if (kind) { kind.dispatchEvent(new Event("change", { bubbles: true })); }
  }

  function sameWords(one, other) {
    return Object.keys(one).concat(Object.keys(other)).every(function (name) {
      return name === "version" || JSON.stringify(one[name] || []) === JSON.stringify(other[name] || []);
    });
  }

  function keepTyping(event) {
    var form = event.target.form;
    if (!form || !form.dataset.keep || !isKept(event.target)) { return; }
    form.dataset.typed = "1";  // live updates leave this form alone now
    var old = loadDraft(form.dataset.keep);
    saveDraft(form.dataset.keep, { at: Date.now(), sent: (old && old.sent) || 0, values: readForm(form) });
  }

  // Sending: note when. The server's "saved" below forgets only words typed before this.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.dataset || !form.dataset.keep) { return; }
    var now = Date.now();
    saveDraft(form.dataset.keep, { at: now, sent: now, values: readForm(form) });
  });

  // The server says a form's words are saved (data-forget-draft). Forget them once, and only
  // if nothing was typed after they were sent; then drop the signal, so a later htmx swap (the
  // What's new badge, a Change) never deletes words typed since.
  function forgetSaved() {
    document.querySelectorAll("[data-forget-draft]").forEach(function (box) {
      var key = box.getAttribute("data-forget-draft");
      var draft = key && loadDraft(key);
      if (draft && draft.at <= (draft.sent || 0)) { forget(key); }
      box.removeAttribute("data-forget-draft");
    });
  }

  // A reload must not say "saved" or offer Undo again: take them out of the address.
  function cleanAddress() {
    if (!window.URL || !window.history.replaceState) { return; }
    var url = new URL(window.location.href);
    if (!url.searchParams.has("forget") && !url.searchParams.has("undo")) { return; }
    url.searchParams.delete("forget");
    url.searchParams.delete("undo");
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  }

  var offered = {};  // each kept draft is offered once a page: ignoring it is an answer too

  // Words kept from before are offered, never put back unasked: they may be old, or another's.
  function offerBack(form) {
    var key = form.dataset.keep;
    var draft = loadDraft(key);
    var template = form.querySelector("template[data-draft-offer]");
    if (!draft || !template || offered[key]) { return; }
    if (!draft.values || (kept && kept.isOld(draft))) { forget(key); return; }  // too old
    offered[key] = true;
    if (sameWords(draft.values, readForm(form))) { return; }  // on the page already: kept on
    var note = template.content.firstElementChild.cloneNode(true);
    note.keptDraft = draft;
    template.after(note);
  }

  function firstField(form) {
    return form.querySelector("input:not([type='hidden']), textarea, select");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-draft]");
    var note = button && button.closest(".agenda-kept-note");
    if (!note || !note.keptDraft) { return; }
    var form = button.form, draft = note.keptDraft, stored = loadDraft(form.dataset.keep);
    if (button.dataset.draft === "put-back") {
      fillForm(form, draft.values);
      form.dataset.typed = "1";  // live updates leave the words put back alone too
      var back = document.createElement("p");
      back.className = "message message-info agenda-kept-note";
      back.setAttribute("role", "status");
      back.textContent = form.dataset.keptWords || "";
      note.replaceWith(back);
    } else {
      if (stored && stored.at === draft.at) { forget(form.dataset.keep); }
      note.remove();
    }
    var field = firstField(form);
    if (field) { field.focus(); }
  });

  function setUpForms() {
    forgetSaved();
    document.querySelectorAll("form[data-keep]").forEach(offerBack);
  }

  // "The picture for its kind" shows the picture of the kind chosen just now.
  document.addEventListener("change", function (event) {
    var field = event.target;
    var choice = field.form && field.name === "kind" && field.form.querySelector("[data-kind-pictures]");
    if (!choice) { return; }
    var urls;
    try { urls = JSON.parse(choice.dataset.kindPictures); } catch (error) { return; }
    var plain = choice.querySelector("input[name='picture'][value=''] + label img");
    if (plain && urls[field.value]) { plain.src = urls[field.value]; }
  });

  document.addEventListener("input", keepTyping);
  document.addEventListener("change", keepTyping);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-forget]");
    if (link) { forget(link.dataset.forget); }
  });

  // ---- A form marked data-send-once ("Add this part") is sent once a tap: a second tap while
  // the page loads does nothing. The server adds the part once anyway (the form's one-time
  // token); this only saves a wasted send. After a while the button works again, in case the
  // line dropped: sending the same form again is safe. ----
  var SEND_AGAIN_MS = 8000;

  function sendButtons(form, disabled) {
    form.querySelectorAll("button:not([type]), button[type='submit']").forEach(function (button) {
      button.disabled = disabled;
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-send-once")) { return; }
    if (form.dataset.sending) { event.preventDefault(); return; }
    form.dataset.sending = "1";
    // After this send has started: a disabled button would not be sent with the form.
    window.setTimeout(function () { sendButtons(form, true); }, 0);
    window.setTimeout(function () { delete form.dataset.sending; sendButtons(form, false); }, SEND_AGAIN_MS);
  });
  // Back to this page from the browser's cache: it can be sent again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-send-once]").forEach(function (form) {
      delete form.dataset.sending;
      sendButtons(form, false);
    });
  });

  // For agendas-live.js and agendas-reorder.js, loaded after this file.
  window.cgAgendas = { firstField: firstField };

  document.addEventListener("DOMContentLoaded", function () {
    cleanAddress();
    setUpForms();
  });
  document.addEventListener("htmx:afterSettle", setUpForms);
})();
