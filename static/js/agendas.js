// Agendas: live updates, "who is here", nothing typed is lost, focus that follows what you
// did, and dragging to reorder. Every page works without this file; it only makes co-writing
// live and safe.
(function () {
  "use strict";

  var POLL_MS = 2000;
  var GIVE_UP_MS = 10000;  // one request hung on a phone network must not stop live updates
  // Like portal.js's kept words ("cg-keep:"): the sign-out form (data-clear-typing="agenda")
  // clears every key under this, as the next person on a shared phone may not be you.
  var STORE = "cg-keep:agenda:";
  var KEEP_MS = 2 * 24 * 60 * 60 * 1000;  // words older than 2 days are thrown away, not offered

  // ---- Nothing typed is lost: forms with data-keep are kept in this browser as you type. ----
  function storage() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  function loadDraft(key) {
    var store = storage();
    try { return store ? JSON.parse(store.getItem(STORE + key)) : null; } catch (error) { return null; }
  }

  function saveDraft(key, draft) {
    var store = storage();
    try { if (store) { store.setItem(STORE + key, JSON.stringify(draft)); } } catch (error) { /* full */ }
  }

  function forget(key) {
    var store = storage();
    if (store && key) { store.removeItem(STORE + key); }
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
    if (!draft.values || Date.now() - draft.at > KEEP_MS) { forget(key); return; }  // too old
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

  // ---- Focus follows what you did, for keyboards and screen readers. ----
  function heading(row) {
    return row && row.querySelector("h2, h3, h4");
  }

  function sameMove(row, action) {
    return row && (row.querySelector("[data-action='" + action + "'] button") || heading(row));
  }

  var FOCUS = {
    change: function (row) { return row && firstField(row); },
    // Saved: its Change link. Someone saved first: the conflict screen's heading.
    save: function (row) {
      return row && (row.dataset.editing ? heading(row) : row.querySelector("[data-action='change']"));
    },
    "move-up": sameMove,
    "move-down": sameMove,
    delete: function (row) { return document.querySelector(".agenda-undo button") || heading(row); },
    undo: heading,
    answer: function () { return document.getElementById("suggestions-heading"); }
  };

  function focusOn(target) {
    if (!target) { return; }
    if (!target.matches("a[href], button, input, select, textarea")) { target.setAttribute("tabindex", "-1"); }
    target.focus();
  }

  function focusAfter(done) {
    var prefix = done.action === "answer" ? "suggestion-" : "item-";
    var scope = document.getElementById(prefix + done.id);
    focusOn((scope && scope.querySelector("[aria-invalid='true']")) ||
      FOCUS[done.action](scope, done.action) || document.getElementById("agenda-status"));
  }

  // The same button or link in a fresh copy of a part, so a live update keeps your place.
  function sameControl(row, old) {
    var owner = old.closest("[data-action]");
    var found = owner && row.querySelector("[data-action='" + owner.dataset.action + "']");
    if (found && found.tagName === "FORM") { found = found.querySelector("button"); }
    if (!found && old.getAttribute("href")) { found = row.querySelector("a[href='" + old.getAttribute("href") + "']"); }
    return found || heading(row);
  }

  var done = null;  // the action in flight, remembered before its answer replaces the button

  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    var action = elt.getAttribute && elt.getAttribute("data-action");
    if (!action || !FOCUS[action]) { return; }
    var owner = elt.closest("[data-item-id], [data-suggestion-id]");
    done = { elt: elt, action: action, id: owner && (owner.dataset.itemId || owner.dataset.suggestionId) };
  });

  // ---- Your own Move, Delete, Undo or answer replaces the whole live area. A part open for
  // changing elsewhere, or an answer being typed, stays as it is: htmx's hx-preserve keeps the
  // element itself. Only the form that asked is replaced by the answer. ----
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (!detail.shouldSwap || !detail.target || detail.target.id !== "agenda-live") { return; }
    var asker = detail.requestConfig && detail.requestConfig.elt;
    var open = Array.prototype.filter.call(
      document.querySelectorAll("#agenda-items > li[data-editing='true'], #agenda-suggestions form[data-typed]"),
      function (element) { return !element.contains(asker); }
    );
    if (!open.length) { return; }
    var fresh = document.createElement("template");
    fresh.innerHTML = detail.serverResponse;
    var list = fresh.content.querySelector("#agenda-items");
    open.forEach(function (element) {
      var spot = fresh.content.getElementById(element.id);
      // Taken off by someone meanwhile: keep the words at the end, as live updates do.
      if (!spot && element.dataset.itemId && list) {
        spot = document.createElement("li");
        spot.id = element.id;
        list.appendChild(spot);
      }
      if (spot) { spot.setAttribute("hx-preserve", "true"); }
    });
    detail.serverResponse = fresh.innerHTML;
  });

  // ---- Live: ask every 2 seconds whether anything changed (a 304 when nothing did). ----
  var etag = null;
  var busy = false;
  var stopped = false;
  var saving = 0;  // htmx requests in flight: never swap the list under them

  document.addEventListener("htmx:beforeRequest", function () { saving += 1; });
  document.addEventListener("htmx:afterRequest", function () { saving = Math.max(saving - 1, 0); });

  // Trouble with live updates, said in the page's alert box; null: all is well again.
  function tell(kind) {
    var box = document.getElementById("connection-status");
    var live = document.getElementById("agenda-live");
    if (!box) { return; }
    if (!kind) {
      if (box.dataset.agendaTold) { box.hidden = true; delete box.dataset.agendaTold; }
      return;
    }
    box.textContent = box.dataset[kind] || (live && live.dataset[kind]) || box.dataset.failed;
    box.hidden = false;
    box.dataset.agendaTold = "1";
  }

  function editingId() {
    var row = document.querySelector("#agenda-items [data-editing='true']");
    return row ? row.dataset.itemId : "";
  }

  // Someone else's change, said in #agenda-status for screen readers (and seen by everyone).
  function sayLatest(fresh) {
    var mine = document.getElementById("agenda-latest");
    var next = fresh.querySelector("#agenda-latest");
    var status = document.getElementById("agenda-status");
    if (!mine || !next) { return; }
    if (status && next.dataset.change !== mine.dataset.change && next.content.childElementCount) {
      status.replaceChildren(next.content.cloneNode(true));
    }
    mine.replaceWith(next);
  }

  // Members' ideas: new ones appear, answered ones go; an answer being typed stays put.
  function mergeSuggestions(fresh) {
    var box = document.getElementById("agenda-suggestions");
    var next = fresh.querySelector("#agenda-suggestions");
    if (!box || !next) { return; }
    var active = document.activeElement;
    next.querySelectorAll("form[data-suggestion-id]").forEach(function (form) {
      var mine = box.querySelector("form[data-suggestion-id='" + form.dataset.suggestionId + "']");
      if (mine && (mine.dataset.typed || mine.contains(active))) { form.replaceWith(mine); }
    });
    box.replaceWith(next);
    if (window.htmx) { window.htmx.process(next); }
  }

  function merge(fresh) {
    if (saving > 0) { etag = null; return; }  // ask again next time, after the swap
    sayLatest(fresh);
    ["agenda-presence", "agenda-timing"].forEach(function (id) {
      var old = document.getElementById(id);
      var next = fresh.querySelector("#" + id);
      if (old && next) { old.replaceWith(next); }
    });
    mergeSuggestions(fresh);
    var list = document.getElementById("agenda-items");
    var nextList = fresh.querySelector("#agenda-items");
    if (!list || !nextList) { return; }
    var active = document.activeElement;
    var rows = [];
    var refocus = null;
    nextList.querySelectorAll(":scope > li").forEach(function (row) {
      var mine = list.querySelector(":scope > li[data-item-id='" + row.dataset.itemId + "']");
      // Never replace a part someone is typing in; leave one that has not changed alone.
      var same = mine && mine.innerHTML === row.innerHTML && mine.className === row.className;
      if (mine && (mine.dataset.editing === "true" || same)) { rows.push(mine); return; }
      // A changed part is replaced even under your focus (else it would go stale), and focus
      // moves to the same button in the fresh copy.
      if (mine && mine.contains(active)) { refocus = { row: row, old: active }; }
      rows.push(row);
    });
    list.querySelectorAll(":scope > li[data-editing='true']").forEach(function (row) {
      if (rows.indexOf(row) === -1) { rows.push(row); }
    });
    rows.forEach(function (row) { list.appendChild(row); });
    Array.prototype.slice.call(list.children).forEach(function (row) {
      if (rows.indexOf(row) === -1) { row.remove(); }
    });
    if (window.htmx) { window.htmx.process(list); }
    if (refocus) { focusOn(sameControl(refocus.row, refocus.old)); }
    setUpDragging();
  }

  // Signed out: the server answers htmx with HX-Redirect to sign in (or, elsewhere, a redirect).
  function signedOut(response) {
    return response.redirected || response.headers.has("HX-Redirect");
  }

  function poll() {
    var box = document.getElementById("agenda-live");
    if (!box || busy || stopped) { return; }
    busy = true;
    var url = box.dataset.liveUrl + "?editing=" + encodeURIComponent(editingId());
    var headers = { "HX-Request": "true" };
    if (etag) { headers["If-None-Match"] = etag; }
    var giveUp = window.AbortController ? new AbortController() : null;
    var timer = giveUp && window.setTimeout(function () { giveUp.abort(); }, GIVE_UP_MS);
    fetch(url, { headers: headers, cache: "no-store", credentials: "same-origin", signal: giveUp && giveUp.signal })
      .then(function (response) {
        if (response.status === 304) { return null; }
        if (signedOut(response)) { throw new Error("signedOut"); }
        if (response.status === 403 || response.status === 404) { throw new Error("gone"); }
        if (!response.ok) { throw new Error("failed"); }
        etag = response.headers.get("ETag");
        return response.text();
      })
      .then(function (html) {
        if (html !== null) {
          var fresh = document.createElement("div");
          fresh.innerHTML = html;
          // Not the live area (a sign-in page, say): never merge it, and say why.
          if (!fresh.querySelector("#agenda-items")) { etag = null; throw new Error("signedOut"); }
          merge(fresh);
        }
        tell(null);
      })
      .catch(function (error) {
        var kind = error && error.message;
        if (kind === "gone") { stopped = true; }  // not theirs to plan now: stop asking
        tell(/^(signedOut|gone|failed)$/.test(kind) ? kind : "offline");
      })
      .then(function () {
        if (timer) { window.clearTimeout(timer); }
        busy = false;
      });
  }

  // ---- Dragging, where the device supports it; Move up and Move down always work. ----
  var dragged = null;

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (error) { return ""; }
  }

  function setUpDragging() {
    var list = document.getElementById("agenda-items");
    if (!list || !("draggable" in list)) { return; }
    list.querySelectorAll(":scope > li[data-move-url]").forEach(function (row) {
      row.draggable = row.dataset.editing !== "true";
    });
  }

  // The answer is the live area, as for Move up: show it, and say what happened.
  function moveTo(url, before) {
    var body = new FormData();
    body.append("csrf_token", csrfToken());
    body.append("before", before);
    fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: { "HX-Request": "true" } })
      .then(function (response) {
        var away = response.headers.get("HX-Redirect");
        if (away) { window.location.href = away; return null; }  // signed out: sign in, as htmx does
        if (!response.ok) { throw new Error("failed"); }
        return response.text();
      })
      .then(function (html) {
        if (html === null) { return; }
        var fresh = document.createElement("div");
        fresh.innerHTML = html;
        var said = fresh.querySelector("#agenda-status");
        var status = document.getElementById("agenda-status");
        if (said && status) { status.replaceChildren.apply(status, Array.prototype.slice.call(said.childNodes)); }
        etag = null;
        merge(fresh);
        tell(null);
      })
      .catch(function (error) { tell(error && error.message === "failed" ? "failed" : "offline"); });
  }

  document.addEventListener("dragstart", function (event) {
    var row = event.target.closest && event.target.closest("#agenda-items > li");
    if (!row) { return; }
    dragged = row;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", row.dataset.itemId);
  });
  document.addEventListener("dragover", function (event) {
    if (dragged && event.target.closest && event.target.closest("#agenda-items")) { event.preventDefault(); }
  });
  document.addEventListener("drop", function (event) {
    var target = event.target.closest && event.target.closest("#agenda-items > li");
    if (!dragged || !target || target === dragged) { dragged = null; return; }
    event.preventDefault();
    var rows = Array.prototype.slice.call(document.querySelectorAll("#agenda-items > li"));
    // Name the part it lands before, not a count of places: others may move parts meanwhile.
    var before = target.dataset.itemId;
    if (rows.indexOf(target) > rows.indexOf(dragged)) {
      var next = rows[rows.indexOf(target) + 1];
      before = next ? next.dataset.itemId : "end";
    }
    moveTo(dragged.dataset.moveUrl, before);
    dragged = null;
  });

  document.addEventListener("DOMContentLoaded", function () {
    cleanAddress();
    setUpForms();
    setUpDragging();
    if (document.getElementById("agenda-live")) { window.setInterval(poll, POLL_MS); }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    setUpForms();
    setUpDragging();
    etag = null;
    var config = event.detail.requestConfig;
    if (done && config && config.elt === done.elt) {
      var action = done;
      done = null;
      focusAfter(action);
    }
  });
})();
