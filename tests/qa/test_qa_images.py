"""`--images` never downloads from loopback or private addresses, before or after a redirect,
and the run report names every image it skipped."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from vaultkit.cli import app
from vaultkit.fetch.standin import Faults, StandinServer, load_fixtures
from vaultkit.render.images import DownloadingImageStore, is_public_address
from vaultkit.sync.demo import DEMO_DIR

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
       b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00"
       b"\x00\x00\x00IEND\xaeB`\x82")


class Images:
    """A loopback server with one image and one redirect to another loopback address."""

    def __init__(self):
        self.hits: list[str] = []
        images = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                images.hits.append(self.path)
                if self.path == "/hop.png":
                    self.send_response(302)
                    self.send_header("Location", f"http://127.0.0.2:{images.port}/pic.png")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(PNG)))
                self.end_headers()
                self.wfile.write(PNG)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def __enter__(self) -> "Images":
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def images():
    with Images() as server:
        yield server


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "151.101.1.140", "2606:4700:4700::1111"])
def test_public_addresses_are_allowed(address):
    assert is_public_address(address)


@pytest.mark.parametrize("address", ["127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "192.168.1.1",
                                     "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1",
                                     "240.0.0.1", "255.255.255.255", "::1", "fe80::1", "fc00::1",
                                     "::ffff:127.0.0.1", "::ffff:10.0.0.1", "ff02::1", "::"])
def test_non_public_addresses_are_refused(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_loopback_images_are_refused_without_a_request(tmp_path, images, host):
    store = DownloadingImageStore(tmp_path)
    url = images.url("/pic.png", host)
    assert store.store(url) is None
    assert "non-public address" in store.failures[url]
    assert images.hits == []
    assert not (tmp_path / "LessWrong").exists()


def test_a_redirect_to_a_non_public_address_is_refused(tmp_path, images):
    store = DownloadingImageStore(tmp_path, address_allowed=lambda ip: ip == "127.0.0.1")
    url = images.url("/hop.png")
    assert store.store(url) is None
    assert "127.0.0.2" in store.failures[url]
    assert images.hits == ["/hop.png"]     # the redirect target was never asked


def test_the_connected_address_is_checked_too(tmp_path, images):
    seen: list[str] = []
    store = DownloadingImageStore(tmp_path, address_allowed=lambda ip: seen.append(ip) or True)
    assert store.store(images.url("/pic.png")) is not None
    assert seen.count("127.0.0.1") >= 2    # once resolved, once connected


def test_sync_names_the_images_it_skipped(tmp_path, images):
    fixtures = load_fixtures(DEMO_DIR)
    post = next(iter(fixtures.posts.values()))
    url = images.url("/pic.png")
    post["contents"]["html"] = f'<p>A chart:</p><p><img src="{url}" alt="chart"></p>'
    with StandinServer(fixtures, faults=Faults()) as forum:
        result = CliRunner().invoke(app, ["sync", str(tmp_path / "v"), "--endpoint", forum.url, "--delay", "0",
                                          "--post", post["_id"], "--images"])
    assert result.exit_code == 0, result.output
    assert f"image skipped, the note links it instead: {url} (refused" in result.output
    assert images.hits == []
    assert not (tmp_path / "v" / "LessWrong" / "Attachments").exists()
