"""A stand-in for the browser's speech (speechSynthesis), for the Listen tests.

Headless Chromium has speechSynthesis but no voices and no sound. This one records every
utterance (its words, language, voice and speed), fires the events a browser fires, and speaks
each sentence until the test says it has ended (`finish_sentence`), so a test can look at the
page while each sentence is being read.
"""

from __future__ import annotations

import json

ENGLISH_VOICES = [
    {"name": "Samantha", "lang": "en-US", "default": True},
    {"name": "Daniel", "lang": "en-GB", "default": False},
]
WELSH_VOICE = {"name": "Gwyneth", "lang": "cy-GB", "default": False}

STAND_IN = """(voices, late) => {
  voices = voices.map(v => ({voiceURI: v.name, localService: true, ...v}));
  let loaded = !late;
  class Utterance extends EventTarget {
    constructor(text) {
      super();
      Object.assign(this, {text, lang: '', voice: null, rate: 1, pitch: 1, volume: 1,
                           onstart: null, onend: null, onerror: null, onboundary: null});
    }
  }
  const fire = (utterance, type, extra = {}) => {
    const event = Object.assign(new Event(type), {utterance, charIndex: 0, ...extra});
    if (utterance['on' + type]) utterance['on' + type](event);
    utterance.dispatchEvent(event);
  };
  const spoken = [];
  let queue = [], current = null;
  const next = () => {
    current = queue.shift() || null;
    if (!current) return;
    spoken.push({text: current.text, lang: current.lang, rate: current.rate,
                 voice: current.voice ? current.voice.name : null});
    fire(current, 'start');
    fire(current, 'boundary', {name: 'word'});
  };
  const synth = Object.assign(new EventTarget(), {
    get speaking() { return !!current; }, pending: false, paused: false,
    getVoices: () => (loaded ? voices.slice() : []),
    speak(utterance) {
      // Like Chrome on a page nobody has tapped yet: set window.__speechRefuse to see it.
      if (window.__speechRefuse) {
        window.__speechRefuse = false;
        setTimeout(() => fire(utterance, 'error', {error: 'not-allowed'}));
        return;
      }
      queue.push(utterance);
      if (!current) next();
    },
    cancel() {
      const cancelled = current;
      queue = []; current = null;
      if (cancelled) fire(cancelled, 'error', {error: 'interrupted'});
    },
    pause() {}, resume() {},
  });
  Object.defineProperty(window, 'speechSynthesis', {configurable: true, get: () => synth});
  window.SpeechSynthesisUtterance = Utterance;
  window.__speech = {
    spoken,
    get current() { return current ? current.text : null; },
    loadVoices() { loaded = true; synth.dispatchEvent(new Event('voiceschanged')); },
    finish() {
      const ended = current;
      current = null;
      if (ended) fire(ended, 'end');
      if (!current) next();
    },
  };
}"""

NO_SPEECH = """() => {
  Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: undefined});
  window.SpeechSynthesisUtterance = undefined;
}"""

# What is highlighted now: the sentence (CSS highlight or span) or the ringed element.
HIGHLIGHTED = """() => {
  const marked = CSS.highlights && CSS.highlights.get('listen-sentence');
  if (marked && marked.size) return [...marked].map(range => range.toString()).join(' ').replace(/\\s+/g, ' ').trim();
  const spans = [...document.querySelectorAll('.listen-sentence')];
  if (spans.length) return spans.map(span => span.textContent).join('').replace(/\\s+/g, ' ').trim();
  const ringed = document.querySelector('.listen-current');
  return ringed ? ringed.textContent.replace(/\\s+/g, ' ').trim() : null;
}"""


def _script(function: str, *args) -> str:
    return f"({function})({', '.join(json.dumps(arg) for arg in args)});"


def give_speech(page, voices=ENGLISH_VOICES, late: bool = False) -> None:
    """Every page this tab opens from now on has the stand-in speech, with these voices.

    late: like Chrome, it has no voices until the page calls `window.__speech.loadVoices()`.
    """
    page.add_init_script(_script(STAND_IN, voices, late))


def take_speech_away(page) -> None:
    """Every page this tab opens from now on has no speech at all, like an old browser."""
    page.add_init_script(_script(NO_SPEECH))


def spoken(page) -> list[dict]:
    return page.evaluate("window.__speech.spoken")


def spoken_words(page) -> list[str]:
    return [utterance["text"] for utterance in spoken(page)]


def now_reading(page) -> str | None:
    return page.evaluate("window.__speech.current")


def finish_sentence(page) -> None:
    page.evaluate("window.__speech.finish()")


def highlighted(page) -> str | None:
    return page.evaluate(HIGHLIGHTED)
