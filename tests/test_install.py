"""Both install modes find the bundled articles from any directory; the wheel ships no corpus."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import REPO


def make_venv(path: Path) -> Path:
    """A fresh virtual environment whose dependencies come from the running one (no download
    of typer and friends); glossary itself is installed into it by the test."""
    venv.EnvBuilder(with_pip=True).create(path)
    python = path / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # Named to sort after the editable install's own .pth, so that one is found first.
    (Path(site) / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return path


def pip_install(env: Path, *args: str) -> None:
    subprocess.run(
        [
            env / "bin" / "python",
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--disable-pip-version-check",
            *args,
        ],
        check=True,
        cwd=REPO,
        timeout=300,
    )


def glossary(env: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [env / "bin" / "glossary", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        timeout=60,
    )


def package_dir(env: Path) -> Path:
    out = subprocess.run(
        [env / "bin" / "python", "-c", "import glossary_cli; print(glossary_cli.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    ).stdout
    return Path(out.strip()).parent


@pytest.mark.parametrize("editable", [False, True], ids=["wheel", "editable"])
def test_install_mode_finds_articles(tmp_path: Path, editable: bool) -> None:
    env = make_venv(tmp_path / "venv")
    pip_install(env, *(["-e", str(REPO)] if editable else [str(REPO)]))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = glossary(env, "show", "inside-sales", "--lang", "it", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Vendite interne\n")
    assert glossary(env, "langs", cwd=elsewhere).stdout == "inside-sales\tfi\tit\tpl\tsv\n"
    # The man page lands where man finds it from the venv's bin folder on PATH (man-db maps
    # it to ../share/man), with MANPATH unset.
    man_page = env / "share" / "man" / "man1" / "glossary.1"
    assert man_page.read_bytes() == (REPO / "docs" / "man" / "glossary.1").read_bytes()
    if shutil.which("man") is not None:
        found = subprocess.run(
            ["man", "-w", "glossary"],
            capture_output=True,
            text=True,
            env={"PATH": f"{env / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path)},
            timeout=60,
        )
        assert found.stdout.strip() == str(man_page), found.stderr
    installed = package_dir(env)
    if editable:
        assert installed == REPO / "glossary_cli"
    else:
        assert installed.is_relative_to(tmp_path / "venv")
        assert sorted(p.name for p in (installed / "articles" / "inside-sales").iterdir()) == [
            "fi.md",
            "it.md",
            "pl.md",
            "sv.md",
        ]


def test_wheel_carries_the_articles_and_no_test_data(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--disable-pip-version-check",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "glossary_cli/articles/inside-sales/it.md" in names
    assert not [n for n in names if "mdn" in n or n.startswith(("tests/", "bench/"))]
    seed = zipfile.ZipFile(wheel).read("glossary_cli/articles/inside-sales/sv.md")
    assert seed == (REPO / "articles" / "inside-sales" / "sv.md").read_bytes()
