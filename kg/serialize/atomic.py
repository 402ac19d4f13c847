"""Atomic writes: a file is written to a temporary name in the same folder and renamed over
the old one, so an interrupted run leaves the previous file intact; a whole build is written
into a fresh folder beside the output folder and swapped with it in one step, so the output
folder always holds one whole build: the previous one or the new one."""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_file(path: Path, *, text: bool = False) -> Iterator[IO[Any]]:
    """A file to write `path` through: a temp file beside it, fsynced and renamed over `path`
    only when the block ends normally; on any exception (a signal too) it is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(
            fd, "w" if text else "wb", **({"encoding": "utf-8"} if text else {})
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); outputs are ordinary files (0644 less umask)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step (temp file + fsync + rename)."""
    with atomic_file(path) as handle:
        handle.write(data)


def write_lines_atomic(path: Path, lines: Iterable[str]) -> None:
    """Write text lines to `path` atomically without holding them all in memory."""
    with atomic_file(path, text=True) as handle:
        for line in lines:
            handle.write(line + "\n")


# ---------------------------------------------------------------- whole folders

# What a build writes into its folder: anything else there (a README, a store folder the
# user made) is carried over into each new build.
BUILD_FILES = re.compile(
    r"^(graph\.\w+|extractions\.jsonl|report\.txt|shacl-sample\.txt|\.shards|\..+\.tmp)$"
)
_STAGING = ".{name}.kg-new-{pid}"
_OLD = ".{name}.kg-old-{pid}"
_RENAME_EXCHANGE = 2  # renameat2 flag (Linux 3.15+)
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where that is missing."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    if (
        renameat2(
            _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE
        )
        == 0
    ):
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False  # a file system (or kernel) that cannot exchange
    raise OSError(error, os.strerror(error), str(b))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove what an interrupted build left beside `folder` (a staging folder, the old
    build of a swap that did not finish) and inside it (temp files, scratch folders); put
    back an old build that a killed swap had moved away. Returns what was removed."""
    removed = []
    pattern = re.compile(rf"^\.{re.escape(folder.name)}\.kg-(new|old)-(\d+)$")
    parent = folder.parent if str(folder.parent) else Path(".")
    try:
        siblings = sorted(parent.iterdir()) if parent.is_dir() else []
    except OSError:
        siblings = []
    for sibling in siblings:
        match = pattern.match(sibling.name)
        if not match or (
            _alive(int(match.group(2))) and int(match.group(2)) != os.getpid()
        ):
            continue
        if match.group(1) == "old" and not folder.exists():
            sibling.rename(folder)  # a swap killed half-way: the old build goes back
            continue
        shutil.rmtree(sibling, ignore_errors=True)
        removed.append(sibling)
    if folder.is_dir():
        for item in folder.iterdir():
            if item.name == ".shards" or (
                item.name.startswith(".") and item.name.endswith(".tmp")
            ):
                shutil.rmtree(
                    item, ignore_errors=True
                ) if item.is_dir() else item.unlink(missing_ok=True)
                removed.append(item)
    return removed


@contextmanager
def staged_folder(folder: Path) -> Iterator[Path]:
    """A fresh folder to write a whole build into, beside `folder`; when the block ends
    normally it replaces `folder` in one atomic step (readers see the old build or the new
    one, never a mix), else it is removed and `folder` stays as it was.

    Files in `folder` that are not a build's (see BUILD_FILES) are carried over (hard links
    where possible), so a README or a store folder kept there survives the swap.
    """
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))
    clean_leftovers(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / _STAGING.format(name=folder.name, pid=os.getpid())
    staging.mkdir()
    try:
        if folder.is_dir():
            for item in folder.iterdir():
                if not BUILD_FILES.match(item.name):
                    _carry(item, staging / item.name)
        yield staging
        _fsync_dir(staging)
        if not folder.exists():
            staging.rename(folder)
            staging = None  # type: ignore[assignment]
        elif _exchange(staging, folder):
            pass  # staging now holds the old build
        else:
            old = folder.parent / _OLD.format(name=folder.name, pid=os.getpid())
            folder.rename(old)
            staging.rename(folder)
            staging = old
        _fsync_dir(folder.parent)
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def _carry(source: Path, target: Path) -> None:
    """Hard-link (else copy) a file or folder tree into the new build."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    if source.is_dir() and not source.is_symlink():
        shutil.copytree(source, target, symlinks=True, copy_function=link)
    elif source.is_symlink():
        os.symlink(os.readlink(source), target)
    else:
        link(str(source), str(target))


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
