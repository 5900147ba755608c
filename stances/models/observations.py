"""The `observations` table: one piece of evidence of one actor's stance."""

import pandas as pd
import pandera.pandas as pa
import pyarrow.compute as pc
from pyarrow import array as pa_array, string as pa_string
from pandera.typing import Series

from .stance import StanceRules
from .fields import OBSERVATION_ID, SOURCE_ID, actor_ref, category, date, field
from .fields import date as date_field  # the class defines a column named date
from .vocab import CONFIDENCE, EVIDENCE_TYPES, ISSUES, STANCES

MAX_QUOTE_WORDS = 24  # a quotation is short, under 25 words
SUMMARY_MAX = 300  # characters in a summary, hand-coded or derived


def word_count(text: pd.Series) -> pd.Series:
    """Words in each cell (runs of non-space, as regex \\S+ counts them), in
    pyarrow's kernels: about a third of the time of a Python-regex count on
    a million quotes. Missing cells count 0 (the check lets them pass)."""
    if isinstance(text.dtype, pd.StringDtype) and text.dtype.storage == "pyarrow":
        cells = pa_array(text.array)  # the Arrow buffers as they are, no copy
    else:
        cells = pa_array(text.where(text.notna(), None).astype("object"),
                         type=pa_string(), from_pandas=True)
    trimmed = pc.utf8_trim_whitespace(cells)
    counts = pc.if_else(pc.equal(trimmed, ""), 0,
                        pc.list_value_length(pc.utf8_split_whitespace(trimmed)))
    counts = pc.fill_null(counts, 0)
    return pd.Series(counts.to_numpy(), index=text.index)


class ObservationRecords(StanceRules):
    """observations.csv: one row per piece of evidence of one actor's stance
    on one issue at one date, from one source."""

    observation_id: Series[str] = field(
        "Stable identifier: lower-case words joined by '-', ':', '.', '/'",
        unique=True, str_matches=OBSERVATION_ID)
    actor_id: Series[str] = actor_ref("Actor whose stance this is (see actors)")
    issue: Series[pd.CategoricalDtype] = category(ISSUES, "Issue")
    date: Series[pa.DateTime] = date(
        "Date of the act or statement (not of the article reporting it)")
    stance: Series[pd.CategoricalDtype] = category(
        STANCES, "Stance label on the issue's own scale; the categories are "
        "ordered by score, so compare labels within one issue")
    score: Series[pd.Int8Dtype] = field(
        "Score on the common scale, -2 (with Russia's position) to +2 "
        "(against it); follows from the stance", ge=-2, le=2)
    evidence_type: Series[pd.CategoricalDtype] = category(
        EVIDENCE_TYPES, "Kind of evidence, ordered weakest to strongest")
    confidence: Series[pd.CategoricalDtype] = category(
        CONFIDENCE, "Coder's confidence in the coding")
    source_id: Series[str] = field("Source cited (see sources)",
                                  str_matches=SOURCE_ID)
    locator: Series[str] = field(
        "Where in the source the evidence is (paragraph, article, page, row)")
    summary: Series[str] = field(
        "The coder's one-line summary, in the coder's own words",
        str_length={"min_value": 10, "max_value": SUMMARY_MAX})
    quote: Series[str] = field(
        f"A short quotation from the source (at most {MAX_QUOTE_WORDS} words), "
        "or empty", nullable=True)
    speaker_id: Series[str] = actor_ref(
        "Person who spoke or signed, where one did (see actors)", nullable=True)
    note: Series[str] = field(
        "Coder's note: judgement, corroboration, disagreement between sources",
        nullable=True)
    durable: Series[pd.BooleanDtype] = field(
        "true for evidence that stays in force until it is ended, expires or "
        "is contradicted: a legal act, a sanctions regime, a recognition, a "
        "military-aid or supply programme (empty in data/raw/ means false)",
        nullable=True)
    ends: Series[str] = field(
        "The durable observation this one ends (a suspension, a repeal, a "
        "withdrawal): same actor and issue, dated no later than this one",
        nullable=True, str_matches=OBSERVATION_ID)
    expires: Series[pa.DateTime] = date_field(
        "Day a durable observation expires on its own terms, if it does",
        nullable=True)

    class Config:
        strict = True
        coerce = True
        unique = ["actor_id", "issue", "date", "source_id", "locator"]

    @pa.dataframe_check(error=f"quote: longer than {MAX_QUOTE_WORDS} words")
    def quote_is_short(cls, df):
        return df.quote.isna() | (word_count(df.quote) <= MAX_QUOTE_WORDS)

    @pa.dataframe_check(error="expires: only durable evidence expires, and "
                        "after its date")
    def expiry_after_date(cls, df):
        return df.expires.isna() | (df.durable.fillna(False).astype(bool)
                                    & (df.expires > df.date))

    @pa.dataframe_check(error="ends: an observation cannot end itself")
    def not_ending_itself(cls, df):
        return df.ends.isna() | (df.ends != df.observation_id)

    @pa.dataframe_check(error="note: low confidence needs a note saying why")
    def low_confidence_explained(cls, df):
        return (df.confidence != "low") | df.note.notna()

    @pa.dataframe_check(error="source_id: an observation cannot cite itself")
    def not_its_own_source(cls, df):
        return df.source_id != df.observation_id

    @pa.dataframe_check(error="summary: must be the coder's own words, not "
                        "the quotation")
    def summary_not_quote(cls, df):
        return df.quote.isna() | (df.summary != df.quote)


class Observations(ObservationRecords):
    """The observations table: the records, the observations derived from
    roll calls, instruments and organisations' acts, and how each may weigh
    in the panel."""

    durable: Series[pd.BooleanDtype] = field(
        "true for evidence that stays in force until it is ended, expires or "
        "is contradicted: a legal act, a sanctions regime, a recognition, a "
        "military-aid or supply programme")
    bundled: Series[pd.BooleanDtype] = field(
        "true for a vote on a text that bundles this issue with other "
        "questions (see vote_mapping.specificity): it never displaces other "
        "evidence in the panel")
    derived_from: Series[str] = field(
        "For an organisation's act attributed to a member state: the "
        "organisation's observation (see memberships); empty otherwise",
        nullable=True, str_matches=OBSERVATION_ID)
