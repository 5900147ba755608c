"""The one place that downloads: the files of a release, each verified
against the release's manifest (SHA-256) and cached for offline use. pooch
downloads to a temporary file and moves it into the cache only once its
hash matches, so an interrupted or tampered download never counts as good."""

import json
import os
import re
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pooch
import requests
from tqdm.auto import tqdm

from ._version import check_version, is_version
from .atomic import write_text_atomic
from .errors import DownloadFailed, InvalidInput, NotFound, StancesError
from .trust import (INDEX, SIGNATURE, UPGRADE, UnverifiedRelease, known_releases, pinned,
                    verify_index)

DEFAULT_URL = "https://github.com/stances-data/stances/releases/download"
SAFE_NAME = re.compile(r"[a-z0-9_]+\.(?:parquet|csv|json|md)|CITATION\.cff")
PROGRESS_BYTES = 1_000_000  # show a progress bar for files larger than this
MANIFEST_BYTES = 1_000_000  # a manifest is a few kB: refuse anything larger
DEADLINE_SECONDS = 600  # a whole file, not only each read
READ_TIMEOUT_SECONDS = 30


class ForeignRedirect(requests.ConnectionError):
    """A server sent the download to a host the user did not choose."""


class TooLarge(Exception):
    """A download grew past the size its manifest gives."""


# GitHub serves release assets from these hosts after a redirect.
GITHUB_ASSET_HOSTS = {"objects.githubusercontent.com",
                      "release-assets.githubusercontent.com"}
MAX_REDIRECTS = 5


def _allowed_hosts() -> set:
    """Where a download may be redirected: the host of the release URL the
    user set (or the default), and GitHub's asset hosts for the default."""
    hosts = {urlsplit(base_url()).netloc}
    if base_url() == DEFAULT_URL:
        hosts |= GITHUB_ASSET_HOSTS
    return hosts


def _get(url: str) -> requests.Response:
    """GET, following redirects only to an allowed host."""
    for _ in range(MAX_REDIRECTS + 1):
        response = requests.get(url, stream=True, timeout=READ_TIMEOUT_SECONDS,
                                allow_redirects=False)
        if not response.is_redirect:
            return response
        target = urljoin(url, response.headers["location"])
        response.close()
        if urlsplit(target).netloc not in _allowed_hosts():
            raise ForeignRedirect(
                f"{url} redirects to another host, {urlsplit(target).netloc}; "
                "set STANCES_RELEASE_URL to that host if you trust it")
        url = target
    raise requests.TooManyRedirects(f"{url}: more than {MAX_REDIRECTS} redirects")


def bounded_downloader(max_bytes: int, progress: bool = False):
    """A pooch downloader that stops a file as soon as it exceeds
    `max_bytes`, and a download that runs past DEADLINE_SECONDS in all: it
    reads whatever has arrived (read1), so a server that drips bytes, which
    never trips a per-read timeout, still meets the deadline. With a
    progress bar for a file a person waits for."""
    def download(url, output_file, pooch_obj, check_only=False):
        deadline = time.monotonic() + DEADLINE_SECONDS
        with _get(url) as response, \
                open(output_file, "wb") as out, \
                tqdm(total=max_bytes, unit="B", unit_scale=True, disable=not progress,
                     desc=url.rsplit("/", 1)[-1]) as bar:
            response.raise_for_status()
            written = 0
            while chunk := response.raw.read1(65536, decode_content=True):
                written += len(chunk)
                if written > max_bytes:
                    raise TooLarge(f"{url} is larger than the {max_bytes:,} bytes "
                                   "its release manifest gives")
                if time.monotonic() > deadline:
                    raise requests.Timeout(f"{url} took longer than "
                                           f"{DEADLINE_SECONDS} s")
                out.write(chunk)
                bar.update(len(chunk))
    return download


def base_url() -> str:
    """Where releases live: $STANCES_RELEASE_URL, else the project's URL."""
    return os.environ.get("STANCES_RELEASE_URL", DEFAULT_URL).rstrip("/")


def cache_dir() -> Path:
    """The download cache: $STANCES_CACHE, else the user's cache directory."""
    return Path(os.environ.get("STANCES_CACHE") or pooch.os_cache("stances"))


def cached_versions() -> list[str]:
    root = cache_dir()
    found = [p.parent.name[1:] for p in root.glob("v*/manifest.json")]
    return sorted(v for v in found if is_version(v))


# pooch's own log lines ("Downloading data from ...", "Use this value as the
# 'known_hash' ...") speak to pooch's users, not ours: our messages say what
# went wrong, and the progress bar shows a long wait.
pooch.get_logger().setLevel("WARNING")


def release_registry(version: str, registry: dict[str, str]) -> pooch.Pooch:
    """A release's files as a pooch registry (name -> "sha256:..."), cached
    under the version's own folder."""
    return pooch.create(path=cache_dir() / f"v{version}",
                        base_url=f"{base_url()}/v{version}/", registry=registry)


def _retrieve(files: pooch.Pooch, version: str, name: str, max_bytes: int,
              progress=False) -> Path:
    url = files.get_url(name)
    cached = cache_dir() / f"v{version}" / name
    try:
        return Path(files.fetch(name, downloader=bounded_downloader(max_bytes, progress)))
    except ForeignRedirect as err:
        raise DownloadFailed(f"{err}; refusing to follow it.") from None
    except TooLarge as err:
        raise InvalidInput(f"{err}; refusing it. The release or the server is "
                         "not the one the manifest describes.") from None
    except requests.HTTPError as err:
        if err.response is not None and err.response.status_code == 404:
            raise NotFound(f"{url} was not found (HTTP 404)") from None
        raise DownloadFailed(f"could not download {url}: {err}") from None
    except requests.RequestException as err:
        if cached.is_file():  # pooch tried again because the copy did not match
            raise DownloadFailed(
                f"the cached copy {cached} does not match the checksum in the "
                f"release manifest, and {url} cannot be reached to replace it "
                f"({err.__class__.__name__}). Delete {cached.parent} and download "
                "again when online.") from None
        raise DownloadFailed(
            f"could not download {url}: {err.__class__.__name__}. Check the "
            "connection, or STANCES_RELEASE_URL; files already in the cache "
            f"({cache_dir()}) load offline.") from None
    except OSError as err:  # after requests' errors, which are OSErrors too
        raise CacheUnwritable(cache_dir(), err) from None


class CacheUnwritable(StancesError, OSError):
    """The download cache cannot be written: full, read-only, or not a folder."""

    def __init__(self, folder: Path, err: OSError):
        super().__init__(
            f"cannot write the download cache {folder}: {err.strerror or err}. "
            "Set STANCES_CACHE to a folder you can write to (with free space), "
            "then try again; nothing half-written was kept.")


def manifest(version: str) -> dict:
    """The release's manifest, verified against the SHA-256 this package
    vouches for (see stances.trust), from the cache when it is there."""
    check_version(version)
    sha = _manifest_sha256(version)
    try:
        path = _retrieve(release_registry(version, {"manifest.json": f"sha256:{sha}"}),
                         version, "manifest.json", MANIFEST_BYTES)
    except FileNotFoundError:
        raise InvalidInput(f"release {version} is listed as published but "
                         f"{base_url()}/v{version}/manifest.json was not found") from None
    data = json.loads(path.read_text(encoding="utf-8"))
    for entry in data["files"]:
        if not SAFE_NAME.fullmatch(entry["name"]):
            raise InvalidInput(f"manifest of {version} names an unsafe file "
                             f"{entry['name']!r}; refusing to use it")
    return data


def _manifest_sha256(version: str) -> str:
    """The manifest hash of a release: pinned in the package, else from the
    signed release index (the cached copy if it lists the version, since a
    published version's hash never changes; else a fresh one)."""
    known = pinned(known_releases())
    if version in known:
        return known[version]
    index = _cached_index()
    if version not in index:
        index = _fresh_index()
    if version not in index:
        raise InvalidInput(
            f"unknown version {version!r}: neither this package nor the signed "
            f"release index at {base_url()}/{INDEX} lists it. Releases listed: "
            f"{', '.join(sorted(known | index)) or 'none'}. {UPGRADE}")
    return index[version]


def _cached_index() -> dict:
    folder = cache_dir()
    data, sig = folder / INDEX, folder / SIGNATURE
    if not (data.is_file() and sig.is_file()):
        return {}
    return verify_index(data.read_bytes(), sig.read_bytes(), str(data))


def _fresh_index() -> dict:
    """Download the release index and its signature, verify them, and only
    then keep them in the cache."""
    try:
        data, sig = _small(INDEX), _small(SIGNATURE)
    except (requests.HTTPError, TooLarge) as err:  # the site has no usable index
        raise UnverifiedRelease(
            f"cannot verify a release that is not pinned in this package: the "
            f"signed release index {base_url()}/{INDEX} could not be read "
            f"({err.__class__.__name__}: {err}). {UPGRADE}") from None
    except ForeignRedirect as err:
        raise DownloadFailed(f"{err}; refusing to follow it.") from None
    except requests.RequestException as err:
        raise DownloadFailed(
            f"could not download the signed release index {base_url()}/{INDEX}: "
            f"{err.__class__.__name__}: {err}. Check the connection, or "
            "STANCES_RELEASE_URL.") from None
    index = verify_index(data, sig, f"{base_url()}/{INDEX}")
    try:
        (cache_dir() / INDEX).parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(cache_dir() / INDEX, data)
        write_text_atomic(cache_dir() / SIGNATURE, sig)
    except OSError as err:
        raise CacheUnwritable(cache_dir(), err) from None
    return index


def _small(name: str) -> bytes:
    """A small file from the release site, within MANIFEST_BYTES."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "download"
        bounded_downloader(MANIFEST_BYTES)(f"{base_url()}/{name}", out, None)
        return out.read_bytes()


def fetch(version: str, name: str) -> Path:
    """A release file, downloaded and verified if it is not already cached."""
    if not SAFE_NAME.fullmatch(name):
        raise InvalidInput(f"{name!r} is not a release file name")
    files = {f["name"]: f for f in manifest(version)["files"]}
    if name not in files:
        raise InvalidInput(f"release {version} has no file {name!r}; it has: "
                         + ", ".join(sorted(files)))
    return _fetch_entry(version, files[name], _registry(version, files.values()))


def download(version: str) -> list[Path]:
    """Every file of a release into the cache; returns their paths."""
    entries = manifest(version)["files"]
    registry = _registry(version, entries)
    return [_fetch_entry(version, entry, registry) for entry in entries]


def _registry(version: str, entries) -> pooch.Pooch:
    """The registry of a release: every file its manifest lists, by SHA-256."""
    return release_registry(version, {f["name"]: f"sha256:{f['sha256']}" for f in entries})


def _fetch_entry(version: str, entry: dict, registry: pooch.Pooch) -> Path:
    return _retrieve(registry, version, entry["name"], entry["bytes"],
                     progress=entry["bytes"] > PROGRESS_BYTES)
