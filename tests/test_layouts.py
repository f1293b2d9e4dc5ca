"""Roots read in their own layouts (issue 15): a Hugo-style language-first root and an MDN-style
one answer every command as their slug-first twins do; glossary.toml overrides detection."""

from __future__ import annotations

import json
import marshal
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_completion import complete
from test_search_scale import _NO_FILES as NAMES_FILE_ALONE

from glossary_cli.language.tags import normalize_tag
from glossary_cli.library import layout as layouts

from conftest import MDN, Run, article

# (slug, language) -> text: the same glossary, to be laid out both ways.
GLOSSARY = {
    ("cluster", "en"): article(
        "Cluster",
        "A group of machines that work as one.\n\n## See also\n\n"
        "- [Container](/en/container/)\n- [VM](../virtual-machine/)\n"
        "- [MDN form](/en-US/docs/Glossary/Virtual_Machine)\n- [Gone](/en/nowhere/)\n",
    ),
    ("cluster", "it"): article(
        "Cluster (it)", "Un gruppo di macchine.\n\n## Vedi anche\n\n- [C](/it/container/)\n"
    ),
    ("container", "en"): article("Container", "A box for one program and its files.\n"),
    ("container", "it"): article("Contenitore", "Una scatola per un programma.\n"),
    ("virtual-machine", "en"): article("Virtual machine", "A computer made of software.\n"),
    ("pt-term", "pt-BR"): article("Termo", "Um termo só em português.\n"),
}


def slug_first(root: Path, files: dict[tuple[str, str], str]) -> Path:
    for (slug, lang), text in files.items():
        path = root / slug / f"{lang}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def put(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def hugo_site(root: Path) -> Path:
    """GLOSSARY as a Hugo site keeps it: content/<lang>/<slug>.md and page bundles, with the
    site's section pages, a template and a bundle's resource that are no terms."""
    content = root / "content"
    for (slug, lang), text in GLOSSARY.items():
        folder = content / lang.lower()  # Hugo's language folders: pt-br
        if slug == "container":  # a page bundle, with a resource beside it
            put(folder / slug / "index.md", text)
            put(folder / slug / "notes.md", article("Notes", "Not a term.\n"))
        else:
            put(folder / f"{slug}.md", text)
    put(content / "en" / "_index.md", article("Glossary", "The section's own page.\n"))
    put(content / "en" / "index.md", article("Home", "Not a term either.\n"))
    put(content / "it" / "_drafts" / "draft.md", article("Draft", "Not published.\n"))
    put(root / "archetypes" / "default.md", article("{{ .Name }}", "A template.\n"))
    put(root / "hugo.toml", 'defaultContentLanguage = "en"\n')
    return root


def mdn_tree(root: Path, slugs: list[str]) -> tuple[Path, Path]:
    """Those corpus articles as MDN keeps them (files/<locale>/glossary/<nested>/index.md), and
    the same as a slug-first twin whose languages are the locales' tags (en-us: en-US)."""
    manifest = json.loads((MDN.parent / "manifest.json").read_text(encoding="utf-8"))
    twin: dict[tuple[str, str], str] = {}
    for entry in manifest:
        if entry["slug"] not in slugs:
            continue
        text = (MDN / entry["slug"] / f"{entry['lang']}.md").read_text(encoding="utf-8")
        put(root / "mdn" / entry["source_path"], text)
        twin[(entry["slug"], normalize_tag(entry["source_path"].split("/")[1]))] = text
    return root / "mdn", slug_first(root / "flat", twin)


def same(run, first: Path, second: Path, *args: str) -> Run:
    """The command answers alike on both roots, files' paths aside; the first's answer."""
    one, two = run("-a", str(first), *args), run("-a", str(second), *args)

    def answer(result: Run, root: Path) -> tuple[int, str, str]:
        def files(text: str) -> str:  # a file's path differs between layouts
            return re.sub(re.escape(str(root)) + r"[^\s\"]*", "<file>", text)

        return result.exit_code, files(result.stdout), files(result.stderr)

    assert answer(one, first) == answer(two, second), args
    return one


COMMANDS = [
    ("show", "cluster"),
    ("show", "cluster", "--lang", "it"),
    ("show", "container", "--lang", "it", "--lang", "en"),
    ("show", "pt-term"),
    ("show", "Contenitore"),
    ("show", "virtual_machine"),
    ("sections", "cluster", "--lang", "it"),
    ("links", "cluster"),
    ("links", "cluster", "-f", "json"),
    ("langs", "cluster"),
    ("langs", "container", "-f", "json"),
    ("langs",),
    ("langs", "--missing", "it"),
    ("list",),
    ("list", "--lang", "it", "-f", "json"),
    ("search", "machines"),
    ("search", "programma", "--lang", "it"),
    ("show", "notes"),
    ("show", "_index"),
    ("show", "draft"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_a_hugo_site_answers_as_its_slug_first_twin(run, tmp_path: Path, args: tuple[str]) -> None:
    site = hugo_site(tmp_path / "site")
    twin = slug_first(tmp_path / "flat", GLOSSARY)
    same(run, site, twin, *args)


def test_a_hugo_site_is_detected_and_said_so(run, tmp_path: Path) -> None:
    site = hugo_site(tmp_path / "site")
    layout = layouts.layout_of(site)
    assert (layout.kind, layout.content, layout.section) == ("language-first", "content", "")
    assert layouts.source_language(site) == "en"
    assert layouts.detect(site) == layout
    rows = run("-a", str(site), "config").stdout.splitlines()
    at = rows.index(f"paths\t{site}\t--articles")
    assert (
        rows[at + 1]
        == "layout\tlanguage-first: content/<lang>/<slug>.md or <slug>/index.md\tdetected"
    )
    explained = run("-a", str(site), "langs", "--explain", "cluster").stdout.splitlines()
    assert explained[-1] == (
        f"layout\t{site}\tlanguage-first\tcontent/<lang>/<slug>.md or <slug>/index.md (detected)"
    )
    paths = json.loads(run("-a", str(site), "config", "-f", "json").stdout)["paths"]
    assert paths[0] == {
        "path": str(site),
        "source": "--articles",
        "layout": "language-first",
        "files": "content/<lang>/<slug>.md or <slug>/index.md",
        "from": "detected",
    }


def test_check_reads_a_hugo_site_as_its_twin(run, tmp_path: Path) -> None:
    site = hugo_site(tmp_path / "site")
    twin = slug_first(tmp_path / "flat", GLOSSARY)
    one = json.loads(run("check", str(site), "-f", "json").stdout)
    two = json.loads(run("check", str(twin), "-f", "json").stdout)
    assert (one["files"], one["terms"], one["errors"]) == (two["files"], two["terms"], 0)
    assert (one["files"], one["terms"]) == (6, 4)

    def messages(found: dict[str, object]) -> list[str]:
        return sorted(f["message"] for f in found["findings"])  # type: ignore[attr-defined]

    # The same findings, but a term's languages are named by tag, not by <lang>.md file.
    assert messages(one) == [m.replace("en.md", "en") for m in messages(two)]
    assert any("nowhere" in m for m in messages(one))


@pytest.fixture
def mdn(tmp_path: Path) -> tuple[Path, Path]:
    if not MDN.is_dir():
        pytest.skip(f"the MDN corpus is not here ({MDN})")
    nested = ["engine", "engine-javascript", "engine-rendering", "media-css", "node-dom"]
    first = sorted(p.name for p in MDN.iterdir())[:30]
    return mdn_tree(tmp_path, [*nested, *first, "rendering_engine", "api", "browser"])


MDN_COMMANDS = [
    ("show", "engine-javascript", "--lang", "fr"),
    ("show", "abstraction", "--lang", "ja", "--lang", "en"),
    ("show", "Engine_JavaScript"),
    ("links", "engine-rendering"),
    ("links", "abstraction", "--lang", "zh-CN"),
    ("langs", "engine-javascript"),
    ("langs",),
    ("list", "--lang", "de"),
    ("search", "rendering engine"),
    ("search", "navigateur", "--lang", "fr"),
    ("sections", "api", "--lang", "ja"),
]


@pytest.mark.parametrize("args", MDN_COMMANDS, ids=lambda a: " ".join(a))
def test_an_mdn_tree_answers_as_its_slug_first_twin(
    run, mdn: tuple[Path, Path], args: tuple[str]
) -> None:
    same(run, *mdn, *args)


def test_links_to_nested_terms_resolve_in_both_layouts(run, tmp_path: Path) -> None:
    """MDN writes a nested term's links with its folders: `/en-US/docs/Glossary/Engine/
    JavaScript`, `{{Glossary("Engine/JavaScript")}}`; both name `engine-javascript`."""
    body = (
        "- [one](/en-US/docs/Glossary/Engine/JavaScript)\n"
        '- {{Glossary("Engine/JavaScript", "two")}}\n'
        "- [three](/en-US/docs/Glossary/Engine/Gone)\n"
        "- [four](/blog/2024/post/)\n"
    )
    files = {
        ("engine", "en-US"): article("Engine", "An engine.\n"),
        ("engine-javascript", "en-US"): article("JavaScript engine", "Runs scripts.\n"),
        ("linking", "en-US"): article("Linking", body),
    }
    tree = tmp_path / "mdn" / "files" / "en-us" / "glossary"
    for (slug, _), text in files.items():
        put(tree.joinpath(*slug.split("-"), "index.md"), text)
    twin = slug_first(tmp_path / "flat", files)
    found = same(run, tmp_path / "mdn", twin, "links", "linking", "-f", "json")
    kinds = [(link["kind"], link["slug"]) for link in json.loads(found.stdout)["links"]]
    assert kinds == [
        ("article", "engine-javascript"),
        ("article", "engine-javascript"),
        ("external", None),
        ("external", None),
    ]


def test_an_mdn_tree_is_read_from_its_glossary_section(run, mdn: tuple[Path, Path]) -> None:
    tree, twin = mdn
    put(tree / "files" / "en-us" / "web" / "api" / "index.md", article("Web API", "Not a term.\n"))
    layout = layouts.layout_of(tree)
    assert (layout.kind, layout.content, layout.section) == ("language-first", "files", "glossary")
    assert layouts.source_language(tree) == "en-US"
    for root in mdn:  # the rest of the site (web/, learn/) is not read
        assert run("-a", str(root), "show", "web-api").exit_code == 1
    one = json.loads(run("check", str(tree), "-f", "json").stdout)
    two = json.loads(run("check", str(twin), "-f", "json").stdout)
    assert (one["files"], one["terms"], one["errors"]) == (two["files"], two["terms"], 0)


@pytest.mark.parametrize("shell", ["bash", "fish"])
def test_completion_on_an_mdn_tree_as_on_its_twin(shell: str, mdn: tuple[Path, Path], run) -> None:
    tree, twin = mdn
    lines = ("glossary show engine", "glossary show ab", "glossary show engine-javascript --lang ")
    # First from folder listings, then from the names file that the index writes.
    for indexed in (False, True):
        if indexed:
            for root in mdn:
                assert run("-a", str(root), "list").exit_code == 0
        for line in lines:
            answers = [
                complete(shell, line.replace("glossary ", f"glossary -a {root} ", 1)).items
                for root in (tree, twin)
            ]
            assert answers[0] == answers[1] and answers[0], (line, indexed)
    assert "engine-javascript" in complete("bash", f"glossary -a {tree} show engine").values


def test_the_index_follows_a_language_first_root(run, tmp_path: Path) -> None:
    """Terms added, edited in place, nested, removed: search and completion see each."""
    site = hugo_site(tmp_path / "site")
    assert "cluster" in run("-a", str(site), "list").stdout
    new = put(site / "content" / "it" / "nuovo.md", article("Nuovo", "Parola zanzibar.\n"))
    assert run("-a", str(site), "search", "zanzibar").stdout.startswith("nuovo\tit\tNuovo")
    assert "nuovo" in complete("bash", f"glossary -a {site} show nu").values
    new.write_text(article("Nuovo", "Parola quokka.\n"), encoding="utf-8")
    os.utime(new, ns=(new.stat().st_mtime_ns + 5_000_000_000,) * 2)
    assert run("-a", str(site), "search", "quokka").stdout.startswith("nuovo\tit")
    assert run("-a", str(site), "search", "zanzibar").stdout == ""
    put(site / "content" / "it" / "nuovo" / "figlio" / "index.md", article("Figlio", "Okapi.\n"))
    assert run("-a", str(site), "search", "okapi").stdout.startswith("nuovo-figlio\tit\tFiglio")
    new.unlink()
    assert run("-a", str(site), "search", "quokka").stdout == ""
    assert run("-a", str(site), "show", "nuovo-figlio").exit_code == 0


def test_an_edit_in_place_in_a_nested_term_rereads_that_file_without_a_scan(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The warm check names the file; its slug and language come from its folders."""
    import glossary_cli.search.index as index_module

    site = hugo_site(tmp_path / "site")
    nested = put(
        site / "content" / "it" / "cluster-x" / "nodo" / "index.md", article("Nodo", "Vecchio.\n")
    )
    put(site / "content" / "it" / "cluster-x" / "index.md", article("X", "x\n"))
    hour_ago = time.time() - 3600
    for path in [*site.rglob("*"), site]:
        os.utime(path, (hour_ago, hour_ago), follow_symlinks=False)
    assert run("-a", str(site), "search", "vecchio").stdout.startswith("cluster-x-nodo\tit\tNodo")
    nested.write_text(article("Nodo", "Nuovissimo, e più lungo.\n"), encoding="utf-8")
    os.utime(nested, (hour_ago, hour_ago + 1))  # settled, and the folder's mtime as it was

    def refused(*args: object) -> None:
        raise AssertionError("scanned again")

    monkeypatch.setattr(index_module, "scan", refused)
    found = run("-a", str(site), "search", "nuovissimo")
    assert (found.exit_code, found.stderr) == (0, "")
    assert found.stdout.startswith("cluster-x-nodo\tit\tNodo\t")
    assert run("-a", str(site), "search", "vecchio").stdout == ""


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_trusts_the_names_file_until_a_language_folder_changes(
    run, tmp_path: Path, shell: str
) -> None:
    """As for a slug-first root (test_search_scale), but a new term here changes no mtime of
    the root itself: its language folders' do, and completion must not trust the file then."""
    site = hugo_site(tmp_path / "site")
    hour_ago = time.time() - 3600
    for folder in (site, site / "content", *(site / "content").iterdir()):
        os.utime(folder, (hour_ago, hour_ago))  # settled: the names file is trusted
    assert run("-a", str(site), "list").exit_code == 0  # the index and its names file
    line = f"glossary -a {site} show c"
    env = dict(os.environ, _GLOSSARY_COMPLETE=f"complete_{shell}", LANG="it_IT.UTF-8")
    env.update(COMP_WORDS=line, COMP_CWORD="4", _TYPER_COMPLETE_ARGS=line)

    def answer() -> str:
        command = [sys.executable, "-c", NAMES_FILE_ALONE]
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
        assert "AssertionError" not in done.stderr
        return done.stdout

    first = answer()
    assert ["cluster", "container"] == (
        first.splitlines()[:2] if shell == "bash" else re.findall(r'"(c\w+)":', first)[:2]
    )  # the slugs; titles that start with `c` follow them
    assert shell == "bash" or '"container":"Contenitore"' in first  # the reader's language
    put(site / "content" / "it" / "cornice.md", article("Cornice", "Testo.\n"))
    assert "cluster" not in answer()  # not trusted: the folders would be read (here refused)


def test_an_earlier_root_hides_a_term_whatever_the_layouts(run, tmp_path: Path) -> None:
    site = hugo_site(tmp_path / "site")
    mine = slug_first(tmp_path / "mine", {("cluster", "en"): article("Mine", "Quokka.\n")})
    for roots in ([mine, site], [site, mine]):
        args = [arg for root in roots for arg in ("-a", str(root))]
        title = "Mine" if roots[0] == mine else "Cluster"
        assert run(*args, "show", "cluster").stdout.splitlines()[0] == title
        assert run(*args, "langs", "cluster").stdout.count("\n") == (1 if title == "Mine" else 2)
        assert bool(run(*args, "search", "quokka").stdout) is (title == "Mine")
        listed = [
            line for line in run(*args, "list").stdout.splitlines() if line.startswith("cluster\t")
        ]
        assert listed == [f"cluster\ten\t{title}" + listed[0][len(f"cluster\ten\t{title}") :]]


def test_a_link_out_of_a_language_first_root_is_not_followed(run, tmp_path: Path) -> None:
    site = hugo_site(tmp_path / "site")
    secret = put(tmp_path / "secret.md", article("Secret", "Do not show.\n"))
    (site / "content" / "en" / "leak.md").symlink_to(secret)
    (site / "content" / "fr").symlink_to(tmp_path)
    result = run("-a", str(site), "show", "leak")
    assert result.exit_code != 0 and "Do not show" not in result.stdout
    assert "Secret" not in run("-a", str(site), "list").stdout
    assert run("-a", str(site), "search", "show").stdout == ""
    assert "outside its article root" in run("check", str(site)).stdout


def test_folder_links_below_a_language_are_not_followed(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Links back up the tree would repeat it at every level: ten of them, four levels deep,
    would list it 10,000 times."""
    site = hugo_site(tmp_path / "site")
    english = site / "content" / "en"
    for n in range(10):
        (english / f"up-{n}").symlink_to(english)
    (english / "container" / "again").symlink_to(english / "container")
    listed: list[str] = []
    real_scandir = os.scandir

    def counting(path):  # type: ignore[no-untyped-def]
        listed.append(os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", counting)
    found = layouts.terms(site, layouts.layout_of(site))
    assert sorted(found) == ["cluster", "container", "pt-term", "virtual-machine"]
    assert len(listed) < 20, listed
    assert run("-a", str(site), "show", "up-3-cluster").exit_code == 1
    assert run("-a", str(site), "show", "container-again").exit_code == 1
    result = run("check", str(site))
    assert (result.exit_code, result.stderr) == (0, "")


# --- glossary.toml ------------------------------------------------------------------------------


def test_glossary_toml_overrides_detection(run, tmp_path: Path) -> None:
    """A root whose language folders hold nothing yet but another site's pages: detected as
    slug-first, read language-first with the content folder and section the file names."""
    root = tmp_path / "root"
    put(root / "site" / "en" / "terms" / "cluster.md", GLOSSARY[("cluster", "en")])
    put(root / "site" / "it" / "terms" / "cluster.md", GLOSSARY[("cluster", "it")])
    put(
        root / "glossary.toml",
        'layout = "language-first"\ncontent = "site"\nsection = "terms"\nsource_language = "it"\n',
    )
    layout = layouts.layout_of(root)
    assert (layout.kind, layout.content, layout.section, layout.configured) == (
        "language-first",
        "site",
        "terms",
        True,
    )
    assert layouts.source_language(root) == "it"
    result = run("-a", str(root), "langs", "cluster")
    assert (result.exit_code, result.stderr) == (0, "")
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["en", "it"]
    rows = run("-a", str(root), "config").stdout.splitlines()
    assert (
        "layout\tlanguage-first: site/<lang>/terms/<slug>.md or <slug>/index.md\tglossary.toml"
        in rows
    )


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        (
            'layout = "hugo"\n',
            "line 1: layout: expected slug-first or language-first, got 'hugo'; ignored",
        ),
        ("layout = 3\n", "line 1: layout: expected slug-first or language-first, got int; ignored"),
        (
            'content = "../elsewhere"\n',
            "line 1: content: '../elsewhere' is not a folder inside the root; ignored",
        ),
        ('content = "/etc"\n', "line 1: content: '/etc' is not a folder inside the root; ignored"),
        ('content = "nope"\n', "line 1: content: 'nope' is not a folder in the root; ignored"),
        (
            'source_language = "english!"\n',
            "line 1: source_language: 'english!' is not a language tag; ignored",
        ),
        (
            'colour = "red"\n',
            "line 1: unknown key 'colour' (known: layout, content, section, source_language);"
            " ignored",
        ),
        ("layout = \n", "line 1: invalid value; the layout is detected"),
        (b"layout = '\xff'\n", "line 1: not UTF-8 text; the layout is detected"),
        (
            "a = [" * 2000 + "\n",
            "too many dotted keys, lists or tables to be a settings file; the layout is detected",
        ),
    ],
)
def test_a_wrong_glossary_toml_is_one_warning(
    run, tmp_path: Path, text: str | bytes, warning: str
) -> None:
    site = hugo_site(tmp_path / "site")
    config = site / "glossary.toml"
    if isinstance(text, bytes):
        config.write_bytes(text)
    else:
        config.write_text(text, encoding="utf-8")
    result = run("-a", str(site), "show", "cluster", "--lang", "it")
    assert result.exit_code == 0
    assert result.stdout.startswith("Cluster (it)\n")  # the layout detected still reads it
    where = f"{config}: " if warning.startswith("too many") else f"{config}, "
    assert result.stderr == f"glossary: warning: {where}{warning}\n"
    assert "Traceback" not in result.stderr


def test_check_tells_a_wrong_glossary_toml_once(run, tmp_path: Path) -> None:
    site = hugo_site(tmp_path / "site")
    (site / "glossary.toml").write_text('layout = "hugo"\n', encoding="utf-8")
    result = run("check", str(site))
    assert result.stderr.count("glossary.toml, line 1: layout: expected") == 1
    result = run("-a", str(site), "check", str(site))
    assert result.stderr.count("glossary.toml, line 1: layout: expected") == 1


# --- cheap detection, and the whole corpus ------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "detected"),
    [
        ([], ("slug-first", "", "")),
        (["api/en.md", "api/fr.md", "css/en.md", "inside-sales/it.md"], ("slug-first", "", "")),
        (["en/api.md", "en/css.md", "fr/api.md"], ("language-first", "", "")),
        (["en/cluster/index.md", "it/cluster/index.md"], ("language-first", "", "")),
        (["content/en/cluster.md", "content/en/_index.md"], ("language-first", "content", "")),
        (
            ["content/zh-cn/glossary/x.md", "content/en/blog/y.md"],
            ("language-first", "content", "glossary"),
        ),
        (
            ["files/en-us/glossary/x/index.md", "files/en-us/web/y/index.md"],
            ("language-first", "files", "glossary"),
        ),
        (["content/posts/hello.md", "en/fr.md"], ("slug-first", "", "")),
        # A slug-first root with one odd folder named like a language (found by test_fuzz).
        (["alpha/en.md", "beta/it.md", "en/fuzz.md"], ("slug-first", "", "")),
        (
            ["files/en-us/glossary/x/index.md", "files/jsondata/a.json", "files/sidebars/b.yaml"],
            ("language-first", "files", "glossary"),
        ),
    ],
)
def test_detection(tmp_path: Path, files: list[str], detected: tuple[str, str, str]) -> None:
    root = tmp_path / "root"
    root.mkdir()
    for name in files:
        put(root / name, article("T", "x\n"))
    assert tuple(layouts.layout_of(root))[:3] == detected


def test_detection_lists_a_few_folders_however_large_the_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = _count_listings(monkeypatch)
    for size in (10, 1000):
        root = tmp_path / f"big-{size}"
        for n in range(size):
            (root / "content" / "en" / f"term-{n}").mkdir(parents=True)
            (root / "content" / "en" / f"term-{n}" / "index.md").write_text("x")
            (root / "content" / "fr").mkdir(exist_ok=True)
            (root / f"slug-{n}").mkdir()
        listed.clear()
        assert layouts.layout_of(root).kind == "language-first"
        assert len(listed) <= 6, listed
        listed.clear()
        assert layouts.layout_of(root).kind == "language-first"
        assert listed == []  # remembered


def _count_listings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders listed from now on (os.scandir and os.listdir), as they are listed."""
    listed: list[str] = []
    for name in ("scandir", "listdir"):
        real = getattr(os, name)

        def counting(path, real=real):  # type: ignore[no-untyped-def]
            listed.append(os.fspath(path))
            return real(path)

        monkeypatch.setattr(os, name, counting)
    return listed


def test_a_detected_layout_is_remembered_between_runs_while_its_folders_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later run (here: the in-run memory forgotten) reads the layout from the cache without
    listing the root, whose thousands of slug folders would cost every search and Tab; a
    change to any folder detection looked at makes it look again."""
    root = tmp_path / "root"
    for n in range(50):
        put(root / f"term-{n}" / "en.md", article("T", "x\n"))
    old = time.time_ns() - 10**10  # older than the "too fresh to trust" window
    for folder in (root, *root.iterdir()):
        os.utime(folder, ns=(old, old))
    monkeypatch.setattr(layouts, "_known", {})
    layouts.remember_in(tmp_path / "cache")
    try:
        assert layouts.layout_of(root).kind == "slug-first"
        assert (tmp_path / "cache" / layouts.MEMO_NAME).is_file()
        listed = _count_listings(monkeypatch)
        layouts._known.clear()
        layouts.remember_in(tmp_path / "cache")  # a new run
        assert layouts.layout_of(root).kind == "slug-first"
        assert listed == []
        # Now a language-first tree appears inside: content/ is one of the folders looked at.
        for n in range(3):
            put(root / "content" / "en" / f"word-{n}.md", article("W", "x\n"))
        layouts._known.clear()
        layouts.remember_in(tmp_path / "cache")
        assert layouts.layout_of(root)[:2] == ("language-first", "content")
        assert listed
    finally:
        layouts.remember_in(None)


@pytest.fixture(scope="module")
def whole_mdn(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole corpus rearranged language-first, MDN's way (files/<lang>/glossary/...), with
    the corpus's own tags as folder names so that the two answer in the same languages."""
    if not MDN.is_dir():
        pytest.skip(f"the MDN corpus is not here ({MDN})")
    root = tmp_path_factory.mktemp("whole") / "mdn"
    manifest = json.loads((MDN.parent / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest:
        nested = entry["source_path"].split("/")[3:]
        target = root.joinpath("files", entry["lang"].lower(), "glossary", *nested)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(MDN / entry["slug"] / f"{entry['lang']}.md", target)
    return root


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("list", "--lang", "ja"),
        ("list", "--lang", "pt-BR", "-f", "json"),
        ("search", "browser"),
        ("search", "レンダリング", "--lang", "ja"),
        ("search", "protocol", "--lang", "de", "-f", "json"),
        ("langs",),
    ],
    ids=lambda a: " ".join(a),
)
def test_the_whole_mdn_corpus_language_first_lists_and_finds_as_slug_first(
    run, whole_mdn: Path, args: tuple[str]
) -> None:
    result = same(run, whole_mdn, MDN, *args)
    assert result.exit_code == 0 and result.stdout


def test_the_whole_mdn_corpus_language_first_has_every_file(whole_mdn: Path) -> None:
    found = layouts.terms(whole_mdn, layouts.layout_of(whole_mdn))
    assert sum(len(files) for files in found.values()) == 3471
    assert sorted(found) == sorted(p.name for p in MDN.iterdir())


# --- a language-first glossary fetched as a git source (docs/sources.md) -------------------------


def fetched_from_git(run, tree: Path, base: Path) -> Path:
    """`tree` committed to a bare repository, added as a source through file://; the copy."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    from git_repos import Repo

    repo = Repo(base)
    shutil.copytree(tree, repo.work, dirs_exist_ok=True)
    repo.commit("the glossary")
    added = run("source", "add", "site", repo.url)
    assert added.exit_code == 0, added.stderr
    assert "language-first" in added.stdout
    return Path(os.environ["XDG_DATA_HOME"]) / "glossary" / "sources" / "site" / "tree"


def answered(result: Run, root: Path) -> tuple[int, str]:
    """The exit status and stdout, the files' paths under `root` masked (layouts differ)."""
    return result.exit_code, re.sub(re.escape(str(root)) + r"[^\s\"]*", "<file>", result.stdout)


def test_a_hugo_site_fetched_from_git_answers_as_its_slug_first_twin(run, tmp_path: Path) -> None:
    copy = fetched_from_git(run, hugo_site(tmp_path / "site"), tmp_path / "remote")
    twin = slug_first(tmp_path / "flat", GLOSSARY)
    for args in COMMANDS:
        assert answered(run(*args), copy) == answered(run("-a", str(twin), *args), twin), args
    checked = run("check", str(copy))
    assert checked.exit_code == run("check", str(twin)).exit_code == 0


def test_an_mdn_tree_fetched_from_git_answers_as_its_slug_first_twin(
    run, mdn: tuple[Path, Path], tmp_path: Path
) -> None:
    tree, twin = mdn
    copy = fetched_from_git(run, tree, tmp_path / "remote")
    for args in MDN_COMMANDS:
        assert answered(run(*args), copy) == answered(run("-a", str(twin), *args), twin), args


def test_new_writes_in_the_roots_own_layout(run, tmp_path: Path) -> None:
    """In a Hugo site, a new term or translation is content/<lang>/<slug>.md, and a language
    the site lacks gets a folder named as the others are (lower-case: pt-br)."""
    site = hugo_site(tmp_path / "site")
    made = run("-a", str(site), "new", "cache", "--lang", "it")
    assert (made.exit_code, made.stderr) == (0, "")
    assert made.stdout == f"{site / 'content' / 'it' / 'cache.md'}\n"
    translated = run("-a", str(site), "new", "cluster", "--lang", "pt-BR", "--from", "en")
    assert translated.stdout == f"{site / 'content' / 'pt-br' / 'cluster.md'}\n"
    langs = run("-a", str(site), "langs", "cluster", "-f", "json")
    assert "pt-BR" in [language["tag"] for language in json.loads(langs.stdout)["languages"]]
    assert run("-a", str(site), "show", "cache", "--lang", "it").exit_code == 0


def test_the_remembered_layouts_forget_roots_that_are_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(layouts, "_known", {})
    old = time.time_ns() - 10**10
    roots = [tmp_path / name for name in ("kept", "gone", "new")]
    for root in roots:
        put(root / "term" / "en.md", article("T", "x\n"))
        for folder in (root, root / "term"):
            os.utime(folder, ns=(old, old))
    layouts.remember_in(tmp_path / "cache")
    try:
        for root in roots[:2]:
            layouts.layout_of(root)
        shutil.rmtree(roots[1])
        layouts.layout_of(roots[2])
        kept = marshal.loads((tmp_path / "cache" / layouts.MEMO_NAME).read_bytes())
        assert sorted(kept) == [str(roots[0]), str(roots[2])]
    finally:
        layouts.remember_in(None)
