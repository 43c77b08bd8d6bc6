"""Images: kept as URLs, or downloaded into the vault from a loopback server (never the internet)."""

from __future__ import annotations

import hashlib

from render_samples import png_bytes

from vaultkit.render.html_to_md import convert_html
from vaultkit.render.images import DownloadingImageStore


def _loopback(address: str) -> bool:
    """These tests exercise the download itself against a loopback server, which the default
    address check refuses (tests/qa/test_qa_images.py covers that)."""
    return address == "127.0.0.1"


def _figure(url: str, width: str = "") -> str:
    style = f' style="width:{width}"' if width else ""
    return f'<figure class="image"><img src="{url}" alt="A chart"{style}><figcaption>Caption</figcaption></figure>'


def test_without_a_store_images_link_their_url():
    conv = convert_html(_figure("https://example.org/a.png"))
    assert conv.markdown == "![A chart](https://example.org/a.png)\n*Caption*\n"


def test_downloaded_images_get_content_hash_names_in_the_attachments_folder(tmp_path, image_server):
    store = DownloadingImageStore(tmp_path, address_allowed=_loopback)
    conv = convert_html(
        _figure(image_server.url("/pic.png"))
        + f'<p><img src="{image_server.url("/other.png")}" width="120"></p>',
        images=store,
    )
    name = hashlib.sha256(png_bytes(shade=10)).hexdigest()[:20] + ".png"
    other = hashlib.sha256(png_bytes(shade=200)).hexdigest()[:20] + ".png"
    assert conv.markdown == (
        f"![[LessWrong/Attachments/{name}]]\n*Caption*\n\n![[LessWrong/Attachments/{other}|120]]\n"
    )
    assert (tmp_path / "LessWrong/Attachments" / name).read_bytes() == png_bytes(shade=10)
    assert conv.warnings == []


def test_the_same_picture_is_stored_once_and_a_rerun_writes_nothing(tmp_path, image_server):
    html = f'<p><img src="{image_server.url("/pic.png")}"><img src="{image_server.url("/same-pic.png")}"></p>'
    store = DownloadingImageStore(tmp_path, address_allowed=_loopback)
    first = convert_html(html, images=store).markdown
    assert store.written == 1 and len(list((tmp_path / "LessWrong/Attachments").iterdir())) == 1
    again = DownloadingImageStore(tmp_path, address_allowed=_loopback)
    assert convert_html(html, images=again).markdown == first
    assert again.written == 0


def test_each_url_is_fetched_once_per_store(tmp_path, image_server):
    store = DownloadingImageStore(tmp_path, address_allowed=_loopback)
    html = f'<p><img src="{image_server.url("/pic.png")}"></p>'
    convert_html(html, images=store)
    convert_html(html, images=store)
    assert image_server.hits["/pic.png"] == 1


def test_redirects_to_an_image_are_followed(tmp_path, image_server):
    store = DownloadingImageStore(tmp_path, address_allowed=_loopback,  folder="Files")
    assert store.store(image_server.url("/redirect.png")).startswith("Files/")


def test_non_images_oversized_files_and_errors_keep_the_url(tmp_path, image_server):
    store = DownloadingImageStore(tmp_path, address_allowed=_loopback,  max_bytes=50_000)
    urls = [image_server.url(p) for p in ("/page.html", "/huge.png", "/missing.png")]
    conv = convert_html("".join(f'<p><img src="{u}" alt="x"></p>' for u in urls), images=store)
    assert conv.markdown == "\n\n".join(f"![x]({u})" for u in urls) + "\n"
    assert set(store.failures) == set(urls)
    assert "not an image" in store.failures[urls[0]] and "larger than" in store.failures[urls[1]]
    assert conv.warnings == ["image not downloaded, kept as a link (3 times)"]
    assert not (tmp_path / "LessWrong").exists()


def test_only_http_images_are_downloaded(tmp_path):
    store = DownloadingImageStore(tmp_path, address_allowed=_loopback)
    assert store.store("file:///etc/passwd") is None
    assert store.store("ftp://example.org/a.png") is None
    assert not any(tmp_path.iterdir())


def test_images_are_fetched_with_vaultkits_one_user_agent(tmp_path, image_server):
    from vaultkit import USER_AGENT
    from vaultkit.fetch.transport import USER_AGENT as API_USER_AGENT

    DownloadingImageStore(tmp_path, "Files", address_allowed=_loopback).store(image_server.url("/pic.png"))
    assert image_server.user_agents == {USER_AGENT} and USER_AGENT == API_USER_AGENT
    assert USER_AGENT.startswith("vaultkit/") and "https://" in USER_AGENT
