"""How much of the world the evidence covers, per issue."""

import pandas as pd

from .models.actors import un_members


def coverage(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per issue, how many states have sourced evidence: any, and beyond votes."""
    actors, obs = tables["actors"], tables["observations"]
    states = set(actors.loc[actors.kind == "state", "actor_id"])
    obs = obs[obs.actor_id.isin(states)]
    rows = []
    for issue in obs.issue.cat.categories:
        mine = obs[obs.issue == issue]
        rows.append((issue, mine.actor_id.nunique(),
                     mine.loc[mine.evidence_type != "vote", "actor_id"].nunique()))
    return pd.DataFrame(rows, columns=["issue", "states_with_evidence",
                                       "states_with_evidence_beyond_votes"])


# The research targets count evidence since these days (issues 16 and 19).
SINCE = ("2024-01-01", "2025-01-01")


def members_beyond_votes(tables: dict[str, pd.DataFrame], issue: str,
                         since: str | None = None) -> int:
    """UN member states with evidence on `issue` beyond their votes (dated
    on or after `since`, if given)."""
    obs = tables["observations"]
    mine = obs[(obs.issue == issue) & (obs.evidence_type != "vote")
               & obs.actor_id.isin(un_members(tables["actors"]))]
    if since is not None:
        mine = mine[mine.date >= pd.Timestamp(since)]
    return mine.actor_id.nunique()


def coverage_by_year(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per year and issue, how many UN member states have evidence dated in
    that year: any (votes included), and beyond votes."""
    obs = tables["observations"]
    obs = obs[obs.actor_id.isin(un_members(tables["actors"])) & (obs.date.dt.year >= 2022)]
    obs = obs.assign(year=obs.date.dt.year, beyond=obs.evidence_type != "vote")
    any_ = obs.groupby(["year", "issue"], observed=True).actor_id.nunique()
    beyond = obs[obs.beyond].groupby(["year", "issue"], observed=True).actor_id.nunique()
    out = pd.DataFrame({"members_with_evidence": any_,
                        "members_beyond_votes": beyond}).fillna(0).astype(int)
    return out.reset_index()


def latest_month(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per issue, at the panel's last month: UN member states with a stance,
    and the median age of the evidence it rests on, in months."""
    panel = tables["panel"]
    last = panel[(panel.month == panel.month.max())
                 & panel.actor_id.isin(un_members(tables["actors"]))]
    grouped = last.groupby("issue", observed=True)
    return pd.DataFrame({
        "members_with_stance": grouped.stance.count(),
        "median_months_since": grouped.months_since.median(),
    }).reset_index()


def coverage_by_year_markdown(tables: dict[str, pd.DataFrame]) -> str:
    """The per-year table and the last month's figures, as the README shows
    them: UN member states with evidence dated in each year (any / beyond
    votes), then, at the panel's last month, members with a stance and the
    median age of their evidence."""
    years = coverage_by_year(tables)
    issues = list(tables["observations"].issue.cat.categories)
    lines = ["| year | " + " | ".join(issues) + " |",
             "|---|" + "---|" * len(issues)]
    for year, rows in years.groupby("year"):
        cells = rows.set_index("issue")
        lines.append(f"| {year} | " + " | ".join(
            f"{cells.members_with_evidence.get(i, 0)} / {cells.members_beyond_votes.get(i, 0)}"
            for i in issues) + " |")
    last = latest_month(tables).set_index("issue")
    month = tables["panel"].month.max().strftime("%Y-%m")
    lines += ["", f"| at {month} | " + " | ".join(issues) + " |",
              "|---|" + "---|" * len(issues),
              "| members with a stance | " + " | ".join(
                  str(int(last.members_with_stance.get(i, 0))) for i in issues) + " |",
              "| median evidence age (months) | " + " | ".join(
                  f"{last.median_months_since.get(i, float('nan')):g}" for i in issues) + " |"]
    for since in SINCE:
        lines.append(f"| members with evidence beyond votes dated {since[:4]} or later | "
                     + " | ".join(str(members_beyond_votes(tables, i, since))
                                  for i in issues) + " |")
    return "\n".join(lines) + "\n"


def build_summary(tables: dict[str, pd.DataFrame]) -> str:
    """What `stances build` prints: rows per table, observations by issue and
    stance, coverage of states, and the per-year table."""
    lines = ["Built tables (rows):"]
    lines += [f"  {name:<14}{len(frame):>7}" for name, frame in tables.items()]
    obs = tables["observations"]
    counts = obs.groupby(["issue", "stance"], observed=True).size()
    lines.append("Observations by issue and stance:")
    lines += [f"  {issue:<12}{stance:<18}{n:>6}"
              for (issue, stance), n in counts.items()]
    n_states = int((tables["actors"].kind == "state").sum())
    lines.append(f"Coverage: states (of {n_states}) with sourced evidence, "
                 "any / beyond UN votes:")
    lines += [f"  {r.issue:<12}{r.states_with_evidence:>5} /{r.states_with_evidence_beyond_votes:>4}"
              for r in coverage(tables).itertuples()]
    lines.append("UN members with evidence dated in each year (any / beyond votes):")
    lines += ["  " + line for line in coverage_by_year_markdown(tables).splitlines()]
    return "\n".join(lines)
