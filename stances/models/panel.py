"""The analysis tables: `panel` (state x month x issue) and its wide view
`state_month` (state x month)."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .fields import ISO3, category, date, text
from .stance import expected_score
from .vocab import EVIDENCE_TYPES, ISSUES, MISSING_REASONS, SCALE, STANCES

PANEL_START = pd.Timestamp("2022-02-01")

RULES = """\
1. A state's stance rests on its own observations and on those of persons
   who speak for it; persons who speak only for themselves never move it.
2. Within one month the strongest evidence type prevails (legal act > vote >
   official statement > policy action > non-official statement), then the
   higher confidence, then the later date, then the observation id.
3. The latest month with evidence prevails and is carried forward, its age
   shown in `months_since`, until new evidence.
4. Except: a legal act stays in force. Later evidence of another type
   displaces it only if it points the other way (opposite sign); a later
   legal act always does. A state that recognised the entities by decree and
   then votes against condemning that recognition still recognises them.
5. Before any evidence the stance is missing, never neutral, and
   `missing_reason` says why (see its vocabulary).
Evidence dated before 2022-02 counts from 2022-02."""


class Panel(pa.DataFrameModel):
    """One row per state, month and issue, with the prevailing stance under
    RULES."""

    actor_id: Series[str] = text("State (see actors)", str_matches=ISO3)
    month: Series[pa.DateTime] = date("First day of the month")
    issue: Series[pd.CategoricalDtype] = category(ISSUES, "Issue")
    stance: Series[pd.CategoricalDtype] = category(
        STANCES, "Prevailing stance at the month's end; empty before any "
        "evidence (never neutral by default)", nullable=True)
    score: Series[pd.Int8Dtype] = text("Score of the prevailing stance",
                                       nullable=True, ge=-2, le=2)
    observation_id: Series[str] = text(
        "Observation the stance rests on (see observations)", nullable=True)
    evidence_type: Series[pd.CategoricalDtype] = category(
        EVIDENCE_TYPES, "Evidence type of that observation", nullable=True)
    evidence_date: Series[pa.DateTime] = date("Date of that observation",
                                              nullable=True)
    months_since: Series[pd.Int16Dtype] = text(
        "Age of the evidence: months from its month to this one (0 = this "
        "month)", nullable=True, ge=0)
    n_observations: Series[pd.Int16Dtype] = text(
        "Observations of this state and issue dated in this month", ge=0)
    missing_reason: Series[pd.CategoricalDtype] = category(
        MISSING_REASONS, "Why there is no stance (empty when there is one)",
        nullable=True)

    class Config:
        strict = True
        coerce = True
        unique = ["actor_id", "month", "issue"]

    @pa.dataframe_check(error="month: not the first day of a month from 2022-02")
    def months_in_range(cls, df):
        return (df.month >= PANEL_START) & (df.month.dt.day == 1)

    @pa.dataframe_check(error="month: the grid is incomplete: every state and "
                        "issue needs every month from 2022-02 to the last")
    def grid_complete(cls, df):
        months = df.month.dt.year * 12 + df.month.dt.month
        span = months.max() - (PANEL_START.year * 12 + PANEL_START.month) + 1
        per_pair = df.groupby(["actor_id", "issue"], observed=True).month.transform("size")
        issues = df.groupby("actor_id").issue.transform("nunique")
        return (per_pair == span) & (issues == len(ISSUES))

    @pa.dataframe_check(error="score: does not agree with the stance label")
    def score_matches_stance(cls, df):
        expected = expected_score(df)
        return (df.stance.isna() & df.score.isna()) | (
            expected == df.score.astype("float64"))

    @pa.dataframe_check(error="evidence_date: later than the month")
    def evidence_not_later(cls, df):
        return ~(df.evidence_date >= df.month + pd.offsets.MonthBegin(1)).fillna(False)

    @pa.dataframe_check(error="missing_reason: required exactly where the "
                        "stance is missing")
    def missing_has_reason(cls, df):
        return df.stance.isna() == df.missing_reason.notna()

    @pa.dataframe_check(error="observation_id: a stance needs its observation, "
                        "and no stance has none")
    def stance_has_evidence(cls, df):
        return df.stance.isna() == df.observation_id.isna()


def _score(issue):
    return text(f"Score on {issue} at the month's end (see panel)",
                nullable=True, ge=-2, le=2)


def _stance(issue):
    return category(SCALE[issue], f"Stance on {issue} at the month's end, on "
                    "the issue's own scale", nullable=True)


class StateMonth(pa.DataFrameModel):
    """One row per state and month, one score and label column per issue,
    with the codes most datasets merge on."""

    actor_id: Series[str] = text("State (see actors)", str_matches=ISO3)
    month: Series[pa.DateTime] = date("First day of the month")
    iso3: Series[str] = text("ISO 3166-1 alpha-3 code", str_matches=ISO3)
    cow_code: Series[pd.Int16Dtype] = text("Correlates of War code", nullable=True)
    gw_code: Series[pd.Int16Dtype] = text("Gleditsch-Ward code", nullable=True)
    war_score: Series[pd.Int8Dtype] = _score("war")
    war_stance: Series[pd.CategoricalDtype] = _stance("war")
    recognition_score: Series[pd.Int8Dtype] = _score("recognition")
    recognition_stance: Series[pd.CategoricalDtype] = _stance("recognition")
    sanctions_score: Series[pd.Int8Dtype] = _score("sanctions")
    sanctions_stance: Series[pd.CategoricalDtype] = _stance("sanctions")

    class Config:
        strict = True
        coerce = True
        unique = ["actor_id", "month"]

    @pa.dataframe_check(error="war_score: a score disagrees with its stance")
    def scores_match_stances(cls, df):
        ok = pd.Series(True, index=df.index)
        for issue, labels in SCALE.items():
            expected = df[f"{issue}_stance"].astype("str").map(labels).astype("float64")
            score = df[f"{issue}_score"].astype("float64")
            ok &= (expected == score) | (expected.isna() & score.isna())
        return ok
