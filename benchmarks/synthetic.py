"""Synthetic observations of a realistic shape, for the benchmarks: ~250
actors, 3 issues, stances that agree with their scores, sources as URL-like
ids, dates from 2022 to 2026. Deterministic for a given size and seed."""

import numpy as np
import pandas as pd

from stances.models import TABLES
from stances.models.vocab import CONFIDENCE, EVIDENCE_TYPES, ISSUE_ORDER, SCALE

N_ACTORS = 250


def actor_ids(n=N_ACTORS) -> np.ndarray:
    letters = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    rng = np.random.default_rng(0)
    codes = set()
    while len(codes) < n:
        codes.add("".join(rng.choice(letters, 3)))
    return np.array(sorted(codes))


def observations(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    actors = actor_ids()
    issue = rng.integers(0, 3, n)
    score = rng.integers(-2, 3, n)
    labels = np.array([[next(label for label, v in SCALE[name].items() if v == s)
                        for s in range(-2, 3)] for name in ISSUE_ORDER])
    stance = labels[issue, score + 2]
    day = pd.Timestamp("2022-02-01") + pd.to_timedelta(rng.integers(0, 1700, n), unit="D")
    hosts = np.array([f"news{i}-example-org" for i in range(2000)])
    source = (pd.Series(hosts[rng.integers(0, 2000, n)]) + "-"
              + pd.Series(rng.integers(0, n // 4 + 1, n)).astype("str"))
    frame = pd.DataFrame({
        "observation_id": "synthetic:" + pd.Series(np.arange(n)).astype("str"),
        "actor_id": actors[rng.integers(0, len(actors), n)],
        "issue": np.array(ISSUE_ORDER)[issue],
        "date": day,
        "stance": stance,
        "score": score,
        "evidence_type": np.array(list(EVIDENCE_TYPES))[rng.integers(0, 5, n)],
        "confidence": np.array(list(CONFIDENCE))[rng.integers(1, 3, n)],
        "source_id": source,
        "locator": "paragraph " + pd.Series(rng.integers(1, 30, n)).astype("str"),
        "summary": "A machine-coded report of a statement on the war, number "
                   + pd.Series(np.arange(n)).astype("str") + ".",
        "quote": None, "speaker_id": None, "note": None,
        "ends": None, "expires": pd.NaT, "derived_from": None, "bundled": False,
    })
    # legal acts stay in force, as the real data's do
    frame["durable"] = frame.evidence_type == "legal_act"
    dtypes = {name: col.dtype.type for name, col in
              TABLES["observations"].model.to_schema().columns.items()}
    return frame[TABLES["observations"].columns].astype(dtypes)


def actors_table() -> pd.DataFrame:
    ids = actor_ids()
    return pd.DataFrame({"actor_id": ids, "name": ids, "kind": "state", "iso3": ids,
                         "un_status": "member", "state_id": None,
                         "speaks_for_state": pd.array([pd.NA] * len(ids), dtype="boolean")})


def resampled_observations(n: int, seed: int = 1) -> pd.DataFrame:
    """The real observations (the installed build), drawn with replacement
    to n rows; ids and locators made unique, so the natural key holds. Real
    text lengths and value mixes, unlike the synthetic rows."""
    import stances
    real = stances.load("observations")
    rows = real.iloc[np.random.default_rng(seed).integers(0, len(real), n)]
    rows = rows.reset_index(drop=True)
    suffix = pd.Series(np.arange(n)).astype("str")
    return rows.assign(observation_id=rows.observation_id + "-" + suffix,
                       locator=rows.locator + " #" + suffix)
