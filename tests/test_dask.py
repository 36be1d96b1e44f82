"""cleaner.dask on a distributed.LocalCluster with 2 workers: the same records as `cleaner batch`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import batch

dask_bag = pytest.importorskip("dask.bag")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

from cleaner.dask import clean_bag, clean_dataframe  # noqa: E402

PARA = ("The city council approved the new budget on Tuesday after a long debate that lasted "
        "well into the night, with several members asking for more money for schools.")
HTML = "<html><body><nav><a href='/'>Home</a></nav><h1>Budget {i}</h1><p>" + PARA + "</p><p>" + PARA + "</p></body></html>"


def _items() -> list[dict]:
    items: list[dict] = []
    for i in range(40):
        if i % 3 == 0:
            items.append({"id": f"h{i}", "html": HTML.format(i=i), "url": f"https://example.com/{i}"})
        else:
            items.append({"id": f"t{i}", "text": f"Budget {i}\n\nHome | News\n\n{PARA}\n\n{PARA}\n\nRead more: x"})
    items.append({"id": "empty", "text": ""})
    return items


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


def test_bag_and_dataframe_on_a_cluster_give_the_batch_records(client, tmp_path: Path) -> None:
    items = _items()
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    batch.run([src], out, jobs=1)
    expected = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    got = clean_bag(dask_bag.from_sequence(items, npartitions=4)).compute()
    assert len(client.scheduler_info()["workers"]) == 2
    assert got == expected  # same records, same order, errors included

    df = dd.from_pandas(pd.DataFrame(items), npartitions=3)
    rows = clean_dataframe(df).compute()
    assert len(rows) == len(items)
    rows = rows.astype(object).where(rows.notna(), None)  # a DataFrame writes a missing value as NaN
    assert rows.to_dict(orient="records") == expected
