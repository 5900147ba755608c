"""A versioned release bundle: Parquet and CSV per table, manifest.json with
checksums, a Frictionless datapackage.json, CITATION.cff and the codebook."""

import datetime as dt
import hashlib
import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from ._version import check_version
from .citation import LICENSE, TITLE, citation_cff
from .compare import diff, summary
from .errors import InvalidInput
from .generated import codebook_markdown
from .arrow import to_arrow
from .atomic import output_lock, staged, write_text_atomic
from .models import TABLES, get_table
from .models.export import fingerprint, frictionless_schema
from .reading import load
from .registry import manifest_rows
from .trust import INDEX, SIGNATURE, check_signing_key, sign, verify_index

HASHES = ("sha256 is of each file's bytes. content_sha256 is of the table's "
          "CSV export: it stays the same when only the Parquet writer's "
          "version changes, so compare it to tell whether the data changed.")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# A cell that begins with one of these runs as a formula when the CSV is
# opened in Excel or LibreOffice (CSV injection). The export neutralises it
# the way OWASP recommends, with a leading apostrophe, which spreadsheets
# show as text; a plain number such as -2 is left as it is.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = r"[+-]?\d+(?:\.\d+)?"


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell that a spreadsheet would run as a
    formula prefixed with an apostrophe."""
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if isinstance(column.dtype, pd.CategoricalDtype) or not (
                pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)):
            continue
        text = column.astype("str")
        risky = (column.notna() & text.str.startswith(FORMULA_START)
                 & ~text.str.fullmatch(PLAIN_NUMBER))
        if risky.any():
            out[name] = column.where(~risky, "'" + text)
    return out


def _csv(frame, path: Path) -> None:
    spreadsheet_safe(frame).to_csv(path, index=False, date_format="%Y-%m-%d",
                                   lineterminator="\n")


def make_release(version: str, out_dir=None, processed="data/processed",
                 today=None, previous=None) -> Path:
    """Write the release of `version` from the processed tables; all or
    nothing. With `previous` (a version or a directory), the bundle also holds
    the row-level diff against it (diff.csv) and the data changelog
    (changes.md)."""
    check_version(version)
    out = Path(out_dir or Path("dist") / f"v{version}")
    date = (today or dt.date.today()).isoformat()
    with output_lock(out):  # one writer per release folder, as for builds
        _write_release(version, out, processed, date, previous)
    return out


def _write_release(version, out: Path, processed, date: str, previous) -> None:
    """Stage the bundle beside `out`, then swap it in whole."""
    with staged(out) as staging:
        files = _tables(version, processed, staging)
        extras = {"CITATION.cff": citation_cff(version, date),
                  "codebook.md": codebook_markdown(processed)}
        if previous is not None:
            changes = diff(previous, processed)
            _csv(changes, staging / "diff.csv")
            files.append(_entry(staging / "diff.csv"))
            extras["changes.md"] = changelog_section(version, date, previous, changes)
        for name, text in extras.items():
            (staging / name).write_text(text, encoding="utf-8")
            files.append(_entry(staging / name))
        _write_json(staging / "datapackage.json", _datapackage(version, date, files))
        files.append(_entry(staging / "datapackage.json"))
        _write_json(staging / "manifest.json", {
            "name": "stances", "version": version, "build_date": date,
            "hashes": HASHES, "files": files})


def _entry(path: Path, **more) -> dict:
    """A file's manifest entry: name, SHA-256, bytes (and any more fields)."""
    return {"name": path.name, "sha256": _sha256(path), "bytes": path.stat().st_size,
            **more}


def _tables(version, processed, staging) -> list[dict]:
    files = []
    for name in TABLES:
        frame = load(name, directory=processed)
        parquet, csv = staging / f"{name}.parquet", staging / f"{name}.csv"
        pq.write_table(to_arrow(name, frame, version), parquet, compression="zstd")
        _csv(frame, csv)
        common = {"table": name, "rows": len(frame),
                  "schema_fingerprint": fingerprint(name),
                  "content_sha256": _sha256(csv)}
        files.append(_entry(parquet, format="parquet", **common))
        files.append(_entry(csv, format="csv", **common))
    return files


DATA_PACKAGE_V2 = "https://datapackage.org/profiles/2.0/datapackage.json"
MEDIA_TYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}


def _datapackage(version, date, files) -> dict:
    """The release's Data Package (v2) descriptor. Each table's CSV is a
    tabular resource with its Table Schema; the Parquet copy holds the same
    rows and carries its types itself."""
    resources = []
    for f in files:
        if "table" not in f:
            continue
        resource = {"name": f"{f['table']}-{f['format']}", "path": f["name"],
                    "format": f["format"], "mediatype": MEDIA_TYPES[f["format"]],
                    "description": get_table(f["table"]).description,
                    "hash": f"sha256:{f['sha256']}", "bytes": f["bytes"]}
        if f["format"] == "csv":
            resource.update({"type": "table", "encoding": "utf-8",
                             "schema": frictionless_schema(f["table"])})
        else:  # read as a file (hash, size), not parsed as a table
            resource["type"] = "file"
        resources.append(resource)
    return {"$schema": DATA_PACKAGE_V2, "name": "stances", "title": TITLE,
            "version": version, "created": f"{date}T00:00:00Z",
            "licenses": [{"name": LICENSE,
                          "path": "https://creativecommons.org/licenses/by/4.0/"}],
            "resources": resources}


def _write_json(path: Path, data: dict) -> None:
    write_text_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def changelog_section(version, date, previous, changes) -> str:
    """The generated data section of a release's changelog: counts per table
    and issue, and every changed coding of the hand-coded tables."""
    lines = [f"## {version} ({date}): data changes since {previous}", ""]
    if not len(changes):
        return "\n".join(lines + ["No rows changed.", ""])
    counts = summary(changes)
    lines += ["| table | issue | added | removed | changed |", "|---|---|---|---|---|"]
    lines += [f"| {r.table} | {r.issue} | {r.added} | {r.removed} | {r.changed} |"
              for r in counts.itertuples()]
    coded = changes[changes.table.map(lambda t: TABLES[t].from_raw)]
    lines += ["", "Every changed coding:", ""]
    for r in coded.itertuples():
        what = (f"`{r.column}`: {r.old!s} -> {r.new!s}" if r.change == "changed"
                else r.change)
        lines.append(f"- {r.table} `{r.key}`: {what}")
    return "\n".join(lines) + "\n"


def register(release_dir: Path, registry: Path) -> dict:
    """Add a release to the package's registry (stances/releases.json), so
    that later downloads verify its manifest too."""
    manifest = json.loads((release_dir / "manifest.json").read_text(encoding="utf-8"))
    entry = {"version": manifest["version"], "date": manifest["build_date"],
             "manifest_sha256": _sha256(release_dir / "manifest.json"),
             "rows": manifest_rows(manifest)}
    known = [e for e in json.loads(registry.read_text(encoding="utf-8"))
             if e["version"] != entry["version"]]
    _write_json(registry, sorted(known + [entry], key=lambda e: e["version"]))
    return entry


def publish(version: str, out_dir=None, processed="data/processed", today=None,
            previous=None, *, changelog=None, registry=None, sign_key=None) -> list[str]:
    """A release and its publishing steps, as `stances release` runs them:
    the bundle; its data changes added to `changelog`; the release recorded
    in `registry` (stances/releases.json); the registry signed as the release
    index with `sign_key`. A key the package does not ship is refused before
    anything is written. Returns one line per step done."""
    if sign_key:
        if not registry:
            raise InvalidInput("a signing key signs the registry: give the registry too")
        check_signing_key(Path(sign_key).read_bytes())
    out = make_release(version, out_dir, processed, today, previous)
    done = [f"Wrote release {version} to {out}"]
    if changelog and (out / "changes.md").is_file():
        update_changelog(Path(changelog), (out / "changes.md").read_text(encoding="utf-8"))
        done.append(f"Added its data changes to {changelog}")
    if registry:
        register(out, Path(registry))
        done.append(f"Registered {version} in {registry}")
    if sign_key:
        index = write_signed_index(Path(registry), Path(sign_key), out.parent)
        done.append(f"Signed the release index: {index} (publish it with its .sig)")
    return done


def write_signed_index(registry: Path, key_file: Path, site: Path) -> Path:
    """Publish the registry as the signed release index: `site`/index/
    releases.json and its Ed25519 signature, made with the private key in
    `key_file`. Users whose package predates a release verify its manifest
    through this index (see stances.trust); the signature is checked against
    the shipped keys before anything is written."""
    data = Path(registry).read_bytes()
    signature = sign(data, Path(key_file).read_bytes())
    verify_index(data, signature, str(registry))  # signed by a key we ship?
    (Path(site) / INDEX).parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(Path(site) / INDEX, data)
    write_text_atomic(Path(site) / SIGNATURE, signature)
    return Path(site) / INDEX


def update_changelog(path: Path, section: str) -> None:
    """Put a release's generated section at the top of CHANGELOG.md, under
    its title, above the earlier releases and the human notes."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Changelog\n\n"
    head, _, rest = text.partition("\n\n")
    write_text_atomic(path, f"{head}\n\n{section}\n{rest}")
