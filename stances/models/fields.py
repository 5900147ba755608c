"""Column definitions used by more than one table, made once."""

import pandas as pd
import pandera.pandas as pa

# A state is its ISO 3166-1 alpha-3 code (Kosovo: XKX); other actors are
# namespaced: entity:..., org:..., person:...
ACTOR_ID = r"^(?:[A-Z]{3}|(?:entity|org|person):[a-z0-9]+(?:-[a-z0-9]+)*)\Z"
SOURCE_ID = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*\Z"
OBSERVATION_ID = r"^[a-z0-9]+(?:[-_.:/][a-z0-9]+)*\Z"
ISO3 = r"^[A-Z]{3}\Z"
URL = r"^https?://[^\s]+\Z"


def category(values, description, nullable=False):
    """An ordered categorical column whose categories are `values`, in order."""
    return pa.Field(
        description=description,
        nullable=nullable,
        dtype_kwargs={"categories": list(values), "ordered": True},
    )


def field(description, nullable=False, **checks):
    """A column of any dtype (the annotation gives it), with its checks."""
    return pa.Field(description=description, nullable=nullable, **checks)


def actor_ref(description, nullable=False, unique=False):
    return pa.Field(description=description, nullable=nullable, unique=unique,
                    str_matches=ACTOR_ID)


def date(description, nullable=False):
    return pa.Field(description=description, nullable=nullable)


# Frictionless has a type per kind; a string column is everything else.
FRICTIONLESS = {"category": "string", "date": "date", "integer": "integer",
                "boolean": "boolean", "string": "string"}


def dtype_kind(dtype) -> str:
    """What a column holds: category, date, integer, boolean or string. The
    one dispatch on dtypes, for the raw checks, the error messages and the
    Frictionless types."""
    if isinstance(dtype, pd.CategoricalDtype) or str(dtype) == "category":
        return "category"
    name = str(dtype)
    if name.startswith(("datetime", "date")):
        return "date"
    if name.startswith(("Int", "int")):
        return "integer"
    if name in ("boolean", "bool"):
        return "boolean"
    return "string"
