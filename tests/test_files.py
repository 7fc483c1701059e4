"""Every input file is read by ``workbench.files.read_text_file``: regular files only, never
blocking on a pipe or reading a device forever, bounded in size, UTF-8."""

from __future__ import annotations

import os
import sys

import pytest

from workbench.errors import UsageError
from workbench.files import read_text_file


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(UsageError, match=r"is not a regular file \(a device, pipe or socket\)"):
        read_text_file(fifo)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_refused_instead_of_read_forever():
    with pytest.raises(UsageError, match="is not a regular file"):
        read_text_file("/dev/zero")


def test_size_limit_folder_missing_and_encoding(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 101)
    with pytest.raises(UsageError, match="is larger than 100 bytes"):
        read_text_file(big, max_bytes=100)
    assert read_text_file(big, max_bytes=101) == "x" * 101
    with pytest.raises(UsageError, match="is a folder; give the path of a CSV file"):
        read_text_file(tmp_path, what="a CSV file")
    with pytest.raises(UsageError, match="no such file"):
        read_text_file(tmp_path / "nope.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("caf\u00e9".encode("latin-1"))
    with pytest.raises(UsageError, match="not UTF-8 text"):
        read_text_file(latin)
    with pytest.raises(UsageError, match="no path given"):
        read_text_file("  ")
