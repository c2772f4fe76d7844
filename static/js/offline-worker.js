/* Common Ground's service worker: read your pages with no signal, and taps sent once.
 *
 * Served at /sw.js by portal/offline/views.py, with `self.OFFLINE` (release, shell, addresses)
 * written in front. Our own small worker rather than Workbox: what it does is ours (one
 * person's cache, a banner on saved pages, taps kept until the signal comes back), and Workbox's
 * strategies would still need all of that written around them.
 *
 * - The shell (styles, scripts, fonts, the offline page's pictures) is cached at install, one
 *   cache per release; a new release throws the old one away. Other static files (pictures)
 *   join it as pages use them, and with the pages saved for a person.
 * - Pages: network first. Only answers the server marks `X-Offline-Keep: 1` are kept, under the
 *   person key in `X-Offline-Person`. An answer with another key (or "-") empties the saved
 *   pages: someone signed out, or someone else signed in.
 * - No signal: the saved copy, with its banner shown; else the saved offline page.
 * - Taps made with no signal wait in IndexedDB with a one-time key, and are sent when the
 *   signal comes back (Background Sync, or the next page that opens). A tap the portal refuses
 *   (a 4xx: the concern is gone, say) is kept as refused until a page of that person's opens
 *   and says so: nothing tapped is lost without a word.
 */
"use strict";

const CONFIG = self.OFFLINE;
const SHELL_CACHE = "cg-shell-" + CONFIG.release;
const PAGES_CACHE = "cg-pages";
const META_CACHE = "cg-meta";
const META_URL = "/__offline-meta__";
const NOBODY = "-";
const WARM_EVERY_MS = 30 * 60 * 1000;

/* ---------- A little state that outlives the worker (it is stopped when idle) ---------- */

async function readMeta() {
  const cache = await caches.open(META_CACHE);
  const saved = await cache.match(META_URL);
  return saved ? saved.json() : { owner: NOBODY, warmedAt: 0, warmedRelease: "" };
}

async function writeMeta(meta) {
  const cache = await caches.open(META_CACHE);
  await cache.put(META_URL, new Response(JSON.stringify(meta)));
}

/* Whose pages these are. A different person (or nobody) empties the saved pages and the taps
   still waiting: nothing of one person is ever shown to, or sent for, another. */
async function noteOwner(person) {
  if (!person) return;
  const meta = await readMeta();
  if (meta.owner === person) return;
  await caches.delete(PAGES_CACHE);
  await dropTaps((tap) => tap.person !== person);
  await writeMeta({ owner: person, warmedAt: 0, warmedRelease: "" });
}

/* ---------- Install and activate: the shell, per release ---------- */

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll(CONFIG.shell);
      // The offline page as anybody signed out sees it: never one person's list in the shell.
      await cache.add(new Request(CONFIG.offlinePage, { credentials: "omit" }));
      await self.skipWaiting();
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("cg-shell-") && name !== SHELL_CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })()
  );
});

/* ---------- Answers ---------- */

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || request.method !== "GET") return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(fromShell(request));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(event));
  }
});

async function fromShell(request) {
  const cache = await caches.open(SHELL_CACHE);
  // A page saved before this release asks for the old ?v=: the file of today will do.
  const kept = (await cache.match(request)) || (await cache.match(request, { ignoreSearch: true }));
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/* The pictures (and any other static file) a saved page shows, so it reads whole offline. */
async function keepStaticOf(html) {
  const cache = await caches.open(SHELL_CACHE);
  const addresses = new Set(html.match(/\/static\/[^"'\s<>)]+/g) || []);
  for (const address of addresses) {
    const url = new URL(address.replace(/&amp;/g, "&"), self.location.origin).href;
    if (await cache.match(url)) continue;
    const response = await fetch(url).catch(() => null);
    if (response && response.ok) await cache.put(url, response);
  }
}

async function networkFirst(event) {
  const request = event.request;
  let response;
  try {
    response = await fetch(request);
  } catch (noSignal) {
    return savedCopy(request.url);
  }
  const person = response.headers.get("X-Offline-Person");
  const mayKeep = response.ok && response.headers.get("X-Offline-Keep") === "1" && person !== NOBODY;
  const copy = mayKeep ? response.clone() : null;
  // The page is shown at once; saving it (and its pictures) goes on after.
  event.waitUntil(
    (async () => {
      await noteOwner(person);
      if (copy && (await readMeta()).owner === person) await keep(request.url, copy);
    })()
  );
  return response;
}

async function keep(url, response) {
  const cache = await caches.open(PAGES_CACHE);
  await cache.put(url, response.clone());
  await keepStaticOf(await response.text()).catch(() => {});
}

async function savedCopy(url) {
  const cache = await caches.open(PAGES_CACHE);
  const saved = await cache.match(url, { ignoreVary: true });
  if (saved) return withBanner(saved);
  const offlineUrl = new URL(CONFIG.offlinePage, self.location.origin).href;
  const offline = await cache.match(offlineUrl);
  if (offline) return withBanner(offline);
  const anybody = await (await caches.open(SHELL_CACHE)).match(offlineUrl);
  if (anybody) return anybody;
  return new Response("No signal. / Dim signal.", {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/* The server wrote the banner, hidden, with the time the page was made (which is when it was
   saved, since it was saved as it arrived): with no signal, it is shown. */
async function withBanner(saved) {
  const html = (await saved.text()).replace("data-offline-banner hidden", "data-offline-banner");
  const headers = new Headers(saved.headers);
  headers.delete("Content-Length"); // the page is shorter by the word "hidden"
  return new Response(html, { status: 200, headers });
}

/* ---------- Saving the pages a person needs, while there is a signal ---------- */

/* Signed out: the offline page in this phone's language (its cookie), for anybody. */
async function refreshPublicOfflinePage() {
  const response = await fetch(CONFIG.offlinePage, { credentials: "same-origin" });
  if (response.ok && response.headers.get("X-Offline-Person") === NOBODY) {
    await (await caches.open(SHELL_CACHE)).put(new URL(CONFIG.offlinePage, self.location.origin).href, response);
  }
}

async function warm(person, force) {
  const meta = await readMeta();
  if (!person || meta.owner !== person) return;
  const fresh = Date.now() - meta.warmedAt < WARM_EVERY_MS && meta.warmedRelease === CONFIG.release;
  if (fresh && !force) return;
  if (person === NOBODY) {
    await refreshPublicOfflinePage();
  } else if (!(await savePagesOf(person))) {
    return;
  }
  await writeMeta({ owner: person, warmedAt: Date.now(), warmedRelease: CONFIG.release });
}

async function savePagesOf(person) {
  const list = await fetch(CONFIG.pagesList, { credentials: "same-origin", redirect: "manual" });
  if (!list.ok) return false;
  const { person: listed, pages } = await list.json();
  if (listed !== person) return false;
  for (const page of pages) {
    const url = new URL(page, self.location.origin).href;
    // Saved, not seen: the page must not mark news read or changes seen (portal/looking.py).
    const response = await fetch(url, {
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-Offline-Save": "1" },
    });
    const owner = response.headers.get("X-Offline-Person");
    if (owner !== person) {
      await noteOwner(owner);
      return false;
    }
    if (response.ok && response.headers.get("X-Offline-Keep") === "1") await keep(url, response);
  }
  return true;
}

/* ---------- Taps kept with no signal (IndexedDB) ---------- */

function openTaps() {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open("cg-offline", 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore("taps", { keyPath: "key" });
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
  });
}

async function tapStore(mode, work) {
  const database = await openTaps();
  return new Promise((resolve, reject) => {
    const transaction = database.transaction("taps", mode);
    const result = work(transaction.objectStore("taps"));
    transaction.oncomplete = () => resolve(result && result.result);
    transaction.onerror = () => reject(transaction.error);
  });
}

const allTaps = () => tapStore("readonly", (store) => store.getAll());
const addTap = (tap) => tapStore("readwrite", (store) => store.put(tap));
const removeTap = (key) => tapStore("readwrite", (store) => store.delete(key));

async function dropTaps(which) {
  for (const tap of (await allTaps()) || []) {
    if (which(tap)) await removeTap(tap.key);
  }
}

let sending = null;

/* One sending at a time in this worker; the server's one-time keys cover the rest (a page and
   the worker, or two retries, sending the same tap). */
function sendTaps() {
  sending = sending || sendAll().finally(() => { sending = null; });
  return sending;
}

async function sendAll() {
  const taps = (await allTaps()) || [];
  if (!taps.length) return;
  let fresh;
  try {
    const answer = await fetch(CONFIG.freshToken, { credentials: "same-origin", redirect: "manual" });
    if (!answer.ok) return; // signed out for now: they wait for this person to sign in again
    fresh = await answer.json();
  } catch (noSignal) {
    throw noSignal; // Background Sync tries again later
  }
  await noteOwner(fresh.person);
  const sent = [];
  for (const tap of taps) {
    if (tap.person !== fresh.person || tap.refused) continue;
    const body = new URLSearchParams(tap.body);
    body.set("csrf_token", fresh.token); // the kept token may be too old by now
    const response = await fetch(tap.url, {
      method: "POST",
      body,
      credentials: "same-origin",
      redirect: "manual",
      headers: {
        "Idempotency-Key": tap.key,
        "X-Offline-Person": tap.person,
        "X-CSRFToken": fresh.token,
      },
    });
    if (response.status >= 500 || response.status === 429) continue; // try again later
    // A redirect is the usual answer to a form; a refusal the portal explains on the page it
    // leads to (the concern page says why you cannot support it) comes back as one too.
    const ok = response.type === "opaqueredirect" || response.ok;
    if (ok) await removeTap(tap.key);
    else await addTap({ ...tap, refused: true }); // a page of theirs says so (tellRefused)
    sent.push({ url: tap.url, page: tap.page, ok });
  }
  if (!sent.length) return;
  for (const client of await self.clients.matchAll({ type: "window" })) {
    client.postMessage({ type: "taps-sent", sent });
  }
}

self.addEventListener("sync", (event) => {
  if (event.tag === "send-taps") event.waitUntil(sendTaps());
});

/* ---------- What the pages tell the worker ---------- */

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const reply = (value) => event.ports[0] && event.ports[0].postMessage(value);
  if (data.type === "page") {
    event.waitUntil(
      (async () => {
        await noteOwner(data.person || NOBODY);
        const taps = (await allTaps()) || [];
        const waiting = taps.filter((tap) => !tap.refused).map((tap) => tap.url);
        const refused = taps.filter((tap) => tap.refused && tap.person === data.person);
        // Said once, on the first page of theirs that opens; then forgotten.
        for (const tap of refused) await removeTap(tap.key);
        reply({ waiting, refused: refused.length });
        if (data.online) {
          await sendTaps().catch(() => {});
          await warm(data.person, false).catch(() => {});
        }
      })()
    );
  } else if (data.type === "keep-tap" && data.tap) {
    event.waitUntil(addTap(data.tap).then(() => reply({ kept: true }), () => reply({ kept: false })));
  } else if (data.type === "send-taps") {
    event.waitUntil(sendTaps().catch(() => {}));
  } else if (data.type === "claim") {
    event.waitUntil(self.clients.claim());
  } else if (data.type === "warm") {
    event.waitUntil(warm(data.person, true).catch(() => {}));
  }
});
