"""File names for downloads: a server's or a URL's name never leaves the folder, never hides,
never holds a control character, and two of one name are numbered."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.filenames import MAX_NAME_BYTES, file_name, numbered, safe_file_name, url_name


@pytest.mark.parametrize(
    ("raw", "media_type", "name"),
    [
        ("episode.mp3", "", "episode.mp3"),
        ("../../.bashrc", "", "bashrc"),
        ("/etc/passwd", "audio/mpeg", "passwd.mp3"),
        ("C:\\Windows\\evil.exe", "", "evil.exe"),
        ("\x1b[31mred.mp3", "", "red.mp3"),
        ("a\x00b\x07c.mp3", "", "abc.mp3"),
        ("x.mp3\u202e", "", "x.mp3"),
        ("...", "audio/mpeg", "download.mp3"),
        ("", "video/mp4", "download.mp4"),
        ("", "", "download"),
        ("CON", "", "_CON"),
        ("lpt1.txt", "", "_lpt1.txt"),
        ('what?<is>:"this"|*.mp3', "", "what__is___this___.mp3"),
        ("  spaced   out  .mp3  ", "", "spaced out .mp3"),
        ("épisode 1.m4a", "audio/mp4", "épisode 1.m4a"),
        # A leading dash reads as an option: `rm *` in the folder would run `rm -rf ...`.
        ("-rf", "", "rf"),
        ("--help.exe", "", "help.exe"),
        ("- .-x.mp3", "", "x.mp3"),
        ("a-b-.mp3", "", "a-b-.mp3"),
    ],
)
def test_safe_file_names(raw: str, media_type: str, name: str) -> None:
    assert safe_file_name(raw, media_type) == name


def test_a_long_name_is_cut_and_keeps_its_extension() -> None:
    name = safe_file_name("é" * 500 + ".mp3")
    assert name.endswith(".mp3") and len(name.encode("utf-8")) <= MAX_NAME_BYTES


def test_names_from_the_server_then_the_url() -> None:
    assert url_name("https://pod.example/a/ep%201.mp3?x=1#t") == "ep 1.mp3"
    assert url_name("https://pod.example/") == ""
    assert file_name("https://pod.example/media/ep7.mp3") == "ep7.mp3"
    assert file_name("https://pod.example/get?id=7", "", "audio/mpeg") == "get.mp3"
    assert (
        file_name(
            "https://pod.example/get",
            "attachment; filename*=UTF-8''%E2%82%AC%20rates%2F..%2F.mp3",
        )
        == "mp3"  # the last component, ".mp3", is no hidden file
    )
    assert file_name("https://pod.example/x.mp3", 'inline; filename="../../y.mp3"') == "y.mp3"
    assert file_name("https://pod.example/x.mp3", "attachment") == "x.mp3"
    assert file_name("https://pod.example/%2e%2e%2f%2e%2e%2fz.mp3") == "z.mp3"


def test_numbered_names() -> None:
    assert [numbered("ep.mp3", n) for n in (1, 2, 10)] == ["ep.mp3", "ep (2).mp3", "ep (10).mp3"]
    assert numbered("notes", 3) == "notes (3)"
    assert numbered("a.tar.gz", 2) == "a.tar (2).gz"


@given(st.text(max_size=400), st.sampled_from(["", "audio/mpeg", "application/x-nonsense"]))
def test_any_name_is_one_harmless_component(raw: str, media_type: str) -> None:
    name = safe_file_name(raw, media_type)
    assert name and "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith((".", " ", "-")) and not name.endswith((".", " "))
    assert all(ord(c) >= 0x20 and not 0x7F <= ord(c) <= 0x9F for c in name)
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
