"""The `cleaner` command line, run as a user runs it (a subprocess), so the entry point counts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES

SEED = FIXTURES / "seed-003" / "input.txt"
CLI = [sys.executable, "-m", "cleaner.cli"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, timeout=60)


def test_stdin_prints_the_body() -> None:
    expected = (FIXTURES / "seed-003" / "expected.txt").read_text(encoding="utf-8").strip()
    r = run("clean", stdin=SEED.read_bytes())
    assert r.returncode == 0
    assert r.stdout.decode().strip() == expected


def test_file_json() -> None:
    r = run("clean", str(SEED), "--json")
    assert r.returncode == 0
    d = json.loads(r.stdout)
    assert d["file"] == str(SEED)
    assert d["author"] == "RENI ERINA" and d["date"] == "2022-09-07T07:47:00+07:00"
    assert len(d["lines"]) == SEED.read_text(encoding="utf-8").count("\n") + 1


def test_several_files_json_lines() -> None:
    files = [str(FIXTURES / f"seed-00{i}" / "input.txt") for i in range(5)]
    r = run("clean", *files, "--json", "--no-lines")
    rows = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert [x["file"] for x in rows] == files
    assert all("lines" not in x for x in rows)


def test_explain_plain_when_piped() -> None:
    r = run("clean", str(SEED), "--explain")
    out = r.stdout.decode()
    assert r.returncode == 0
    assert "\x1b[" not in out  # no colour codes when piped
    assert "id.editor" in out and "heuristic.title" in out and "EDITOR: RENI ERINA" in out


def test_rules_option(tmp_path: Path) -> None:
    rules = tmp_path / "r.toml"
    rules.write_text(
        "[[rule]]\nid = 'mine.kirby'\naction = 'drop'\npattern = '.*Pentagon Pat Ryder'\ndescription = 'test'\n",
        encoding="utf-8",
    )
    r = run("clean", str(SEED), "--rules", str(rules))
    assert r.returncode == 0 and "Pat Ryder" not in r.stdout.decode()


def test_bad_rule_file(tmp_path: Path) -> None:
    rules = tmp_path / "r.toml"
    rules.write_text("[[rule]]\nid = 'mine.x'\naction = 'drop'\npattern = '('\ndescription = 'x'\n", encoding="utf-8")
    r = run("clean", str(SEED), "--rules", str(rules))
    assert r.returncode == 2 and b"mine.x" in r.stderr and b"bad pattern" in r.stderr


def test_missing_file() -> None:
    r = run("clean", "does-not-exist.txt")
    assert r.returncode == 2 and b"no such file" in r.stderr


def test_bad_arguments() -> None:
    r = run("clean", str(SEED), "--no-such-flag")
    assert r.returncode == 2
    r = run("clean", str(SEED), "--json", "--explain")
    assert r.returncode == 2
    r = run("clean", str(SEED), "--favor", "max")
    assert r.returncode == 2 and b"--favor must be one of precision, balanced, recall" in r.stderr
    r = run("clean", str(SEED), "--favor", "recall")
    assert r.returncode == 0 and b"RENI ERINA" not in r.stdout  # the byline is a field in every profile


def test_empty_input() -> None:
    r = run("clean", stdin=b"")
    assert r.returncode == 0 and r.stdout == b""


def test_binary_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    b = tmp_path / "x.bin"
    b.write_bytes(bytes(range(256)) * 10)
    r = run("clean", str(b), str(SEED), "--json", "--no-lines")
    assert r.returncode == 1 and b"Traceback" not in r.stderr
    rows = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert "error" in rows[0] and rows[1]["author"] == "RENI ERINA"  # the batch goes on


def test_explain_in_colour_on_a_terminal() -> None:
    """On a terminal (a pseudo-terminal here), --explain colours kept and dropped lines."""
    import os
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # child: the CLI, its stdout a terminal
        os.execv(sys.executable, [*CLI, "clean", str(SEED), "--explain"])
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    assert b"\x1b[" in out and b"EDITOR: RENI ERINA" in out


def test_html_file_markdown_and_format_options(tmp_path: Path) -> None:
    from test_html import PAGE

    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    res = run("clean", str(page), "--format-out", "markdown")
    out = res.stdout.decode()
    assert res.returncode == 0 and "## What comes next" in out and "Home" not in out
    res = run("clean", str(page), "--explain")
    assert "[from json-ld]" in res.stdout.decode() and "dom.chrome:nav" in res.stdout.decode()
    assert run("clean", str(page), "--format", "pdf").returncode == 2


def test_fetched_at_reads_relative_dates_and_refuses_a_bad_time(tmp_path: Path) -> None:
    body = ("Pemerintah kota mengumumkan rencana pembangunan jalan baru yang akan menghubungkan "
            "dua kecamatan di wilayah utara, kata pejabat setempat kepada wartawan pada hari ini.")
    page = tmp_path / "p.txt"
    page.write_text(f"Jalan Baru Dibangun\n\nkemarin\n\n{body}\n\n{body}\n", encoding="utf-8")
    res = run("clean", str(page), "--json", "--fetched-at", "2024-03-05T09:30:00+07:00")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["date"] == "2024-03-04"
    res = run("clean", str(page), "--fetched-at", "yesterday")
    assert res.returncode == 2 and b"ISO 8601" in res.stderr
