"""The rules every table with an issue, a stance and a score obeys."""

import numpy as np
import pandas as pd
import pandera.pandas as pa

from .vocab import SCALE, STANCES


def expected_score(issues: pd.Series, stances: pd.Series) -> pd.Series:
    """The score each row's issue and stance imply; NaN where none does.
    A lookup on the categorical codes: no string work per row."""
    issues = pd.Categorical(issues, categories=list(SCALE), ordered=True)
    stances_ = pd.Categorical(stances, categories=STANCES, ordered=True)
    table = np.array([[SCALE[i].get(s, np.nan) for s in STANCES] + [np.nan]
                      for i in SCALE] + [[np.nan] * (len(STANCES) + 1)])
    return pd.Series(table[issues.codes, stances_.codes], index=stances.index)


def score_agrees(df, *, issue=None, stance="stance", score="score",
                 missing_ok=False, off_scale_ok=False) -> pd.Series:
    """The one rule "a score agrees with its stance label", for every table:
    True where the score is the one the label has on the issue's scale.
    `issue` names the issue when the frame has no issue column (state_month's
    per-issue columns). missing_ok: a row with neither label nor score agrees.
    off_scale_ok: a label off the issue's scale agrees here, for tables whose
    own check reports it."""
    issues = df["issue"] if issue is None else pd.Series(issue, index=df.index)
    expected = expected_score(issues, df[stance])
    got = df[score].astype("float64")
    agrees = expected == got
    if missing_ok:
        agrees |= df[stance].isna() & got.isna()
    if off_scale_ok:
        agrees |= expected.isna() & df[stance].notna()
    return agrees


class StanceRules(pa.DataFrameModel):
    """A stance label belongs to its issue's scale and agrees with its score."""

    @pa.dataframe_check(error="stance: not a label on this issue's scale")
    def stance_on_issue_scale(cls, df):
        return expected_score(df.issue, df.stance).notna()

    @pa.dataframe_check(error="score: does not agree with the stance label")
    def score_matches_stance(cls, df):
        return score_agrees(df, off_scale_ok=True)
