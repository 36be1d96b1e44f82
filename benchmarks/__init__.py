"""Benchmark suite for the ``cleaner`` package.

Scores the cleaner and text-level peers (keep everything, a C4-style line filter, jusText,
trafilatura) on the same pages in one run: the hand-labelled fixtures and seeds, and the dev
sets in ``<repo>/../shared/data``.  Run it from the repository root::

    cleaner bench                             # every set found, every tool
    cleaner bench --tool c4 --limit 20        # one tool, 20 pages per set
    cleaner bench --help                      # (python -m benchmarks is the same)

Modules:

- :mod:`benchmarks.sets`: the pages and their gold (body, metadata, labelled lines).
- :mod:`benchmarks.metrics`: token and shingle P/R/F1, line decisions, metadata outcomes.
- :mod:`benchmarks.peers`: the tools, each ``(text, lang) -> body`` (or body and metadata).
- :mod:`benchmarks.run`: running, timing, memory, scaling; :func:`benchmarks.run.run_smoke`
  runs it all on a few pages for tests.
- :mod:`benchmarks.report`: the terminal tables, ``report.md`` and the plots.
"""
