"""Third-party findings: a sanctioning authority designates entities in a
third country for helping Russia around the sanctions. They say where
circumvention happened, not what the third country's government stands for."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .fields import SOURCE_ID, actor_ref, date, field

FINDING_ID = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*\Z"


class ThirdPartyFindings(pa.DataFrameModel):
    """One row per designating act and third country."""

    finding_id: Series[str] = field("Identifier: lower-case words joined by '-'",
                                   unique=True, str_matches=FINDING_ID)
    date: Series[pa.DateTime] = date("Day the designating act was adopted")
    authority: Series[str] = actor_ref(
        "The sanctioning authority that designated them (org:eu, USA, GBR, ...)")
    country: Series[str] = actor_ref(
        "The third country where the designated entities are registered")
    entities: Series[pd.Int16Dtype] = field(
        "How many entities in that country the act designated, where the "
        "source gives the number", nullable=True, ge=1)
    legal_act: Series[str] = field("The designating act or package, as named "
                                  "by the source")
    source_id: Series[str] = field("Source (see sources)", str_matches=SOURCE_ID)
    locator: Series[str] = field("Where in the source the finding is")
    note: Series[str] = field("Coder's note", nullable=True)

    class Config:
        strict = True
        coerce = True
        unique = ["date", "authority", "country", "legal_act"]

    @pa.dataframe_check(error="country: the authority cannot designate itself")
    def another_country(cls, df):
        return df.authority != df.country
