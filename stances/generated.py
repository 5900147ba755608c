"""Everything generated from the models: the codebook as Markdown, the
published schema files and the citation file. (Not named `codebook`: that
is the public function, `stances.codebook()`.)"""

import json
from pathlib import Path

from .citation import citation_cff
from .reading import load
from .models import TABLES
from .models.actors import UN_MEMBERS
from .models.panel import RULES
from .models.export import catalog, frictionless_schema, pandera_yaml, table_spec
from .models.vocab import (ACT_STATUS, ACTOR_KINDS, BASIS, BODIES, CONFIDENCE,
                           EVIDENCE_TYPES, ISSUES, MEANINGS, MISSING_REASONS,
                           PARTICIPATION, SCALE, SOURCE_KINDS, SPECIFICITY,
                           UN_STATUS, VOTES)
from .atomic import write_text_atomic
from .variables import codebook

INTRO = """\
# Codebook

Generated from the pandera models in `stances/models/` by `stances schemas`;
do not edit by hand (a test fails when this file and the models disagree).

Every table is one Parquet file. Dates are calendar dates (Parquet DATE,
pandas `datetime64`). Categorical columns are ordered pandas categoricals.
An empty cell means missing: no evidence is not a neutral stance.
"""

SCALE_TEXT = """\
## The stance scale

One score on a common scale for all three issues: negative means with
Russia's position, positive against it. Each issue has its own labels; the
score follows from the label, and the build rejects a row where they differ.
"""


def _vocab(title: str, values: dict) -> list[str]:
    lines = [f"### {title}", "", "| value | meaning |", "|---|---|"]
    lines += [f"| `{k}` | {v} |" for k, v in values.items()]
    return lines + [""]


def _scale() -> list[str]:
    lines = [SCALE_TEXT, "| issue | score | stance | meaning |", "|---|---|---|---|"]
    for issue, labels in SCALE.items():
        for label, score in labels.items():
            shown = f"{score:+d}" if score else "0"
            lines.append(f"| {issue} | {shown} | `{label}` | "
                         f"{MEANINGS[(issue, label)]} |")
    return lines + [""]


def _table(name: str) -> list[str]:
    spec = table_spec(name)
    lines = [f"## `{name}`", "", spec["description"] + ".", "",
             f"Primary key: `{', '.join(spec['primary_key'])}`.", "",
             "| column | type | required | description |", "|---|---|---|---|"]
    for c in codebook(name).itertuples():
        dtype = c.dtype
        if dtype == "category":
            dtype = "ordered category: " + c.allowed_values.replace("; ", " < ")
        lines.append(f"| `{c.column}` | {dtype} | {'yes' if c.required else 'no'} "
                     f"| {c.description} |")
    if spec["table_rules"]:
        lines += ["", "Rules checked on the whole table:", ""]
        lines += [f"- {rule}" for rule in spec["table_rules"]]
    return lines + [""]


ROLLCALLS = """\
## Roll calls: from a recorded vote to a stance

`unga_votes` holds every state's recorded vote on each resolution listed in
`resolutions`: every UN member in the General Assembly, the 15 members of
the day in the Security Council, and the 47 members of the session in the
Human Rights Council (`body`). A draft may fail (`adopted` false, a veto,
say) and a member's vote is still evidence of its stance. The votes were read
from the UN's records (each resolution's `source_id` names the record); a
General Assembly member in none of the lists is `non_voting` (absent, or
without the right to vote).
**Non-voting is not an abstention** and yields no observation.

The build checks that, for every General Assembly resolution, each of the
{members} member states has exactly one vote, and for every roll call that
the votes per option equal the official tally in `resolutions` (which names
the UN text that gives it). Each vote was also compared with a second,
independent listing where one could be read; the `note` of each resolution
says which.

Each recorded vote becomes one observation (`evidence_type` `vote`,
`confidence` `high`) on every issue the resolution is mapped to, through the
table `vote_mapping`:
"""


def _rollcalls(directory=None) -> list[str]:
    mapping = load("vote_mapping", directory=directory)
    resolutions = load("resolutions", directory=directory).set_index("resolution_id")
    lines = [ROLLCALLS.format(members=UN_MEMBERS), "| resolution | title | issue | yes | abstain | no |",
             "|---|---|---|---|---|---|"]
    for (res, issue), rows in mapping.groupby(["resolution_id", "issue"],
                                              observed=True, sort=False):
        stance = rows.set_index(rows.vote.astype("str")).stance.astype("str")
        lines.append(f"| {res} | {resolutions.loc[res, 'title']} | {issue} | "
                     + " | ".join(f"`{stance[v]}`" for v in ("yes", "abstain", "no"))
                     + " |")
    lines += ["", "Why, resolution by resolution (the `rationale` column):", ""]
    lines += [f"- {r.resolution_id}, {r.issue}, {r.vote}: {r.rationale}"
              for r in mapping.itertuples() if r.vote == "yes"]
    lines += ["", "How each roll call was checked beyond the build's own checks:", ""]
    lines += [f"- {res}: {row.note}" for res, row in resolutions.iterrows()]
    return lines + [""]


INSTRUMENTS = """\
## Instruments: from taking part to a stance

Each multi-state instrument is coded once, with the list of its participants
read from one source (`instruments.confidence` says whether the list is
official); each way of taking part maps to a stance on each issue the text
bears on, with the reason. A `bundled` mapping (a consensus declaration on
many subjects) fills a gap in the panel but never displaces other evidence.
"""


def _instruments(directory=None) -> list[str]:
    inst = load("instruments", directory=directory).set_index("instrument_id")
    mapping = load("instrument_mapping", directory=directory)
    part = load("instrument_participants", directory=directory)
    counts = part.groupby("instrument_id").size()
    lines = [INSTRUMENTS, "| instrument | date | participants | confidence |",
             "|---|---|---|---|"]
    for iid, row in inst.sort_values("date", kind="stable").iterrows():  # ties keep file order
        lines.append(f"| {row.title} (`{iid}`) | {row.date.date()} | "
                     f"{counts.get(iid, 0)} | {row.confidence} |")
    lines += ["", "The mapping, instrument by instrument:", ""]
    lines += [f"- `{r.instrument_id}`, {r.participation}, {r.issue}: `{r.stance}` "
              f"({r.specificity}). {r.rationale}" for r in mapping.itertuples()]
    return lines + [""]


PANEL = """\
## How the panel is derived

`panel` has one row per state (UN members and observer states, Kosovo,
Taiwan), month (from 2022-02 to the build month) and issue. The stance in a
month is chosen from the observations dated up to the month's end, by these
rules, in this order:

{rules}

`observation_id`, `evidence_type` and `evidence_date` name the evidence the
stance rests on; `months_since` is its age; `basis` says which rule chose
it and `act_status` what became of the state's durable evidence;
`n_observations` counts the observations dated in the month itself. The
channel columns (`vote_score`, `statement_score`, `action_score`, each with
its `..._observation_id`) let a researcher build another index, or test
ours, without re-deriving the panel. `state_month` is the same panel with
one row per state and month and, per issue, the score, the stance, the
evidence date and its age in months.

### Worked examples

- **A military donor that also votes yes.** Germany's decision of 26
  February 2022 to send anti-tank weapons and Stinger missiles is durable
  (`opposes_actively`, +2). Its later votes for the General Assembly
  resolutions are +1: the same sign and weaker, so they do not replace it.
  The panel shows +2 (`basis` in_force) in every month, and the vote channel
  shows +1 beside it.
- **A supplier that abstains.** Iran's drone supply to Russia (coded from
  October 2022, -2, durable) is not displaced by its abstentions (0), which
  do not point the other way: the panel keeps -2. A vote in favour of
  condemning Russia (+1) would contradict it and replace it.
- **An explicit non-recognition against a bundled abstention.** Kazakhstan's
  president said beside Putin in June 2022 that Kazakhstan does not
  recognise the two entities (+1). In October 2022 it abstained on ES-11/4,
  which bundles the annexation of four regions with the demand for Russia's
  withdrawal; that vote is coded `bundled` on recognition, so it never
  displaces the statement. The panel keeps `rejects`.
- **A recognition that stays in force.** North Korea's recognition of July
  2022 is durable (-2); its vote against ES-11/4 (-1) is weaker and of the
  same sign. The panel shows `recognizes` from July 2022 on.
- **A contradiction.** The United States' military aid programme (+2,
  durable from February 2022) is contradicted in February 2025 by the
  President's statement blaming Ukraine and the vote against ES-11/7 (-1):
  the panel drops to -1 that month (`act_status` contradicted). The
  resumption of aid announced on 11 March 2025 is new durable evidence, and
  the panel returns to +2.
- **An end.** Slovakia's aid of February 2022 is ended by the Fico
  government's statement of 26 October 2023 that it would send no more
  weapons (`ends`): from that month the panel shows the latest evidence
  (`act_status` ended).

### Organisations' acts and instruments

An organisation's legal act (an EU sanctions regulation, say) is coded
once, on the organisation (`org:eu`). The build attributes it to each state
that was a member on the act's date (`memberships`), as an observation whose
`derived_from` names the organisation's. A multi-state instrument (a
communique, a register, a coalition) is coded once in `instruments`, with
each state's part in `instrument_participants` and the stance each way of
taking part shows in `instrument_mapping`; the build derives one observation
per state and issue.
"""


def codebook_markdown(directory=None) -> str:
    """The codebook; the roll-call section reads the tables in `directory`
    (default: the data the package serves)."""
    parts = [INTRO, *_scale(), *_rollcalls(directory), *_instruments(directory),
             PANEL.format(rules=RULES)]
    parts += ["## Vocabularies", ""]
    for title, values in [("issue", ISSUES), ("evidence_type (weakest first)",
                          EVIDENCE_TYPES), ("confidence", CONFIDENCE),
                          ("actor kind", ACTOR_KINDS), ("un_status", UN_STATUS),
                          ("source kind", SOURCE_KINDS), ("vote", VOTES),
                          ("missing_reason (panel)", MISSING_REASONS),
                          ("basis (panel)", BASIS), ("act_status (panel)", ACT_STATUS),
                          ("specificity (vote_mapping)", SPECIFICITY),
                          ("body (resolutions)", BODIES),
                          ("participation (instruments)", PARTICIPATION)]:
        parts += _vocab(title, values)
    for name in TABLES:
        parts += _table(name)
    return "\n".join(parts).rstrip() + "\n"


def generated_files(root=".") -> dict[Path, str]:
    """Every generated file with its expected content."""
    root = Path(root)
    files = {root / "docs" / "codebook.md": codebook_markdown()}
    for name in TABLES:
        files[root / "schemas" / f"{name}.tableschema.json"] = (
            json.dumps(frictionless_schema(name), indent=2, ensure_ascii=False) + "\n")
        files[root / "schemas" / f"{name}.pandera.yaml"] = pandera_yaml(name)
    files[root / "CITATION.cff"] = citation_cff()
    files[root / "stances" / "catalog.json"] = (
        json.dumps(catalog(), indent=1, ensure_ascii=False) + "\n")
    return files


def write_generated(root=".") -> list[Path]:
    written = []
    for path, text in generated_files(root).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, text)
        written.append(path)
    return written
