"""Errors raised by kehoach, each with the exit code the CLI turns it into.

The tree, so one screen shows what to catch::

    KehoachError                    any failure kehoach itself reports
    ├── InputFileError              the file cannot be used as given
    │   ├── EmptyFileError          zero bytes
    │   ├── UnsupportedInputError   not a PDF, image or text file
    │   ├── CorruptInputError       a PDF or image that cannot be parsed
    │   ├── EncryptedPdfError       a PDF that needs a password
    │   └── ImageTooLargeError      an image over the pixel limit (decompression bomb)
    ├── MissingDependencyError      Tesseract or its `vie` data is not installed
    ├── OcrError                    Tesseract ran but failed on a page
    ├── ExtractionError             the text was read but the structure step broke
    └── BatchAbortedError           a batch cannot go on (cluster gone, progress cannot be
                                    recorded); what it finished is kept and a re-run resumes

Library calls raise these; only ``cli.py`` turns them into exit codes and one-line messages.
Errors from pdfplumber/pdfminer, pypdfium2, PIL and pytesseract are translated into these
classes at the boundary where they occur, with the original chained (``raise … from``).
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Every way the ``kehoach`` command can end."""

    ok = 0
    failed = 1  # some documents in a batch failed
    bad_args = 2
    input_file = 3
    missing_dependency = 4
    ocr = 5
    extraction = 6
    batch_aborted = 7
    interrupted = 130


class KehoachError(Exception):
    """Base class; ``str(err)`` is a single line that names the file and the reason."""

    exit_code: ExitCode = ExitCode.failed

    def __init__(self, reason: str, path: str | Path | None = None) -> None:
        self.reason = reason
        self.path = str(path) if path is not None else None
        super().__init__(f"{self.path}: {reason}" if self.path else reason)


class InputFileError(KehoachError):
    """The input cannot be used as given."""

    exit_code = ExitCode.input_file


class EmptyFileError(InputFileError):
    """The file has zero bytes."""


class UnsupportedInputError(InputFileError):
    """The content is not a PDF, a PNG/JPEG/TIFF image or text."""


class CorruptInputError(InputFileError):
    """A PDF or image whose content cannot be parsed (truncated, damaged)."""


class EncryptedPdfError(InputFileError):
    """A PDF that needs a password; the message says how to remove it."""


class ImageTooLargeError(InputFileError):
    """An image with more pixels than the configured limit."""


class MissingDependencyError(KehoachError):
    """A program or data file that kehoach needs is not installed."""

    exit_code = ExitCode.missing_dependency


class OcrError(KehoachError):
    """Tesseract failed on a page."""

    exit_code = ExitCode.ocr


class ExtractionError(KehoachError):
    """The structure step failed on text that was read."""

    exit_code = ExitCode.extraction


class BatchAbortedError(KehoachError):
    """A batch stopped before its end for a reason no single document caused: the Dask
    scheduler went away, or the output folder can no longer record progress (disk full).
    Every document finished before is on disk and in the manifest; the same command resumes."""

    exit_code = ExitCode.batch_aborted
