"""The explorer: a static site built from the processed tables (or a
release folder). It works from file:// or any static host, with nothing
fetched at view time: the data are written into data.js, the map geometry
and the drawing library are vendored (see vendor.py).

    stances site --out site/

Pages: the world by month (index.html), one page per state (states/), one
per roll call (votes/), downloads with checksums and the citation."""

import hashlib
import json
import shutil
from importlib import resources
from pathlib import Path

import pandas as pd

from ..atomic import output_lock, staged
from ..citation import cite
from ..errors import InvalidInput
from ..generated import codebook_markdown
from ..models import TABLES
from ..models.vocab import ISSUE_ORDER, SCALE
from ..models.votes import resolution_slug
from ..reading import data_dir, load
from ..release import spreadsheet_safe
from .pages import (COLOURS, downloads_page, index_page, is_stale, licences_page, state_page,
                    vote_page, votes_index_page)
from .vendor import copy_vendored

NEEDED = ("actors", "observations", "sources", "panel", "resolutions", "unga_votes")


def build_site(out_dir, directory=None) -> Path:
    """Write the site into `out_dir` from the Parquet files in `directory`
    (default: the installed data), all or nothing, as builds are written: a
    previous site there is replaced whole; any other non-empty folder is
    refused, never deleted."""
    directory = Path(directory or data_dir())
    out = Path(out_dir)
    if out.is_symlink() or (out.exists() and any(out.iterdir())
                            and not (out / "data.js").is_file()):
        raise InvalidInput(f"--out {out} is a folder that is not a site built by "
                           "stances; give a new or empty folder")
    with output_lock(out), staged(out) as staging:
        _write(staging, directory)
    return out


def _write(out: Path, directory: Path) -> None:
    (out / "states").mkdir()
    (out / "votes").mkdir()
    tables = {name: load(name, directory=directory) for name in NEEDED}
    shipped = copy_vendored(out)
    for asset in ("app.js", "style.css"):
        text = (resources.files("stances.site") / "static" / asset).read_text(encoding="utf-8")
        (out / asset).write_text(text, encoding="utf-8")
    states = _states(tables["actors"])
    (out / "data.js").write_text(
        "window.STANCES = " + json.dumps(map_data(tables, states), separators=(",", ":"))
        + ";\n", encoding="utf-8")
    (out / "index.html").write_text(index_page(states, _months(tables["panel"])),
                                    encoding="utf-8")
    links = _source_links(tables["sources"])
    votes = _vote_slugs(tables["resolutions"])
    for state in states.itertuples():
        trail = tables["observations"][tables["observations"].actor_id == state.actor_id]
        panel = tables["panel"][tables["panel"].actor_id == state.actor_id]
        (out / "states" / f"{state.actor_id}.html").write_text(
            state_page(state, panel, trail.sort_values("date", ascending=False),
                       links, votes), encoding="utf-8")
    for res in tables["resolutions"].itertuples():
        ballots = tables["unga_votes"][tables["unga_votes"].resolution_id == res.resolution_id]
        (out / "votes" / f"{votes[res.resolution_id]}.html").write_text(
            vote_page(res, ballots, states, links), encoding="utf-8")
    (out / "votes.html").write_text(votes_index_page(tables["resolutions"], votes),
                                    encoding="utf-8")
    files = _downloads(out, directory)
    (out / "downloads.html").write_text(
        downloads_page(files, cite(format="bibtex"), cite(format="apa")), encoding="utf-8")
    (out / "licences.html").write_text(licences_page(shipped), encoding="utf-8")


def _states(actors: pd.DataFrame) -> pd.DataFrame:
    """States with the ISO numeric code the map geometry is keyed on."""
    import pycountry
    states = actors[actors.kind == "state"][["actor_id", "name"]].copy()

    def numeric(iso3):
        country = pycountry.countries.get(alpha_3=iso3)
        return country.numeric if country else None
    states["numeric"] = states.actor_id.map(numeric)
    return states.sort_values("name").reset_index(drop=True)


def _months(panel: pd.DataFrame) -> list[str]:
    return [m.strftime("%Y-%m") for m in sorted(panel.month.unique())]


def map_data(tables: dict, states: pd.DataFrame) -> dict:
    """Per issue, per state, per month: the score and the evidence's age
    (null where there is no stance), with the labels of each scale."""
    panel = tables["panel"]
    months = _months(panel)
    index = {m: i for i, m in enumerate(months)}
    grid = {}
    for issue in ISSUE_ORDER:
        mine = panel[panel.issue == issue]
        scores, ages, stale = {}, {}, {}
        for actor, rows in mine.groupby("actor_id"):
            score, age, old = [None] * len(months), [None] * len(months), [0] * len(months)
            for r in rows.itertuples():
                if pd.notna(r.score):
                    i = index[r.month.strftime("%Y-%m")]
                    score[i], age[i] = int(r.score), int(r.months_since)
                    old[i] = int(is_stale(r.basis, r.months_since))
            scores[actor], ages[actor], stale[actor] = score, age, old
        grid[issue] = {"score": scores, "age": ages, "stale": stale}
    return {
        "months": months,
        "colours": {str(k): v for k, v in COLOURS.items()},
        "labels": {i: {str(v): k for k, v in SCALE[i].items()} for i in ISSUE_ORDER},
        "states": [{"id": s.actor_id, "name": s.name, "numeric": s.numeric}
                   for s in states.itertuples()],
        "issues": grid,
    }


def _source_links(sources: pd.DataFrame) -> dict:
    return {s: u for s, u in zip(sources.source_id, sources.url) if isinstance(u, str)}


def _vote_slugs(resolutions: pd.DataFrame) -> dict:
    return {r: resolution_slug(r) for r in resolutions.resolution_id}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _downloads(out: Path, directory: Path) -> list[dict]:
    """Each table as Parquet (as built) and CSV (spreadsheet-safe), the
    codebook; each with its size and SHA-256."""
    folder = out / "data"
    folder.mkdir()
    files = []
    for name in TABLES:
        parquet = folder / f"{name}.parquet"
        shutil.copyfile(directory / f"{name}.parquet", parquet)
        csv = folder / f"{name}.csv"
        spreadsheet_safe(load(name, directory=directory)).to_csv(
            csv, index=False, date_format="%Y-%m-%d", lineterminator="\n")
        files += [{"table": name, "path": f"data/{p.name}", "bytes": p.stat().st_size,
                   "sha256": _sha256(p)} for p in (parquet, csv)]
    codebook = folder / "codebook.md"
    codebook.write_text(codebook_markdown(directory), encoding="utf-8")
    files.append({"table": "codebook", "path": "data/codebook.md",
                  "bytes": codebook.stat().st_size, "sha256": _sha256(codebook)})
    return files
