"""Staff pages for groups."""

from portal.groups import models  # noqa: F401  (the tables exist before the pages do)
