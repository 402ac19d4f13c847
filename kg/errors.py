"""Errors raised by kg.

KGError                      base: the CLI prints its message on one line and exits 1
├── DataFileError            a file under ontology/ is missing or malformed (names file:line)
├── ArticleError             one input article cannot be read (names the file and the reason)
├── ModelNotFoundError       no spaCy model is installed under the configured name
├── QueryError               a SPARQL query is malformed, unsafe or over a limit
│   └── QueryTimeout         ... past its time limit (the endpoint answers 504)
├── ValidationError          the graph violates the SHACL shapes
├── OutputError              an output folder or file cannot be written (names it and why)
├── Interrupted              SIGINT or SIGTERM stopped a write (says what the folder holds)
└── ViewError                a network view asks for an unknown entity, type or predicate
"""

from __future__ import annotations


class KGError(Exception):
    """Base class: an error the user can act on, with a one-line message."""


class DataFileError(KGError):
    """A file under ontology/ is missing or malformed."""


class ArticleError(KGError):
    """An input article cannot be read; the run skips it and goes on."""


class ModelNotFoundError(KGError):
    """The configured spaCy model is not installed."""


class QueryError(KGError):
    """A SPARQL query is malformed, unsafe, or hit a limit."""


class QueryTimeout(QueryError):
    """A query (or the loading of its graph) ran past its time limit and was stopped."""


class ValidationError(KGError):
    """The graph does not conform to the SHACL shapes."""


class OutputError(KGError):
    """An output folder or file cannot be written; nothing of it was changed."""


class Interrupted(KGError):
    """A signal stopped writing a build; `replaced` says whether the new build is in place."""

    def __init__(self, message: str, *, replaced: bool) -> None:
        super().__init__(message)
        self.replaced = replaced


class ViewError(KGError):
    """A network view names an entity, type or predicate the graph or ontology lacks."""
