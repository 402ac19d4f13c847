"""IRI minting: turn any name into a key that is safe as the last segment of an IRI.

Entity names come from scraped text, so they may hold quotes, angle brackets, spaces,
newlines, emoji, right-to-left text or ten thousand characters. rdflib's Turtle writer
refuses an IRI with a space, so one bad name would kill the whole export. A key is therefore
made only of `a-z`, `0-9` and `-`, which every IRI and Turtle grammar accepts; it stays
readable ("Recep Tayyip Erdoğan" -> "recep-tayyip-erdogan") and gets a short hash of the name
whenever the readable part alone would lose it (a non-Latin name, an over-long one), so two
different names never share a key by accident.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_KEY_LENGTH = 80
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


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    return "".join(c for c in text if not unicodedata.combining(c))


def _digest(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[
        :_HASH_LENGTH
    ]


def mint(name: str, *, max_length: int = MAX_KEY_LENGTH) -> str:
    """A readable key made of `a-z0-9-` for `name`, unique to the name where the slug is lossy.

    "Recep Tayyip Erdoğan" -> "recep-tayyip-erdogan"; "Путин" -> "x-<hash>";
    a 10,000-character name -> its first words, then "-<hash>".
    """
    folded = _ascii(name)
    key = _NOT_KEY.sub("-", folded.lower()).strip("-")
    # letters or digits the ASCII fold could not keep: the slug alone would not identify the name
    lossy = any(c.isalnum() and not c.isascii() for c in folded)
    room = max(1, max_length - _HASH_LENGTH - 1)
    if len(key) > max_length:
        return f"{key[:room].rstrip('-') or 'x'}-{_digest(name)}"
    if not key:
        return f"x-{_digest(name)}"
    if lossy:
        return f"{key[:room].rstrip('-') or 'x'}-{_digest(name)}"
    return key
