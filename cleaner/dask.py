"""Clean pages on a Dask cluster, partition by partition: the same cleaner and the same output
records as `cleaner batch`, on an engine users already run.

    from dask.distributed import Client, LocalCluster
    import dask.bag as db
    from cleaner.dask import clean_bag

    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster):
        pages = db.read_text("crawl-*.jsonl.gz").map(json.loads)
        clean_bag(pages).map(json.dumps).to_textfiles("clean-*.jsonl")

On a real cluster only the Client changes: `Client("tcp://scheduler:8786")`, with cleaner
installed on the workers. A dataframe works the same way: `clean_dataframe(ddf)` (or
`ddf.map_partitions(clean_partition)`) gives one row per input row.

Each input item is a dict (or a row) with the page's `text` or `html` and an `id` (field names
as in `cleaner batch`: `Fields`). Every item gives one output record; a bad one gets `error`
set, the partition goes on. Dask runs tasks in worker threads, where no per-page time limit can
be set: bound a partition's time with Dask's own tools if you need to.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cleaner import Config
from cleaner.batch import LIST_FIELDS, TEXT_FIELDS, Fields, clean_record, record_from_dict

COLUMNS = [*TEXT_FIELDS, *LIST_FIELDS]


def clean_records(items: Iterable[Any], config: Config | None = None, fields: Fields = Fields(),
                  where: str = "item") -> list[dict[str, Any]]:
    """One output record per input item (a dict); `where` names items without an id."""
    config = config or Config()
    return [clean_record(record_from_dict(item, f"{where}:{n}", fields), config, None)
            for n, item in enumerate(items, 1)]


def clean_bag(bag: Any, config: Config | None = None, fields: Fields = Fields()) -> Any:
    """A dask.bag of input dicts -> a bag of output records (dicts), partition by partition."""
    return bag.map_partitions(clean_records, config, fields)


def clean_partition(df: Any, config: Config | None = None, fields: Fields = Fields()) -> Any:
    """A pandas DataFrame of pages (one row each) -> a DataFrame of output records, row for row."""
    import pandas as pd

    rows = df.to_dict(orient="records")
    return pd.DataFrame(clean_records(rows, config, fields, where="row"), columns=COLUMNS, index=df.index)


def clean_dataframe(ddf: Any, config: Config | None = None, fields: Fields = Fields()) -> Any:
    """A dask DataFrame of pages -> a dask DataFrame of output records."""
    import pandas as pd

    meta = pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    return ddf.map_partitions(clean_partition, config, fields, meta=meta)
