"""A release reads correctly where users go when the data outgrows pandas."""

import datetime as dt
import re

import pytest

import stances
from conftest import REPO
from stances.release import make_release


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    return make_release("0.0.1", tmp_path_factory.mktemp("r") / "v0.0.1",
                        today=dt.date(2026, 11, 25))


def test_polars_reads_every_table(release):
    pl = pytest.importorskip("polars")
    from stances.models import TABLES
    for name in TABLES:
        frame = pl.read_parquet(release / f"{name}.parquet")
        assert frame.columns == TABLES[name].columns
        assert frame.height == len(stances.load(name))
    obs = pl.read_parquet(release / "observations.parquet")
    assert obs.schema["date"] == pl.Date
    kaz = obs.filter(pl.col("observation_id") == "kaz-2022-06-17-recognition")
    assert kaz.row(0, named=True)["date"] == dt.date(2022, 6, 17)


def test_duckdb_queries_a_release_in_place(release):
    duckdb = pytest.importorskip("duckdb")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    sql = re.search(r"```sql\n(.*?)```", readme, re.S)[1]
    sql = sql.replace("'v0.1.0/", f"'{release}/")
    rows = duckdb.sql(sql).fetchall()
    obs = stances.load("observations")
    kaz = obs[obs.actor_id == "KAZ"]
    assert sum(n for _, _, n in rows) == len(kaz)
    column_type = duckdb.sql(f"DESCRIBE SELECT date FROM '{release}/observations.parquet'")
    assert column_type.fetchall()[0][1] == "DATE"


def test_readme_benchmark_figures_come_from_results_json():
    import sys
    sys.path.insert(0, str(REPO / "tools"))
    from refresh_docs import benchmarks_block
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert benchmarks_block() in readme
    # the row counts shown are the current build's
    rows = len(stances.load("observations"))
    assert re.search(rf"^observations +{rows} ", readme, re.M)


def test_a_million_rows_queried_in_duckdb_and_polars_keep_the_labels_order(tmp_path):
    """Out-of-core readers, no pandas in the loop: the order of each
    categorical column travels in the Parquet metadata (stances.categories)."""
    duckdb = pytest.importorskip("duckdb")
    pl = pytest.importorskip("polars")
    import json
    import numpy as np
    import pyarrow.compute as pc
    import pyarrow.parquet as pq
    from stances.arrow import META_CATEGORIES
    from stances.models import TABLES
    from stances.reading import data_dir
    real = pq.read_table(data_dir() / "observations.parquet")
    big = real.take(np.random.default_rng(0).integers(0, real.num_rows, 1_000_000))
    path = tmp_path / "observations.parquet"
    pq.write_table(big, path)
    order = json.loads(pq.read_schema(path).metadata[META_CATEGORIES])["stance"]
    assert order == list(TABLES["observations"].model.to_schema().columns["stance"]
                         .dtype.type.categories)
    counts = {r["values"]: r["counts"] for r in
              pc.value_counts(big.column("stance").cast("string")).to_pylist()}
    expected = [(label, counts[label]) for label in order if label in counts]

    con = duckdb.connect()
    con.execute("CREATE TYPE stance AS ENUM (" + ", ".join(f"'{s}'" for s in order) + ")")
    by_duckdb = con.sql(f"SELECT stance::stance AS s, count(*) FROM '{path}' "
                        "GROUP BY s ORDER BY s").fetchall()
    by_polars = (pl.scan_parquet(path)
                 .with_columns(pl.col("stance").cast(pl.String).cast(pl.Enum(order)))
                 .group_by("stance").len().sort("stance").collect().rows())
    assert by_duckdb == expected and by_polars == expected
