"""Find an article's key points by the shape of its sections, whatever their heading says."""

from __future__ import annotations

from glossary_cli.document.model import (
    Article,
    ListBlock,
    Paragraph,
    Section,
    block_text,
    iter_spans,
)

MAX_POINTS = 12  # a "short" list: longer ones are indexes or references, not key points
MIN_WORDS = 4  # a point is a sentence, not a word or a bare link


def _is_sentence(item: tuple[object, ...]) -> bool:
    """A list item that reads as a sentence: several words, mostly not link text."""
    blocks = tuple(b for b in item if isinstance(b, Paragraph))
    if len(blocks) != len(item) or not blocks:
        return False
    text = " ".join(block_text(b) for b in blocks)
    linked = sum(len(span.text) for span in iter_spans(blocks) if span.link)
    return len(text.split()) >= MIN_WORDS and linked * 2 < len(text)


def is_highlights(section: Section) -> bool:
    """A section that is nothing but one short list of sentences (not "See also" links)."""
    if len(section.blocks) != 1 or section.children:
        return False
    block = section.blocks[0]
    return (
        isinstance(block, ListBlock)
        and 1 <= len(block.items) <= MAX_POINTS
        and all(_is_sentence(item) for item in block.items)
    )


def find_highlights(article: Article) -> Section | None:
    """The first section shaped like a list of key points, or None."""
    for section in article.all_sections():
        if is_highlights(section):
            return section
    return None


def points(section: Section) -> list[str]:
    """The key points as one line of plain text each."""
    block = section.blocks[0]
    assert isinstance(block, ListBlock)
    return [" ".join(" ".join(block_text(b).split()) for b in item) for item in block.items]
