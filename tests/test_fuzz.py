"""Fuzzing (hypothesis): generated frontmatter, Markdown, file and folder names, settings files
and environments, through every command and format. Whatever comes, a run ends with a
documented exit code, no traceback and no control character in its output, and the other
articles of the library are still listed and found."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary_cli.errors import ExitStatus

from conftest import article, write_article
from hostile import unsafe

DOCUMENTED = {int(status) for status in ExitStatus}
COMMANDS = {
    "show": ("show", "{slug}"),
    "sections": ("sections", "{slug}"),
    "highlights": ("highlights", "{slug}"),
    "links": ("links", "{slug}"),
    "langs": ("langs",),
    "langs-slug": ("langs", "{slug}"),
    "list": ("list",),
    "search": ("search", "{word}"),
    "check": ("check", "{root}"),
    "config": ("config",),
}
FORMATS = ("plain", "json", "markdown", "rich")
# Characters that make trouble: Markdown's punctuation, controls (C0, C1, ESC), bidi marks,
# wide and combining characters, line ends, and a lone surrogate (YAML writes it as the escape
# `"\uD800"`, which is valid YAML but no character).
TRICKY = "[]()*_`#>-=!<&{}|\\\"':\n\r\t \x00\x1b\x07\x7f\x85\x9b\u202e\u2066\u200d\ufeffé中\u0301"
TRICKY += "\ud800"
tricky_text = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=60)
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | tricky_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(tricky_text, inner, max_size=3),
    max_leaves=6,
)
frontmatter = st.dictionaries(
    st.sampled_from(["title", "description", "keywords", "slug"]) | tricky_text, values, max_size=4
)
markdown = st.lists(
    st.sampled_from(
        ["# ", "## ", "### ", "- ", "1. ", "> ", "```", "[a](", "](/x)", '{{Glossary("', "\n"]
    )
    | tricky_text,
    max_size=20,
).map("".join)
# Names as the file system holds them: any bytes but "/" and NUL, UTF-8 or not.
names = st.one_of(
    st.sampled_from(["fuzz", "en", "it", "pt-BR", "README", ".hidden", "-dash", "a..b"]),
    st.text(st.characters(exclude_characters="/\x00", exclude_categories=("Cs",)), max_size=12),
    st.binary(max_size=12).map(lambda b: b.replace(b"/", b"").replace(b"\x00", b"")),
).filter(lambda name: name not in ("", ".", "..", b"", b".", b".."))
settings_file = st.one_of(
    st.text(max_size=200),
    st.dictionaries(
        st.sampled_from(["lang", "paths", "color", "pager", "other"]),
        st.sampled_from(['"it"', '["~nosuchuser/x"]', '"always"', "true", "[[[1]]]", '"\\u001b"']),
        max_size=4,
    ).map(lambda table: "".join(f"{key} = {value}\n" for key, value in table.items())),
)
env_text = st.text(
    st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=20
)
environments = st.fixed_dictionaries(
    {},
    optional={
        "COLUMNS": st.sampled_from(["0", "-1", "1", "99999999", "x", "80"]) | env_text,
        "LINES": st.sampled_from(["0", "1", "99999999"]) | env_text,
        "LANG": st.sampled_from(["C", "POSIX", "it_IT.UTF-8", "xx", "fi"]) | env_text,
        "LC_ALL": st.sampled_from(["C", "C.UTF-8", "pl_PL"]) | env_text,
        "GLOSSARY_LANG": st.sampled_from(["it,fi", "zz", "\x1b[31m", ","]) | env_text,
        "NO_COLOR": st.sampled_from(["1", ""]),
        "FORCE_COLOR": st.sampled_from(["1", ""]),
        "TERM": st.sampled_from(["dumb", "xterm"]),
    },
)


def _write(root: Path, folder: str | bytes, file: str | bytes, content: str) -> None:
    base = os.fsencode(root)
    folder_bytes = os.fsencode(folder) if isinstance(folder, str) else folder
    file_bytes = os.fsencode(file) if isinstance(file, str) else file
    try:
        os.makedirs(base + b"/" + folder_bytes, exist_ok=True)
        with open(base + b"/" + folder_bytes + b"/" + file_bytes + b".md", "wb") as out:
            out.write(content.encode("utf-8", "surrogatepass"))
    except OSError:
        pass  # a name too long for the file system, a file where a folder goes: not our test


def _article_text(meta: dict[object, object], body: str, raw: bool) -> str:
    if raw:
        return f"---\n{body}\n---\n{body}"
    try:
        dumped = yaml.safe_dump(meta, allow_unicode=True)
    except yaml.YAMLError:
        dumped = ""
    return f"---\n{dumped}---\n{body}"


def _check(result, fmt: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code in DOCUMENTED, (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert unsafe(result.stdout, rich=fmt == "rich") == [], result.stdout
    # Typer's usage errors are coloured under FORCE_COLOR: the tool's own colours, allowed.
    assert unsafe(result.stderr, rich=True) == [], result.stderr


@settings(
    max_examples=int(
        os.environ.get("GLOSSARY_FUZZ_EXAMPLES", "25")
    ),  # modest: the suite stays fast
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    meta=frontmatter,
    body=markdown,
    raw=st.booleans(),
    folder=names,
    file=names,
    config=st.none() | settings_file,
    env=environments,
    command=st.sampled_from(sorted(COMMANDS)),
    fmt=st.sampled_from(FORMATS),
    word=tricky_text.filter(lambda word: word.strip() != ""),
)
def test_whatever_comes_the_rest_of_the_library_works(
    run, meta, body, raw, folder, file, config, env, command, fmt, word
) -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "articles"
        write_article(root, "alpha", "en", article("Alpha", "## One\n\nZebrafish swim.\n"))
        write_article(root, "beta", "it", article("Beta", "## Uno\n\nGiraffe alte.\n"))
        _write(root, folder, file, _article_text(meta, body, raw))
        config_path = Path(os.environ["XDG_CONFIG_HOME"]) / "glossary" / "config.toml"
        config_path.parent.mkdir(parents=True, exist_ok=True)
        if config is None:
            config_path.unlink(missing_ok=True)
        else:
            config_path.write_text(config, encoding="utf-8", errors="surrogatepass")
        slug = folder if isinstance(folder, str) else "fuzz"
        args = [part.format(slug=slug, word=word, root=root) for part in COMMANDS[command]]
        result = run("-a", str(root), *args, "--format", fmt, env=env)
        _check(result, fmt)
        listed = run("-a", str(root), "list", "--format", "plain", env=env)
        _check(listed, "plain")
        slugs = {line.split("\t")[0] for line in listed.stdout.splitlines()}
        assert {"alpha", "beta"} <= slugs, listed.stderr
        for query, slug_found in (("zebrafish", "alpha"), ("giraffe", "beta")):
            found = run("-a", str(root), "search", query, env=env)
            _check(found, "plain")
            assert found.stdout.startswith(slug_found + "\t"), found.stderr
