"""Names and keys: folding text for comparison, slugs, IRI-safe keys and short hashes.

Every stage compares names (the gazetteer with the text, mentions across articles, the graph
with a gold file) and mints keys from them; doing it in one place keeps "Erdoğan",
"ERDOGAN" and "Erdogan" the same name everywhere.

Entity names come from scraped text, so they may hold quotes, angle brackets, spaces,
newlines, emoji, right-to-left text or ten thousand characters. rdflib's Turtle writer
refuses an IRI with a space, so one bad name would kill the whole export. A key is therefore
made only of `a-z`, `0-9` and `-`, which every IRI and Turtle grammar accepts; it stays
readable ("Recep Tayyip Erdoğan" -> "recep-tayyip-erdogan") and gets a short hash of the
name whenever the readable part alone would lose it (a non-Latin name, an over-long one), so
two different names never share a key by accident.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_KEY_LENGTH = 80
# what follows a person's name and is no part of it: "Walter Brenn III", "John Doe Jr."
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# an ordinal written in figures: "2nd", "30th", "101st"
ORDINAL_FIGURES = re.compile(r"\d+(?:st|nd|rd|th)$")
_HASH_LENGTH = 10
# Latin letters that Unicode does not decompose into a base letter plus accents.
_TRANSLITERATE = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
    }
)
_NOT_KEY = re.compile(r"[^a-z0-9]+")
_POSSESSIVE_S = re.compile(r"['’]s\b")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def ascii_fold(text: str) -> str:
    """`text` without accents, Latin letters transliterated: "Erdoğan" -> "Erdogan"."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    return "".join(c for c in text if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: Erdoğan, ERDOGAN and Erdogan agree."""
    text = _POSSESSIVE_S.sub("", ascii_fold(text).casefold())
    return _NOT_WORD.sub(" ", text).strip()


def slug(text: str) -> str:
    """ASCII slug: "Recep Tayyip Erdoğan" -> "recep-tayyip-erdogan"."""
    text = re.sub(r"[^A-Za-z0-9]+", "-", ascii_fold(text)).strip("-").lower()
    return text or "entity"


def short_hash(*parts: str, length: int | None = 12) -> str:
    """Hex SHA-1 of `parts` (joined by U+001F), cut to `length` characters (None: whole)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:length]


def mint(name: str, *, max_length: int = MAX_KEY_LENGTH) -> str:
    """A readable key made of `a-z0-9-` for `name`, unique to the name where the slug is lossy.

    "Recep Tayyip Erdoğan" -> "recep-tayyip-erdogan"; "Путин" -> "x-<hash>";
    a 10,000-character name -> its first words, then "-<hash>".
    """
    folded = ascii_fold(name)
    key = _NOT_KEY.sub("-", folded.lower()).strip("-")
    # letters or digits the ASCII fold could not keep: the slug alone would not identify the name
    lossy = any(c.isalnum() and not c.isascii() for c in folded)
    room = max(1, max_length - _HASH_LENGTH - 1)
    digest = short_hash(name, length=_HASH_LENGTH)
    if len(key) > max_length or (key and lossy):
        return f"{key[:room].rstrip('-') or 'x'}-{digest}"
    if not key:
        return f"x-{digest}"
    return key


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def shown(path: object) -> str:
    """A path as printable text on one line: bytes that are not UTF-8 in a file name (which
    Python keeps as lone surrogates) become U+FFFD and control characters (a newline in a
    file name) their escapes, so messages stay one line and kg:sourceFile stays valid."""
    text = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _CONTROL.sub(
        lambda m: m.group().encode("unicode_escape").decode("ascii"), text
    )
