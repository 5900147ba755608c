"""The `sources` table: every public source that a coded fact cites."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .fields import SOURCE_ID, URL, category, date, field
from .vocab import SOURCE_KINDS


class Sources(pa.DataFrameModel):
    """One row per public source."""

    source_id: Series[str] = field(
        "Stable identifier: lower-case words joined by '-'",
        unique=True, str_matches=SOURCE_ID)
    url: Series[str] = field(
        "Address where the cited text was read (http or https); empty only "
        "where no copy could be found, with a note saying so",
        nullable=True, str_matches=URL)
    title: Series[str] = field("Title as published")
    publisher: Series[str] = field("Publisher or outlet")
    published: Series[pa.DateTime] = date(
        "Date the source was published; empty if the source does not show it",
        nullable=True)
    kind: Series[pd.CategoricalDtype] = category(SOURCE_KINDS, "Kind of source")
    language: Series[str] = field(
        "ISO 639-1 code of the language the source was read in",
        str_matches=r"^[a-z]{2}\Z")
    note: Series[str] = field("Coder's note", nullable=True)

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check(error="url: two sources share this URL")
    def url_unique(cls, df):
        return ~(df.url.notna() & df.url.duplicated(keep=False))

    @pa.dataframe_check(error="note: a source without a URL needs a note "
                        "saying why")
    def missing_url_explained(cls, df):
        return df.url.notna() | df.note.notna()
