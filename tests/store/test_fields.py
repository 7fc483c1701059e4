"""Titles of cards and other free text fields refuse what names refuse."""

from __future__ import annotations

import pytest

from workbench.errors import UsageError
from workbench.store.fields import title_text


def test_titles_fold_spaces_and_refuse_control_characters_and_length():
    assert title_text("  Pay   by\tUPI ", "Story") == "Pay by UPI"
    with pytest.raises(UsageError, match="Story contains an invisible control character"):
        title_text("Pay\x7fby UPI", "Story")
    with pytest.raises(UsageError, match="not valid UTF-8"):
        title_text("Pay \udcff", "Task")
    with pytest.raises(UsageError, match="empty"):
        title_text("   ", "Activity")
    with pytest.raises(UsageError, match="201 characters long; use at most 200"):
        title_text("x" * 201, "Story")
