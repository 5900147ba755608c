"""The explorer's HTML, written from the tables. Every value is escaped;
every link to a source opens in a new tab without handing it this page."""

from html import escape

import pandas as pd

from ..models.panel import STALE_MONTHS
from ..models.vocab import ISSUE_ORDER, SCALE

# ColorBrewer PuOr, safe for the common colour blindnesses; neutral is grey,
# so that it never reads as "no evidence" (white, hatched).
COLOURS = {-2: "#b35806", -1: "#f1a340", 0: "#d9d9d9", 1: "#998ec3", 2: "#542788"}
VOTE_COLOURS = {"yes": "#542788", "no": "#b35806", "abstain": "#d9d9d9"}
SOURCE_LINK = 'target="_blank" rel="noopener noreferrer"'


def page(title: str, body: str, depth: int = 0, script: str = "") -> str:
    up = "../" * depth
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · stances</title>
<link rel="stylesheet" href="{up}style.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<nav aria-label="Site"><a href="{up}index.html">World map</a>
<a href="{up}votes.html">Roll calls</a>
<a href="{up}downloads.html">Downloads and citation</a>
<a href="{up}licences.html">Licences</a></nav>
<main id="main">
<h1>{escape(title)}</h1>
{body}
</main>
{script}
</body>
</html>
"""


def _legend(issue: str) -> str:
    items = "".join(
        f'<li><span class="swatch" style="background:{COLOURS[score]}"></span>'
        f"{escape(label)} ({score:+d})</li>" for label, score in SCALE[issue].items())
    return items


def index_page(states: pd.DataFrame, months: list[str]) -> str:
    radios = "".join(
        f'<label><input type="radio" name="issue" value="{i}"{" checked" if i == "war" else ""}> '
        f"{i}</label>" for i in ISSUE_ORDER)
    legends = "".join(f'<ul class="legend" data-issue="{i}" hidden>{_legend(i)}</ul>'
                      for i in ISSUE_ORDER)
    body = f"""
<p>Each state's stance in the chosen month, on the chosen issue, from the
evidence in force or most recent then (see the codebook). Hover over or
focus a state for its stance and the date of its evidence; select it for
its page.</p>
<form class="controls" onsubmit="return false">
<fieldset><legend>Issue</legend>{radios}</fieldset>
<label for="month">Month: <output id="month-label" aria-live="polite">{months[-1]}</output></label>
<input type="range" id="month" min="0" max="{len(months) - 1}" value="{len(months) - 1}"
 aria-describedby="month-label">
</form>
<figure>
<svg id="map" role="img" aria-labelledby="map-caption" viewBox="0 0 960 500"></svg>
<figcaption id="map-caption">World map of stances; the table below gives the
same in text.</figcaption>
</figure>
<div class="key">{legends}
<ul class="legend"><li><span class="swatch missing"></span>no evidence</li>
<li><span class="swatch stale"></span>evidence older than {STALE_MONTHS} months and not in force (faded)</li></ul></div>
<details><summary>This month's stances as a table</summary>
<table id="month-table"><thead><tr><th scope="col">State</th><th scope="col">Stance</th>
<th scope="col">Evidence from</th></tr></thead><tbody></tbody></table></details>
"""
    scripts = ('<script src="data.js"></script><script src="vendor/d3.min.js"></script>'
               '<script src="vendor/topojson-client.min.js"></script>'
               '<script src="vendor/countries-50m.js"></script>'
               '<script src="app.js"></script>'
               '<script>stancesMap({mode: "stances"});</script>')
    return page("How the world's states lined up over Russia's war on Ukraine", body,
                script=scripts)


def is_stale(basis, months_since) -> bool:
    """Evidence older than STALE_MONTHS, unless it is in force (a law in
    force is current however old it is)."""
    return basis != "in_force" and pd.notna(months_since) and months_since > STALE_MONTHS


def _chart(panel: pd.DataFrame) -> str:
    """Three step lines, one per issue, as an inline SVG with a text summary."""
    months = sorted(panel.month.unique())
    width, row, left = 720, 60, 120
    step = (width - left - 10) / max(len(months) - 1, 1)
    x = {m: left + i * step for i, m in enumerate(months)}
    parts, summary = [], []
    for k, issue in enumerate(ISSUE_ORDER):
        top = 10 + k * (row + 20)
        y = lambda s: top + (2 - s) * row / 4  # noqa: E731 (score -> y)
        rows = panel[panel.issue == issue].sort_values("month")
        parts.append(f'<text x="0" y="{top + row / 2 + 4}">{issue}</text>'
                     f'<rect x="{left}" y="{top - 4}" width="{width - left - 10}" '
                     f'height="{row + 8}" class="band"/>'
                     f'<text x="{left - 8}" y="{y(2) + 4}" class="tick">+2</text>'
                     f'<text x="{left - 8}" y="{y(-2) + 4}" class="tick">-2</text>'
                     f'<line x1="{left}" x2="{width - 10}" y1="{y(0)}" y2="{y(0)}" class="zero"/>')
        for r in rows.itertuples():
            if pd.isna(r.score):
                continue
            stale = is_stale(r.basis, r.months_since)
            fade = ' opacity="0.45"' if stale else ""
            parts.append(f'<rect x="{x[r.month]:.1f}" y="{y(float(r.score)) - 3:.1f}" width="{step:.1f}" '
                         f'height="6" fill="{COLOURS[int(r.score)]}"{fade}/>')
        last = rows.dropna(subset=["score"]).tail(1)
        summary.append(f"{issue}: " + (f"{last.stance.iloc[0]} ({int(last.score.iloc[0]):+d}) "
                                       f"in {last.month.iloc[0]:%Y-%m}" if len(last) else "no evidence"))
    height = 10 + len(ISSUE_ORDER) * (row + 20)
    parts += [f'<text x="{x[m]:.1f}" y="{height + 12}" class="year">{m:%Y}</text>'
              for m in months if m.month == 1 or m == months[0]]
    height += 20
    label = "Stances over time. Latest: " + "; ".join(summary)
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{escape(label)}">{"".join(parts)}</svg>'
            f'<p class="sr">{escape(label)}</p>')


def _source(row, links: dict, votes: dict, depth: int = 1) -> str:
    if row.evidence_type == "vote":
        parts = str(row.observation_id).split(":")  # derived: unga:es-11-1:kaz:war
        slug = parts[1] if len(parts) > 2 else None
        if slug in votes.values():
            return f'<a href="{"../" * depth}votes/{slug}.html">roll call</a>'
    url = links.get(row.source_id)
    if not url:
        return escape(str(row.source_id))
    return f'<a href="{escape(url)}" {SOURCE_LINK}>{escape(str(row.source_id))}</a>'


def state_page(state, panel: pd.DataFrame, trail: pd.DataFrame, links: dict,
               votes: dict) -> str:
    rows = "".join(
        f"<tr><td>{r.date:%Y-%m-%d}</td><td>{escape(str(r.issue))}</td>"
        f"<td>{escape(str(r.stance))} ({int(r.score):+d})</td>"
        f"<td>{escape(str(r.evidence_type))}</td><td>{escape(str(r.confidence))}</td>"
        f"<td>{escape(str(r.summary))}</td><td>{_source(r, links, votes)}</td></tr>"
        for r in trail.itertuples())
    body = f"""
{_chart(panel)}
<h2>Evidence ({len(trail)} observations, newest first)</h2>
<table class="trail"><thead><tr><th scope="col">Date</th><th scope="col">Issue</th>
<th scope="col">Stance</th><th scope="col">Evidence type</th><th scope="col">Confidence</th>
<th scope="col">Our summary</th><th scope="col">Source</th></tr></thead>
<tbody>{rows}</tbody></table>
"""
    return page(str(state.name), body, depth=1)


def vote_page(res, ballots: pd.DataFrame, states: pd.DataFrame, links: dict) -> str:
    names = dict(zip(states.actor_id, states.name))
    tally = (f"<table><tbody><tr><th scope='row'>Yes</th><td>{res.yes}</td></tr>"
             f"<tr><th scope='row'>No</th><td>{res.no}</td></tr>"
             f"<tr><th scope='row'>Abstain</th><td>{res.abstain}</td></tr>"
             f"<tr><th scope='row'>Not voting</th><td>{res.non_voting}</td></tr></tbody></table>")
    lists = "".join(
        f"<h3>{vote.replace('_', ' ').capitalize()} ({len(group)})</h3><p>"
        + ", ".join(escape(names.get(a, a)) for a in sorted(group.actor_id, key=lambda a: names.get(a, a)))
        + "</p>" for vote, group in ballots.groupby("vote", observed=True))
    url = links.get(res.source_id)
    source = (f'<a href="{escape(url)}" {SOURCE_LINK}>{escape(res.source_id)}</a>'
              if url else escape(str(res.source_id)))
    votes = {a: str(v) for a, v in zip(ballots.actor_id, ballots.vote)}
    body = f"""
<p>{escape(res.symbol)}, {res.date:%d %B %Y}. Record read from {source}.</p>
{tally}
<figure><svg id="map" role="img" aria-labelledby="map-caption" viewBox="0 0 960 500"></svg>
<figcaption id="map-caption">How each member voted; the lists below give the same in text.</figcaption></figure>
<ul class="legend">{"".join(f'<li><span class="swatch" style="background:{c}"></span>{v}</li>' for v, c in VOTE_COLOURS.items())}
<li><span class="swatch missing"></span>not voting</li></ul>
{lists}
"""
    script = ('<script src="../data.js"></script><script src="../vendor/d3.min.js"></script>'
              '<script src="../vendor/topojson-client.min.js"></script>'
              '<script src="../vendor/countries-50m.js"></script><script src="../app.js"></script>'
              f"<script>stancesMap({{mode: 'votes', votes: {_json(votes)}, "
              f"colours: {_json(VOTE_COLOURS)}, depth: 1}});</script>")
    return page(str(res.title), body, depth=1, script=script)


def votes_index_page(resolutions: pd.DataFrame, slugs: dict) -> str:
    rows = "".join(
        f'<tr><td>{r.date:%Y-%m-%d}</td><td><a href="votes/{slugs[r.resolution_id]}.html">'
        f"{escape(r.symbol)}</a></td><td>{escape(r.title)}</td>"
        f"<td>{r.yes}-{r.no}-{r.abstain}</td></tr>"
        for r in resolutions.sort_values("date").itertuples())
    body = f"""
<p>The recorded votes of the General Assembly and the Security Council that the
dataset codes; each page maps every member's vote.</p>
<table><thead><tr><th scope="col">Date</th><th scope="col">Symbol</th>
<th scope="col">Title</th><th scope="col">Yes-no-abstain</th></tr></thead>
<tbody>{rows}</tbody></table>
"""
    return page("Roll calls", body)


def _json(value) -> str:
    import json
    return json.dumps(value).replace("</", "<\\/")


def downloads_page(files: list[dict], bibtex: str, apa: str) -> str:
    rows = "".join(
        f'<tr><td>{escape(f["table"])}</td><td><a href="{escape(f["path"])}" download>'
        f'{escape(f["path"].split("/")[-1])}</a></td><td>{f["bytes"]:,}</td>'
        f'<td><code>{f["sha256"]}</code></td></tr>' for f in files)
    body = f"""
<h2>Tables</h2>
<table><thead><tr><th scope="col">Table</th><th scope="col">File</th>
<th scope="col">Bytes</th><th scope="col">SHA-256</th></tr></thead><tbody>{rows}</tbody></table>
<p>CSV text cells that a spreadsheet would run as a formula begin with an apostrophe.</p>
<h2>How to cite</h2>
<h3>BibTeX</h3><pre id="bibtex">{escape(bibtex)}</pre>
<button type="button" data-copy="bibtex">Copy BibTeX</button>
<h3>APA</h3><pre id="apa">{escape(apa)}</pre>
<button type="button" data-copy="apa">Copy APA</button>
<p id="copied" aria-live="polite"></p>
"""
    script = """<script>
document.querySelectorAll("button[data-copy]").forEach(function (b) {
  b.addEventListener("click", function () {
    var text = document.getElementById(b.dataset.copy).textContent;
    var done = function () { document.getElementById("copied").textContent = "Copied."; };
    if (navigator.clipboard) { navigator.clipboard.writeText(text).then(done, done); }
  });
});
</script>"""
    return page("Downloads and citation", body, script=script)


def licences_page(shipped: list[dict]) -> str:
    rows = "".join(
        f"<tr><td>{escape(p['name'])}</td><td>{escape(p['version'])}</td>"
        f"<td>{escape(p['licence'])} (<a href=\"vendor/LICENSE-{escape(p['name'])}.txt\">text</a>)</td>"
        f"<td>{escape(', '.join(p['files']))}</td><td><code>{p['sha256']}</code></td></tr>"
        for p in shipped)
    body = f"""
<p>The data: CC BY 4.0. The code: MIT. The site ships these packages,
taken from the npm registry at build time and checked against the SHA-256
of each tarball:</p>
<table><thead><tr><th scope="col">Package</th><th scope="col">Version</th>
<th scope="col">Licence</th><th scope="col">Files</th><th scope="col">Tarball SHA-256</th></tr></thead>
<tbody>{rows}</tbody></table>
"""
    return page("Licences", body)
