"""The command line: a thin layer over the package. Exit codes: 0 success,
1 invalid data (every problem listed), 2 usage error."""

import argparse
import datetime as dt
import sys

from ._version import RELEASE_DATE, __version__
from .errors import StancesError, StancesValidationError


def _build(args) -> int:
    from .pipeline import build
    tables = build(args.raw, args.out, as_of=args.as_of)
    from .coverage import build_summary
    print(build_summary(tables))
    print(f"Wrote {len(tables)} Parquet files to {args.out}")
    return 0


def _validate(args) -> int:
    from .pipeline import validate_raw
    typed = validate_raw(args.raw)
    print(f"{args.raw}: valid ({', '.join(f'{n} {len(f)} rows' for n, f in typed.items())})")
    return 0


def _import_votes(args) -> int:
    import csv
    from pathlib import Path

    from .models.actors import un_members
    from .pipeline import validate_raw
    from .pipeline.unextract import find_record, votes_from_record
    typed = validate_raw(args.raw)
    members = un_members(typed["actors"])
    lines = Path(args.extract).read_text(encoding="utf-8").splitlines()
    record = find_record(lines, args.symbol)
    votes = votes_from_record(record, args.id, typed["un_names"], members)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerows(votes.itertuples(index=False))
    return 0


def _schemas(args) -> int:
    from .generated import write_generated
    for path in write_generated(args.root):
        print(f"wrote {path}")
    return 0


def _release(args) -> int:
    from .release import publish
    for line in publish(args.version, args.out, args.processed, args.as_of,
                        args.previous, changelog=args.changelog,
                        registry=args.register, sign_key=args.sign_key):
        print(line)
    return 0


def _site(args) -> int:
    from .site import build_site
    out = build_site(args.out, args.source)
    print(f"Wrote the explorer to {out}; open {out / 'index.html'} in a browser")
    return 0


def _keygen(args) -> int:
    import os

    from .trust import generate_key
    pem, public = generate_key()
    fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    print(f"Wrote the private key to {args.out} (keep it secret, out of the "
          "repository). Add this line to stances/release_keys.txt:")
    print(public)
    return 0


def _download(args) -> int:
    from .fetch import download
    paths = download(args.version)
    print(f"Release {args.version}: {len(paths)} files verified in {paths[0].parent}")
    return 0


def _cite(args) -> int:
    from .citation import cite
    print(cite(args.version, args.format), end="")
    return 0


def _versions(args) -> int:
    from .registry import versions
    print(versions().to_string(index=False))
    return 0


def _diff(args) -> int:
    from .compare import diff, summary
    changes = diff(args.a, args.b, args.table)
    print(f"Changes from {args.a} to {args.b}:")
    print(summary(changes).to_string(index=False) if len(changes) else "  none")
    if args.table:
        print(changes.drop(columns="table").to_string(index=False))
    return 0


def _date(text):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="stances", description=__doc__)
    parser.add_argument("--version", action="version",
                        version=f"stances {__version__} (package and data; data "
                        f"released {RELEASE_DATE})")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="build data/processed/ from data/raw/")
    p.add_argument("--raw", default="data/raw", help="raw data directory")
    p.add_argument("--out", default="data/processed", help="output directory")
    p.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="build as of this day (default today): evidence dated "
                   "later is left out and the panel runs to this month, so a "
                   "paper can reproduce what was known then")
    p.set_defaults(func=_build)
    p = sub.add_parser("validate", help="check data/raw/ without writing")
    p.add_argument("--raw", default="data/raw", help="raw data directory")
    p.set_defaults(func=_validate)
    p = sub.add_parser("import-votes", help="print unga_votes.csv rows for one "
                       "resolution of a UN machine-readable extract")
    p.add_argument("extract", help="a DGACM data_extract/<session>.json file")
    p.add_argument("--symbol", required=True, help="e.g. A/RES/78/221")
    p.add_argument("--id", required=True, help="resolution_id, e.g. 78/221")
    p.add_argument("--raw", default="data/raw", help="raw data directory")
    p.set_defaults(func=_import_votes)
    p = sub.add_parser("schemas", help="regenerate schemas/ and docs/codebook.md")
    p.add_argument("--root", default=".", help="repository root")
    p.set_defaults(func=_schemas)
    p = sub.add_parser("release", help="write a versioned release bundle")
    p.add_argument("--version", required=True, help="release version, e.g. 0.1.0")
    p.add_argument("--out", default=None, help="output directory (default dist/vVERSION)")
    p.add_argument("--processed", default="data/processed",
                   help="processed tables to release")
    p.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="release date (default today)")
    p.add_argument("--previous", default=None,
                   help="previous version (or directory) to diff against")
    p.add_argument("--changelog", default=None, metavar="CHANGELOG.md",
                   help="add the generated data changes to this changelog")
    p.add_argument("--register", default=None, metavar="stances/releases.json",
                   help="record the release in the package's registry once published")
    p.add_argument("--sign-key", default=None, metavar="KEY.pem",
                   help="sign the registry as the release index, written to "
                   "index/ beside the release (see 'stances keygen')")
    p.set_defaults(func=_release)
    p = sub.add_parser("site", help="build the explorer, a static site, from the tables")
    p.add_argument("--out", required=True, help="folder for the site (replaced)")
    p.add_argument("--from", dest="source", default=None, metavar="DIR",
                   help="Parquet files to build from: a build's --out or a release "
                   "folder (default: the installed data)")
    p.set_defaults(func=_site)
    p = sub.add_parser("keygen", help="make a key for signing the release index")
    p.add_argument("out", help="file for the private key (must not exist)")
    p.set_defaults(func=_keygen)
    p = sub.add_parser("download", help="download and verify a release into the cache")
    p.add_argument("version", help="release version, e.g. 0.1.0")
    p.set_defaults(func=_download)
    p = sub.add_parser("versions", help="list the versions installed, released, cached")
    p.set_defaults(func=_versions)
    p = sub.add_parser("diff", help="rows added, removed and changed between versions")
    p.add_argument("a", help="a version (0.1.0), 'installed', or a directory")
    p.add_argument("b", help="a version (0.1.0), 'installed', or a directory")
    p.add_argument("--table", default=None, help="one table, listing every change")
    p.set_defaults(func=_diff)
    p = sub.add_parser("cite", help="print the citation")
    p.add_argument("--version", default=None, help="version (default: installed)")
    p.add_argument("--format", default="bibtex", choices=["bibtex", "apa"])
    p.set_defaults(func=_cite)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except StancesValidationError as err:
        print(err, file=sys.stderr)
        return 1
    except StancesError as err:  # anything else is a bug: its traceback stays
        print(f"stances {args.command}: {err}", file=sys.stderr)
        return 1
    except OSError as err:  # the system refused (disk full, no permission)
        where = err.filename or "a file"
        print(f"stances {args.command}: could not write or read {where}: "
              f"{err.strerror or err}. Choose a folder you can write to (and with "
              "free space), then run it again; nothing was swapped in.",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
