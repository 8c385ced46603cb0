"""The shapes of the names the course passes around, each written once: a slug (a move's, a
routine's, a saved session's), the longest title a learner or an author may give, and the
share code of a learner's routine."""

from __future__ import annotations

import re

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_SLUG_CHARS = 60
SLUG_HINT = "lowercase words joined by -, e.g. side-lunge"

MAX_TITLE_CHARS = 80

# A share code: the format's version, a dot, and the routine packed in URL-safe base64 (any
# `=` padding is dropped when a code is made, and forgiven when one is read).
SHARE_CODE = re.compile(r"([0-9]{1,3})\.([A-Za-z0-9_-]*)=*")
MAX_SHARE_CODE_CHARS = 4000  # the packed routine; its version and dot add at most 4 more


def is_slug(text: object) -> bool:
    """True for a well-formed slug of at most MAX_SLUG_CHARS characters."""
    return isinstance(text, str) and len(text) <= MAX_SLUG_CHARS and bool(SLUG.fullmatch(text))
