"""Every bad input gives a `FicmeldError` subclass, and on the command line one line naming the file, exit 2."""
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ficmeld.errors import FicmeldError, FormatError, InputError
from ficmeld.ingest import read_work

FICMELD = Path(sys.executable).with_name("ficmeld")


def _epub_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/epub+zip")
        zf.writestr("META-INF/container.xml", "<container/>" * 200)
        zf.writestr("OEBPS/ch1.xhtml", "<html><body><p>Words.</p></body></html>" * 200)
    return buf.getvalue()


def _zip_not_epub() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("notes.txt", "just a note")
    return buf.getvalue()


CASES = {
    "missing": (None, InputError),
    "directory": ("DIR", InputError),
    "empty.txt": (b"", InputError),
    "blank.txt": (b"  \n\n \t\n", InputError),
    "binary.txt": (bytes(range(256)) * 40, InputError),
    "undecodable.txt": (b"ok \x81\x8d\x8f\x90\x9d text", InputError),
    "truncated.epub": (_epub_bytes()[:300], FormatError),
    "archive.epub": (_zip_not_epub(), FormatError),
    "menu.html": (b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
                  FormatError),
}


def _make(tmp_path: Path, name: str) -> Path:
    content, _ = CASES[name]
    path = tmp_path / name
    if content == "DIR":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize("name", CASES)
def test_library_raises_ficmeld_error(tmp_path, name):
    path = _make(tmp_path, name)
    with pytest.raises(CASES[name][1]) as info:
        read_work(path)
    assert isinstance(info.value, FicmeldError) and str(path) in str(info.value)


@pytest.mark.parametrize("name", ["missing", "directory", "empty.txt", "binary.txt", "truncated.epub", "menu.html"])
def test_cli_prints_one_line_and_exits_2(tmp_path, name):
    path = _make(tmp_path, name)
    result = subprocess.run([str(FICMELD), "text", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines() + result.stdout.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "Traceback" not in result.stderr


def test_cli_text_prints_exactly_the_text(tmp_path):
    story = "Orla shut the window.\r\n\r\n* * *\r\n\r\nThe rain went on without her.\r\n"
    path = tmp_path / "rain.txt"
    path.write_bytes(story.encode())
    result = subprocess.run([str(FICMELD), "text", str(path)], capture_output=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.decode() == read_work(path).text == story.replace("\r\n", "\n")
