// Words help: a tap on a marked word shows its meaning under it (htmx fetches it); a second
// tap, "Close" or Escape hides it and puts focus back on the word. Without this file the
// mark is a plain link to the word on the Words page.
(() => {
  'use strict';

  const slotOf = mark => document.getElementById(`meaning-${mark.dataset.word}`);

  const prepare = root => {
    root.querySelectorAll('.word-mark').forEach(mark => {
      if (mark.hasAttribute('aria-expanded')) return;
      mark.setAttribute('aria-expanded', 'false');
      mark.setAttribute('aria-controls', `meaning-${mark.dataset.word}`);
    });
  };

  const close = (mark, focus) => {
    const slot = slotOf(mark);
    if (slot) slot.replaceChildren();
    mark.setAttribute('aria-expanded', 'false');
    if (focus) mark.focus();
  };

  document.addEventListener('DOMContentLoaded', () => prepare(document));

  document.addEventListener('htmx:beforeRequest', event => {
    const mark = event.detail.elt;
    if (!mark.classList || !mark.classList.contains('word-mark')) return;
    if (mark.getAttribute('aria-expanded') === 'true') {
      event.preventDefault();  // a second tap closes the meaning
      close(mark, false);
    }
  });

  document.addEventListener('htmx:afterSwap', event => {
    const slot = event.detail.target;
    if (!slot.classList || !slot.classList.contains('word-meaning')) return;
    const mark = document.querySelector(`.word-mark[aria-controls="${slot.id}"]`);
    if (mark) mark.setAttribute('aria-expanded', 'true');
  });

  document.addEventListener('click', event => {
    const button = event.target.closest('[data-word-close]');
    if (!button) return;
    const slot = button.closest('.word-meaning');
    const mark = slot && document.querySelector(`.word-mark[aria-controls="${slot.id}"]`);
    if (mark) close(mark, true);
  });

  document.addEventListener('keydown', event => {
    if (event.key !== 'Escape') return;
    const slot = event.target.closest && event.target.closest('.word-meaning, .word-mark-wrap');
    const mark = slot && slot.closest('.word-mark-wrap').querySelector('.word-mark');
    if (mark && mark.getAttribute('aria-expanded') === 'true') close(mark, true);
  });

  // Hints are a help, not a task: when one cannot be fetched, nothing is said. The page's
  // "We could not reach the portal" is kept for what the person sends.
  ['htmx:sendError', 'htmx:responseError', 'htmx:afterRequest'].forEach(name => {
    document.addEventListener(name, event => {
      if (event.target.closest && event.target.closest('.writing-field')) event.stopPropagation();
    }, true);
  });
})();
