"""The maintained parts the explorer ships, taken from the npm registry at
build time: pinned versions, each tarball checked against its SHA-256 before
use, cached with the downloads (pooch), and their licences recorded."""

import tarfile
from pathlib import Path

import pooch

from ..fetch import cache_dir

# name: (version, SHA-256 of the registry's tarball, files taken from it, licence)
PACKAGES = {
    "d3": ("7.9.0", "7e36605710a2ba54846797c8c6d888911341b215ae53257dc32a49a0b824355e",
           ["dist/d3.min.js"], "ISC"),
    "topojson-client": ("3.1.0",
                        "889fadb422f6236d0f8337a236ce6499f258b75e44b81733b13bd971067322bf",
                        ["dist/topojson-client.min.js"], "ISC"),
    "world-atlas": ("2.0.2", "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97",
                    ["countries-50m.json"], "ISC (geometry from Natural Earth, public domain)"),
}
REGISTRY = "https://registry.npmjs.org"


def tarball_url(name: str) -> str:
    version = PACKAGES[name][0]
    return f"{REGISTRY}/{name}/-/{name}-{version}.tgz"


def vendor_folder() -> Path:
    return cache_dir() / "site-vendor"


def is_cached() -> bool:
    """Whether every pinned tarball is already in the cache (no network)."""
    return all((vendor_folder() / Path(tarball_url(n)).name).is_file() for n in PACKAGES)


def copy_vendored(out: Path) -> list[dict]:
    """Copy each package's files into `out`/vendor/; returns what was shipped
    (name, version, licence, source, SHA-256), for the site's licence page."""
    target = Path(out) / "vendor"
    target.mkdir(parents=True, exist_ok=True)
    shipped = []
    for name, (version, sha256, files, licence) in PACKAGES.items():
        tarball = pooch.retrieve(tarball_url(name), known_hash=f"sha256:{sha256}",
                                 fname=Path(tarball_url(name)).name,
                                 path=vendor_folder(), progressbar=False)
        with tarfile.open(tarball, "r:gz") as archive:
            for member in files:
                data = archive.extractfile(f"package/{member}").read()
                if member.endswith(".json"):  # file:// pages cannot fetch JSON
                    data = b"window.WORLD = " + data + b";\n"
                    member = member.removesuffix(".json") + ".js"
                (target / Path(member).name).write_bytes(data)
            licence_text = archive.extractfile("package/LICENSE").read()
        (target / f"LICENSE-{name}.txt").write_bytes(licence_text)
        shipped.append({"name": name, "version": version, "licence": licence,
                        "source": tarball_url(name), "sha256": sha256,
                        "files": [Path(m).name.replace(".json", ".js") for m in files]})
    return shipped
