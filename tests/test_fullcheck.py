"""The full rules run in parts on two cores report exactly what the whole
schema reports at once."""

import pandas as pd
import pandera.errors
import pytest

import stances
from stances.errors import StancesValidationError, from_schema_errors
from stances.fullcheck import validate_full
from stances.models import get_table


def whole_schema_failures(frame):
    schema = get_table("observations").model.to_schema()
    with pytest.raises(pandera.errors.SchemaErrors) as info:
        schema.validate(frame, lazy=True)
    position = {label: i + 1 for i, label in enumerate(frame.index)}
    return from_schema_errors(info.value, "obs", schema,
                              row_of=lambda i: position.get(i, i))


def split_failures(frame):
    with pytest.raises(StancesValidationError) as info:
        validate_full("observations", frame, "obs", "fix")
    return info.value.failures


@pytest.fixture(scope="module")
def broken():
    obs = stances.load("observations").head(400).copy()
    obs.loc[obs.index[3], "observation_id"] = "Not An Id"  # a column pattern
    obs.loc[obs.index[5], "quote"] = " ".join(["word"] * 30)  # a rule across cells
    obs.loc[obs.index[7], ["confidence", "note"]] = ["low", None]  # across columns
    return pd.concat([obs, obs.iloc[[10]]], ignore_index=True)  # a duplicate key and id


def test_column_checks_and_table_rules_report_as_one_schema(broken):
    failures = split_failures(broken)
    assert failures == whole_schema_failures(broken)
    rules = {f.rule for f in failures}
    assert any(r.startswith("duplicate combination of") for r in rules)
    assert {"low confidence needs a note saying why", "longer than 24 words"} <= rules


def test_a_cell_that_cannot_be_coerced_reports_as_one_schema(broken):
    bad = broken.astype({"date": "object"})
    bad.loc[bad.index[2], "date"] = "not a date"
    assert split_failures(bad) == whole_schema_failures(bad)


def test_a_valid_frame_comes_back_typed():
    obs = stances.load("observations")
    out = stances.validate("observations", obs.astype({"score": "int64"}))
    assert str(out.score.dtype) == "Int8" and len(out) == len(obs)
