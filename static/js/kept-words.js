// Words kept on this phone while they are typed, for every form that keeps them (the concern
// form in portal.js, the agenda forms in agendas.js): one key scheme and one set of rules, so a
// lost connection or an ended visit never loses words, and the next person on a shared phone
// never sees them.
//   key:   "cg-keep:<person's id>:<form's name>"   value: {"at": ms, "sent": ms, "values": {...}}
// Only the person who typed the words is offered them. Words older than 2 days (the server's
// kept forms last as long) are thrown away on any page; signing out (a form marked
// data-sign-out, and again on the next page, whose body names who left) throws away all of
// that person's words too.
window.cgKeptWords = (function () {
  "use strict";
  var PREFIX = "cg-keep:";
  var KEEP_MS = 2 * 24 * 60 * 60 * 1000;

  function store() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  function person() {
    return (document.body && document.body.getAttribute("data-person")) || "";
  }

  function key(name) {
    return PREFIX + person() + ":" + name;
  }

  function read(saved, fullKey) {
    try {
      var draft = JSON.parse(saved.getItem(fullKey));
      return draft && typeof draft === "object" ? draft : null;
    } catch (error) { return null; }
  }

  function load(name) {
    var saved = store();
    return saved ? read(saved, key(name)) : null;
  }

  function save(name, draft) {
    var saved = store();
    try { if (saved) { saved.setItem(key(name), JSON.stringify(draft)); } } catch (error) { /* full */ }
  }

  function forget(name) {
    var saved = store();
    if (saved && name) { saved.removeItem(key(name)); }
  }

  function isOld(draft) {
    return !draft || !draft.at || Date.now() - draft.at > KEEP_MS;
  }

  // Anyone's words older than 2 days go; with `everyOfMine`, all of this person's words too.
  // Keys an older version of the portal wrote ("cg-kept-at:", or words that are not a draft)
  // read as old, so they go as well.
  function sweep(everyOfMine, whose) {
    var saved = store();
    if (!saved) { return; }
    var me = whose || person(), mine = PREFIX + me + ":";
    var older = [PREFIX + "agenda:" + me + ":", PREFIX + me + "-"];  // this person's, old scheme
    Object.keys(saved).forEach(function (fullKey) {
      if (fullKey.indexOf("cg-kept-at:") === 0) { saved.removeItem(fullKey); return; }
      if (fullKey.indexOf(PREFIX) !== 0) { return; }
      var isMine = me && [mine].concat(older).some(function (start) { return fullKey.indexOf(start) === 0; });
      if ((everyOfMine && isMine) || isOld(read(saved, fullKey))) { saved.removeItem(fullKey); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    // The page after signing out names who just left: their words go even when this phone
    // was too slow to run the sweep as "Sign out" was tapped.
    var gone = document.body && document.body.getAttribute("data-signed-out-person");
    sweep(Boolean(gone), gone);
  });
  document.addEventListener("submit", function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-sign-out")) { sweep(true); }
  });

  return { load: load, save: save, forget: forget, isOld: isOld };
})();
