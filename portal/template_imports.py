"""Jinja's Template, with `{% from … import … %}` made cheap again.

On each import Jinja 3.1 works out which of the importing page's globals the imported
template lacks (`ctx.globals_keys - self.globals.keys()`, jinja2/environment.py), to run it
again with them if there are any. Our templates share one set of globals, so there never
are; but the subtraction goes through a ChainMap one key at a time: 31 us an import, and a
board page does three. `set.difference()` reads the ChainMap whole, in 3 us, with the same
answer. When it is empty, the cached module is what Jinja itself would return.
"""

from __future__ import annotations

from jinja2 import Template


class QuickImportTemplate(Template):
    def _get_default_module(self, ctx=None):
        if ctx is not None and not ctx.globals_keys.difference(self.globals):
            ctx = None  # nothing to add: Jinja's own answer is the module it keeps
        return super()._get_default_module(ctx)
