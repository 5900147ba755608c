"""Downloading releases from a real HTTP server on 127.0.0.1, started and
stopped by the tests, serving a release the tests build."""

import datetime as dt
import functools
import hashlib
import json
import http.server
import shutil
import threading

import pandas as pd
import pytest

import stances
from stances import trust
from stances.fetch import cache_dir, download, fetch, manifest
from stances.release import make_release, register, write_signed_index

VERSION = "7.0.1"


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    """A signing key of the tests' own: (private key file, public key)."""
    pem, public = trust.generate_key()
    path = tmp_path_factory.mktemp("keys") / "signing.pem"
    path.write_bytes(pem)
    return path, public


def publish(site, key_file) -> None:
    """Register every release under `site` and sign the index, as the
    maintainers do at each release."""
    registry = site / "registry.json"
    registry.write_text("[]")
    for release in sorted(site.glob("v*")):
        register(release, registry)
    write_signed_index(registry, key_file, site)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory, keys):
    """A release tree on disk, {root}/v{VERSION}/..., published after this
    package was built: not pinned, listed in the signed index."""
    root = tmp_path_factory.mktemp("site")
    make_release(VERSION, root / f"v{VERSION}", today=dt.date(2026, 11, 25))
    with pytest.MonkeyPatch.context() as mp:  # signing checks the key is trusted
        mp.setattr(trust, "trusted_keys", lambda: [_key(keys[1])])
        publish(root, keys[0])
    return root


def _key(public):
    import base64
    return trust.Ed25519PublicKey.from_public_bytes(base64.b64decode(public))


@pytest.fixture
def server(served, keys, tmp_path, monkeypatch):
    """The served release, a copy per test so that a test may tamper with it;
    the base URL and an empty cache in the environment; the tests' key the
    only one trusted."""
    monkeypatch.setattr(trust, "trusted_keys", lambda: [_key(keys[1])])
    root = tmp_path / "site"
    shutil.copytree(served, root)
    handler = functools.partial(Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("STANCES_RELEASE_URL", f"http://127.0.0.1:{httpd.server_port}")
    monkeypatch.setenv("STANCES_CACHE", str(tmp_path / "cache"))
    yield root / f"v{VERSION}", httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_download_verify_cache_then_load_offline(server):
    release, httpd = server
    first = stances.load("panel", version=VERSION)
    assert first.attrs["stances_version"] == VERSION
    httpd.shutdown()  # offline from here on
    second = stances.load("panel", version=VERSION)
    pd.testing.assert_frame_equal(first, second)
    assert (cache_dir() / f"v{VERSION}" / "panel.parquet").is_file()


def test_download_fetches_every_file(server):
    paths = download(VERSION)
    assert {p.name for p in paths} == {f["name"] for f in manifest(VERSION)["files"]}


def test_tampered_file_is_rejected_and_not_cached(server):
    release, _ = server
    data = (release / "actors.parquet").read_bytes()
    (release / "actors.parquet").write_bytes(data[:-10] + b"0123456789")
    with pytest.raises(ValueError, match="actors.parquet") as info:
        fetch(VERSION, "actors.parquet")
    expected = next(f["sha256"] for f in manifest(VERSION)["files"]
                    if f["name"] == "actors.parquet")
    assert expected in str(info.value)
    assert not (cache_dir() / f"v{VERSION}" / "actors.parquet").exists()


def test_truncated_file_is_rejected(server):
    release, _ = server
    data = (release / "sources.parquet").read_bytes()
    (release / "sources.parquet").write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match="hash"):
        stances.load("sources", version=VERSION)
    assert not (cache_dir() / f"v{VERSION}" / "sources.parquet").exists()


def test_missing_file_is_a_clear_error(server):
    release, _ = server
    (release / "resolutions.parquet").unlink()
    with pytest.raises(FileNotFoundError, match="resolutions.parquet was not found"):
        stances.load("resolutions", version=VERSION)


def test_unknown_version_lists_what_exists(server):
    stances.load("actors", version=VERSION)
    with pytest.raises(ValueError, match=rf"unknown version '6.6.6'.*{VERSION}"):
        stances.load("actors", version="6.6.6")


def test_server_down_is_clear_and_the_cache_still_loads(server):
    _, httpd = server
    cached = stances.load("sources", version=VERSION)
    httpd.shutdown()
    httpd.server_close()
    with pytest.raises(ConnectionError, match="could not download"):
        stances.load("actors", version=VERSION)
    pd.testing.assert_frame_equal(stances.load("sources", version=VERSION), cached)


@pytest.mark.parametrize("name", ["../actors", "/etc/passwd", "actors/../../x"])
def test_table_names_never_build_paths(server, name):
    with pytest.raises(ValueError, match="unknown table"):
        stances.load(name, version=VERSION)


@pytest.mark.parametrize("version", ["../1.0.0", "1.0", "/tmp/1.0.0", "7.0.1\n"])
def test_versions_never_build_paths(server, version):
    with pytest.raises(ValueError, match="MAJOR.MINOR.PATCH"):
        stances.load("actors", version=version)


@pytest.mark.parametrize("evil", ["../../evil.csv", "actors.csv\\n"])
def test_unsafe_file_names_in_a_manifest_are_refused(server, keys, evil):
    release, _ = server
    text = (release / "manifest.json").read_text()
    (release / "manifest.json").write_text(text.replace('"actors.csv"', f'"{evil}"'))
    publish(release.parent, keys[0])  # even in a manifest the maintainers signed
    with pytest.raises(ValueError, match="unsafe file"):
        manifest(VERSION)


def test_a_registered_release_has_its_manifest_verified(server, tmp_path, monkeypatch):
    from stances import fetch as fetch_module
    release, _ = server
    registry = tmp_path / "releases.json"
    registry.write_text("[]")
    register(release, registry)
    monkeypatch.setattr(fetch_module, "known_releases",
                        lambda: json.loads(registry.read_text()))
    assert manifest(VERSION)["version"] == VERSION
    (cache_dir() / f"v{VERSION}" / "manifest.json").unlink()
    text = (release / "manifest.json").read_text()
    (release / "manifest.json").write_text(text.replace('"version": "', '"version":  "'))
    with pytest.raises(ValueError, match="manifest.json"):
        manifest(VERSION)


def test_versions_shows_a_downloaded_release(server):
    stances.load("actors", version=VERSION)
    v = stances.versions()
    cached = v[v["where"] == "cache"]
    assert list(cached.version) == [VERSION] and not cached.default.any()


def test_a_file_larger_than_its_manifest_says_is_stopped(server):
    release, _ = server
    with open(release / "panel.parquet", "ab") as f:
        f.write(b"\0" * 100_000)  # the manifest still gives the old size
    with pytest.raises(ValueError, match="larger than the .* bytes its release manifest"):
        fetch(VERSION, "panel.parquet")
    assert not (cache_dir() / f"v{VERSION}" / "panel.parquet").exists()


class Drip(Quiet):
    """Sends one byte of a file a tenth of a second at a time."""

    def do_GET(self):
        import time
        path = self.translate_path(self.path)
        data = open(path, "rb").read()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            for i in range(len(data)):
                self.wfile.write(data[i:i + 1])
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:  # the client hung up, as it should
            pass


def test_a_download_that_drips_past_the_deadline_is_stopped(served, tmp_path, monkeypatch):
    import stances.fetch as fetching
    handler = functools.partial(Drip, directory=str(served))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True  # closing does not wait for a dripping reply
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("STANCES_RELEASE_URL", f"http://127.0.0.1:{httpd.server_port}")
    monkeypatch.setenv("STANCES_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(fetching, "DEADLINE_SECONDS", 0.5)
    try:
        with pytest.raises(ConnectionError, match="Timeout"):
            manifest(VERSION)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_a_damaged_cached_file_offline_says_so(server):
    _, httpd = server
    path = fetch(VERSION, "actors.parquet")
    httpd.shutdown()
    httpd.server_close()  # refuse connections at once, as a machine offline does
    path.write_bytes(path.read_bytes()[:-10])  # damaged in the cache
    with pytest.raises(ConnectionError, match="cached copy .* does not match the "
                       "checksum .* Delete"):
        fetch(VERSION, "actors.parquet")


class Redirect(Quiet):
    """Sends every request on to another server."""
    target = ""

    def do_GET(self):
        self.send_response(302)
        self.send_header("Location", self.target + self.path)
        self.end_headers()


def test_a_redirect_to_another_host_is_not_followed(server, monkeypatch):
    _, real = server  # the real release, on another port: another host
    handler = type("ToReal", (Redirect,), {
        "target": f"http://127.0.0.1:{real.server_port}"})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("STANCES_RELEASE_URL", f"http://127.0.0.1:{httpd.server_port}")
    try:
        with pytest.raises(ConnectionError, match="redirects to another host, "
                           f"127.0.0.1:{real.server_port}; .* refusing to follow"):
            manifest(VERSION)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


# The chain of trust: a server (or anyone between it and the user) that
# rewrites a table and its manifest together, or the index too, is caught.

def test_a_table_rewritten_with_its_manifest_is_refused(server):
    release, _ = server
    (release / "actors.csv").write_text("actor_id\nXXX\n")
    text = (release / "manifest.json").read_text()
    entry = next(f for f in json.loads(text)["files"] if f["name"] == "actors.csv")
    forged = hashlib.sha256(b"actor_id\nXXX\n").hexdigest()
    (release / "manifest.json").write_text(text.replace(entry["sha256"], forged))
    with pytest.raises(ValueError, match="manifest.json"):
        fetch(VERSION, "actors.csv")
    assert not (cache_dir() / f"v{VERSION}" / "actors.csv").exists()


def test_an_index_signed_with_another_key_is_refused(server, tmp_path):
    release, _ = server
    other = tmp_path / "other.pem"
    other.write_bytes(trust.generate_key()[0])
    registry = json.loads((release.parent / "registry.json").read_text())
    registry[0]["manifest_sha256"] = "0" * 64
    data = json.dumps(registry).encode()
    (release.parent / trust.INDEX).write_bytes(data)
    (release.parent / trust.SIGNATURE).write_bytes(trust.sign(data, other.read_bytes()))
    with pytest.raises(trust.UnverifiedRelease, match="signature does not verify"):
        manifest(VERSION)
    assert not (cache_dir() / trust.INDEX).exists()


def test_an_unpinned_release_without_an_index_says_upgrade(server):
    release, _ = server
    (release.parent / trust.SIGNATURE).unlink()
    with pytest.raises(trust.UnverifiedRelease, match=r"pip install -U stances"):
        stances.load("actors", version=VERSION)


def test_a_pinned_release_needs_no_index(server, monkeypatch):
    from stances import fetch as fetch_module
    release, _ = server
    sha = hashlib.sha256((release / "manifest.json").read_bytes()).hexdigest()
    monkeypatch.setattr(fetch_module, "known_releases",
                        lambda: [{"version": VERSION, "manifest_sha256": sha}])
    (release.parent / trust.INDEX).unlink()
    assert manifest(VERSION)["version"] == VERSION


def test_an_unwritable_cache_says_so_and_where(server, tmp_path, monkeypatch):
    """The cache is a file, not a folder (as root, permissions do not stop
    a write; a path that cannot be a folder does)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("STANCES_CACHE", str(blocker))
    with pytest.raises(OSError, match=r"cannot write the download cache .*not-a-folder"
                       r".*STANCES_CACHE") as info:
        stances.load("actors", version=VERSION)
    assert isinstance(info.value, stances.StancesError)
