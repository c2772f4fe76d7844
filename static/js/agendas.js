// Agendas: live updates, "who is here", nothing typed is lost, and dragging to reorder.
// Every page works without this file; it only makes co-writing live and safe.
(function () {
  "use strict";

  var POLL_MS = 2000;
  var STORE = "common-ground:";

  // ---- Nothing typed is lost: forms with data-keep are kept in this browser as you type. ----
  function storage() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  function readForm(form) {
    var values = {};
    form.querySelectorAll("input[name], textarea[name]").forEach(function (field) {
      // The version is kept too: words kept from an older version meet the conflict screen.
      if (field.type === "hidden" && field.name !== "version") { return; }
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) { return; }
      values[field.name] = field.value;
    });
    return values;
  }

  function keepTyping(event) {
    var form = event.target.form;
    var store = storage();
    if (!form || !form.dataset.keep) { return; }
    form.dataset.typed = "1";  // live updates leave this form alone now
    if (!store) { return; }
    store.setItem(STORE + form.dataset.keep, JSON.stringify({ at: Date.now(), values: readForm(form) }));
  }

  function offerBack(form) {
    var store = storage();
    if (!store || !form.dataset.keep || form.dataset.offered) { return; }
    form.dataset.offered = "1";
    var raw = store.getItem(STORE + form.dataset.keep);
    if (!raw) { return; }
    var kept;
    try { kept = JSON.parse(raw).values; } catch (error) { return; }
    var now = readForm(form);
    var differs = Object.keys(kept).some(function (name) {
      return name !== "version" && kept[name] !== now[name];
    });
    if (!differs) { return; }
    Object.keys(kept).forEach(function (name) {
      form.querySelectorAll("[name='" + name.replace(/'/g, "") + "']").forEach(function (field) {
        if (field.type === "radio") { field.checked = field.value === kept[name]; }
        else { field.value = kept[name]; }
      });
    });
    var note = document.createElement("p");
    note.className = "message message-info agenda-kept-note";
    note.setAttribute("role", "status");
    note.textContent = form.dataset.keptWords || "";
    form.insertBefore(note, form.firstChild);
  }

  function forget(key) {
    var store = storage();
    if (store && key) { store.removeItem(STORE + key); }
  }

  function setUpForms(root) {
    root.querySelectorAll("[data-forget-draft]").forEach(function (box) { forget(box.dataset.forgetDraft); });
    root.querySelectorAll("form[data-keep]").forEach(offerBack);
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
  // A save that worked (htmx) means the words are safe on the server.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (event.detail.successful && form && form.dataset && form.dataset.keep) {
      var answer = event.detail.xhr.responseText || "";
      if (answer.indexOf("data-editing=\"true\"") === -1) { forget(form.dataset.keep); }
    }
  });

  // ---- Live: ask every 2 seconds whether anything changed (a 304 when nothing did). ----
  var etag = null;
  var busy = false;
  var saving = 0;  // htmx requests in flight: never swap the list under them

  document.addEventListener("htmx:beforeRequest", function () { saving += 1; });
  document.addEventListener("htmx:afterRequest", function () { saving = Math.max(saving - 1, 0); });

  function editingId() {
    var row = document.querySelector("#agenda-items [data-editing='true']");
    return row ? row.dataset.itemId : "";
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
    nextList.querySelectorAll(":scope > li").forEach(function (row) {
      var mine = list.querySelector(":scope > li[data-item-id='" + row.dataset.itemId + "']");
      // Never replace a part someone is typing in, or the button they are on.
      if (mine && (mine.dataset.editing === "true" || mine.contains(active))) { rows.push(mine); }
      else { rows.push(row); }
    });
    list.querySelectorAll(":scope > li[data-editing='true']").forEach(function (row) {
      if (rows.indexOf(row) === -1) { rows.push(row); }
    });
    rows.forEach(function (row) { list.appendChild(row); });
    Array.prototype.slice.call(list.children).forEach(function (row) {
      if (rows.indexOf(row) === -1) { row.remove(); }
    });
    if (window.htmx) { window.htmx.process(list); }
    setUpDragging();
  }

  function poll() {
    var box = document.getElementById("agenda-live");
    if (!box || busy) { return; }
    busy = true;
    var url = box.dataset.liveUrl + "?editing=" + encodeURIComponent(editingId());
    var headers = { "HX-Request": "true" };
    if (etag) { headers["If-None-Match"] = etag; }
    fetch(url, { headers: headers, cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 304) { return null; }
        if (!response.ok) { throw new Error("status " + response.status); }
        etag = response.headers.get("ETag");
        return response.text();
      })
      .then(function (html) {
        var status = document.getElementById("connection-status");
        if (status && status.dataset.agendaOffline) { status.hidden = true; delete status.dataset.agendaOffline; }
        if (html === null) { return; }
        var fresh = document.createElement("div");
        fresh.innerHTML = html;
        merge(fresh);
      })
      .catch(function () {
        var status = document.getElementById("connection-status");
        if (status) { status.textContent = status.dataset.offline; status.hidden = false; status.dataset.agendaOffline = "1"; }
      })
      .then(function () { busy = false; });
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
    var body = new FormData();
    body.append("csrf_token", csrfToken());
    body.append("before", before);
    fetch(dragged.dataset.moveUrl, { method: "POST", body: body, credentials: "same-origin", headers: { "HX-Request": "true" } })
      .then(function () { etag = null; poll(); });
    dragged = null;
  });

  document.addEventListener("DOMContentLoaded", function () {
    setUpForms(document);
    setUpDragging();
    if (document.getElementById("agenda-live")) { window.setInterval(poll, POLL_MS); }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    setUpForms(event.detail.elt.ownerDocument ? document : event.detail.elt);
    setUpDragging();
    etag = null;
  });
})();
