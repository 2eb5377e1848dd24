"""What a batch run reads: files, folders (recursively) and zip archives, filtered by globs.

Each input gets the name its JSON takes in the output folder: a folder's files keep their
path relative to the folder (two ``report.pdf`` in different sub-folders do not collide),
and a zip's members are named under the archive (``scans.zip/2023/kh-32.pdf``). Zip members
are unpacked into ``OUTDIR/.unpacked/`` so that workers (local or Dask) read plain files and
a resumed run finds them again.
"""

from __future__ import annotations

import fnmatch
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import CorruptInputError, InputFileError

ZIP_MAGIC = b"PK\x03\x04"
UNPACKED = ".unpacked"
# A zip bomb declares members that inflate a thousandfold (42.zip: 4.5 PB from 42 kB). Real
# scans compress little (JPEG inside PDF); text compresses about 5-10×.
MAX_MEMBER_BYTES = 4 << 30  # no single document is larger
MAX_RATIO = 200  # uncompressed / compressed, for members of more than RATIO_FLOOR bytes
RATIO_FLOOR = 10 << 20


@dataclass(frozen=True)
class InputFile:
    """One file to process and where its JSON goes, relative to the output folder."""

    path: Path
    output_name: str
    explicit: bool  # named on the command line (not found in a folder or an archive)
    problem: str | None = None  # why it cannot even be listed (a damaged archive): reported as failed


def is_zip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(4) == ZIP_MAGIC


def _hidden(rel: PurePosixPath) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in rel.parts)


def unpack(archive: Path, name: str, unpack_dir: Path) -> Iterator[tuple[Path, str]]:
    """Extract the archive's files (once; a later run reuses them) as ``(path, name)``.

    Members with absolute paths or ``..`` are refused: they would write outside the folder.
    """
    try:
        with zipfile.ZipFile(archive) as zf:
            for info in sorted(zf.infolist(), key=lambda i: i.filename):
                member = PurePosixPath(info.filename)
                if member.is_absolute() or ".." in member.parts:
                    raise CorruptInputError(f"archive member {info.filename!r} points outside the archive", archive)
                if info.is_dir() or _hidden(member):
                    continue
                if info.file_size > MAX_MEMBER_BYTES or (
                        info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
                    raise CorruptInputError(
                        f"archive member {info.filename!r} would inflate from {info.compress_size} to "
                        f"{info.file_size} bytes: refused as a zip bomb", archive)
                target = unpack_dir / name / member
                if not (target.exists() and target.stat().st_size == info.file_size):
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with zf.open(info) as src, target.open("wb") as dst:
                        while chunk := src.read(1 << 20):
                            dst.write(chunk)
                yield target, f"{name}/{member}"
    except zipfile.BadZipFile as exc:
        raise CorruptInputError(f"zip archive cannot be read ({exc})", archive) from exc
    except OSError as exc:  # the disk filled up while unpacking, or the archive is unreadable
        raise InputFileError(f"cannot unpack the archive ({exc.strerror or exc})", archive) from exc


def wanted(name: str, include: list[str], exclude: list[str]) -> bool:
    """Whether ``name`` (its path as named in the output) passes the globs."""
    base = PurePosixPath(name).name
    matches = lambda pattern: fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(base, pattern)  # noqa: E731
    return (not include or any(map(matches, include))) and not any(map(matches, exclude))


def collect_inputs(paths: Iterable[str | Path], unpack_dir: Path | None = None,
                   include: list[str] | None = None, exclude: list[str] | None = None) -> list[InputFile]:
    """Files named, the files under folders named (recursively, hidden ones left out) and
    the members of zip archives among them, each kept when it passes ``include``/``exclude``
    (shell globs on its name or its path). Without ``unpack_dir`` archives are plain files."""
    include, exclude = include or [], exclude or []
    found: list[InputFile] = []

    def add(path: Path, name: str, explicit: bool) -> None:
        try:
            archive = unpack_dir is not None and path.is_file() and is_zip(path)
        except OSError as exc:  # unreadable (permissions): listed as failed, with the reason
            found.append(InputFile(path, name + ".json", explicit, problem=f"{path}: cannot be read ({exc.strerror})"))
            return
        if archive:
            try:
                members = list(unpack(path, name, unpack_dir))
            except InputFileError as exc:
                found.append(InputFile(path, name + ".json", explicit, problem=str(exc)))
                return
            found.extend(InputFile(member, member_name + ".json", explicit=False)
                         for member, member_name in members if wanted(member_name, include, exclude))
        elif wanted(name, include, exclude):
            found.append(InputFile(path, name + ".json", explicit))

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for sub in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = PurePosixPath(sub.relative_to(path).as_posix())
                if not _hidden(rel):
                    add(sub, str(rel), explicit=False)
        else:
            add(path, path.name, explicit=True)
    return found
