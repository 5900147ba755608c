"""How to cite the dataset: BibTeX, APA and CITATION.cff from one place."""

import json

from ._version import RELEASE_DATE, __version__
from .errors import InvalidInput

TITLE = "stances: how the world's states lined up over Russia's war on Ukraine"
AUTHOR = "stances contributors"
LICENSE = "CC-BY-4.0"
ABSTRACT = ("A validated, sourced dataset coding each state's stance on Russia's "
            "war on Ukraine, on the recognition of the Donetsk and Luhansk "
            "'People's Republics', and on the sanctions against Russia, with every "
            "member state's recorded votes in the UN General Assembly.")


KEYWORDS = ["Russia", "Ukraine", "sanctions", "recognition", "United Nations",
            "General Assembly"]


def citation_fields(version: str | None = None, date: str | None = None) -> dict:
    """The citation of a version as Citation File Format (1.2.0) fields: the
    one record that CITATION.cff, BibTeX and APA are all written from."""
    return {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite it as below, with the "
                   "version you used.",
        "title": TITLE,
        "type": "dataset",
        "authors": [{"name": AUTHOR}],
        "abstract": ABSTRACT,
        "version": version or __version__,
        "date-released": date or RELEASE_DATE,
        "license": LICENSE,
        "keywords": KEYWORDS,
    }


def cite(version: str | None = None, format: str = "bibtex",
         date: str | None = None) -> str:
    """The citation of a version (default: the installed one), as BibTeX or
    APA; a version that exists nowhere is refused, never made up."""
    version = version or __version__
    dates = _known_versions()
    if version not in dates:
        raise InvalidInput(f"unknown version {version!r}: the versions are "
                         f"{', '.join(sorted(dates))} (see stances.versions())")
    fields = citation_fields(version, date or dates[version])
    if format not in RENDER:
        raise InvalidInput(f"unknown citation format {format!r}; use 'bibtex' or 'apa'")
    return RENDER[format](fields)


def _bibtex(cff: dict) -> str:
    version, year = cff["version"], cff["date-released"][:4]
    authors = " and ".join("{" + a["name"] + "}" for a in cff["authors"])
    return (f"@misc{{stances_{version.replace('.', '_')},\n"
            f"  title = {{{{{cff['title']}}}}},\n"
            f"  author = {{{authors}}},\n"
            f"  year = {{{year}}},\n"
            f"  version = {{{version}}},\n"
            f"  note = {{Data set, version {version}}},\n"
            f"}}\n")


def _apa(cff: dict) -> str:
    authors = ", ".join(a["name"] for a in cff["authors"])
    return (f"{authors} ({cff['date-released'][:4]}). {cff['title']} "
            f"(Version {cff['version']}) [Data set].\n")


RENDER = {"bibtex": _bibtex, "apa": _apa}


def _known_versions() -> dict:
    """Every version that exists, with its date: installed, registered as
    released, or in the download cache."""
    from . import trust  # signatures and downloads, only when a citation is asked for
    from .fetch import cached_versions
    dates = {__version__: RELEASE_DATE}
    dates.update({r["version"]: r.get("date") for r in trust.known_releases()})
    for v in cached_versions():
        dates.setdefault(v, None)
    return dates


def citation_cff(version: str | None = None, date: str | None = None) -> str:
    """CITATION.cff for a version: the fields of citation_fields() as YAML
    (strings JSON-quoted, which YAML reads as they are)."""
    return "".join(_yaml(key, value) for key, value in
                   citation_fields(version, date).items())


def _yaml(key: str, value) -> str:
    if isinstance(value, list):
        items = "".join(
            "  - " + "\n    ".join(f"{k}: {json.dumps(v)}" for k, v in item.items()) + "\n"
            if isinstance(item, dict) else f"  - {json.dumps(item)}\n"
            for item in value)
        return f"{key}:\n{items}"
    return f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
