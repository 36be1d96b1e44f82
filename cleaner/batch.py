"""`cleaner batch`: stream many pages through the cleaner, in parallel, and lose no record.

Inputs, read lazily (a 10 GB input never sits in memory):
- JSON Lines, plain or compressed (.gz, .zst), or on standard input ("-"): `--text-field`,
  `--html-field`, `--id-field` name the fields; a record with HTML is cleaned as HTML, else
  its text as text.
- a folder: every .txt, .html and .htm file under it, in sorted order; the id is the path.
- WARC or WET files (fastwarc, compressed or not): HTTP responses with an HTML or text body,
  and WET conversion records; the id is the WARC-Record-ID, the URL goes to `url`.

Every input record becomes exactly one output record: the article's fields, or `error` set
with the cause (a malformed line, a record with no text, a binary body, a page the cleaner
failed on or took longer than `--timeout` on, a worker that died). Output is JSON Lines,
written a whole line at a time, so an interrupted run leaves a valid file that `--resume`
continues (records already written, by id, are skipped); or Parquet (pyarrow), closed
properly on Ctrl-C.

Parallelism: worker processes clean chunks of records; at most a few chunks per worker are in
flight, so memory stays bounded whatever the input size. Output keeps input order unless
`--unordered`.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cleaner import BinaryInputError, Config, clean, decode

FOLDER_SUFFIXES = (".txt", ".html", ".htm")
WARC_SUFFIXES = (".warc", ".wet")
CHUNK_RECORDS = 32  # records per task sent to a worker
CHUNK_BYTES = 1_000_000  # ... or fewer, when they are large (HTML pages)
IN_FLIGHT_PER_JOB = 3  # chunks queued per worker: bounds memory, keeps workers busy
MAX_RECORD_BYTES = 64_000_000  # a record larger than this is an error record, not read whole
# The fields of an output record, in order (Parquet needs them all, JSON Lines keeps them too).
TEXT_FIELDS = ("id", "error", "title", "author", "date", "modified", "site", "source", "dateline", "editor",
               "description", "language", "url", "body")
LIST_FIELDS = ("paragraphs", "captions", "notes")


@dataclass(slots=True)
class Record:
    """One input page (or the reason it could not be read)."""

    id: str
    content: str | None = None
    format: str = "auto"  # "html", "text" or "auto"
    url: str | None = None
    error: str | None = None
    size: int = 0  # bytes of it, for MB/s
    at: int = 0  # bytes of the input files read up to it (compressed, as on disk), for progress
    line: bytes | None = None  # a JSON line not parsed yet: the worker parses it, not the reader
    fields: Fields | None = None  # ... with these field names


@dataclass(slots=True)
class Summary:
    pages: int = 0
    errors: int = 0
    empty: int = 0
    skipped: int = 0  # already in the output (--resume)
    bytes: int = 0
    read: int = 0  # bytes of the input files (as on disk) read so far
    seconds: float = 0.0
    interrupted: bool = False

    def line(self, out: str) -> str:
        rate = self.pages / self.seconds if self.seconds else 0.0
        mb = self.bytes / 1e6 / self.seconds if self.seconds else 0.0
        done = "interrupted (run again with --resume to continue)" if self.interrupted else "done"
        skipped = f", {self.skipped} already done" if self.skipped else ""
        return (f"cleaner batch: {done}: {self.pages} pages, {self.errors} errors, {self.empty} empty bodies"
                f"{skipped} in {self.seconds:.1f} s ({rate:.0f} pages/s, {mb:.1f} MB/s) -> {out}")


@dataclass(frozen=True)
class Fields:
    """Which JSON fields hold what."""

    text: str = "text"
    html: str = "html"
    id: str = "id"


# --- reading ---------------------------------------------------------------------------


def _open_binary(path: Path) -> tuple[IO[bytes], IO[bytes]]:
    """(decompressed stream, the file under it: its position is the progress)."""
    raw = path.open("rb")
    if path.suffix == ".gz":
        return gzip.GzipFile(fileobj=raw), raw  # type: ignore[return-value]
    if path.suffix == ".zst":
        import zstandard

        reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)
        return io.BufferedReader(reader, 1 << 20), raw  # type: ignore[arg-type]  # for readline
    return raw, raw


def _lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) of a byte stream, streamed in pieces of at most _PIECE bytes; a line
    longer than `limit` comes as None, its pieces let go as soon as it is over (a decompression
    bomb costs `limit`, not its size)."""
    n = 0
    while True:
        line = stream.readline(_PIECE)
        if not line:
            return
        n += 1
        if line.endswith(b"\n") or len(line) < _PIECE:
            yield n, line
            continue
        parts: list[bytes] | None = [line]
        size = len(line)
        while parts is not None:
            more = stream.readline(_PIECE)
            if not more:
                break
            size += len(more)
            if size > limit:
                parts = None
                while more and not more.endswith(b"\n"):  # skip the rest of it
                    more = stream.readline(_PIECE)
                break
            parts.append(more)
            if more.endswith(b"\n"):
                break
        yield n, None if parts is None else b"".join(parts)


_PIECE = 1 << 20


def read_jsonl(
    path: Path, fields: Fields, limit: int = MAX_RECORD_BYTES, base: int = 0, parse: bool = True,
) -> Iterator[Record]:
    """The records of a JSON Lines file. With parse=False a line is passed on as it is, to be
    parsed where it is cleaned (a worker process: the reader's own process has the decompressing
    to do); its id is then `file:line` until parsed."""
    if str(path) == "-":  # standard input: JSON Lines, streamed
        stream = raw = sys.stdin.buffer
    else:
        stream, raw = _open_binary(path)
    with stream, raw:
        for n, line in _lines(stream, limit):
            where = f"{path.name}:{n}"
            if parse or line is None:
                r = _json_record(where, line, fields, limit)
            elif not line.strip():
                continue
            else:
                r = Record(where, line=line, fields=fields, size=len(line))
            if r is not None:
                r.at = base + (raw.tell() if raw.seekable() else 0)
                yield r


def _json_record(where: str, line: bytes | None, fields: Fields, limit: int) -> Record | None:
    """The record of one JSON line (None for a blank line)."""
    if line is None:
        return Record(where, error=f"record larger than {limit} bytes", size=limit)
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except ValueError as e:
        return Record(where, error=f"malformed JSON: {e}", size=len(line))
    r = record_from_dict(obj, where, fields)
    r.size = len(line)
    return r


def record_from_dict(obj: object, where: str, fields: Fields = Fields()) -> Record:
    """The record of one input object (a JSON line, a Dask bag item, a dataframe row): HTML when
    it has some, else its text; `where` names it when it has no id."""
    if not isinstance(obj, dict):
        return Record(where, error=f"not a JSON object but {type(obj).__name__}")
    rid = obj.get(fields.id)
    rid = where if rid is None or rid == "" else str(rid)
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    html, text = obj.get(fields.html), obj.get(fields.text)
    if isinstance(html, str) and html.strip():
        return Record(rid, html, "html", url)
    if isinstance(text, str) and text.strip():
        return Record(rid, text, "auto", url)
    return Record(rid, url=url, error=f"no text: neither '{fields.html}' nor '{fields.text}' holds a non-empty string")


def _folder_files(folder: Path) -> list[Path]:
    """The pages of a folder: its .txt/.html/.htm files, in sorted order."""
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in FOLDER_SUFFIXES and p.is_file())


def input_size(path: Path) -> int:
    """Bytes an input holds as it will be read (a folder: its pages; standard input: unknown, 0)."""
    if str(path) == "-":
        return 0
    if path.is_dir():
        return sum(p.stat().st_size for p in _folder_files(path))
    return path.stat().st_size


def read_folder(folder: Path, limit: int = MAX_RECORD_BYTES, base: int = 0) -> Iterator[Record]:
    at = base
    for path in _folder_files(folder):
        rid = str(path.relative_to(folder))
        try:
            size = path.stat().st_size
            at += size
            if size > limit:
                yield Record(rid, error=f"file larger than {limit} bytes", size=size, at=at)
                continue
            data = path.read_bytes()
        except OSError as e:
            yield Record(rid, error=f"unreadable: {e}", at=at)
            continue
        r = _decoded(rid, data, "html" if path.suffix.lower() != ".txt" else "auto", None)
        r.at = at
        yield r


def _decoded(rid: str, data: bytes, fmt: str, url: str | None) -> Record:
    try:
        text = decode(data)
    except BinaryInputError as e:
        return Record(rid, url=url, error=str(e), size=len(data))
    if not text.strip():
        return Record(rid, url=url, error="no text: empty", size=len(data))
    return Record(rid, text, fmt, url, size=len(data))


def read_warc(path: Path, limit: int = MAX_RECORD_BYTES, base: int = 0) -> Iterator[Record]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    types = WarcRecordType.response | WarcRecordType.conversion | WarcRecordType.resource
    with path.open("rb") as stream:
        for rec in ArchiveIterator(stream, record_types=types, parse_http=True, fsspec_args=False):
            rid = rec.record_id or f"{path.name}@{rec.stream_pos}"
            url = rec.headers.get("WARC-Target-URI")
            if rec.content_length > limit:
                r = Record(rid, url=url, error=f"record larger than {limit} bytes", size=rec.content_length)
            elif rec.record_type == WarcRecordType.conversion:  # WET: the page's text already
                r = _decoded(rid, rec.reader.read(), "text", url)
            else:
                kind = (rec.http_content_type or rec.headers.get("Content-Type") or "").lower()
                if kind and not kind.startswith(("text/", "application/xhtml")):
                    continue  # images, scripts, PDFs: not pages (a crawl is full of them)
                r = _decoded(rid, rec.reader.read(), "auto", url)
            r.at = base + stream.tell()
            yield r


def read_inputs(paths: Iterable[Path], fields: Fields, parse: bool = True) -> Iterator[Record]:
    """Every record of every input, in order (JSON lines left unparsed with parse=False)."""
    base = 0
    for path in paths:
        name = path.name.lower()
        if str(path) != "-" and path.is_dir():
            yield from read_folder(path, base=base)
        elif any(s in name for s in WARC_SUFFIXES):
            yield from read_warc(path, base=base)
        else:
            yield from read_jsonl(path, fields, base=base, parse=parse)
        base += input_size(path)


# --- cleaning (in the workers) ------------------------------------------------------------


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def clean_record(rec: Record, config: Config, timeout: float | None = None) -> dict[str, Any]:
    """One output record: the article's fields, or `error` with the cause. Never raises."""
    rec = _parsed(rec)
    if rec.error is not None or rec.content is None:
        return _error(rec, rec.error or "no text")
    # SIGALRM only where it can be caught: the main thread (a worker process, the CLI), not a
    # Dask worker's thread.
    use_alarm = bool(timeout) and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    try:
        if use_alarm:
            signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, timeout or 0)
        article = clean(rec.content, config._replace(format=rec.format))
    except _Timeout:
        return _error(rec, f"timeout: more than {timeout} s")
    except Exception as e:  # the record fails, the batch goes on
        return _error(rec, f"{type(e).__name__}: {e}")
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
    out: dict[str, Any] = {"id": rec.id, "error": None, **article.to_dict(lines=False)}
    if rec.url and not out.get("url"):
        out["url"] = rec.url
    return _shape(out)


def _parsed(rec: Record) -> Record:
    """A record whose JSON line is still unparsed (read for a worker), parsed."""
    if rec.line is None:
        return rec
    parsed = _json_record(rec.id, rec.line, rec.fields or Fields(), MAX_RECORD_BYTES)
    return parsed if parsed is not None else Record(rec.id, error="no text: a blank line")


def _error(rec: Record, why: str) -> dict[str, Any]:
    return _shape({"id": rec.id, "error": why, "url": rec.url})


def _shape(out: dict[str, Any]) -> dict[str, Any]:
    """Every output record has the same fields in the same order (JSON Lines and Parquet alike)."""
    shaped = {k: out.get(k) for k in TEXT_FIELDS}
    shaped.update({k: list(out.get(k) or []) for k in LIST_FIELDS})
    shaped["body"] = shaped["body"] or ""
    return shaped


def clean_chunk(chunk: list[Record], config: Config, timeout: float | None) -> list[dict[str, Any]]:
    return [clean_record(r, config, timeout) for r in chunk]


def _chunks(records: Iterable[Record]) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    size = 0
    for r in records:
        chunk.append(r)
        size += r.size
        if len(chunk) >= CHUNK_RECORDS or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


# --- writing ------------------------------------------------------------------------------


class JsonlWriter:
    """Whole lines, flushed after each chunk: a killed run leaves at most one partial last
    line, which --resume cuts off."""

    def __init__(self, path: Path, append: bool) -> None:
        self.path = path
        self.file: IO[str] = sys.stdout if str(path) == "-" else path.open("a" if append else "w", encoding="utf-8")

    def write(self, records: list[dict[str, Any]]) -> None:
        self.file.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        self.file.flush()

    def close(self) -> None:
        if self.file is not sys.stdout:
            self.file.close()


class ParquetWriter:
    """Row groups of a few thousand records; closed (so valid) on Ctrl-C too."""

    ROWS = 2000

    def __init__(self, path: Path) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise SystemExit("cleaner batch: --format parquet needs pyarrow: pip install 'cleaner[parquet]'") from None
        self.pa = pa
        self.schema = pa.schema([(k, pa.string()) for k in TEXT_FIELDS] + [(k, pa.list_(pa.string())) for k in LIST_FIELDS])
        self.writer = pq.ParquetWriter(str(path), self.schema)
        self.rows: list[dict[str, Any]] = []

    def write(self, records: list[dict[str, Any]]) -> None:
        self.rows.extend(records)
        if len(self.rows) >= self.ROWS:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.writer.write_table(self.pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()


def done_ids(path: Path) -> set[str]:
    """Ids already in a JSON Lines output; a partial last line (a killed run) is cut off."""
    ids: set[str] = set()
    if not path.is_file():
        return ids
    good = 0
    with path.open("rb") as f:
        for line in f:
            if not line.endswith(b"\n"):
                break
            try:
                ids.add(str(json.loads(line)["id"]))
            except (ValueError, KeyError, TypeError):
                break  # a torn line: everything from here is redone
            good += len(line)
    if good < path.stat().st_size:
        with path.open("r+b") as f:
            f.truncate(good)
    return ids


# --- the run ------------------------------------------------------------------------------


def run(
    inputs: list[Path], out: Path, *, config: Config | None = None, fields: Fields = Fields(),
    jobs: int = 0, ordered: bool = True, fmt: str = "jsonl", resume: bool = False,
    timeout: float | None = 60.0, progress: Callable[[Summary], None] | None = None,
) -> Summary:
    """Clean every record of `inputs` into `out`; return the counts. Ctrl-C stops cleanly
    (the summary says so)."""
    config = config or Config()
    jobs = jobs or os.cpu_count() or 1
    if fmt not in ("jsonl", "parquet"):
        raise ValueError(f"format must be jsonl or parquet, not {fmt!r}")
    if resume and fmt != "jsonl":
        raise ValueError("--resume needs JSON Lines output (a Parquet file cannot be appended to)")
    skip = done_ids(out) if resume else set()
    writer: JsonlWriter | ParquetWriter = JsonlWriter(out, append=resume) if fmt == "jsonl" else ParquetWriter(out)
    summary = Summary(skipped=0)
    started = time.perf_counter()

    def records() -> Iterator[Record]:
        # Workers parse the JSON lines, unless resuming needs each record's id here.
        for r in read_inputs(inputs, fields, parse=resume or jobs == 1):
            if r.id in skip:
                summary.skipped += 1
                continue
            yield r

    def emit(chunk: list[Record], results: list[dict[str, Any]]) -> None:
        writer.write(results)
        summary.pages += len(results)
        summary.errors += sum(r["error"] is not None for r in results)
        summary.empty += sum(r["error"] is None and not r["body"] for r in results)
        summary.bytes += sum(r.size for r in chunk)
        summary.read = max(summary.read, max(r.at for r in chunk))
        summary.seconds = time.perf_counter() - started
        if progress:
            progress(summary)

    try:
        if jobs == 1:
            for chunk in _chunks(records()):
                emit(chunk, clean_chunk(chunk, config, timeout))
        else:
            _parallel(_chunks(records()), config, timeout, jobs, ordered, emit)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        writer.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _parallel(
    chunks: Iterator[list[Record]], config: Config, timeout: float | None, jobs: int, ordered: bool,
    emit: Callable[[list[Record], list[dict[str, Any]]], None],
) -> None:
    """Chunks to a process pool, a bounded number in flight. A worker that dies (a crash in C
    code, the OOM killer) breaks the pool: the chunks in flight are then redone one record at
    a time, so the record that kills a worker again ends as an error record alone, and the
    pool is rebuilt."""
    pool = ProcessPoolExecutor(max_workers=jobs)
    pending: deque[tuple[list[Record], Future[list[dict[str, Any]]]]] = deque()
    limit = jobs * IN_FLIGHT_PER_JOB
    try:
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < limit:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                else:
                    pending.append((chunk, pool.submit(clean_chunk, chunk, config, timeout)))
            if not pending:
                break
            if ordered:
                item = pending[0]
                wait([item[1]])
            else:
                done, _ = wait([f for _, f in pending], return_when=FIRST_COMPLETED)
                item = next(p for p in pending if p[1] in done)
            pending.remove(item)
            chunk, future = item
            try:
                results = future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                redo = [chunk] + [c for c, _ in pending]  # in input order when ordered
                pending.clear()
                for c in redo:
                    emit(c, _one_by_one(c, config, timeout))
                pool = ProcessPoolExecutor(max_workers=jobs)
                continue
            emit(chunk, results)
    except KeyboardInterrupt:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _one_by_one(chunk: list[Record], config: Config, timeout: float | None) -> list[dict[str, Any]]:
    """Each record in a worker of its own pool, in turn: the one that kills it is found."""
    results = []
    pool = ProcessPoolExecutor(max_workers=1)
    for r in chunk:
        try:
            results.append(pool.submit(clean_record, r, config, timeout).result())
        except BrokenProcessPool:
            results.append(_error(_parsed(r), "the worker process died on this record"))
            pool.shutdown(wait=False)
            pool = ProcessPoolExecutor(max_workers=1)
    pool.shutdown(wait=True)
    return results
