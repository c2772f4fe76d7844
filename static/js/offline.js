/* Works on a poor signal, on the page's side (the worker is static/js/offline-worker.js).
 *
 * - Starts the service worker, and tells it whose page this is (`data-offline-person` on
 *   <body>, an opaque key; none when signed out or helping someone): another person empties
 *   what was saved.
 * - A tap on a form marked `data-offline-tap` ("I'm coming", "I can't come", support, "How was
 *   it?") sent by htmx carries a fresh one-time key (`Idempotency-Key`), so sending it again
 *   never counts twice. With no signal (or when the signal goes while it is sent), the worker
 *   keeps the tap and its button says "Waiting for signal" until it is sent; then the page is
 *   loaded again to show the real answer.
 */
(function () {
  "use strict";

  const body = document.body;
  const worker = body.dataset.offlineWorker;
  if (!worker || !("serviceWorker" in navigator)) return;
  const person = body.dataset.offlinePerson || "";

  function newKey() {
    if (self.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function ask(message) {
    const controller = navigator.serviceWorker.controller;
    if (!controller) return Promise.resolve(null);
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => resolve(event.data);
      controller.postMessage(message, [channel.port2]);
    });
  }

  function actionOf(form) {
    return new URL(form.getAttribute("action") || location.href, location.href).href;
  }

  function showWaiting(form) {
    const button = form.querySelector("button[type=submit], button:not([type])");
    form.dataset.offlineWaiting = "";
    if (!button || button.dataset.offlineWaiting !== undefined) return;
    button.dataset.offlineWaiting = "";
    button.setAttribute("aria-disabled", "true");
    const icon = button.querySelector("svg");
    const waitingIcon = document.getElementById("offline-waiting-icon");
    if (icon && waitingIcon) icon.replaceWith(waitingIcon.content.firstElementChild.cloneNode(true));
    const words = button.querySelector("span") || button;
    words.textContent = body.dataset.offlineWaitingWords || "Waiting for signal";
  }

  function markWaiting(urls) {
    document.querySelectorAll("form[data-offline-tap]").forEach((form) => {
      if (urls.includes(actionOf(form))) showWaiting(form);
    });
  }

  function keepTap(form, fields, key) {
    const tap = {
      key: key,
      url: actionOf(form),
      body: new URLSearchParams(fields).toString(),
      person: person,
      page: location.pathname,
      keptAt: Date.now(),
    };
    showWaiting(form);
    ask({ type: "keep-tap", tap: tap }).then(() =>
      navigator.serviceWorker.ready.then((registration) => {
        if (registration.sync) return registration.sync.register("send-taps").catch(() => {});
      })
    );
  }

  const mayKeep = () => Boolean(person && navigator.serviceWorker.controller);

  // With no signal: keep the tap instead of sending it (before htmx sees the submit).
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!form.matches("form[data-offline-tap]")) return;
      const waiting = form.dataset.offlineWaiting !== undefined;
      if (!waiting && (navigator.onLine || !mayKeep())) return; // sent the usual way
      event.preventDefault();
      event.stopImmediatePropagation();
      if (!waiting) keepTap(form, new FormData(form, event.submitter || undefined), newKey());
    },
    true
  );

  // With a signal: each tap carries a fresh one-time key.
  document.addEventListener("htmx:configRequest", (event) => {
    const form = event.detail.elt.closest && event.detail.elt.closest("form[data-offline-tap]");
    if (form) event.detail.headers["Idempotency-Key"] = newKey();
  });

  // The signal went while it was being sent: keep it with the same key (it may have arrived).
  document.addEventListener("htmx:sendError", (event) => {
    const config = event.detail.requestConfig || {};
    const form = event.detail.elt.closest && event.detail.elt.closest("form[data-offline-tap]");
    const key = config.headers && config.headers["Idempotency-Key"];
    if (!form || !key || !mayKeep() || !config.formData) return;
    keepTap(form, config.formData, key);
  });

  navigator.serviceWorker.addEventListener("message", (event) => {
    const data = event.data || {};
    if (data.type !== "taps-sent") return;
    // The page again shows the real answer, and says if a tap was refused (hello on load).
    if (document.querySelector("form[data-offline-waiting]")) location.reload();
    else if (data.sent.some((tap) => !tap.ok)) hello();
  });

  // A tap kept with no signal that the portal then refused: say so, where a screen reader
  // hears it too (role=alert), and move nothing else on the page.
  function tellRefused() {
    const notice = document.querySelector("[data-offline-refused]");
    if (notice) notice.hidden = false;
  }

  function hello() {
    ask({ type: "page", person: person || "-", online: navigator.onLine }).then((answer) => {
      if (answer && answer.waiting) markWaiting(answer.waiting);
      if (answer && answer.refused) tellRefused();
    });
  }

  window.addEventListener("online", () => ask({ type: "send-taps" }));

  // After the page has loaded: its own pictures and scripts come first.
  function start() {
    navigator.serviceWorker.register(worker, { scope: "/" }).then(() => {
      if (navigator.serviceWorker.controller) return hello();
      navigator.serviceWorker.addEventListener("controllerchange", hello, { once: true });
      // Opened while the worker was starting: ask it to look after this page too.
      navigator.serviceWorker.ready.then((registration) => {
        if (!navigator.serviceWorker.controller) registration.active.postMessage({ type: "claim" });
      });
    }, () => {});
  }
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
})();
