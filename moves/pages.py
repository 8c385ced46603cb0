"""Where each page of the course is. Every page is a notebook in one folder (notebooks/), so a
page's address from any other page (a link's href) is its notebook's file name. The builder
names the notebooks with these functions, and the views get the addresses from them as data."""

from __future__ import annotations

HOME = "index"
REVIEW = "review"
ROUTINE_PREFIX = "routine-"


def page_address(name: str) -> str:
    """A page's address, and its notebook's file name: 'index' -> 'index.ipynb'."""
    return f"{name}.ipynb"


def routine_page(slug: str) -> str:
    """The name of a routine's page: 'routine-desk-break'."""
    return ROUTINE_PREFIX + slug


def move_address(slug: str) -> str:
    """Where a move's page is: 'plank.ipynb'."""
    return page_address(slug)


def routine_address(slug: str) -> str:
    """Where a routine's page is: 'routine-desk-break.ipynb'."""
    return page_address(routine_page(slug))
