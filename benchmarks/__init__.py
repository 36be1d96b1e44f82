"""Benchmark suite for the ``cleaner`` package.

Scores the cleaner and a few text-level peers (keep everything, a C4-style line
filter, jusText, trafilatura) against the gold article bodies of the dev sets in
``<repo>/../shared/data`` and measures their speed.  Run it from the repository
root::

    python -m benchmarks                      # every set found, every tool
    python -m benchmarks --tool c4 --limit 20 # one tool, 20 pages per set
    python -m benchmarks --help

Modules:

- :mod:`benchmarks.metrics`: word-token and 4-gram shingle precision/recall/F1.
- :mod:`benchmarks.peers`: the tools, each ``(text, lang) -> body``.
- :mod:`benchmarks.run`: loading the sets, scoring, timing and the report;
  :func:`benchmarks.run.run_smoke` runs it all on a few pages for tests.
"""
