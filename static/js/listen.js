// Listen: the phone reads the page, or one card, out loud with the browser's own voice (the Web
// Speech API). Nothing is sent anywhere. Every word it says or shows comes from the page
// (templates/_listen.html), so Babel translates it with everything else.
//
// No helper library: each sentence (or part of a long one) is its own short utterance, so
// Chrome's cut of long ones (about 15 seconds) never bites, and Pause is "stop, then say this sentence again on Go on",
// which works the same everywhere, Android included, where speechSynthesis.pause() often stops
// for good. Voices that load late are one event. What is left is small enough to own.
(function () {
  "use strict";
  var HIGHLIGHT = "listen-sentence";
  var RATES = [0.6, 0.8, 1, 1.25, 1.5];
  var NAMED_RATES = { slowest: 0.6, slower: 0.8, slow: 0.8, normal: 1, fast: 1.25, faster: 1.25, fastest: 1.5 };
  var SKIP = "nav, header, footer, script, style, template, noscript, svg, img, iframe, [data-listen], " +
    "[data-listen-skip], [aria-hidden=true], [hidden], [inert]";
  var BUTTONS = "button, a.button, [role=button], summary, input[type=submit], input[type=button], input[type=reset]";
  var FIELDS = "input:not([type=hidden]), select, textarea";
  var VOICE_WAIT_MS = 1500;
  var MAX_WORDS = 20;  // about 8 seconds at the normal speed, under 15 at the slowest
  var reading = null;  // what is being read now: {pieces, index, rate, voice, lang, paused, from}
  var generation = 0;  // each utterance's number: events from one we cancelled are ignored
  var spans = [];
  var waiting = null;  // the timer that will say the current sentence again

  function shell() { return document.querySelector(".listen[data-listen-skip]"); }
  function words(name) { var box = shell(); return (box && box.dataset[name]) || ""; }
  function say(kind, name) { return words("say" + kind).replace("{name}", name); }
  function tidy(text) { return text.replace(/\s+/g, " ").trim(); }
  function hasWords(text) { return /[\p{L}\p{N}]/u.test(text); }

  // ---- What to read: the blocks of an element, in reading order, sentence by sentence ----

  function hiddenElement(el) {
    if (el.matches(SKIP)) { return true; }
    var style = getComputedStyle(el);
    if (style.display === "none") { return true; }
    if (style.display === "contents") { return false; }
    // Closed <details>, visibility: hidden.
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true })) { return true; }
    // "For screen readers only" (a pixel wide, the rest clipped): it repeats, for people who
    // cannot see the page, words that are on show to someone listening while they look.
    var box = el.getBoundingClientRect();
    return (box.width <= 1 || box.height <= 1) && style.overflow !== "visible";
  }

  function isInline(el) { return /^(inline|contents)$/.test(getComputedStyle(el).display); }

  function visibleText(el) {
    var text = "";
    (function walk(node) {
      if (node.nodeType === Node.TEXT_NODE) { text += node.data; return; }
      // A picture that means something (a link that is only a picture) says its alt text.
      if (node.tagName === "IMG") { text += node.closest("[aria-hidden=true]") ? "" : " " + node.alt + " "; return; }
      if (node.nodeType !== Node.ELEMENT_NODE || (node !== el && hiddenElement(node))) { return; }
      for (var child = node.firstChild; child; child = child.nextSibling) { walk(child); }
    })(el);
    return tidy(text);
  }

  function nameOf(el) {
    var labelledBy = el.getAttribute("aria-labelledby");
    if (labelledBy) {
      return tidy(labelledBy.split(/\s+/).map(function (id) {
        var part = document.getElementById(id);
        return part ? part.textContent : "";
      }).join(" "));
    }
    return tidy(el.getAttribute("aria-label") || "") ||
      (el.tagName === "INPUT" && el.value) || visibleText(el) || el.getAttribute("title") || "";
  }

  function labelOf(control) {
    var label = control.labels && control.labels[0];
    if (label) { return { text: visibleText(label), element: label }; }
    return { text: nameOf(control) || control.getAttribute("placeholder") || "", element: control };
  }

  function fieldPiece(control, done) {
    done.add(control);
    var label = labelOf(control), type = (control.getAttribute("type") || "").toLowerCase(), text;
    if (!label.text) { return false; }
    if (type === "checkbox") {
      text = say("Tick", label.text) + " " + words(control.checked ? "sayTicked" : "sayNotTicked");
    } else if (type === "radio") {
      text = say("Choice", label.text) + (control.checked ? " " + words("sayPicked") : "");
    } else if (control.tagName === "SELECT") {
      var chosen = control.selectedOptions[0];
      text = say("List", label.text) + (chosen ? " " + say("Chosen", tidy(chosen.text)) : "");
    } else {
      text = say("Box", label.text);
    }
    return { text: text, element: label.element };
  }

  function standsAlone(link) {
    var box = link.parentElement;
    while (box && box.parentElement && isInline(box)) { box = box.parentElement; }
    return !box || visibleText(box) === visibleText(link);
  }

  // A button, a link on its own, or a form field is read as what it is; null: read its words.
  function whatItIs(el, done) {
    // A word inside a sentence that does something (a marked word that opens its meaning) is
    // read as part of the sentence: mark it data-listen-as-text, or keep it display: inline.
    if (el.hasAttribute("data-listen-as-text")) { return null; }
    if (el.matches(BUTTONS) && !(getComputedStyle(el).display === "inline" && !standsAlone(el))) {
      var name = nameOf(el);
      return name ? { text: say("Button", name), element: el } : false;
    }
    if (el.matches(FIELDS)) { return fieldPiece(el, done); }
    if (el.tagName === "LABEL" && el.control) {
      return done.has(el.control) ? false : fieldPiece(el.control, done);
    }
    if (el.tagName === "A" && el.hasAttribute("href") && standsAlone(el)) {
      var linkWords = visibleText(el);
      return linkWords ? { text: say("Link", linkWords), element: el } : false;
    }
    return null;
  }

  function sentenceBounds(text, lang) {
    // Source line breaks are not sentence ends: the same length, so offsets still match.
    var flat = text.replace(/\s/g, " "), bounds = [];
    if (window.Intl && Intl.Segmenter) {
      var segments = new Intl.Segmenter(lang, { granularity: "sentence" }).segment(flat);
      for (var part of segments) { bounds.push([part.index, part.index + part.segment.length]); }
      return bounds;
    }
    var pattern = /[^.!?]+(?:[.!?]+["'\u2019\u201d)]*|$)/g, match;
    while ((match = pattern.exec(flat)) && match[0]) { bounds.push([match.index, match.index + match[0].length]); }
    return bounds;
  }

  // A very long sentence (words people typed with no full stops) is said in parts: Chrome stops
  // an utterance after about 15 seconds and never says it has ended. A part ends after a comma
  // when there is one late enough, else after MAX_WORDS words.
  function withinLength(text, bounds) {
    var out = [];
    bounds.forEach(function (bound) {
      var words = [], pattern = /\S+/g, match;
      pattern.lastIndex = bound[0];
      while ((match = pattern.exec(text)) && match.index < bound[1]) { words.push(match); }
      var from = bound[0], count = 0, lastComma = -1;
      words.forEach(function (word, index) {
        count++;
        if (/[,;]$/.test(word[0])) { lastComma = index; }
        if (count < MAX_WORDS || index === words.length - 1) { return; }
        var cut = lastComma > index - MAX_WORDS / 2 ? words[lastComma] : word;
        out.push([from, cut.index + cut[0].length]);
        from = cut.index + cut[0].length;
        count = index - (cut === word ? index : lastComma);
        lastComma = -1;
      });
      out.push([from, bound[1]]);
    });
    return out;
  }

  function sentencesOf(run, lang, pieces) {
    var text = run.text;
    withinLength(text, sentenceBounds(text, lang)).forEach(function (bound) {
      var start = bound[0], end = bound[1];
      while (start < end && /\s/.test(text[start])) { start++; }
      while (end > start && /\s/.test(text[end - 1])) { end--; }
      var said = tidy(text.slice(start, end));
      if (!hasWords(said)) { return; }
      var parts = [];
      run.segments.forEach(function (segment) {
        var from = Math.max(start, segment.start), to = Math.min(end, segment.start + segment.node.length);
        if (from < to) { parts.push({ node: segment.node, from: from - segment.start, to: to - segment.start }); }
      });
      pieces.push({ text: said, parts: parts });
    });
  }

  function collect(root, pieces, done, lang) {
    var run = { text: "", segments: [] };
    function flush() {
      if (hasWords(run.text)) { sentencesOf(run, lang, pieces); }
      run = { text: "", segments: [] };
    }
    function walk(node) {
      if (node.nodeType === Node.TEXT_NODE) {
        run.segments.push({ node: node, start: run.text.length });
        run.text += node.data;
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE || done.has(node) || hiddenElement(node)) { return; }
      if (node.tagName === "BR") { flush(); return; }
      var piece = whatItIs(node, done);
      if (piece !== null) {
        flush();
        if (piece) { pieces.push(piece); }
        return;
      }
      var block = !isInline(node);
      if (block) { flush(); }
      for (var child = node.firstChild; child; child = child.nextSibling) { walk(child); }
      if (block) { flush(); }
    }
    walk(root);
    flush();
  }

  function piecesOf(root, lang) {
    var pieces = [], done = new Set();
    // The page's heading first, wherever the page put its messages.
    var heading = root.id === "main" ? root.querySelector("h1") : null;
    if (heading && !hiddenElement(heading)) {
      collect(heading, pieces, done, lang);
      done.add(heading);
    }
    collect(root, pieces, done, lang);
    return pieces;
  }

  // ---- Showing what is read: a highlight that never changes the page's words for good ----

  function clearHighlight() {
    if (window.CSS && CSS.highlights) { CSS.highlights.delete(HIGHLIGHT); }
    spans.forEach(function (span) {
      var parent = span.parentNode;
      if (!parent) { return; }
      while (span.firstChild) { parent.insertBefore(span.firstChild, span); }
      parent.removeChild(span);
      parent.normalize();  // the split text is one text node again, the node we keep
    });
    spans = [];
    document.querySelectorAll(".listen-current").forEach(function (el) { el.classList.remove("listen-current"); });
  }

  function wrapInSpans(parts) {
    parts.forEach(function (part) {
      var node = part.node;
      if (part.to < node.length) { node.splitText(part.to); }
      var middle = part.from > 0 ? node.splitText(part.from) : node;
      var span = document.createElement("span");
      span.className = HIGHLIGHT;
      middle.parentNode.insertBefore(span, middle);
      span.appendChild(middle);
      spans.push(span);
    });
  }

  function bringIntoView(rect) {
    var bar = document.querySelector("[data-listen-bar]");
    var covered = bar && !bar.hidden ? bar.offsetHeight : 0;
    if (rect.top >= covered && rect.bottom <= window.innerHeight) { return; }
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    window.scrollBy({ top: rect.top - covered - (window.innerHeight - covered) / 3, behavior: still ? "auto" : "smooth" });
  }

  function highlight(piece) {
    clearHighlight();
    if (piece.element) {
      piece.element.classList.add("listen-current");
      bringIntoView(piece.element.getBoundingClientRect());
      return;
    }
    var first = piece.parts[0], last = piece.parts[piece.parts.length - 1];
    var range = document.createRange();
    range.setStart(first.node, first.from);
    range.setEnd(last.node, last.to);
    bringIntoView(range.getBoundingClientRect());
    if (window.CSS && CSS.highlights && window.Highlight) {
      CSS.highlights.set(HIGHLIGHT, new Highlight(range));
    } else {
      wrapInSpans(piece.parts);
    }
  }

  function stillThere(piece) {
    return piece.element ? piece.element.isConnected : piece.parts.every(function (part) { return part.node.isConnected; });
  }

  // ---- Speaking: the voice, the speed, and the bar of buttons shown while reading ----

  function pageLang() { return (document.documentElement.lang || "en").toLowerCase(); }
  function primary(lang) { return (lang || "").toLowerCase().replace("_", "-").split("-")[0]; }

  function startingRate() {
    var asked = (document.documentElement.dataset.speechRate || "").toLowerCase(), number = parseFloat(asked);
    if (!isNaN(number)) { return Math.min(2, Math.max(0.5, number)); }
    return NAMED_RATES[asked] || 1;
  }

  function voicesFor(voices, lang) {
    return voices.filter(function (voice) { return primary(voice.lang) === primary(lang); });
  }

  // The reader's chosen voice when it speaks this language; else one on the phone itself (some
  // browsers add voices that send the words to a server: only when there is no other), for
  // English a British one first. missing: the phone has voices, none for this language.
  function pickVoice(voices, lang) {
    if (!voices.length) { return { voice: null, missing: false }; }
    var wanted = document.documentElement.dataset.voice || "";
    var fits = voicesFor(voices, lang);
    if (!fits.length) { return { voice: null, missing: true }; }
    var score = function (voice) {
      var region = (voice.lang || "").toLowerCase().replace("_", "-");
      return (wanted && voice.name === wanted ? 32 : 0) + (voice.localService ? 16 : 0) +
        (region === lang ? 4 : 0) + (primary(lang) === "en" && region === "en-gb" ? 2 : 0) +
        (voice.default ? 1 : 0);
    };
    fits.sort(function (a, b) { return score(b) - score(a); });
    return { voice: fits[0], missing: false };
  }

  // Chrome loads its voices after the page: wait for them a little, once.
  function withVoices(then) {
    var synth = window.speechSynthesis, done = false;
    if (synth.getVoices().length) { then(synth.getVoices()); return; }
    var ready = function () {
      if (done) { return; }
      done = true;
      synth.removeEventListener("voiceschanged", ready);
      then(synth.getVoices());
    };
    synth.addEventListener("voiceschanged", ready);
    setTimeout(ready, VOICE_WAIT_MS);
  }

  function announce(text) {
    var status = document.querySelector("[data-listen-status]");
    if (status) { status.textContent = text; }
  }

  function show(selector, visible) {
    document.querySelectorAll(selector).forEach(function (el) { el.hidden = !visible; });
  }

  function showBar(paused) {
    var focused = document.activeElement;
    var bar = document.querySelector("[data-listen-bar]");
    if (!bar) { return; }
    bar.hidden = !reading;
    var pause = bar.querySelector("[data-listen-do=pause]"), resume = bar.querySelector("[data-listen-do=resume]");
    pause.hidden = paused;
    resume.hidden = !paused;
    // The button pressed is gone: keep the keyboard on its partner, not lost at the page's top.
    if (focused === pause && paused) { resume.focus(); }
    if (focused === resume && !paused) { pause.focus(); }
  }

  function speakNext() {
    if (!reading || reading.paused) { return; }
    while (reading.index < reading.pieces.length && !stillThere(reading.pieces[reading.index])) { reading.index++; }
    var piece = reading.pieces[reading.index];
    if (!piece) { stop("statusFinished"); return; }
    highlight(piece);
    var mine = ++generation, utterance = new window.SpeechSynthesisUtterance(piece.text);
    utterance.lang = reading.lang;
    if (reading.voice) { utterance.voice = reading.voice; }
    utterance.rate = reading.rate;
    utterance.onend = function () {
      if (mine !== generation || !reading) { return; }
      reading.index++;
      speakNext();
    };
    utterance.onerror = function (event) {
      if (mine !== generation || !reading) { return; }
      if (event.error === "not-allowed") {
        // The browser speaks only after a tap on this page (after "Listen in English", say).
        stop();
        show("[data-listen-tap]", true);
        announce(visibleText(document.querySelector("[data-listen-tap]")));
        var button = document.querySelector(".listen [data-listen]");
        if (button) { button.focus(); }
        return;
      }
      if (event.error === "interrupted" || event.error === "canceled") { return; }
      reading.index++;
      speakNext();
    };
    window.speechSynthesis.speak(utterance);
  }

  // Say the current sentence again, from its start (after Go on, or at a new speed).
  function sayAgain() {
    generation++;
    window.speechSynthesis.cancel();
    // Chrome can drop an utterance spoken in the same moment as a cancel. One wait at a time:
    // four quick taps on Faster say the sentence once, at the last speed.
    clearTimeout(waiting);
    waiting = setTimeout(function () { waiting = null; speakNext(); }, 50);
  }

  function stop(statusName) {
    generation++;
    clearTimeout(waiting);
    var from = reading && reading.from;
    var barHadFocus = document.activeElement && document.activeElement.closest &&
      document.activeElement.closest("[data-listen-bar]");
    reading = null;
    if (window.speechSynthesis) { window.speechSynthesis.cancel(); }
    clearHighlight();
    showBar(false);
    if (statusName) { announce(words(statusName)); }
    if (barHadFocus && from && from.isConnected) { from.focus(); }
  }

  function start(button) {
    var target = button.getAttribute("data-listen"), root = document.getElementById(target);
    if (reading) { stop(); }
    show("[data-listen-unsupported], [data-listen-no-voice], [data-listen-tap]", false);
    if (!root) { return; }
    if (!window.speechSynthesis || !window.SpeechSynthesisUtterance) {
      show("[data-listen-unsupported]", true);
      announce(visibleText(document.querySelector("[data-listen-unsupported]")));
      return;
    }
    var lang = pageLang();
    withVoices(function (voices) {
      var found = pickVoice(voices, lang), noVoice = document.querySelector("[data-listen-no-voice]");
      if (found.missing && noVoice) {
        noVoice.hidden = false;
        announce(visibleText(noVoice));
        return;
      }
      reading = { pieces: piecesOf(root, lang), index: 0, rate: startingRate(), voice: found.voice,
        lang: lang, paused: false, from: button };
      showBar(false);
      announce(words("statusReading"));
      speakNext();
    });
  }

  function changeRate(step) {
    var rates = step > 0 ? RATES : RATES.slice().reverse();
    var next = rates.find(function (rate) { return step > 0 ? rate > reading.rate + 0.01 : rate < reading.rate - 0.01; });
    if (next === undefined) { announce(words(step > 0 ? "statusFastest" : "statusSlowest")); return; }
    reading.rate = next;
    announce(words(step > 0 ? "statusFaster" : "statusSlower"));
    if (!reading.paused) { sayAgain(); }
  }

  var actions = {
    pause: function () {
      reading.paused = true;
      generation++;
      clearTimeout(waiting);
      window.speechSynthesis.cancel();
      showBar(true);
      announce(words("statusPaused"));
    },
    resume: function () {
      reading.paused = false;
      showBar(false);
      announce(words("statusReading"));
      sayAgain();
    },
    stop: function () { stop("statusStopped"); },
    slower: function () { changeRate(-1); },
    faster: function () { changeRate(1); }
  };

  document.addEventListener("click", function (event) {
    var listen = event.target.closest && event.target.closest("[data-listen]");
    if (listen) { start(listen); return; }
    var control = event.target.closest && event.target.closest("[data-listen-do]");
    if (control && reading) { actions[control.getAttribute("data-listen-do")](); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && reading) { stop("statusStopped"); }
  });

  // The buttons start hidden, for pages without JavaScript; pieces htmx swaps in bring more.
  function showButtons(root) {
    root.querySelectorAll("[data-listen][hidden]").forEach(function (button) { button.hidden = false; });
  }
  // The reading settings' voice choice (<select data-voice-list>): the phone's voices for the
  // page's language, after the server's own options ("The phone chooses").
  function fillVoiceLists(root) {
    var lists = root.querySelectorAll("select[data-voice-list]:not([data-voices-filled])");
    if (!lists.length || !window.speechSynthesis) { return; }
    withVoices(function (voices) {
      var chosen = document.documentElement.dataset.voice || "";
      lists.forEach(function (list) {
        list.setAttribute("data-voices-filled", "");
        voicesFor(voices, pageLang()).forEach(function (voice) {
          if (list.querySelector("option[value='" + CSS.escape(voice.name) + "']")) { return; }
          list.appendChild(new Option(voice.name, voice.name, false, voice.name === chosen));
        });
      });
    });
  }

  document.addEventListener("htmx:load", function (event) {
    showButtons(event.detail.elt);
    fillVoiceLists(event.detail.elt);
  });
  document.addEventListener("DOMContentLoaded", function () {
    showButtons(document);
    fillVoiceLists(document);
    // Back from "Listen in English": the page is in English now; read it.
    if (window.location.hash === "#listen") {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
      var button = document.querySelector(".listen [data-listen]");
      if (button) { start(button); }
    }
  });
  window.addEventListener("pagehide", function () { if (reading) { stop(); } });
})();
