"""Section numbers from the heading levels an article has: its highest level is level 1."""

from __future__ import annotations

from collections.abc import Sequence


def section_numbers(levels: Sequence[int]) -> list[str]:
    """The number of each section heading, in order, from their levels (`#` headings count as
    `##`): the highest level present numbers `1`, `2`, ..., a deeper one `2.1` under the last of
    those, and a deeper one before any of those is a top section too. So `###` headings with no
    `##` are 1, 2, 3. The parser and completion (reading/peek.py) both number with this."""
    top = min((max(level, 2) for level in levels), default=2)
    numbers: list[str] = []
    tops = children = 0
    for level in levels:
        if max(level, 2) <= top or tops == 0:
            tops += 1
            children = 0
            numbers.append(str(tops))
        else:
            children += 1
            numbers.append(f"{tops}.{children}")
    return numbers
