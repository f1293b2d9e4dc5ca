"""Start-up benchmark for the `glossary` command line: whole processes against Python floors.

Run it with the interpreter of the environment where glossary is installed:
``python bench/run.py [--runs N] [--only NAME] [--json FILE] [--check]``. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
GENERATED_DIR = Path(__file__).resolve().parent / ".generated"
DEFAULT_MDN = REPO.parent / "shared" / "corpora" / "mdn-glossary" / "articles"
BUNDLE_ARTICLE = REPO / "articles" / "inside-sales" / "it.md"

# A word that occurs in 51 English MDN glossary articles (checked against the corpus).
MDN_SEARCH_WORD = "protocol"
COLD_SEARCH_LIMIT_MS = 5000.0
TAB_LIMIT_MS = 500.0  # one Tab press on a hostile article, CPU
# Articles whose one heading is hostile to a reader that rescans a line from each position:
# 96 KB of unclosed link openers, and 8,000 unclosed glossary macros (tests/hostile.py too).
HOSTILE_HEADINGS = {
    "long-heading": "## " + "[a](" * 24_000,
    "macro-heading": "## " + '{{Glossary("' * 8_000,
}
# Defaults of --check-timeout and --timeout; main() replaces them with the flags' values (the
# first run of a 50,000-term library builds its index for minutes).
CHECK_TIMEOUT_S = 300.0  # the first run may build a search index
RUN_TIMEOUT_S = 120.0
ANSI_CSI = "\x1b["

TYPER_FLOOR = "Typer floor"
RICH_FLOOR = "Typer+Rich floor"
STAT_FLOOR = "Typer floor + a stat per folder and file"
# What no exact freshness check can go below: `import typer`, then one stat of every folder
# and article file of a library, relative to its root, from a list read in one go.
STAT_FLOOR_CODE = (
    "import os, sys, typer\n"
    "fd = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECTORY)\n"
    "with open(sys.argv[2], encoding='utf-8') as listed:\n"
    "    for path in listed.read().split('\\0'):\n"
    "        os.stat(path, dir_fd=fd)\n"
)


# --------------------------------------------------------------------------- processes


@dataclass(frozen=True)
class Command:
    """One process to time: its argv, the environment changes it needs, what it must print."""

    label: str
    argv: tuple[str, ...]
    env: tuple[tuple[str, str], ...] = ()
    expect: str | None = None  # substring stdout must contain; "" means "any output"
    cache_dir: str | None = None  # None: the bench's shared cache dir


@dataclass(frozen=True)
class Sample:
    cpu_s: float
    wall_s: float
    max_rss: int = 0  # bytes


@dataclass(frozen=True)
class Outcome:
    returncode: int
    stdout: str
    stderr: str
    sample: Sample
    timed_out: bool = False


class Runner:
    """Runs commands in a clean, fixed environment and measures child CPU and wall time."""

    def __init__(self, cache_home: Path) -> None:
        self.cache_home = cache_home
        env = dict(os.environ)
        for name in (
            "NO_COLOR",
            "FORCE_COLOR",
            "CLICOLOR_FORCE",
            "GLOSSARY_PATH",
            "LC_ALL",
            "LC_MESSAGES",
            "LANGUAGE",
            "PYTHONPROFILEIMPORTTIME",
            "PYTHONDEVMODE",
            # With it, an editable install recompiles glossary's sources on every start; a
            # user's install has its bytecode written once, so the bench measures that.
            "PYTHONDONTWRITEBYTECODE",
        ):
            env.pop(name, None)
        env.update(
            LANG="C.UTF-8",
            XDG_CACHE_HOME=str(cache_home),
            COLUMNS="100",
            LINES="40",
            TERM="xterm-256color",
        )
        self.base_env = env
        self._checked: dict[Command, str | None] = {}

    def env_for(self, cmd: Command) -> dict[str, str]:
        env = dict(self.base_env)
        env.update(cmd.env)
        if cmd.cache_dir is not None:
            env["XDG_CACHE_HOME"] = cmd.cache_dir
        return env

    def run(self, cmd: Command, timeout: float | None = None) -> Outcome:
        env = self.env_for(cmd)
        timeout = RUN_TIMEOUT_S if timeout is None else timeout
        start = time.perf_counter()
        timed_out = False
        with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
            try:
                proc = subprocess.Popen(
                    cmd.argv, stdin=subprocess.DEVNULL, stdout=out_file, stderr=err_file, env=env
                )
            except OSError as exc:
                return Outcome(127, "", str(exc), Sample(0.0, 0.0))
            # wait4 gives this child's own CPU time and peak memory (RUSAGE_CHILDREN would
            # give the peak of every child so far).
            timer = threading.Timer(timeout, proc.kill)
            timer.start()
            try:
                _, status, usage = os.wait4(proc.pid, 0)
            finally:
                timer.cancel()
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode == -9 and time.perf_counter() - start >= timeout:
                timed_out = True
            wall = time.perf_counter() - start
            out_file.seek(0)
            err_file.seek(0)
            out, err = out_file.read(), err_file.read()
        cpu = usage.ru_utime + usage.ru_stime
        # ru_maxrss is in KiB on Linux, in bytes on macOS.
        rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
        return Outcome(
            proc.returncode,
            out.decode("utf-8", "replace"),
            err.decode("utf-8", "replace"),
            Sample(cpu, wall, rss),
            timed_out,
        )

    def problem(self, cmd: Command, timeout: float | None = None) -> str | None:
        """Run once (cached per command); return why it cannot be timed, or None if it works."""
        timeout = CHECK_TIMEOUT_S if timeout is None else timeout
        if cmd not in self._checked:
            self._checked[cmd] = describe_failure(self.run(cmd, timeout), cmd, timeout)
        return self._checked[cmd]


def describe_failure(outcome: Outcome, cmd: Command, timeout: float) -> str | None:
    if outcome.timed_out:
        return f"timed out after {timeout:.0f} s"
    if outcome.returncode != 0:
        line = first_line(outcome.stderr) or first_line(outcome.stdout)
        return line or f"exit code {outcome.returncode}, nothing on stderr"
    if cmd.expect is not None:
        if cmd.expect == "" and not outcome.stdout.strip():
            return "exit 0 but printed nothing on stdout"
        if cmd.expect and cmd.expect not in outcome.stdout:
            return f"exit 0 but stdout lacks {cmd.expect!r}"
    return None


_BOX_CHARS = "╭╮╰╯│─┌┐└┘═║ \t"


def first_line(text: str) -> str:
    """The informative first line of an error: skips usage lines and Rich box borders."""
    lines = [ln.strip().strip(_BOX_CHARS).strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    if lines and lines[0].startswith("Traceback"):
        return lines[-1][:160]
    for line in lines:
        if line.startswith(("Usage:", "Try '")) or line == "Error":
            continue
        return line[:160]
    return ""


# --------------------------------------------------------------------------- measuring


@dataclass
class Row:
    """One line of the report: a command measured against a baseline (or an absolute limit)."""

    name: str
    command: str
    baseline: str
    target: str
    limit: float | None = None  # ratio limit, or ms for absolute rows
    absolute: bool = False
    informational: bool = False
    status: str = "pending"  # ok | missed | skipped | info
    reason: str = ""
    samples: list[Sample] = field(default_factory=list)
    baseline_samples: list[Sample] = field(default_factory=list)
    also_requires: list[str] = field(default_factory=list)  # rows that must also pass

    @property
    def median_cpu_ms(self) -> float | None:
        return median_ms([s.cpu_s for s in self.samples])

    @property
    def median_wall_ms(self) -> float | None:
        return median_ms([s.wall_s for s in self.samples])

    @property
    def baseline_cpu_ms(self) -> float | None:
        return median_ms([s.cpu_s for s in self.baseline_samples])

    @property
    def ratio(self) -> float | None:
        a, b = self.median_cpu_ms, self.baseline_cpu_ms
        if a is None or b is None or b <= 0:
            return None
        return a / b

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "command": self.command,
            "baseline": self.baseline,
            "target": self.target,
            "limit": self.limit,
            "absolute": self.absolute,
            "status": self.status,
            "reason": self.reason,
            "median_cpu_ms": self.median_cpu_ms,
            "median_wall_ms": self.median_wall_ms,
            "baseline_median_cpu_ms": self.baseline_cpu_ms,
            "baseline_median_wall_ms": median_ms([s.wall_s for s in self.baseline_samples]),
            "ratio": self.ratio,
            "cpu_s": [s.cpu_s for s in self.samples],
            "wall_s": [s.wall_s for s in self.samples],
            "baseline_cpu_s": [s.cpu_s for s in self.baseline_samples],
            "baseline_wall_s": [s.wall_s for s in self.baseline_samples],
        }


def median_ms(values: Sequence[float]) -> float | None:
    return statistics.median(values) * 1000.0 if values else None


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


Hook = Callable[[], None]


def measure_pair(
    runner: Runner,
    cmd: Command,
    base: Command,
    runs: int,
    before: Hook | None = None,
    after: Hook | None = None,
) -> tuple[list[Sample], list[Sample], str | None]:
    """Alternate cmd and baseline (A B A B ...) after one warm-up of each; `before` and `after`
    run around each run of `cmd`, untimed (an edit to the library, and its undoing)."""
    a: list[Sample] = []
    b: list[Sample] = []
    for i in range(runs + 1):
        for c, dest in ((cmd, a), (base, b)):
            if c is cmd and before is not None:
                before()
            outcome = runner.run(c)
            if c is cmd and after is not None:
                after()
            failure = describe_failure(outcome, c, RUN_TIMEOUT_S)
            if failure:
                return a, b, f"{c.label} failed in run {i}: {failure}"
            if i > 0:
                dest.append(outcome.sample)
    return a, b, None


def run_pair_row(
    row: Row,
    runner: Runner,
    cmd: Command,
    base: Command,
    runs: int,
    before: Hook | None = None,
    after: Hook | None = None,
) -> None:
    for c, role in ((cmd, ""), (base, "baseline: ")):
        failure = runner.problem(c)
        if failure:
            row.status, row.reason = "skipped", f"{role}{failure}"
            return
    log(f"  {row.name}: {runs} runs alternating with {row.baseline}")
    a, b, failure = measure_pair(runner, cmd, base, runs, before, after)
    row.samples, row.baseline_samples = a, b
    if failure:
        row.status, row.reason = "skipped", failure
        return
    ratio = row.ratio
    if row.informational:
        row.status = "info"
    elif ratio is not None and row.limit is not None:
        row.status = "ok" if ratio <= row.limit else "missed"


def run_cold_row(
    row: Row,
    runner: Runner,
    make_cmd: Callable[[str], Command],
    runs: int,
    sizes: list[int] | None = None,
) -> None:
    """Each run gets its own fresh, empty cache dir, so the index is always built cold;
    `sizes` gets the size of the index each run left."""

    def one(cache: str, timeout: float) -> Outcome:
        outcome = runner.run(make_cmd(cache), timeout)
        if sizes is not None:
            sizes.append(index_bytes(cache))
        return outcome

    with tempfile.TemporaryDirectory(dir=runner.cache_home.parent) as cache:
        check = one(cache, CHECK_TIMEOUT_S)
        failure = describe_failure(check, make_cmd(cache), CHECK_TIMEOUT_S)
    if failure:
        row.status, row.reason = "skipped", failure
        return
    log(f"  {row.name}: {runs} cold runs, each with an empty XDG_CACHE_HOME")
    for i in range(runs):
        with tempfile.TemporaryDirectory(dir=runner.cache_home.parent) as cache:
            outcome = one(cache, RUN_TIMEOUT_S)
        failure = describe_failure(outcome, make_cmd(cache), RUN_TIMEOUT_S)
        if failure:
            row.status, row.reason = "skipped", f"failed in run {i + 1}: {failure}"
            return
        row.samples.append(outcome.sample)
    med = row.median_cpu_ms
    if med is not None and row.limit is not None:
        row.status = "ok" if med <= row.limit else "missed"


def run_absolute_row(row: Row, runner: Runner, cmd: Command, runs: int) -> None:
    """`runs` runs after one warm-up; the median CPU time must be at most row.limit ms."""
    failure = runner.problem(cmd)
    if failure:
        row.status, row.reason = "skipped", failure
        return
    log(f"  {row.name}: {runs} runs")
    for i in range(runs + 1):
        outcome = runner.run(cmd)
        failure = describe_failure(outcome, cmd, RUN_TIMEOUT_S)
        if failure:
            row.status, row.reason = "skipped", f"failed in run {i}: {failure}"
            return
        if i > 0:
            row.samples.append(outcome.sample)
    med = row.median_cpu_ms
    if med is not None and row.limit is not None:
        row.status = "ok" if med <= row.limit else "missed"


def write_hostile_articles(root: Path) -> Path:
    """One article per hostile heading, with a plain title, under `root`."""
    for slug, heading in HOSTILE_HEADINGS.items():
        (root / slug).mkdir(parents=True, exist_ok=True)
        text = f"---\ntitle: {slug}\n---\n{heading}\n\nText.\n"
        (root / slug / "en.md").write_text(text, encoding="utf-8")
    return root


# --------------------------------------------------------------------------- generated library

GENERATOR_VERSION = 3  # 3: a rare word planted; the articles' size recorded
LIBRARY_TERMS = 10_000  # default of --size
# In one English article of every thousand: the "rare word" rows search it.
RARE_WORD = "quokkafish"
RARE_EVERY = 1000
# In nearly every English article: the "common word" rows search it, with --limit 20.
COMMON_WORD = "the"
LIBRARY_LANGS = ("en", "de", "fi", "it")
LIBRARY_SEED = 20_250_101

_SYLLABLES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "en": (
        "b c d f g h l m n p r s t v w br cl st tr pl gr sh th".split(),
        "a e i o u ea ou ai".split(),
        ["", "", "n", "r", "s", "t", "l", "nd", "st", "ck", "m"],
    ),
    "de": (
        "b d f g h k l m n p r s t w z sch st br gr kl pf".split(),
        "a e i o u ä ö ü ei au ie".split(),
        ["", "n", "r", "t", "ch", "ng", "tz", "ss", "lt", "rn", "ck"],
    ),
    "fi": (
        ["", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v"],
        "a e i o u y ä ö aa ii uu ai ei uo ie".split(),
        ["", "", "n", "s", "t", "l", "kk", "tt", "pp", "ss"],
    ),
    "it": (
        "b c d f g l m n p r s t v z ch gl gn sc tr pr st".split(),
        "a e i o u ia io ie".split(),
        ["", "", "", "n", "l", "r", "s"],
    ),
}
_FUNCTION_WORDS = {
    "en": "the of and to in is a for with that as on".split(),
    "de": "der die und zu in ist ein für mit das von auf".split(),
    "fi": "ja on se että ei kun myös tai joka mutta niin sen".split(),
    "it": "il di e la che in per con una un del è".split(),
}
_LIST_HEADINGS = {
    "en": "Key points",
    "de": "Das Wichtigste",
    "fi": "Tärkeimmät kohdat",
    "it": "Punti chiave",
}


@dataclass(frozen=True)
class Library:
    root: Path
    show_slug: str
    search_word: str
    search_word_docs: int  # English files containing the search word
    files: int
    articles_bytes: int  # the article files' own size


class _Language:
    """Deterministic pseudo-words of one language, drawn with a Zipf-like frequency."""

    def __init__(self, lang: str, rng: random.Random) -> None:
        onsets, vowels, codas = _SYLLABLES[lang]
        words: dict[str, None] = {}
        while len(words) < 3000:
            n = rng.choices((1, 2, 3), weights=(2, 4, 2))[0]
            parts = [rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(n)]
            word = "".join(parts)
            if lang == "it" and word[-1] not in "aeiou":
                word += rng.choice("aeio")
            if len(word) >= 3 and word not in _FUNCTION_WORDS[lang]:
                words[word] = None
        self.content = list(words)
        self.common = self.content[:2000]
        self.vocab = _FUNCTION_WORDS[lang] + self.content
        cum: list[float] = []
        total = 0.0
        for rank in range(1, len(self.vocab) + 1):
            total += 1.0 / rank
            cum.append(total)
        # Drawing every word is the slow part; slices of one long drawn stream read the same.
        self.stream = rng.choices(self.vocab, cum_weights=cum, k=200_000)
        self.rng = rng

    def words(self, k: int) -> list[str]:
        start = self.rng.randrange(len(self.stream) - k)
        return self.stream[start : start + k]

    def content_words(self, k: int) -> list[str]:
        """Words for titles, headings and keywords: uniform over the 2,000 commonest."""
        return self.rng.choices(self.common, k=k)

    def sentence(self, lo: int = 6, hi: int = 14) -> list[str]:
        return self.words(self.rng.randint(lo, hi))


def _capitalised(tokens: list[str]) -> str:
    text = " ".join(tokens)
    return text[:1].upper() + text[1:]


def _paragraph(lang: _Language, links: int, slugs: list[str]) -> str:
    rng = lang.rng
    sentences = [lang.sentence() for _ in range(rng.randint(2, 4))]
    for _ in range(links):
        tokens = rng.choice(sentences)
        start = rng.randrange(0, max(1, len(tokens) - 3))
        span = rng.randint(1, 3)
        text = " ".join(tokens[start : start + span])
        tokens[start : start + span] = [f"[{text}](/{rng.choice(slugs)})"]
    return " ".join(_capitalised(s) + "." for s in sentences)


def _article(lang_code: str, lang: _Language, title: str, slugs: list[str]) -> str:
    rng = lang.rng
    keywords = ", ".join(lang.content_words(rng.randint(3, 5)))
    lines = [
        "---",
        f'title: "{title}"',
        f'description: "{_capitalised(lang.sentence(8, 16))}."',
        f"keywords: [{keywords}]",
        "---",
        "",
        f"# {title}",
        "",
        _paragraph(lang, 0, slugs),
        "",
    ]
    for _ in range(rng.randint(3, 4)):
        lines += [f"## {_capitalised(lang.content_words(rng.randint(2, 4)))}", ""]
        paragraphs = rng.randint(2, 3)
        linked = rng.randrange(paragraphs)
        for p in range(paragraphs):
            lines += [_paragraph(lang, rng.randint(1, 2) if p == linked else 0, slugs), ""]
    lines += [f"## {_LIST_HEADINGS[lang_code]}", ""]
    lines += [f"- {_capitalised(lang.sentence(4, 9))}." for _ in range(3)]
    return "\n".join(lines) + "\n"


def generate_library(root: Path, terms: int = LIBRARY_TERMS) -> Library:
    """Write `terms` terms x LIBRARY_LANGS as <root>/<slug>/<lang>.md, deterministically."""
    meta_path = root.with_suffix(".json")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("version") == GENERATOR_VERSION and (root / meta["show_slug"]).is_dir():
            return Library(
                root,
                meta["show_slug"],
                meta["search_word"],
                meta["search_word_docs"],
                meta["files"],
                meta["articles_bytes"],
            )
    except (OSError, ValueError, KeyError, TypeError):
        pass
    log(f"generating {terms} terms x {len(LIBRARY_LANGS)} languages into {root} ...")
    start = time.perf_counter()
    langs = {
        code: _Language(code, random.Random(f"{LIBRARY_SEED}-{code}")) for code in LIBRARY_LANGS
    }
    en = langs["en"]
    search_word = next(w for w in en.content[1000:] if len(w) >= 5 and w.isascii())
    word_re = re.compile(rf"\b{re.escape(search_word)}\b")

    slugs: list[str] = []
    titles: list[str] = []
    seen: set[str] = set()
    for _ in range(terms):
        words = en.content_words(en.rng.randint(1, 3))
        slug = base = "-".join(words)
        n = 2
        while slug in seen:
            slug, n = f"{base}-{n}", n + 1
        seen.add(slug)
        slugs.append(slug)
        titles.append(" ".join(w.capitalize() for w in words))

    for stale in root.parent.glob(root.name + ".tmp-*"):  # left by an interrupted run
        shutil.rmtree(stale, ignore_errors=True)
    tmp = root.with_name(root.name + f".tmp-{os.getpid()}")
    tmp.mkdir(parents=True)
    hits = files = size = 0
    for i, slug in enumerate(slugs):
        folder = tmp / slug
        folder.mkdir()
        for code, lang in langs.items():
            if code == "en":
                title = titles[i]
            else:
                title = " ".join(w.capitalize() for w in lang.content_words(lang.rng.randint(1, 3)))
            text = _article(code, lang, title, slugs)
            if code == "en" and i % RARE_EVERY == RARE_EVERY // 2:
                text += f"\nA {RARE_WORD} is rare.\n"
            if code == "en" and word_re.search(text):
                hits += 1
            # Creating 40,000 files is the slow part on some file systems: fewest syscalls.
            fd = os.open(folder / f"{code}.md", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                size += os.write(fd, text.encode("utf-8"))
            finally:
                os.close(fd)
            files += 1
    if hits == 0:
        raise RuntimeError(f"generated library has no article containing {search_word!r}")
    shutil.rmtree(root, ignore_errors=True)
    tmp.rename(root)
    library = Library(root, slugs[len(slugs) // 2], search_word, hits, files, size)
    meta_path.write_text(
        json.dumps(
            {
                "version": GENERATOR_VERSION,
                "show_slug": library.show_slug,
                "search_word": search_word,
                "search_word_docs": hits,
                "files": files,
                "articles_bytes": size,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    log(f"  done in {time.perf_counter() - start:.1f} s ({files} files)")
    return library


# --------------------------------------------------------------------------- targets


def write_stat_list(root: Path) -> Path:
    """Every slug folder and article file of `root`, relative to it, NUL-separated, for the
    stat floor."""
    paths: list[str] = []
    for slug in sorted(os.listdir(root)):
        if (root / slug).is_dir():
            paths.append(slug)
            paths.extend(f"{slug}/{name}" for name in sorted(os.listdir(root / slug)))
    listed = root.with_suffix(".paths")
    listed.write_text("\0".join(paths), encoding="utf-8")
    return listed


def glossary_argv() -> tuple[str, ...]:
    script = Path(sys.executable).parent / "glossary"
    if script.is_file() and os.access(script, os.X_OK):
        return (str(script),)
    return (sys.executable, "-m", "glossary_cli")


def floor_commands() -> tuple[Command, Command]:
    """Bare interpreter start-up plus the imports every Typer (and Rich) CLI pays for."""
    py = sys.executable
    return (
        Command(TYPER_FLOOR, (py, "-c", "import typer")),
        Command(RICH_FLOOR, (py, "-c", "import typer, rich.console")),
    )


def find_rich_cli() -> Path | None:
    """A `rich` executable from rich-cli, next to sys.executable or on PATH."""
    candidates = [Path(sys.executable).parent / "rich"]
    found = shutil.which("rich")
    if found:
        candidates.append(Path(found))
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return path
    return None


def rich_cli_flags(runner: Runner, exe: Path) -> tuple[str, ...] | None:
    """Check rich-cli's --help for the flags we need; older releases take a value."""
    outcome = runner.run(Command("rich --help", (str(exe), "--help")), CHECK_TIMEOUT_S)
    text = outcome.stdout + outcome.stderr
    if "--markdown" not in text or "--force-terminal" not in text:
        return None
    for flags in (("--markdown", "--force-terminal"), ("--markdown", "--force-terminal", "1")):
        probe = Command("rich", (str(exe), str(BUNDLE_ARTICLE), *flags), expect=ANSI_CSI)
        if runner.problem(probe) is None:
            return flags
    return None


@dataclass
class Plan:
    rows: list[Row]
    actions: list[Callable[[], None]]
    notes: list[str]


def select_targets(only: Sequence[str]) -> tuple[set[str], list[str]]:
    """Targets chosen by --only names (exact, else a prefix: 'search' is search-*); unknowns."""
    if not only:
        return set(ALL_TARGETS), []
    chosen: set[str] = set()
    unknown: list[str] = []
    for name in only:
        hits = (
            [name] if name in ALL_TARGETS else [t for t in ALL_TARGETS if t.startswith(name + "-")]
        )
        if not hits and name != "floors":  # the floors are always measured
            unknown.append(name)
        chosen.update(hits)
    if "show-rich" in chosen:  # its target includes "below rich-cli"
        chosen.add("show-rich-vs-rich-cli")
    if any(name.startswith("lib-search") for name in chosen):  # what the ratios are against
        chosen.add("lib-stat-floor")
    return chosen, unknown


ALL_TARGETS = (
    "show",
    "show-short",
    "show-rich",
    "rich-cli",
    "show-rich-vs-rich-cli",
    "sections",
    "highlights",
    "langs",
    "links",
    "complete",
    "complete-long-heading",
    "complete-macro-heading",
    "search-mdn",
    "search-cold",
    # On the generated library of --size terms (default 10,000) x 4 languages.
    "lib-show",
    "lib-stat-floor",
    "lib-search-rare",
    "lib-search-common",
    "lib-list",
    "lib-complete-bash",
    "lib-complete-zsh",
    "lib-update-edit",
    "lib-update-add",
    "lib-search-cold",
)


def build_plan(
    runner: Runner,
    selected: set[str],
    runs: int,
    cold_runs: int,
    mdn: Path,
    size: int = LIBRARY_TERMS,
    library_dir: Path = GENERATED_DIR,
) -> Plan:
    g = glossary_argv()
    typer_floor, rich_floor = floor_commands()
    rows: list[Row] = []
    actions: list[Callable[[], None]] = []
    notes: list[str] = []

    def pair(
        name: str, cmd: Command, base: Command, limit: float | None, target: str, info: bool = False
    ) -> Row:
        row = Row(name, cmd.label, base.label, target, limit, informational=info)
        rows.append(row)
        actions.append(lambda: run_pair_row(row, runner, cmd, base, runs))
        return row

    def skipped(name: str, label: str, base: str, target: str, reason: str) -> Row:
        row = Row(name, label, base, target, status="skipped", reason=reason)
        rows.append(row)
        return row

    show_it = Command(
        "glossary show inside-sales --lang it", (*g, "show", "inside-sales", "--lang", "it")
    )
    if "show" in selected:
        pair("show", show_it, typer_floor, 1.25, f"≤ 1.25 × {TYPER_FLOOR}")
    if "show-short" in selected:  # the default command (glossary NAME) adds nothing to show
        short = Command("glossary inside-sales --lang it", (*g, "inside-sales", "--lang", "it"))
        pair("show-short", short, show_it, 1.05, "≤ 1.05 × glossary show")

    rich_label = "glossary show inside-sales --lang it --format rich --color always"
    show_rich = Command(
        rich_label,
        (*g, "show", "inside-sales", "--lang", "it", "--format", "rich", "--color", "always"),
        expect=ANSI_CSI,
    )
    want_rich_cli = "rich-cli" in selected or "show-rich-vs-rich-cli" in selected
    rich_cli_cmd: Command | None = None
    rich_cli_reason = ""
    if want_rich_cli or "show-rich" in selected:
        exe = find_rich_cli()
        if exe is None:
            rich_cli_reason = (
                "rich-cli not installed (pip install rich-cli; it pins rich<13, "
                "so into its own venv, e.g. pipx)"
            )
        elif not BUNDLE_ARTICLE.is_file():
            rich_cli_reason = f"bundled article not found: {BUNDLE_ARTICLE}"
        else:
            flags = rich_cli_flags(runner, exe)
            if flags is None:
                rich_cli_reason = f"{exe} is not a rich-cli with --markdown/--force-terminal"
            else:
                rel = BUNDLE_ARTICLE.relative_to(REPO)
                rich_cli_cmd = Command(
                    f"rich {rel} {' '.join(flags)} (rich-cli)",
                    (str(exe), str(BUNDLE_ARTICLE), *flags),
                    expect=ANSI_CSI,
                )
    if "show-rich" in selected:
        row = pair(
            "show-rich", show_rich, rich_floor, 1.3, f"≤ 1.3 × {RICH_FLOOR}, and below rich-cli"
        )
        if rich_cli_cmd is not None:
            row.also_requires.append("show-rich-vs-rich-cli")
        else:
            row.target = f"≤ 1.3 × {RICH_FLOOR} (rich-cli: not measured)"
    if "rich-cli" in selected:
        if rich_cli_cmd is not None:
            pair("rich-cli", rich_cli_cmd, rich_floor, None, "(reference)", info=True)
        else:
            skipped("rich-cli", "rich-cli", RICH_FLOOR, "(reference)", rich_cli_reason)
    if "show-rich-vs-rich-cli" in selected:
        if rich_cli_cmd is not None:
            pair("show-rich-vs-rich-cli", show_rich, rich_cli_cmd, 1.0, "< 1.0 × rich-cli")
        else:
            skipped(
                "show-rich-vs-rich-cli", rich_label, "rich-cli", "< 1.0 × rich-cli", rich_cli_reason
            )

    for sub, extra in (
        ("sections", ("--lang", "it")),
        ("highlights", ("--lang", "it")),
        ("langs", ()),
        ("links", ("--lang", "it")),
    ):
        if sub in selected:
            argv = (*g, sub, "inside-sales", *extra)
            label = " ".join(("glossary", sub, "inside-sales", *extra))
            pair(sub, Command(label, argv), typer_floor, 1.25, f"≤ 1.25 × {TYPER_FLOOR}")

    if "complete" in selected:
        env: tuple[tuple[str, str], ...] = (
            ("_GLOSSARY_COMPLETE", "complete_bash"),
            ("COMP_WORDS", "glossary show ins"),
            ("COMP_CWORD", "2"),
        )
        label = (
            "_GLOSSARY_COMPLETE=complete_bash COMP_WORDS='glossary show ins' COMP_CWORD=2 glossary"
        )
        cmd = Command(label, g, env, expect="inside-sales")
        pair("complete", cmd, typer_floor, 1.2, f"≤ 1.2 × {TYPER_FLOOR}")

    hostile_rows = [slug for slug in HOSTILE_HEADINGS if f"complete-{slug}" in selected]
    if hostile_rows:
        hostile_root = write_hostile_articles(runner.cache_home.parent / "hostile-articles")
    for slug in hostile_rows:
        words = f"glossary show {slug} --section "
        env = (
            ("GLOSSARY_PATH", str(hostile_root)),
            ("_GLOSSARY_COMPLETE", "complete_bash"),
            ("COMP_WORDS", words),
            ("COMP_CWORD", "4"),
        )
        label = (
            f"GLOSSARY_PATH=<hostile> _GLOSSARY_COMPLETE=complete_bash COMP_WORDS='{words}' "
            "COMP_CWORD=4 glossary"
        )
        target = f"≤ {TAB_LIMIT_MS:.0f} ms CPU"
        row = Row(f"complete-{slug}", label, "—", target, TAB_LIMIT_MS, absolute=True)
        rows.append(row)
        cmd = Command(label, g, env, expect="1")
        actions.append(partial(run_absolute_row, row, runner, cmd, runs))

    mdn_ok = mdn.is_dir() and any(mdn.glob("*/*.md"))
    mdn_reason = f"MDN corpus not found at {mdn} (use --mdn DIR)"
    if "search-mdn" in selected:
        env = (("GLOSSARY_PATH", str(mdn)),)
        label = f"GLOSSARY_PATH=<mdn> glossary search {MDN_SEARCH_WORD} (warm index)"
        if mdn_ok:
            cmd = Command(label, (*g, "search", MDN_SEARCH_WORD), env, expect="")
            pair("search-mdn", cmd, typer_floor, 1.5, f"≤ 1.5 × {TYPER_FLOOR}")
        else:
            skipped("search-mdn", label, TYPER_FLOOR, f"≤ 1.5 × {TYPER_FLOOR}", mdn_reason)
    library: Library | None = None
    if any(name.startswith("lib-") for name in selected):
        library = generate_library(library_dir / f"library-{size}", size)
        notes.append(
            f"generated library: {size} terms, {library.files} files "
            f"({library.articles_bytes / 2**20:.0f} MiB) in {library.root}; show slug "
            f"{library.show_slug!r}; rare word {RARE_WORD!r} (in {size // RARE_EVERY} "
            f"articles), common word {COMMON_WORD!r}"
        )
        plan_library(library, selected, runner, runs, cold_runs, pair, rows, actions, notes)
    if "search-cold" in selected:
        label = f"GLOSSARY_PATH=<mdn> glossary search {MDN_SEARCH_WORD} (cold: empty cache)"
        target = f"≤ {COLD_SEARCH_LIMIT_MS:.0f} ms CPU, median of {cold_runs}"
        if mdn_ok:
            row = Row("search-cold", label, "—", target, COLD_SEARCH_LIMIT_MS, absolute=True)
            rows.append(row)

            def cold_cmd(cache: str) -> Command:
                env = (("GLOSSARY_PATH", str(mdn)),)
                argv = (*g, "search", MDN_SEARCH_WORD)
                return Command(label, argv, env, expect="", cache_dir=cache)

            actions.append(lambda: run_cold_row(row, runner, cold_cmd, cold_runs))
        else:
            skipped("search-cold", label, "—", target, mdn_reason)
    return Plan(rows, actions, notes)


MEMORY_LIMIT_BYTES = 256 * 2**20  # the cold search's peak memory, at any size
COLD_MS_PER_FILE = 0.4  # the cold search's CPU per article file


def plan_library(
    library: Library,
    selected: set[str],
    runner: Runner,
    runs: int,
    cold_runs: int,
    pair: Callable[..., Row],
    rows: list[Row],
    actions: list[Callable[[], None]],
    notes: list[str],
) -> None:
    """The rows on the generated library: each command against the floor its target names."""
    g = glossary_argv()
    typer_floor, _ = floor_commands()
    size = f"{(library.files // len(LIBRARY_LANGS)) // 1000}k"
    env = (("GLOSSARY_PATH", str(library.root)),)
    listed = write_stat_list(library.root)
    stat_floor = Command(
        STAT_FLOOR, (sys.executable, "-c", STAT_FLOOR_CODE, str(library.root), str(listed))
    )

    def search(word: str, *extra: str) -> Command:
        label = f"GLOSSARY_PATH=<{size} library> glossary search {word} {' '.join(extra)}"
        return Command(label.strip(), (*g, "search", word, *extra), env, expect="")

    if "lib-show" in selected:
        cmd = Command(
            f"GLOSSARY_PATH=<{size} library> glossary show {library.show_slug} --lang it",
            (*g, "show", library.show_slug, "--lang", "it"),
            env,
        )
        base = Command(
            "glossary show inside-sales --lang it (bundle only)",
            (*g, "show", "inside-sales", "--lang", "it"),
        )
        pair("lib-show", cmd, base, 1.1, "≤ 1.1 × bundle show")
    if "lib-stat-floor" in selected:
        pair("lib-stat-floor", stat_floor, typer_floor, None, "(reference)", info=True)
    rare = search(RARE_WORD)
    if "lib-search-rare" in selected:
        pair("lib-search-rare", rare, stat_floor, 1.3, "≤ 1.3 × stat floor")
    if "lib-search-common" in selected:
        common = search(COMMON_WORD, "--limit", "20")
        pair("lib-search-common", common, stat_floor, 1.6, "≤ 1.6 × stat floor")
    if "lib-list" in selected:
        cmd = Command(f"GLOSSARY_PATH=<{size} library> glossary list", (*g, "list"), env, "")
        pair("lib-list", cmd, stat_floor, 1.6, "≤ 1.6 × stat floor, memory flat in N")

        def note_list_memory(cmd: Command = cmd) -> None:
            peak = launched_peak_mib(runner, cmd)
            notes.append(f"`list` peak memory: {peak} MiB (one run from a small launcher)")

        actions.append(note_list_memory)
    for shell, variables in (
        ("bash", (("COMP_WORDS", "glossary show "), ("COMP_CWORD", "2"))),
        ("zsh", (("_TYPER_COMPLETE_ARGS", "glossary show "),)),
    ):
        name = f"lib-complete-{shell}"
        if name in selected:
            words = dict(variables)
            label = (
                f"GLOSSARY_PATH=<{size} library> _GLOSSARY_COMPLETE=complete_{shell} "
                + " ".join(f"{k}='{v}'" for k, v in words.items())
                + " glossary"
            )
            cmd = Command(
                label,
                g,
                (*env, ("_GLOSSARY_COMPLETE", f"complete_{shell}"), *variables),
                expect=library.show_slug,
            )
            pair(name, cmd, typer_floor, 2.0, f"≤ 2 × {TYPER_FLOOR}")

    def after_change(
        name: str,
        what: str,
        limit: float,
        change: Callable[[], None],
        undo: Callable[[], None] | None,
    ) -> None:
        """A warm rare search timed after `change` (then `undo`, if any) against a warm one."""
        cmd = Command(f"{rare.label}, after {what}", rare.argv, rare.env, rare.expect)
        row = pair(name, cmd, rare, limit, f"≤ {limit:g} × warm search")
        actions[-1] = partial(run_pair_row, row, runner, cmd, rare, runs, change, undo)

    edited = library.root / library.show_slug / "it.md"
    if "lib-update-edit" in selected:
        original = edited.read_bytes()
        flip = [False]

        def edit() -> None:
            # Alternately one word longer and as written: the size and mtime change each time.
            flip[0] = not flip[0]
            edited.write_bytes(original + (b"\nParola.\n" if flip[0] else b""))
            settle()

        def restore() -> None:
            edited.write_bytes(original)
            settle()
            runner.run(rare)  # untimed: the index catches up before the next warm run

        after_change("lib-update-edit", "editing 1 file", 1.2, edit, None)
        actions.append(restore)
    if "lib-update-add" in selected:
        added: list[Path] = []

        def add() -> None:
            for n in range(100):
                folder = library.root / f"zz-bench-added-{n}"
                folder.mkdir(exist_ok=True)
                (folder / "en.md").write_text(f"---\ntitle: Added {n}\n---\nWord {n}.\n")
                added.append(folder)
            settle()

        def remove() -> None:
            for folder in added:
                shutil.rmtree(folder, ignore_errors=True)
            added.clear()
            settle()
            runner.run(rare)  # untimed: the index drops them before the next warm run

        after_change("lib-update-add", "adding 100 files", 2.0, add, remove)
    if "lib-search-cold" in selected:
        limit_ms = COLD_MS_PER_FILE * library.files
        target = (
            f"≤ {COLD_MS_PER_FILE} ms CPU per file ({limit_ms / 1000:.0f} s), "
            f"≤ {MEMORY_LIMIT_BYTES // 2**20} MiB; index ≤ the articles' size"
        )
        row = Row("lib-search-cold", f"{rare.label} (cold: empty cache)", "—", target, limit_ms)
        row.absolute = True
        rows.append(row)
        sizes: list[int] = []

        def cold_cmd(cache: str) -> Command:
            return Command(rare.label, rare.argv, rare.env, rare.expect, cache_dir=cache)

        def after_cold() -> None:
            peak = max((s.max_rss for s in row.samples), default=0)
            if row.status == "ok" and peak > MEMORY_LIMIT_BYTES:
                row.status = "missed"
            index = max(sizes, default=0)
            if row.status == "ok" and index > library.articles_bytes:
                row.status = "missed"
            notes.append(
                f"cold search on the {size} library: {fmt_ms(row.median_cpu_ms)} ms CPU "
                f"({(row.median_cpu_ms or 0) / library.files:.3f} ms per file), "
                f"{fmt_ms(row.median_wall_ms)} ms wall, peak memory {peak_mib(row)} MiB; "
                f"index {index / 2**20:.0f} MiB = {index / library.articles_bytes:.2f} × "
                f"the articles' {library.articles_bytes / 2**20:.0f} MiB"
            )

        actions.append(lambda: run_cold_row(row, runner, cold_cmd, cold_runs, sizes))
        actions.append(after_cold)


def settle() -> None:
    """Wait out the index's "too fresh to trust" window (scan.RACY_WINDOW_NS), so that the
    timed run stores what it read and the next warm run matches it."""
    time.sleep(2.1)


# Runs a command and prints its peak memory (ru_maxrss) as wait4 gives it.
LAUNCHER_CODE = (
    "import os, subprocess, sys\n"
    "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(os.wait4(p.pid, 0)[2].ru_maxrss)\n"
)


def launched_peak_mib(runner: Runner, cmd: Command) -> str:
    """The peak memory of one run of `cmd`, started by a small Python launcher. A child of this
    process reports at least this process's own peak (Linux keeps the larger high-water mark
    across fork and exec): 52 MiB for any command once the bench holds the 50k library's
    paths, more than a warm `list` uses. The rows' CPU times are unaffected."""
    launched = subprocess.run(
        [sys.executable, "-c", LAUNCHER_CODE, *cmd.argv],
        env=runner.env_for(cmd),
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        peak = int(launched.stdout.strip())
    except ValueError:
        return "—"
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    return f"{peak * (1 if sys.platform == 'darwin' else 1024) / 2**20:.0f}"


def peak_mib(row: Row) -> str:
    peaks = [s.max_rss for s in row.samples]
    return f"{statistics.median(peaks) / 2**20:.0f}" if peaks else "—"


def index_bytes(cache: str) -> int:
    """The size of the search indexes under a cache dir (with their WAL files)."""
    return sum(p.stat().st_size for p in Path(cache).rglob("index-*") if p.is_file())


# --------------------------------------------------------------------------- report


def fmt_ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def verdict(row: Row, by_name: Mapping[str, Row]) -> str:
    if row.status == "skipped":
        return f"skipped: {row.reason}"
    if row.status == "info":
        return "—"
    if row.status == "pending":
        return "not run"
    ok = row.status == "ok"
    parts = []
    for dep_name in row.also_requires:
        dep = by_name.get(dep_name)
        if dep is None or dep.status not in ("ok", "missed"):
            parts.append(f"{dep_name} not measured")
        elif dep.status == "missed":
            ok = False
            parts.append(f"not below rich-cli (ratio {fmt_ratio(dep.ratio)})")
    text = "yes" if ok else "**NO**"
    return f"{text} ({'; '.join(parts)})" if parts else text


def fmt_ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def effective_status(row: Row, by_name: Mapping[str, Row]) -> str:
    if row.status != "ok":
        return row.status
    for dep_name in row.also_requires:
        dep = by_name.get(dep_name)
        if dep is not None and dep.status == "missed":
            return "missed"
    return "ok"


def render(rows: Sequence[Row], floors: Row, header: Sequence[str], notes: Sequence[str]) -> str:
    by_name = {r.name: r for r in rows}
    out = list(header)
    out.append("")
    out.append(
        f'Floors (same interpreter, same run): {TYPER_FLOOR} `python -c "import typer"` '
        f"= {fmt_ms(floors.median_cpu_ms)} ms CPU ({fmt_ms(floors.median_wall_ms)} ms wall); "
        f'{RICH_FLOOR} `python -c "import typer, rich.console"` = '
        f"{fmt_ms(floors.baseline_cpu_ms)} ms CPU "
        f"({fmt_ms(median_ms([s.wall_s for s in floors.baseline_samples]))} ms wall)."
    )
    out.append("")
    out.append("| command | median CPU ms | baseline | baseline median ms | ratio | target | ok? |")
    out.append("|---|---:|---|---:|---:|---|---|")
    if not rows:
        out.append("| (no targets selected) | | | | | | |")
    for row in rows:
        if row.absolute:
            base_ms, ratio = "—", "—"
        else:
            base_ms, ratio = fmt_ms(row.baseline_cpu_ms), fmt_ratio(row.ratio)
        cells = [
            f"`{row.command}`",
            fmt_ms(row.median_cpu_ms),
            row.baseline,
            base_ms,
            ratio,
            row.target,
            verdict(row, by_name),
        ]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    cold = by_name.get("search-cold")
    if cold is not None and cold.samples:
        notes = [
            *notes,
            f"cold search wall time: median {fmt_ms(cold.median_wall_ms)} ms "
            f"over {len(cold.samples)} runs",
        ]
    if notes:
        out.append("")
        out.extend(f"- {n}" for n in notes)
    return "\n".join(out)


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(
            "Time whole `glossary` processes (child CPU time, median of alternated runs) "
            "against Python start-up floors and report a Markdown table."
        )
    )
    parser.add_argument(
        "--runs", type=positive_int, default=15, help="measured runs per command (default 15)"
    )
    parser.add_argument(
        "--cold-runs",
        type=positive_int,
        default=3,
        help="runs of the cold-index search, each with a fresh cache (default 3)",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="run only these targets (repeatable or comma-separated; a prefix such as "
        "'search' selects search-*); see --list",
    )
    parser.add_argument("--list", action="store_true", help="list target names and exit")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write raw numbers here")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if any measured target is missed"
    )
    parser.add_argument(
        "--size",
        type=positive_int,
        default=LIBRARY_TERMS,
        metavar="N",
        help=f"terms in the generated library of the lib-* rows (default {LIBRARY_TERMS})",
    )
    parser.add_argument(
        "--library-dir",
        type=Path,
        default=GENERATED_DIR,
        metavar="DIR",
        help=f"where generated libraries are kept (default {GENERATED_DIR}); "
        "a 50,000-term one takes about 1 GB",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=RUN_TIMEOUT_S,
        metavar="S",
        help=f"seconds before a timed run is killed (default {RUN_TIMEOUT_S:.0f})",
    )
    parser.add_argument(
        "--check-timeout",
        type=float,
        default=CHECK_TIMEOUT_S,
        metavar="S",
        help=f"seconds for each command's first, untimed run (default {CHECK_TIMEOUT_S:.0f})",
    )
    parser.add_argument(
        "--mdn",
        type=Path,
        default=DEFAULT_MDN,
        metavar="DIR",
        help=f"MDN corpus articles dir (default {DEFAULT_MDN})",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    global RUN_TIMEOUT_S, CHECK_TIMEOUT_S
    args = parse_args(argv)
    RUN_TIMEOUT_S, CHECK_TIMEOUT_S = args.timeout, args.check_timeout
    if args.list:
        print("\n".join(("floors (always measured)", *ALL_TARGETS)))
        return 0
    only = [name.strip() for item in args.only for name in item.split(",") if name.strip()]
    selected, unknown = select_targets(only)
    if unknown:
        log(f"unknown target(s): {', '.join(unknown)}; known: {', '.join(ALL_TARGETS)}")
        return 2

    tmp_root = Path(tempfile.mkdtemp(prefix="glossary-bench-"))
    try:
        cache_home = tmp_root / "cache"
        cache_home.mkdir()
        runner = Runner(cache_home)
        g = glossary_argv()
        version = runner.run(Command("version", (*g, "--version")), CHECK_TIMEOUT_S)
        version_text = (
            version.stdout.strip().splitlines()[0]
            if version.returncode == 0 and version.stdout.strip()
            else f"not runnable ({first_line(version.stderr) or version.returncode})"
        )
        header = [
            "# glossary benchmark",
            "",
            f"- Python {platform.python_version()} ({sys.executable}), {platform.platform()}",
            f"- glossary: `{' '.join(g)}` — {version_text}",
            f"- {args.runs} measured runs per command after 1 warm-up, alternated with the "
            "baseline (A B A B ...); medians of child CPU time (user+sys)",
        ]
        if args.runs < 10:
            header.append("- fewer than 10 runs: indicative only")
        log("\n".join(header[2:]))

        floors = Row("floors", TYPER_FLOOR, RICH_FLOOR, "(reference)", informational=True)
        log("measuring floors ...")
        run_pair_row(floors, runner, *floor_commands(), args.runs)
        if floors.status == "skipped":
            log(f"cannot measure floors: {floors.reason}")
            return 2

        plan = build_plan(
            runner,
            selected,
            args.runs,
            args.cold_runs,
            args.mdn.resolve(),
            args.size,
            args.library_dir.resolve(),
        )
        log("measuring targets ...")
        for action in plan.actions:
            action()

        print(render(plan.rows, floors, header, plan.notes))
        by_name = {r.name: r for r in plan.rows}
        missed = [r.name for r in plan.rows if effective_status(r, by_name) == "missed"]
        if args.json:
            payload = {
                "python": platform.python_version(),
                "executable": sys.executable,
                "platform": platform.platform(),
                "glossary": list(g),
                "glossary_version": version_text,
                "runs": args.runs,
                "cold_runs": args.cold_runs,
                "floors": floors.to_json(),
                "targets": [
                    {**r.to_json(), "effective_status": effective_status(r, by_name)}
                    for r in plan.rows
                ],
                "notes": plan.notes,
                "missed": missed,
            }
            args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        return 1 if args.check and missed else 0
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
