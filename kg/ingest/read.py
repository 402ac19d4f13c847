"""Reading: every input (files and folders, JSONL corpora, texts given in Python) as one
stream of cleaned articles, the same way for every build path.

`read_inputs` is the one reader. Each input becomes a `Document` (a file decoded and
repaired by `kg.ingest.files`, a corpus record by `kg.ingest.corpus`, a string as it is);
every document is then treated alike: cut to the size limit, cleaned into stories
(`kg.ingest.clean`), checked for its language, kept once per text, split into parts that
spaCy can parse (`kg.ingest.split`) and given a unique id. An input that yields nothing is
reported once through `on_error`, naming the file (or record) and the reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import ArticleError
from kg.ingest.clean import clean_text
from kg.ingest.corpus import corpus_documents, is_corpus
from kg.ingest.dates import When, article_date, parse_date_value
from kg.ingest.decode import remap, repair
from kg.ingest.document import Document, text_id
from kg.ingest.files import find_article_files, read_source
from kg.ingest.language import detect_language
from kg.ingest.split import split_article
from kg.model import Article
from kg.names import short_hash, shown
from kg.resources import Ontology
from kg.settings import Settings


@dataclass(frozen=True, slots=True)
class Inputs:
    """What a build reads: files and folders, JSONL corpora (at most `limit` records of
    each) and texts given as (id, text) pairs."""

    paths: tuple[Path, ...] = ()
    corpora: tuple[Path, ...] = ()
    texts: tuple[tuple[str, str], ...] = ()
    limit: int | None = None

    def __bool__(self) -> bool:
        return bool(self.paths or self.corpora or self.texts)


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A story whose text an earlier input already gave: kept once, both recorded."""

    source: str
    original: str
    article_ids: tuple[str, ...]  # the parts of the kept story

    def __str__(self) -> str:
        return f"{self.source}: same text as {self.original} (kept once, both recorded as sources)"


def _file_ids(files: list[Path], roots: list[Path]) -> dict[Path, str]:
    """Article ids: the file name's stem, readable and stable; where two files share a stem
    (same name in two folders, a.txt beside a.html), a short hash of the path under its root
    tells them apart."""
    stems = {path: text_id(path.stem) for path in files}
    taken = Counter(stems.values())

    def relative(path: Path) -> str:
        root = next((r for r in roots if path.is_relative_to(r) and path != r), None)
        return (path.relative_to(root) if root else Path(path.name)).as_posix()

    return {
        path: stem
        if taken[stem] == 1
        else f"{stem}-{short_hash(relative(path), str(path), length=8)}"
        for path, stem in stems.items()
    }


def _file_documents(
    paths: Iterable[Path], *, max_bytes: int, on_error: Callable[[ArticleError], None]
) -> Iterator[Document]:
    roots = list(paths)
    files: list[Path] = []
    for found in find_article_files(roots):
        if isinstance(found, ArticleError):
            on_error(found)
        else:
            files.append(found)
    ids = _file_ids(files, roots)
    for path in files:
        try:
            source = read_source(path, max_bytes=max_bytes)
        except ArticleError as e:
            on_error(e)
            continue
        yield Document(
            ids[path],
            shown(path),
            source.text,
            source.segments,
            source.title,
            source.date,
            source.url,
            "html" if source.date else None,
        )


def _text_documents(
    texts: Iterable[tuple[str, str]],
    *,
    max_bytes: int,
    on_error: Callable[[ArticleError], None],
) -> Iterator[Document]:
    for name, text in texts:
        where = f"text {name!r}"
        if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
            on_error(
                ArticleError(
                    f"{where}: too large (over {max_bytes} bytes; raise max_bytes)"
                )
            )
            continue
        repaired, segments = repair(text)
        if not repaired.strip():
            on_error(ArticleError(f"{where}: no text"))
            continue
        yield Document(text_id(name), f"text:{name}", repaired, segments)


def documents(
    inputs: Inputs,
    ontology: Ontology,
    *,
    max_bytes: int,
    on_error: Callable[[ArticleError], None],
) -> Iterator[Document]:
    """Every document of `inputs`, in order: files, then corpora, then texts."""
    # a JSONL corpus named as a path is read as a corpus, never as one prose article
    files = tuple(p for p in inputs.paths if not (is_corpus(p) and p.is_file()))
    corpora = tuple(p for p in inputs.paths if p not in files) + inputs.corpora
    if files:
        yield from _file_documents(files, max_bytes=max_bytes, on_error=on_error)
    for corpus in corpora:
        yield from corpus_documents(
            corpus, max_bytes=max_bytes, on_error=on_error, limit=inputs.limit
        )
    if inputs.texts:
        yield from _text_documents(inputs.texts, max_bytes=max_bytes, on_error=on_error)


@dataclass(slots=True)
class _Seen:
    """Texts already read (by a hash of their words), with their source and article ids."""

    first: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)


def _stories(
    document: Document,
    ontology: Ontology,
    *,
    language: str,
    on_error: Callable[[ArticleError], None],
    given: When | None = None,
) -> list[Article]:
    cleaned = clean_text(
        document.text, source=document.source, article_id=document.id, ontology=ontology
    )
    if not cleaned:
        # the cleaning rules read English news: a text in another script leaves nothing
        detected = detect_language(
            document.text, function_words=ontology.lex.function_words
        )
        if language != "any" and detected is not None and detected != language:
            on_error(_not_wanted(document.source, language, detected))
        else:
            on_error(
                ArticleError(f"{document.source}: no article text left after cleaning")
            )
    # the date: the record's or page's metadata, else the source's own lines (a dateline,
    # a "Published" line: the cleaning cuts them from the story), else the story's, else
    # the one given by hand (--date)
    dated = (
        replace(found, how=document.date_how or found.how)
        if document.date and (found := parse_date_value(document.date))
        else article_date(document.text)
    )
    dated = dated or given
    stories = []
    for number, story in enumerate(cleaned, 1):
        detected = (
            None
            if language == "any"
            else detect_language(story.text, function_words=ontology.lex.function_words)
        )
        if detected is not None and detected != language:
            story_name = f" (story {number})" if len(cleaned) > 1 else ""
            on_error(_not_wanted(f"{document.source}{story_name}", language, detected))
            continue
        segments = (
            remap(story.segments, document.segments)
            if document.segments
            else story.segments
        )
        title = (
            (document.title or story.title)
            if number == 1
            else (story.title or document.title)
        )
        when = dated if dated and dated.how != "given" else article_date(story.text)
        when = when or dated
        stories.append(
            replace(
                story,
                segments=segments,
                title=title,
                date=when.value if when else None,
                date_how=when.how if when else None,
                url=document.url,
            )
        )
    return stories


def _not_wanted(source: str, language: str, detected: str) -> ArticleError:
    wanted = "English" if language == "en" else f"in language {language}"
    return ArticleError(
        f"{source}: not {wanted} (detected {detected}); "
        f"read it with --language {detected} and a model for that language"
    )


def read_inputs(
    inputs: Inputs,
    ontology: Ontology,
    settings: Settings = Settings(),
    *,
    on_error: Callable[[ArticleError], None],
    on_duplicate: Callable[[Duplicate], None] | None = None,
) -> Iterator[Article]:
    """Yield the cleaned stories of every input, each text once, in input order.

    A story whose text an earlier input already gave is kept once (`on_duplicate` hears of
    it, with the ids of the kept story's parts, so that the caller records both sources). A
    story longer than `settings.max_part_chars` is split into parts ("id", "id-part2", ...)
    at paragraph, else sentence, breaks; each part keeps the segments of its stretch, so
    provenance offsets still point into the same source file.
    """
    seen = _Seen()
    given = parse_date_value(settings.date) if settings.date else None
    given = replace(given, how="given") if given else None
    for document in documents(
        inputs, ontology, max_bytes=settings.max_bytes, on_error=on_error
    ):
        for story in _stories(
            document,
            ontology,
            language=settings.language,
            on_error=on_error,
            given=given,
        ):
            # a story of which only the dateline is left is that dateline
            text = story.text or f"filed from {story.dateline}"
            key = short_hash(" ".join(text.split()).casefold(), length=None)
            if key in seen.first:
                original, parts = seen.first[key]
                if story.source != original and on_duplicate is not None:
                    on_duplicate(Duplicate(story.source, original, parts))
                continue
            parts = []
            for part in split_article(story, max_chars=settings.max_part_chars):
                if part.id in seen.ids:
                    part = replace(
                        part,
                        id=f"{part.id}-{short_hash(part.source, part.text, length=8)}",
                    )
                seen.ids.add(part.id)
                parts.append(part)
            seen.first[key] = (story.source, tuple(p.id for p in parts))
            yield from parts
