"""Read a register spreadsheet (CSV or .xlsx) into plain rows of text cells, numbered as a spreadsheet
numbers them: the header is row 1, the first qualification row 2."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from pathlib import Path

from noks.errors import NoksError, Problem


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (row number, cells), empty rows left out


def read_table(path: Path) -> Table:
    """The header and the non-empty rows of `path` (.csv or .xlsx)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        grid = _csv_rows(path)
    elif suffix in (".xlsx", ".xlsm"):
        grid = _xlsx_rows(path)
    else:
        raise NoksError(Problem(f"cannot import a {suffix or 'file without extension'}", file=path, hint=_FORMATS))
    if not grid or not any(grid[0]):
        raise NoksError(Problem("the file is empty: the first row must be the header", file=path, line=1))
    rows = tuple((number, cells) for number, cells in enumerate(grid[1:], start=2) if any(cells))
    return Table(header=grid[0], rows=rows)


_FORMATS = "save the register as CSV (UTF-8) or as an Excel workbook (.xlsx)"


def _csv_rows(path: Path) -> list[tuple[str, ...]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise NoksError(Problem(f"cannot read file: {exc.strerror}", file=path)) from exc
    except UnicodeDecodeError as exc:
        raise NoksError(
            Problem(
                "the file is not UTF-8 text",
                file=path,
                hint="save it as 'CSV UTF-8 (comma delimited)' (Excel) or choose UTF-8 when exporting",
            )
        ) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [tuple(cell.strip() for cell in row) for row in reader]


def _xlsx_rows(path: Path) -> list[tuple[str, ...]]:
    from openpyxl import load_workbook  # imported here: only an .xlsx import needs it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise NoksError(Problem(f"cannot open the workbook: {exc}", file=path, hint=_FORMATS)) from exc
    try:
        sheet = workbook.worksheets[0]
        return [tuple(_cell_text(value) for value in row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    """A spreadsheet value as the text a CSV export would give (dates as YYYY-MM-DD, 3.0 as 3)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
