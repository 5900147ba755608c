"""How to cite the dataset: BibTeX, APA and CITATION.cff from one place."""

from ._version import RELEASE_DATE, __version__
from .errors import InvalidInput
from .fetch import cached_versions
from . import trust

TITLE = "stances: how the world's states lined up over Russia's war on Ukraine"
AUTHOR = "stances contributors"
LICENSE = "CC-BY-4.0"
ABSTRACT = ("A validated, sourced dataset coding each state's stance on Russia's "
            "war on Ukraine, on the recognition of the Donetsk and Luhansk "
            "'People's Republics', and on the sanctions against Russia, with every "
            "member state's recorded votes in the UN General Assembly.")


def cite(version: str | None = None, format: str = "bibtex",
         date: str | None = None) -> str:
    """The citation of a version (default: the installed one), as BibTeX or
    APA; a version that exists nowhere is refused, never made up."""
    version = version or __version__
    dates = _known_versions()
    if version not in dates:
        raise InvalidInput(f"unknown version {version!r}: the versions are "
                         f"{', '.join(sorted(dates))} (see stances.versions())")
    year = (date or dates[version] or RELEASE_DATE)[:4]
    if format == "bibtex":
        key = "stances_" + version.replace(".", "_")
        return (f"@misc{{{key},\n"
                f"  title = {{{{{TITLE}}}}},\n"
                f"  author = {{{{{AUTHOR}}}}},\n"
                f"  year = {{{year}}},\n"
                f"  version = {{{version}}},\n"
                f"  note = {{Data set, version {version}}},\n"
                f"}}\n")
    if format == "apa":
        return f"{AUTHOR} ({year}). {TITLE} (Version {version}) [Data set].\n"
    raise InvalidInput(f"unknown citation format {format!r}; use 'bibtex' or 'apa'")


def _known_versions() -> dict:
    """Every version that exists, with its date: installed, registered as
    released, or in the download cache."""
    dates = {__version__: RELEASE_DATE}
    dates.update({r["version"]: r.get("date") for r in trust.known_releases()})
    for v in cached_versions():
        dates.setdefault(v, None)
    return dates


def citation_cff(version: str | None = None, date: str | None = None) -> str:
    """CITATION.cff (CFF 1.2.0) for a version."""
    return (
        "cff-version: 1.2.0\n"
        "message: \"If you use this dataset, please cite it as below, with the "
        "version you used.\"\n"
        f"title: \"{TITLE}\"\n"
        "type: dataset\n"
        "authors:\n"
        f"  - name: \"{AUTHOR}\"\n"
        f"abstract: \"{ABSTRACT}\"\n"
        f"version: \"{version or __version__}\"\n"
        f"date-released: \"{date or RELEASE_DATE}\"\n"
        f"license: {LICENSE}\n"
        "keywords:\n"
        "  - Russia\n  - Ukraine\n  - sanctions\n  - recognition\n"
        "  - United Nations\n  - General Assembly\n"
    )
