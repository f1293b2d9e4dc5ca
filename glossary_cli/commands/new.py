"""`glossary new`: a new article file, empty or as a translation skeleton of another language."""

from __future__ import annotations

import json
import os
from pathlib import Path

from glossary_cli.errors import FileExists, UsageProblem
from glossary_cli.library.roots import Library, Root
from glossary_cli.library.slugs import is_slug
from glossary_cli.text.sanitize import visible

# What an article carries (docs/authoring.md): a title, one sentence of description, keywords.
_GUIDE = (
    "<!-- An introduction: what the term means. Then '## ' sections; a section that is a list\n"
    "     of short points is the article's highlights. Then: glossary check {path} -->\n"
)


def target_root(library: Library, slug: str, folder: Path | None) -> Path:
    """Where the new file goes: `folder` (--articles DIR) when given; else the root that holds
    the term already (a second root with the slug would hide its other languages: the first
    root that has a slug gives all of them); else the first root in use that can be written.
    The bundled articles are the tool's own and never written."""
    if folder is not None:
        return folder
    user_roots = [root for root in library.roots if root.origin != "bundled"]
    holder = library.root_of(slug)  # in the root's own layout (library/layout.py)
    if holder is not None:
        if holder.origin == "bundled":
            raise UsageProblem(
                f"{visible(slug)} is in the bundled articles, which glossary does not "
                "write to; give the folder with --articles DIR",
                "--articles",
            )
        return holder.path
    for root in user_roots:
        if os.access(root.path, os.W_OK | os.X_OK):
            return root.path
    raise UsageProblem(
        "no article folder to write to: give one with --articles DIR, or set GLOSSARY_PATH",
        "--articles",
    )


def new_article(
    library: Library, slug: str, lang: str, source_lang: str | None, folder: Path | None
) -> Path:
    """Write the new article where the root's layout keeps it (`<root>/<slug>/<lang>.md`, or
    `<root>/content/<lang>/<slug>.md` in a language-first root) and return its path; `lang`
    and `source_lang` are canonical tags. Refuses (FileExists) when the file is there already."""
    if not is_slug(slug):
        raise UsageProblem(
            f"'{visible(slug)}' is not an article name: letters, digits and . _ ( ) + -, "
            "not starting with . or -",
            "SLUG",
        )
    from glossary_cli.library import layout

    root = target_root(library, slug, folder)
    holder = library.root_of(slug)
    if holder is not None and holder.path.resolve() != root.resolve():
        # A term is read from the first root that has it, with that root's languages alone.
        tags = ", ".join(sorted(library.languages(slug), key=str.casefold))
        library.warn(
            f"{visible(slug)} is in {visible(str(holder.path))} too ({tags}); where both roots "
            "are read, the first one's is shown, with its own languages alone"
        )
    path = layout.new_file(root, layout.layout_of(root), slug, lang)
    if source_lang is None:
        text = template(slug, str(path))
    else:
        if source_lang == lang:
            raise UsageProblem("--from names the language of the new file itself", "--from")
        # The term's folder in the root written to comes first, as a reader of it would see.
        scope = Library([Root(root, "new")] + [r for r in library.roots if r.path != root])
        source = scope.languages(slug).get(source_lang)
        if source is None:
            from glossary_cli.errors import NotFound

            available = ", ".join(sorted(scope.languages(slug), key=str.casefold))
            raise NotFound(
                f"{visible(slug)} is not available in {source_lang} (available: {available})"
            )
        text = skeleton(scope.read(slug, source_lang, source).source, source_lang)
    write_new(path, text)
    return path


def write_new(path: Path, text: str) -> None:
    """Create the file (and its folders), never overwriting one that exists."""
    shown = visible(str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as file:  # "x": fails if it exists, atomically
            file.write(text)
    except FileExistsError:
        raise FileExists(f"{shown} exists already; not overwritten") from None
    except OSError as exc:
        raise FileExists(f"cannot write {shown}: {exc.strerror or exc}") from None


def _yaml(value: str) -> str:
    """A YAML string for any text: a JSON string is a YAML double-quoted scalar."""
    return json.dumps(value, ensure_ascii=False)


def title_of(slug: str) -> str:
    """A first title from the slug: `inside-sales` is `Inside sales`."""
    words = " ".join(slug.replace("-", " ").replace("_", " ").split())
    return words[:1].upper() + words[1:]


def template(slug: str, path: str) -> str:
    """A new article: the frontmatter docs/authoring.md describes, and a guide in a comment."""
    return (
        f'---\ntitle: {_yaml(title_of(slug))}\ndescription: ""\nkeywords: []\n---\n\n'
        + _GUIDE.format(path=path)
    )


def skeleton(source: str, source_lang: str) -> str:
    """A translation skeleton of an article's source: its title and keywords to translate in
    place, its description and every block of text in comments, its headings and code as they
    are, and `translated_from` in the frontmatter."""
    from glossary_cli.reading.frontmatter import read, split

    yaml_text, body, _ = split(source)
    meta = read(yaml_text)
    lines = ["---", f"title: {_yaml(meta.title)}"]
    if meta.description:
        lines.append(f"# description in {source_lang}: {_yaml(meta.description)}")
    lines += [
        'description: ""',
        f"keywords: [{', '.join(_yaml(word) for word in meta.keywords)}]",
        f"translated_from: {source_lang}",
        "---",
        "",
        "",
    ]
    return "\n".join(lines) + skeleton_body(body, source_lang)


def skeleton_body(body: str, source_lang: str) -> str:
    """The body's headings and code blocks as they are; each other block of text in an HTML
    comment (not shown) for the translation to go under it."""
    from glossary_cli.reading.lines import (
        atx_heading,
        closes_fence,
        fence_opening,
        setext_level,
        starts_item,
    )

    out: list[str] = []
    held: list[str] = []
    fence: tuple[str, int] | None = None

    def flush() -> None:
        if held:
            # `-->` in the text would end the comment early.
            text = "\n".join(held).replace("-->", "-- >")
            out.extend([f"<!-- {source_lang}:", text, "-->", ""])
            held.clear()

    for line in body.splitlines():
        if fence is not None:
            out.append(line)
            if closes_fence(line, fence):
                fence = None
                out.append("")
            continue
        if held and not starts_item(held[0]) and setext_level(line):
            out.extend(["#" * setext_level(line) + " " + " ".join(h.strip() for h in held), ""])
            held.clear()
            continue
        opening = fence_opening(line)
        if opening is not None:
            flush()
            fence = opening
            out.append(line)
        elif atx_heading(line) is not None:
            flush()
            out.extend([line.strip(), ""])
        elif not line.strip():
            flush()
        else:
            held.append(line)
    flush()
    if fence is not None:
        out.append(fence[0] * fence[1])  # a fence the source left open is closed here
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"
