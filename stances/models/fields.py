"""Column definitions used by more than one table, made once."""

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
