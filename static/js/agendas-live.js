// Agendas, the planning page: live updates every 2 seconds, "who is here", someone else's
// change said aloud, open forms kept through swaps, and focus that follows what you did.
// Needs agendas.js first; agendas-reorder.js uses merge() and tell() from here.
(function () {
  "use strict";

  var POLL_MS = 2000;
  var GIVE_UP_MS = 10000;  // one request hung on a phone network must not stop live updates
  var shared = window.cgAgendas || {};
  var firstField = shared.firstField;

  function setUpDragging() {
    if (shared.setUpDragging) { shared.setUpDragging(); }
  }

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

  // Moving an element in the page (appendChild, replaceWith) takes focus off it and off
  // anything in it, as removing it would. Do `change`, then put focus (and the caret) back
  // where it was, if that is still on the page and nothing else took it.
  function keepFocus(change) {
    var active = document.activeElement;
    var start = null;
    var end = null;
    if (active && typeof active.selectionStart === "number") { start = active.selectionStart; end = active.selectionEnd; }
    change();
    if (!active || active === document.body || document.activeElement !== document.body) { return; }
    if (!document.contains(active)) { return; }
    active.focus({ preventScroll: true });
    if (start !== null) { active.setSelectionRange(start, end); }
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
  // Your own changes, counted when sent and when answered. An update asked before or during
  // one may hold the agenda from before it: shown after your change's answer, it would take
  // back what you did (and focus off where you are). Such an update is dropped, and the next
  // one asks for the whole live area.
  var changes = 0;

  function ownChange(detail) {
    var live = document.getElementById("agenda-live");
    return live && ((detail.elt && live.contains(detail.elt)) || (detail.target && live.contains(detail.target)));
  }

  // Marked on the request itself: by its answer, the part that asked has been swapped out.
  document.addEventListener("htmx:beforeRequest", function (event) {
    saving += 1;
    if (ownChange(event.detail)) {
      changes += 1;
      if (event.detail.xhr) { event.detail.xhr.cgOwnChange = true; }
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    saving = Math.max(saving - 1, 0);
    if (event.detail.xhr && event.detail.xhr.cgOwnChange) { changes += 1; }
  });

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
    // Ask again next time: a swap is on its way, or has not settled (focus is not placed yet).
    if (saving > 0 || document.querySelector(".htmx-settling")) { etag = null; return; }
    keepFocus(function () { mergeAll(fresh); });
  }

  function mergeAll(fresh) {
    sayLatest(fresh);
    ["agenda-publish", "agenda-presence", "agenda-timing"].forEach(function (id) {
      var old = document.getElementById(id);
      var next = fresh.querySelector("#" + id);
      if (!old || !next || old.innerHTML === next.innerHTML) { return; }
      // Someone else let members see it (or made it a draft): the buttons change under you.
      // Focus goes to the card's heading, never onto a button that does something else.
      var hadFocus = old.contains(document.activeElement);
      old.replaceWith(next);
      if (hadFocus) { focusOn(next.querySelector("h2")); }
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
    // Only a part out of its place is moved: a move takes focus off the part you are on.
    var cursor = list.firstElementChild;
    rows.forEach(function (row) {
      if (row === cursor) { cursor = row.nextElementSibling; return; }
      list.insertBefore(row, cursor);
    });
    while (cursor) {
      var gone = cursor;
      cursor = cursor.nextElementSibling;
      gone.remove();
    }
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
    var asked = changes;
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
        if (html !== null && asked !== changes) { etag = null; html = null; }  // from before your change
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

  shared.merge = merge;
  shared.tell = tell;
  // Dragging sends its own change (not through htmx): when sent, and when answered.
  shared.askAgain = function () { etag = null; changes += 1; };

  document.addEventListener("DOMContentLoaded", function () {
    if (document.getElementById("agenda-live")) { window.setInterval(poll, POLL_MS); }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    etag = null;
    var config = event.detail.requestConfig;
    if (done && config && config.elt === done.elt) {
      var action = done;
      done = null;
      focusAfter(action);
    }
  });
})();
