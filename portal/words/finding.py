"""Where the glossary words are in a page's `<main>`: our own running text only.

Never marked: headings, links, buttons, labels and form fields (a link inside them would be
a second target, or change their name), code, and words people typed in (`<bdi>`,
`dir="auto"`). A block opts out with `data-no-words`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SKIP_TAGS = frozenset(
    [
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "a",
        "button",
        "label",
        "input",
        "select",
        "option",
        "textarea",
        "legend",
        "summary",
        "code",
        "kbd",
        "samp",
        "pre",
        "script",
        "style",
        "bdi",
        "svg",
        "noscript",
        "template",
        "title",
    ]
)
VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)


@dataclass(frozen=True)
class WordList:
    stamp: tuple
    pattern: re.Pattern | None
    slugs: dict[str, tuple[str, str]]  # form, lower case -> (slug, picture)
    # The forms in the order of the pattern's groups: a match says which form it is by its
    # group, as case-blind matching takes U+017F for "s" and lower-casing would not give it back.
    forms: tuple[str, ...] = ()


@lru_cache(maxsize=512)
def word_pattern(forms: tuple[str, ...]) -> re.Pattern:
    """One group per form, in order. A page searches only for the words it may still mark,
    so most searches have a few forms to try at each word, not the whole glossary."""
    return re.compile(
        r"(?<![\w'-])(?:" + "|".join(f"({re.escape(form)})" for form in forms) + r")(?![\w-])",
        re.IGNORECASE,
    )


# Our own pages, read tag by tag: a comment, or a tag (its attributes may hold ">" inside
# quotes). The text is what lies between two tags.
_TAGS = re.compile(
    r"<!--.*?-->"
    r"|<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*)>",
    re.DOTALL,
)
_SKIP_ATTRIBUTE = re.compile(
    r"""(?:^|\s)(?:data-no-words|contenteditable)(?=[\s=/]|$)|(?:^|\s)dir\s*=\s*["']?auto\b""",
    re.IGNORECASE,
)
_IN_REFERENCE = re.compile(r"&#?[a-zA-Z0-9]*$")


def find_words(main: str, words: WordList, wanted: set[str]) -> list[tuple[int, int, str, str]]:
    """The first use of each glossary word in the text that may be marked: (start, end, slug,
    picture), offsets into `main`. Stops as soon as every word in `wanted` is found.

    One regular expression finds the tags; a stack of open tags says whether the text after
    each is inside something never marked, and only text that may be marked is searched. (The
    standard HTMLParser did the same at several times the cost: it also unescapes and collects
    every attribute of every tag, and hands over every piece of text.)
    """
    found: list[tuple[int, int, str, str]] = []
    stack: list[tuple[str, bool]] = []
    skipping = False
    at = 0  # where the text after the last tag starts
    search = _Search(main, words, wanted, found)
    tag_match = _TAGS.search(main)
    while tag_match is not None:
        if not skipping and tag_match.start() > at and search.finds(at, tag_match.start()):
            return found
        at = tag_match.end()
        tag = tag_match.group(2)
        if tag is None:  # a comment
            tag_match = _TAGS.search(main, at)
            continue
        tag = tag.lower()
        if tag_match.group(1):  # an end tag closes the nearest open one of its name
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == tag:
                    del stack[depth:]
                    skipping = bool(stack) and stack[-1][1]
                    break
        elif tag not in VOID_TAGS and not tag_match.group(3).endswith("/"):
            if tag in SKIP_TAGS and (after := _past_element(main, tag, at)):
                # Nothing inside is ever marked: go straight past its end tag (a button's icon
                # and words, a heading's picture and link) rather than through its tags.
                at = after
            else:
                attributes = tag_match.group(3)
                skipping = skipping or tag in SKIP_TAGS or bool(_SKIP_ATTRIBUTE.search(attributes))
                stack.append((tag, skipping))
        tag_match = _TAGS.search(main, at)
    if not skipping:
        search.finds(at, len(main))
    return found


@lru_cache(maxsize=64)
def _element_tags(tag: str) -> tuple[re.Pattern, re.Pattern]:
    return (
        re.compile(rf"<{tag}[\s/>]", re.IGNORECASE),
        re.compile(rf"</{tag}\s*>", re.IGNORECASE),
    )


def _past_element(main: str, tag: str, start: int) -> int | None:
    """Where the element opened just before `start` ends, when its end tag comes before any
    other element of its name opens (so the stack of open tags would close it there too)."""
    opening, closing = _element_tags(tag)
    end = closing.search(main, start)
    if end is None or opening.search(main, start, end.start()):
        return None
    return end.end()


class _Search:
    """Searches text for the glossary words still to be marked on this page."""

    def __init__(self, main: str, words: WordList, wanted: set[str], found: list) -> None:
        self.main, self.slugs, self.found = main, words.slugs, found
        self.forms = tuple(form for form in words.forms if words.slugs[form][0] in wanted)
        self.pattern = word_pattern(self.forms)

    def finds(self, begin: int, end: int) -> bool:
        """Search main[begin:end]; True when every wanted word has been found."""
        main = self.main
        for match in self.pattern.finditer(main, begin, end):
            if "&" in main[begin : match.start()] and _IN_REFERENCE.search(
                main, begin, match.start()
            ):
                continue  # inside a character reference ("&amp;"): not a word
            slug, picture = self.slugs[self.forms[match.lastindex - 1]]
            self.found.append((match.start(), match.end(), slug, picture))
            # Now look only for the others (each form list's pattern is compiled once).
            self.forms = tuple(form for form in self.forms if self.slugs[form][0] != slug)
            if not self.forms:
                return True
            self.pattern = word_pattern(self.forms)
            return self.finds(match.end(), end)
        return False
