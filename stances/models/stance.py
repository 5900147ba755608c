"""The rules every table with an issue, a stance and a score obeys."""

import numpy as np
import pandas as pd
import pandera.pandas as pa

from .vocab import SCALE, STANCES


def expected_score(df):
    """The score each row's issue and stance imply; NaN where none does.
    A lookup on the categorical codes: no string work per row."""
    issues = pd.Categorical(df.issue, categories=list(SCALE), ordered=True)
    stances = pd.Categorical(df.stance, categories=STANCES, ordered=True)
    table = np.array([[SCALE[i].get(s, np.nan) for s in STANCES] + [np.nan]
                      for i in SCALE] + [[np.nan] * (len(STANCES) + 1)])
    return pd.Series(table[issues.codes, stances.codes], index=df.index)


class StanceRules(pa.DataFrameModel):
    """A stance label belongs to its issue's scale and agrees with its score."""

    @pa.dataframe_check(error="stance: not a label on this issue's scale")
    def stance_on_issue_scale(cls, df):
        return expected_score(df).notna()

    @pa.dataframe_check(error="score: does not agree with the stance label")
    def score_matches_stance(cls, df):
        expected = expected_score(df)
        return expected.isna() | (expected == df.score.astype("float64"))
