"""One resolver for every way a glossary writes a link to another term (issue 12, point 5):
relative, with or without a language, repeated slashes, `.md`, `_` for `-`, case, encoded."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary_cli.document.links import display_target, internal_slug

from conftest import MDN, write_article

# (as written, the article it names)
FORMS = [
    ("../cluster/", "cluster"),
    ("cluster/", "cluster"),
    ("cluster", "cluster"),
    ("/cluster", "cluster"),
    ("it/cloud-computing/", "cloud-computing"),
    ("/it/cloud-computing/", "cloud-computing"),
    ("/pt-br//container/", "container"),
    ("/it/virtual_machine/", "virtual-machine"),
    ("/bn/cluster.md", "cluster"),
    ("../cluster/it.md", "cluster"),
    ("/IT/Cluster/", "cluster"),
    ("/en-US/docs/Glossary/Virtual_Machine", "virtual-machine"),
    ("/it/cluster/#section", "cluster"),
    ("/hi/cluster/", "cluster"),
]
DEVANAGARI = "/hi/%E0%A4%95%E0%A5%8D%E0%A4%B2%E0%A4%B8%E0%A5%8D%E0%A4%9F%E0%A4%B0/"  # /hi/क्लस्टर/


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    for slug in ("cluster", "cloud-computing", "container", "virtual-machine"):
        write_article(root, slug, "en", f"---\ntitle: {slug}\n---\nText.\n")
    lines = [f"- [form {i}]({target})" for i, (target, _) in enumerate(FORMS)]
    lines += [
        "- [gone](/it/nowhere/)",
        "- [web](https://example.org/a%20b)",
        "- [pic](diagram.png)",
    ]
    lines += [f"- [क्लस्टर]({DEVANAGARI})"]
    body = "---\ntitle: Links\n---\n## See also\n\n" + "\n".join(lines) + "\n"
    write_article(root, "links", "en", body)
    return root


def test_every_form_names_its_article(run, library: Path) -> None:
    result = run("-a", str(library), "links", "links", "-f", "json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)["links"]
    assert [(k["kind"], k["slug"]) for k in found[: len(FORMS)]] == [
        ("article", slug) for _, slug in FORMS
    ]
    assert [(k["kind"], k["slug"]) for k in found[len(FORMS) :]] == [
        ("missing", "nowhere"),
        ("external", None),
        ("external", None),
        ("missing", "क्लस्टर"),
    ]


def test_targets_are_shown_decoded(run, library: Path) -> None:
    plain = run("-a", str(library), "links", "links").stdout.splitlines()
    assert "क्लस्टर\t/hi/क्लस्टर/\tmissing" in plain
    assert "web\thttps://example.org/a%20b\texternal" in plain  # encoded ASCII stays encoded
    markdown = run("-a", str(library), "links", "links", "-f", "markdown").stdout
    assert "- [क्लस्टर](/hi/क्लस्टर/) (missing)" in markdown


def test_check_warns_of_the_unresolved_only_with_its_line(run, library: Path) -> None:
    result = run("check", str(library))
    line = 3 + 2 + len(FORMS)  # after the frontmatter, the heading, a blank line, the forms
    assert result.stdout == (
        f"{library}/links/en.md:{line + 1}: warning: links to 'nowhere' (/it/nowhere/), which "
        "the library lacks\n"
        f"{library}/links/en.md:{line + 4}: warning: links to 'क्लस्टर' (/hi/क्लस्टर/), which "
        "the library lacks\n"
    )


def test_check_gives_an_encoded_target_its_line(tmp_path: Path, run) -> None:
    root = tmp_path / "articles"
    write_article(root, "t", "hi", "---\ntitle: T\n---\nText.\n\n[कहीं](/hi/%e0%a4%95%e0%a4%b9/)\n")
    result = run("check", str(root))
    assert result.stdout == (
        f"{root}/t/hi.md:6: warning: links to 'कह' (/hi/कह/), which the library lacks\n"
    )


def test_rich_styles_a_resolved_form_as_an_article(run, library: Path) -> None:
    result = run(
        "-a", str(library), "show", "links", "-f", "rich", "--color", "always",
        env={"COLUMNS": "100"},
    )  # fmt: skip
    line = next(line for line in result.stdout.splitlines() if "form 7" in line)
    assert re.search("\x1b\\[(36;4|4;36)m", line)  # LINK_ARTICLE, not the dim LINK_MISSING
    gone = next(line for line in result.stdout.splitlines() if "gone" in line)
    assert "\x1b[2;4m" in gone


@pytest.mark.parametrize(
    "target",
    ["https://example.org/", "mailto:a@b.c", "#anchor", "//cdn.example/x", "/en-US/docs/Web/API",
     "/ja/docs/", "../../images/diagram.png", "/en-US/docs/Glossary"],
)  # fmt: skip
def test_what_names_no_article(target: str) -> None:
    assert internal_slug(target) is None


def test_display_leaves_broken_encoding_alone() -> None:
    assert display_target("/a/%E0%A4") == "/a/%E0%A4"  # half a character: not text
    assert display_target("/a/%e0%a4%95") == "/a/क"


@pytest.mark.skipif(not MDN.is_dir(), reason=f"no MDN corpus at {MDN}")
def test_mdn_check_reports_only_links_that_do_not_resolve(run, monkeypatch) -> None:
    """Every link `check` reports on MDN names no folder of the corpus, however the name is
    folded; and the forms the corpus writes that do resolve are not reported."""
    monkeypatch.setenv("GLOSSARY_PATH", str(MDN))
    result = run("check", str(MDN))
    reported = [line for line in result.stdout.splitlines() if ": warning: links to '" in line]
    assert reported
    from glossary_cli.text.fold import fold_key

    folders = {fold_key(p.name) for p in MDN.iterdir() if p.is_dir()}
    for line in reported:
        name = line.split("links to '", 1)[1].split("' (", 1)[0]
        assert fold_key(name) not in folders, line
    # written in another case, with accents, with a language: found, so not reported
    assert not any("(/ru/WebAssembly)" in line or "(/spécification)" in line for line in reported)
    assert not any("(/ja/docs/)" in line for line in reported)  # MDN's docs: not a term
    assert all(re.match(r".*\.md:\d+: warning", line) for line in reported)  # each its line


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(max_codepoint=127), max_size=30))
def test_the_name_key_is_fold_key(name: str) -> None:
    """Library.article_named keys ASCII names without loading text.fold: the same key."""
    from glossary_cli.library.roots import name_key
    from glossary_cli.text.fold import fold_key

    assert name_key(name) == fold_key(name)
    assert name_key(name + "É") == fold_key(name + "É")
