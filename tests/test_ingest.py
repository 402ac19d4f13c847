import pytest

from kg.errors import ArticleError
from kg.ingest import decode, find_article_files, read_text


def test_files_are_found_recursively_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two", encoding="utf-8")
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "ignored.jpg").write_bytes(b"\xff")
    found = [p.name for p in find_article_files([tmp_path])]
    assert found == ["a.txt", "2.txt"]


def test_missing_path_is_an_error_not_a_crash(tmp_path):
    [error] = list(find_article_files([tmp_path / "nope"]))
    assert isinstance(error, ArticleError) and "nope" in str(error)


def test_symlink_loop_is_entered_once(tmp_path):
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    assert [p.name for p in find_article_files([tmp_path])] == ["a.txt"]


@pytest.mark.parametrize(
    "data",
    [
        "Erdoğan".encode("utf-8"),
        b"\xef\xbb\xbf" + "Erdoğan".encode("utf-8"),
        "Erdoğan".encode("utf-16"),
    ],
)
def test_encodings_decode_to_the_same_text(data, tmp_path):
    assert decode(data, source=tmp_path) == "Erdoğan"


def test_windows_1252_falls_back():
    assert decode("café “quoted”".encode("cp1252"), source=None) == "café “quoted”"  # type: ignore[arg-type]


def test_empty_and_binary_files_are_rejected(tmp_path):
    empty = tmp_path / "e.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02")
    for path in (empty, binary):
        with pytest.raises(ArticleError, match=path.name):
            read_text(path)
