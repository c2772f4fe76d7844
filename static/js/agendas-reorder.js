// Agendas, the planning page: drag a part to move it, where the device supports it; Move up
// and Move down always work. Needs agendas.js and agendas-live.js first.
(function () {
  "use strict";

  var shared = window.cgAgendas || {};

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
    shared.askAgain();  // an update asked before this move must not undo it on the page
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
        shared.askAgain();
        shared.merge(fresh);
        shared.tell(null);
      })
      .catch(function (error) { shared.tell(error && error.message === "failed" ? "failed" : "offline"); });
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

  shared.setUpDragging = setUpDragging;

  document.addEventListener("DOMContentLoaded", setUpDragging);
  document.addEventListener("htmx:afterSettle", setUpDragging);
})();
