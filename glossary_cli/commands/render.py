"""`glossary render FILE`: any article file shown as `show` shows one, without a glossary."""

from __future__ import annotations

import os
from pathlib import Path

from glossary_cli.commands.article import missing_targets
from glossary_cli.errors import UsageProblem
from glossary_cli.language.tags import InvalidLanguageTag, normalize_tag
from glossary_cli.library.roots import Library, Root, read_article
from glossary_cli.library.slugs import is_slug
from glossary_cli.results import ShowResult
from glossary_cli.text.sanitize import visible

UNDETERMINED = "und"  # BCP 47's tag for a language not known: a file not named like `it.md`


def render_file(path: Path) -> ShowResult:
    """The file read as an article: laid out as `<slug>/<lang>.md`, its slug and language are
    those, and its links are resolved among the terms beside its folder, as if that were its
    article root; else its slug is its name and its language undetermined. A bad file is a
    BadArticle, as for `show`; a path that leads to no file is a usage error, as for `check`."""
    if not os.path.lexists(path):
        raise UsageProblem(f"{visible(str(path))} does not exist", "'FILE'")
    folder = path.absolute().parent
    try:
        lang = normalize_tag(path.stem)
    except InvalidLanguageTag:
        lang = UNDETERMINED
    # Laid out as in a glossary, <slug>/<lang>.md; else a draft named after its subject.
    in_term = lang != UNDETERMINED and is_slug(folder.name)
    slug = folder.name if in_term else path.stem
    article = read_article(slug, lang, path)
    library = Library([Root(folder.parent, "render")] if in_term else [])
    return ShowResult(article, None, missing_targets(article, library))
