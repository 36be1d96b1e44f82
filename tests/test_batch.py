"""`cleaner batch`: every input kind, error records, order, parallel runs, resume, Parquet."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner import batch

PARA = ("The city council approved the new budget on Tuesday after a long debate that lasted "
        "well into the night, with several members asking for more money for schools.")
PAGE = f"Council approves budget\n\nHome | News | Sport\n\n{PARA}\n\n{PARA}\n\nRead more: Other story"
HTML = f"<html><head><title>Budget</title></head><body><nav><a href='/'>Home</a></nav><h1>Budget</h1><p>{PARA}</p><p>{PARA}</p></body></html>"
CLI = [sys.executable, "-m", "cleaner.cli"]


def _jsonl(path: Path, records: list[object], opener=open) -> Path:
    with opener(path, "wt", encoding="utf-8") as f:
        for r in records:
            f.write((r if isinstance(r, str) else json.dumps(r)) + "\n")
    return path


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _pages(n: int) -> list[dict]:
    return [{"id": f"p{i}", "text": PAGE.replace("budget", f"budget {i}")} for i in range(n)]


def test_jsonl_every_record_out_once_with_errors_for_the_bad_ones(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "text": PAGE},
        "{not json",
        [1, 2],
        {"id": "b", "html": HTML, "url": "https://example.com/b"},
        {"id": "c", "text": "   "},
        {"text": PAGE},  # no id: file and line name it
    ])
    out = tmp_path / "out.jsonl"
    s = batch.run([src], out, jobs=1)
    recs = _read(out)
    assert [r["id"] for r in recs] == ["a", "in.jsonl:2", "in.jsonl:3", "b", "c", "in.jsonl:6"]
    by = {r["id"]: r for r in recs}
    assert by["a"]["error"] is None and by["a"]["paragraphs"] == [PARA, PARA]
    assert by["in.jsonl:2"]["error"].startswith("malformed JSON")
    assert by["in.jsonl:3"]["error"].startswith("not a JSON object")
    assert by["b"]["error"] is None and by["b"]["body"] and by["b"]["url"] == "https://example.com/b"
    assert by["c"]["error"].startswith("no text")
    assert (s.pages, s.errors) == (6, 3)
    assert all(set(r) == set(recs[0]) for r in recs)  # one shape for every record


def test_compressed_inputs_and_field_names(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    recs = [{"key": f"k{i}", "page": PAGE} for i in range(3)]
    gz = _jsonl(tmp_path / "in.jsonl.gz", recs, gzip.open)
    zst = tmp_path / "in.jsonl.zst"
    zst.write_bytes(zstandard.ZstdCompressor().compress("".join(json.dumps(r) + "\n" for r in recs).encode()))
    for src in (gz, zst):
        out = tmp_path / f"{src.name}.out"
        batch.run([src], out, fields=batch.Fields(text="page", id="key"), jobs=1)
        got = _read(out)
        assert [r["id"] for r in got] == ["k0", "k1", "k2"] and all(r["error"] is None and r["body"] for r in got)


def test_folder_of_files(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(PAGE, encoding="utf-8")
    (folder / "sub" / "b.html").write_text(HTML, encoding="utf-8")
    (folder / "c.txt").write_bytes(bytes(range(256)) * 40)  # a binary file passed by mistake
    (folder / "ignored.png").write_bytes(b"\x89PNG")
    out = tmp_path / "out.jsonl"
    batch.run([folder], out, jobs=1)
    by = {r["id"]: r for r in _read(out)}
    assert set(by) == {"a.txt", "c.txt", str(Path("sub") / "b.html")}
    assert by["a.txt"]["paragraphs"] == [PARA, PARA]
    assert by[str(Path("sub") / "b.html")]["paragraphs"] == [PARA, PARA]
    assert "binary" in by["c.txt"]["error"]


def _warc_record(rtype: str, uri: str, block: bytes, content_type: str, rid: str) -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\n"
            f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-05T09:30:00Z\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n").encode()
    return gzip.compress(head + block + b"\r\n\r\n")


def test_warc_and_wet(tmp_path: Path) -> None:
    pytest.importorskip("fastwarc")
    body = HTML.encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    img = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 4\r\n\r\n\x89PNG"
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(
        _warc_record("response", "https://example.com/a", http, "application/http; msgtype=response", "0001")
        + _warc_record("response", "https://example.com/logo.png", img, "application/http; msgtype=response", "0002")
    )
    wet = tmp_path / "crawl.warc.wet.gz"
    wet.write_bytes(_warc_record("conversion", "https://example.com/t", PAGE.encode(), "text/plain", "0003"))
    out = tmp_path / "out.jsonl"
    batch.run([warc, wet], out, jobs=1)
    recs = _read(out)
    assert [r["id"] for r in recs] == ["<urn:uuid:0001>", "<urn:uuid:0003>"]  # the image is not a page
    assert recs[0]["url"] == "https://example.com/a" and recs[0]["paragraphs"] == [PARA, PARA]
    assert recs[1]["paragraphs"] == [PARA, PARA] and recs[1]["url"] == "https://example.com/t"


def test_parallel_output_equals_serial_and_keeps_order(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [*_pages(150), "{broken"])
    one, two, loose = tmp_path / "one.jsonl", tmp_path / "two.jsonl", tmp_path / "loose.jsonl"
    batch.run([src], one, jobs=1)
    batch.run([src], two, jobs=2)
    batch.run([src], loose, jobs=2, ordered=False)
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")
    assert sorted(_read(loose), key=lambda r: r["id"]) == sorted(_read(one), key=lambda r: r["id"])


def test_parquet_holds_the_same_records(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    src = _jsonl(tmp_path / "in.jsonl", [*_pages(5), "{broken"])
    batch.run([src], tmp_path / "out.jsonl", jobs=1)
    batch.run([src], tmp_path / "out.parquet", jobs=1, fmt="parquet")
    assert pq.read_table(tmp_path / "out.parquet").to_pylist() == _read(tmp_path / "out.jsonl")


def test_interrupted_run_leaves_valid_output_and_resume_completes_it(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", _pages(200))
    out = tmp_path / "out.jsonl"
    calls = []

    def stop_after_two_chunks(summary: batch.Summary) -> None:
        calls.append(summary.pages)
        if len(calls) == 2:
            raise KeyboardInterrupt

    s = batch.run([src], out, jobs=2, progress=stop_after_two_chunks)
    assert s.interrupted and 0 < s.pages < 200
    partial = _read(out)  # every line whole
    with out.open("a", encoding="utf-8") as f:
        f.write('{"id": "p9999", "err')  # and a torn line, as a kill -9 would leave
    s2 = batch.run([src], out, jobs=2, resume=True)
    assert s2.skipped == len(partial) and s2.pages == 200 - len(partial)
    full = batch.run([src], tmp_path / "ref.jsonl", jobs=1)
    assert full.pages == 200
    assert _read(out) == _read(tmp_path / "ref.jsonl")  # nothing duplicated, nothing skipped, in order


def _crash_or_stall(text: str, config: object = None) -> object:
    if "CRASH" in text:
        os._exit(3)  # a worker dying in C code, or killed
    if "STALL" in text:
        time.sleep(30)
    return _real_clean(text, config)


_real_clean = batch.clean


def test_a_page_that_kills_its_worker_or_hangs_becomes_an_error_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "clean", _crash_or_stall)  # the workers are forked: they see it
    pages = _pages(70)
    pages[33]["text"] += "\n\nCRASH"
    pages[51]["text"] += "\n\nSTALL"
    src = _jsonl(tmp_path / "in.jsonl", pages)
    out = tmp_path / "out.jsonl"
    s = batch.run([src], out, jobs=2, timeout=1.0)
    recs = _read(out)
    assert [r["id"] for r in recs] == [p["id"] for p in pages]  # all there, in order
    errors = {r["id"]: r["error"] for r in recs if r["error"]}
    assert set(errors) == {"p33", "p51"}
    assert "died" in errors["p33"] and errors["p51"].startswith("timeout")
    assert s.errors == 2


def test_cli_summary_exit_codes_and_stdout(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [*_pages(3), "{broken"])
    res = subprocess.run([*CLI, "batch", str(src), "-o", "-", "-j", "1"], capture_output=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert len(res.stdout.decode().splitlines()) == 4
    assert b"4 pages, 1 errors, 0 empty bodies" in res.stderr
    res = subprocess.run([*CLI, "batch", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl")],
                         capture_output=True, timeout=120)
    assert res.returncode == 2 and b"no such file" in res.stderr
    res = subprocess.run([*CLI, "batch", str(src), "-o", "-", "--resume"], capture_output=True, timeout=120)
    assert res.returncode == 2 and b"--resume" in res.stderr
    res = subprocess.run([*CLI, "batch", str(src), "-o", "-", "--favor", "max"], capture_output=True, timeout=120)
    assert res.returncode == 2 and b"--favor must be one of" in res.stderr
    res = subprocess.run([*CLI, "batch", str(src), "-o", "-", "-j", "1", "--favor", "precision"], capture_output=True, timeout=120)
    assert res.returncode == 0 and len(res.stdout.decode().splitlines()) == 4


def test_memory_is_bounded_by_the_chunks_in_flight_not_the_input() -> None:
    # The reader is lazy: the run pulls records as chunks leave; nothing reads ahead.
    pulled = []

    def endless():
        i = 0
        while True:
            pulled.append(i)
            yield batch.Record(f"p{i}", PAGE, size=len(PAGE))
            i += 1

    chunks = batch._chunks(endless())
    first = next(chunks)
    assert len(first) == batch.CHUNK_RECORDS and len(pulled) == batch.CHUNK_RECORDS


def test_stdin_is_streamed(tmp_path: Path) -> None:
    lines = "".join(json.dumps(p) + "\n" for p in _pages(5)) + "{broken\n"
    out = tmp_path / "out.jsonl"
    res = subprocess.run([*CLI, "batch", "-", "-o", str(out), "-j", "2"], input=lines.encode(), capture_output=True, timeout=120)
    assert res.returncode == 0, res.stderr
    recs = _read(out)
    assert [r["id"] for r in recs] == ["p0", "p1", "p2", "p3", "p4", "-:6"] and recs[-1]["error"]
