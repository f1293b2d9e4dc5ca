"""Every file of the MDN glossary corpus (3,471 real articles, 10 languages) in one process."""

from __future__ import annotations

import io
import json
from collections import Counter

import pytest

from glossary_cli.commands import article as commands
from glossary_cli.errors import NotFound
from glossary_cli.language.preferences import preferences
from glossary_cli.library.roots import Library, Root
from glossary_cli.output import Format, OutputContext
from glossary_cli.views import json_view, markdown_view, plain, rich_view

from conftest import MDN
from hostile import unsafe

pytestmark = pytest.mark.skipif(
    not MDN.is_dir(), reason=f"the MDN corpus is not here ({MDN}): a checkout without ../shared"
)


def test_every_file_parses_and_every_command_renders() -> None:
    library = Library(roots=[Root(MDN, "--articles")])
    counts: Counter[str] = Counter()
    for slug in library.slugs():
        for lang in library.languages(slug):
            opened = commands.open_article(library, slug, preferences([lang], {}))
            results: list[object] = [
                commands.show(opened, None, library),
                commands.links(opened, library),
            ]
            for compute in (commands.sections, commands.highlights):
                try:
                    results.append(compute(opened))
                except NotFound:
                    counts[f"no {compute.__name__}"] += 1  # articles without either exist
            for result in results:
                for text in (plain.render(result), markdown_view.render(result)):
                    assert unsafe(text) == [], (slug, lang)
                json.loads(json_view.render(result))
            counts[lang] += 1
            counts["links"] += len(results[1].links)  # type: ignore[attr-defined]
    files = sum(n for key, n in counts.items() if " " not in key and key != "links")
    assert files == 3471  # every file of the corpus: none failed, none was skipped
    assert len([k for k in counts if " " not in k and k != "links"]) == 10
    assert counts["links"] > 5000


def test_rich_rendering_of_a_sample() -> None:
    """The terminal view is the slowest: every 10th term, in all its languages."""
    library = Library(roots=[Root(MDN, "--articles")])
    for slug in library.slugs()[::10]:
        for lang in library.languages(slug):
            opened = commands.open_article(library, slug, preferences([lang], {}))
            stream = io.StringIO()
            ctx = OutputContext(Format.RICH, True, 80, stream)
            rich_view.render(commands.show(opened, None, library), ctx)
            assert unsafe(stream.getvalue(), rich=True) == []


def test_check_finds_no_errors_in_the_corpus(run) -> None:
    result = run("check", str(MDN), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["files"], data["terms"], data["errors"]) == (3471, 648, 0)
