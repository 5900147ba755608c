"""The analysis tables: `panel` (state x month x issue) and its wide view
`state_month` (state x month)."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .fields import ISO3, category, date, field
from .stance import score_agrees
from .vocab import (ACT_STATUS, BASIS, EVIDENCE_TYPES, ISSUES, MISSING_REASONS,
                    SCALE, STANCES)

CHANNELS = {
    "vote": "the latest recorded vote",
    "statement": "the latest official statement",
    "action": "the durable evidence in force, else the latest policy action "
    "or legal act",
}

PANEL_START = pd.Timestamp("2022-02-01")


def month_number(dates: pd.Series) -> pd.Series:
    """Months since year 0: consecutive months differ by one. The one month
    arithmetic of the package (the panel's grid, ages, its checks)."""
    return dates.dt.year * 12 + dates.dt.month - 1
# Evidence older than this many months is shown as stale in the plots.
STALE_MONTHS = 12

RULES = """\
1. A state's stance rests on its own observations, on those of persons who
   speak for it, and on the legal acts of organisations it belongs to on the
   act's date (see `memberships`); persons who speak only for themselves
   never move it.
2. Within one month the strongest evidence type prevails (legal act > vote >
   official statement > policy action > non-official statement), then the
   higher confidence, then the later date, then the observation id.
3. Durable evidence (`durable`: a legal act, a sanctions regime, a
   recognition, a military-aid or supply programme) stays in force from its
   month until it is ended by a later observation that names it (`ends`),
   expires (`expires`: in force before the month it expires), or is
   contradicted: later evidence of the opposite sign, not a vote on a
   bundled text. A later durable observation of the same strength
   supersedes an earlier one while it is in force; if it ends or expires
   first, the earlier one, if still in force, applies again. Where several
   are in force, the stronger (|score|) prevails.
4. While durable evidence is in force it is the stance (`basis` in_force);
   only later evidence of the same sign and greater strength replaces it. A
   routine vote or statement of the same sign, or a neutral one, does not.
5. Otherwise the latest evidence prevails and is carried forward, its age
   shown in `months_since` (`basis` latest).
6. A vote on a text that bundles the issue with other questions
   (`vote_mapping.specificity` bundled) never displaces other evidence; it
   is the stance only where there is nothing else (`basis` bundled_vote).
7. Beside the composite stance, each channel keeps its own latest value: the
   latest vote, the latest official statement, and the material action or
   legal act (the durable evidence in force, else the latest policy action
   or legal act), each with its observation id.
8. Before any evidence the stance is missing, never neutral, and
   `missing_reason` says why (see its vocabulary).
Evidence dated before 2022-02 counts from 2022-02. A build as of a date
(`stances build --as-of`) uses only evidence dated on or before it."""


class Panel(pa.DataFrameModel):
    """One row per state, month and issue, with the prevailing stance under
    RULES."""

    actor_id: Series[str] = field("State (see actors)", str_matches=ISO3)
    name: Series[str] = field("State's common English name (see actors)")
    month: Series[pa.DateTime] = date("First day of the month")
    issue: Series[pd.CategoricalDtype] = category(ISSUES, "Issue")
    stance: Series[pd.CategoricalDtype] = category(
        STANCES, "Prevailing stance at the month's end; empty before any "
        "evidence (never neutral by default)", nullable=True)
    score: Series[pd.Int8Dtype] = field("Score of the prevailing stance",
                                       nullable=True, ge=-2, le=2)
    observation_id: Series[str] = field(
        "Observation the stance rests on (see observations)", nullable=True)
    evidence_type: Series[pd.CategoricalDtype] = category(
        EVIDENCE_TYPES, "Evidence type of that observation", nullable=True)
    evidence_date: Series[pa.DateTime] = date("Date of that observation",
                                              nullable=True)
    months_since: Series[pd.Int16Dtype] = field(
        "Age of the evidence: months from its month to this one (0 = this "
        "month)", nullable=True, ge=0)
    basis: Series[pd.CategoricalDtype] = category(
        BASIS, "What the stance rests on (see the rules)", nullable=True)
    act_status: Series[pd.CategoricalDtype] = category(
        ACT_STATUS, "What became of the state's durable evidence on the issue "
        "(empty if it has none)", nullable=True)
    vote_score: Series[pd.Int8Dtype] = field(
        "Channel: score of " + CHANNELS["vote"], nullable=True, ge=-2, le=2)
    vote_observation_id: Series[str] = field(
        "Channel: observation behind vote_score", nullable=True)
    statement_score: Series[pd.Int8Dtype] = field(
        "Channel: score of " + CHANNELS["statement"], nullable=True, ge=-2, le=2)
    statement_observation_id: Series[str] = field(
        "Channel: observation behind statement_score", nullable=True)
    action_score: Series[pd.Int8Dtype] = field(
        "Channel: score of " + CHANNELS["action"], nullable=True, ge=-2, le=2)
    action_observation_id: Series[str] = field(
        "Channel: observation behind action_score", nullable=True)
    n_observations: Series[pd.Int16Dtype] = field(
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
        start = month_number(pd.Series([PANEL_START])).iloc[0]
        span = month_number(df.month).max() - start + 1
        per_pair = df.groupby(["actor_id", "issue"], observed=True).month.transform("size")
        issues = df.groupby("actor_id").issue.transform("nunique")
        return (per_pair == span) & (issues == len(ISSUES))

    @pa.dataframe_check(error="score: does not agree with the stance label")
    def score_matches_stance(cls, df):
        return score_agrees(df, missing_ok=True)

    @pa.dataframe_check(error="evidence_date: later than the month")
    def evidence_not_later(cls, df):
        return ~(df.evidence_date >= df.month + pd.offsets.MonthBegin(1)).fillna(False)

    @pa.dataframe_check(error="missing_reason: required exactly where the "
                        "stance is missing")
    def missing_has_reason(cls, df):
        return df.stance.isna() == df.missing_reason.notna()

    @pa.dataframe_check(error="observation_id: a stance needs its observation "
                        "and its basis, and no stance has either")
    def stance_has_evidence(cls, df):
        return (df.stance.isna() == df.observation_id.isna()) & (
            df.stance.isna() == df.basis.isna())

    @pa.dataframe_check(error="basis: in_force needs act_status in_force")
    def in_force_agrees(cls, df):
        return (df.basis != "in_force") | (df.act_status == "in_force")


def _score(issue):
    return field(f"Score on {issue} at the month's end (see panel)",
                nullable=True, ge=-2, le=2)


def _stance(issue):
    return category(SCALE[issue], f"Stance on {issue} at the month's end, on "
                    "the issue's own scale", nullable=True)


def _evidence_date(issue):
    return date(f"Date of the evidence the {issue} stance rests on",
                nullable=True)


def _months_since(issue):
    return field(f"Age of the {issue} evidence in months (0 = this month); "
                f"older than {STALE_MONTHS} counts as stale", nullable=True, ge=0)


class StateMonth(pa.DataFrameModel):
    """One row per state and month, one score and label column per issue,
    with the codes most datasets merge on."""

    actor_id: Series[str] = field("State (see actors)", str_matches=ISO3)
    month: Series[pa.DateTime] = date("First day of the month")
    name: Series[str] = field("State's common English name (see actors)")
    iso3: Series[str] = field("ISO 3166-1 alpha-3 code", str_matches=ISO3)
    cow_code: Series[pd.Int16Dtype] = field("Correlates of War code", nullable=True)
    gw_code: Series[pd.Int16Dtype] = field("Gleditsch-Ward code", nullable=True)
    war_score: Series[pd.Int8Dtype] = _score("war")
    war_stance: Series[pd.CategoricalDtype] = _stance("war")
    war_evidence_date: Series[pa.DateTime] = _evidence_date("war")
    war_months_since: Series[pd.Int16Dtype] = _months_since("war")
    recognition_score: Series[pd.Int8Dtype] = _score("recognition")
    recognition_stance: Series[pd.CategoricalDtype] = _stance("recognition")
    recognition_evidence_date: Series[pa.DateTime] = _evidence_date("recognition")
    recognition_months_since: Series[pd.Int16Dtype] = _months_since("recognition")
    sanctions_score: Series[pd.Int8Dtype] = _score("sanctions")
    sanctions_stance: Series[pd.CategoricalDtype] = _stance("sanctions")
    sanctions_evidence_date: Series[pa.DateTime] = _evidence_date("sanctions")
    sanctions_months_since: Series[pd.Int16Dtype] = _months_since("sanctions")

    class Config:
        strict = True
        coerce = True
        unique = ["actor_id", "month"]

    # One check per issue, so that a failure names the issue's own column.
    @staticmethod
    def _agree(df, issue):
        return score_agrees(df, issue=issue, stance=f"{issue}_stance",
                            score=f"{issue}_score", missing_ok=True)

    @pa.dataframe_check(error="war_score: disagrees with war_stance")
    def war_scores_match(cls, df):
        return cls._agree(df, "war")

    @pa.dataframe_check(error="recognition_score: disagrees with recognition_stance")
    def recognition_scores_match(cls, df):
        return cls._agree(df, "recognition")

    @pa.dataframe_check(error="sanctions_score: disagrees with sanctions_stance")
    def sanctions_scores_match(cls, df):
        return cls._agree(df, "sanctions")
