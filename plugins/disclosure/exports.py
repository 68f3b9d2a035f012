"""The catalogue as downloadable files: JSON, CSV (Excel-friendly), XLSX (主动公开基本目录), Atom feed."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .catalogue.entry_fields import EXPORT_COLUMNS
from .catalogue.model import VALIDITY_LABELS, Catalogue, Entry
from .forks import Aside
from .memo import Memo, derive
from .search import SHARD_EXTENSIONS, remember_shard_filters, shard_files, write_folder
from .site_cleanup import write_in_place
from .urls import ColumnUrls, relative
from .xmlchars import strip_forbidden

COLUMNS = EXPORT_COLUMNS  # (key, Chinese header), from the registry of entry fields
ATOM = "http://www.w3.org/2005/Atom"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what Excel and LibreOffice read as the start of a formula


def human_size(size: float) -> str:
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"  # pragma: no cover


def entry_record(entry: Entry, catalogue: Catalogue, urls: ColumnUrls) -> dict[str, Any]:
    """Every field of an entry, as JSON-ready values; `url` is site-root-relative."""
    return {
        "index": entry.index, "title": entry.title, "category": entry.category,
        "category_title": catalogue.by_category[entry.category].title, "publisher": entry.publisher,
        "date": entry.date.isoformat(), "doc_number": entry.doc_number, "validity": entry.validity,
        "keywords": list(entry.keywords), "summary": entry.summary, "body": entry.body, "link": entry.link,
        "attachments": [{"title": a.title, "file": a.file, "size": a.size} for a in entry.attachments],
        "published": entry.published.isoformat() if entry.published else None,
        "valid_until": entry.valid_until.isoformat() if entry.valid_until else None,
        "interprets": entry.interprets,
        "url": urls.entry(entry),
    }


def table_row(record: dict[str, Any], category_labels: dict[str, str], site_url: str) -> list[str]:
    """A row of catalogue.csv / .xlsx as `disclosure import` reads it back: the category by its title
    (its path when titles repeat), 网址 absolute when the site has a `site_url`."""
    display = dict(record, category=category_labels[record["category"]], keywords="、".join(record["keywords"]),
                   validity=VALIDITY_LABELS.get(record["validity"], ""), url=site_url + record["url"])
    return [display[key] or "" for key, _ in COLUMNS]


Made = tuple[dict[str, bytes], dict[str, bytes]]  # the exports and the catalogue search's shards, by file name


def make(catalogue: Catalogue, urls: ColumnUrls, config: MkDocsConfig, feed_size: int, memo: Memo | None = None) -> Made:
    """What the catalogue alone gives: the exports and the catalogue search's shards (taking the
    rows `memo` remembers)."""
    return (outputs(catalogue, urls, config, feed_size, memo),
            shard_files(catalogue, relative(urls.home(), urls.entry_pattern(config.use_directory_urls)), memo))


def remember(memo: Memo, catalogue: Catalogue, urls: ColumnUrls, config: MkDocsConfig) -> None:
    """Fill `memo` with the rows of every entry and the catalogue search's filters (`memo.py`): the
    preview, between saves."""
    context, make_row = _row_maker(catalogue, urls, config)
    memo.remember("export", context, catalogue.entries, make_row)
    remember_shard_filters(memo, catalogue)


class Ahead:
    """The exports made in a child forked as the build starts (`forks.Aside`), on the core that the
    single-process start leaves idle; `made()` waits for them."""

    def __init__(self, make_them: Callable[[], Made]) -> None:
        self.child = Aside(make_them)

    def made(self) -> Made:
        try:
            return self.child.result()
        except RuntimeError as error:  # a bug, not an editor's mistake: the catalogue has been validated
            raise PluginError(f"生成导出文件时出错：\n{error}") from None

    def cancel(self) -> None:
        self.child.cancel()


def write(made: Made, urls: ColumnUrls, site_dir: str) -> None:
    """Write what `make` made into the column."""
    exported, shards = made
    for name, data in exported.items():
        write_in_place(data, os.path.join(site_dir, urls.export(name)))
    write_folder(os.path.join(site_dir, urls.prefix, "search"), shards, SHARD_EXTENSIONS)


@dataclass(frozen=True)
class EntryRow:
    """An entry in each export that has a row or record per entry."""

    json: str  # its record in catalogue.json
    csv: str  # its line of catalogue.csv
    cells: tuple[str, ...]  # its cells in catalogue.xlsx (`xlsx_cells`)


def _row_maker(catalogue: Catalogue, urls: ColumnUrls, config: MkDocsConfig) -> tuple[Hashable, Callable[[Entry], EntryRow]]:
    """(what the rows depend on besides the entry, the function that makes an entry's row)."""
    labels = catalogue.category_labels()
    site_url = (config.site_url or "").rstrip("/") + "/" if config.site_url else ""

    def make_row(entry: Entry) -> EntryRow:
        record = entry_record(entry, catalogue, urls)
        row = table_row(record, labels, site_url)
        return EntryRow(record_json(record), csv_line(row), xlsx_cells(row))

    titles = tuple((category.id, category.title) for category in catalogue.walk_categories())
    return (titles, tuple(labels.items()), site_url, urls.prefix), make_row


def outputs(catalogue: Catalogue, urls: ColumnUrls, config: MkDocsConfig, feed_size: int,
            memo: Memo | None = None) -> dict[str, bytes]:
    """{file name: bytes} of every export."""
    context, make_row = _row_maker(catalogue, urls, config)
    rows = derive(memo, "export", context, catalogue.entries, make_row)
    return {
        "catalogue.json": _json_document(catalogue, [row.json for row in rows]),
        "catalogue.csv": _csv_document([row.csv for row in rows]),
        "catalogue.xlsx": _xlsx_document([row.cells for row in rows], catalogue.agency.name,
                                         max((e.date for e in catalogue.entries), default=datetime.date(2000, 1, 1))),
        "feed.xml": feed_bytes(catalogue, urls, config, feed_size),
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def record_json(record: dict[str, Any]) -> str:
    """An entry's record as it stands in catalogue.json."""
    return _json(_clean(record))


def json_bytes(catalogue: Catalogue, records: list[dict[str, Any]]) -> bytes:
    return _json_document(catalogue, [record_json(record) for record in records])


def _json_document(catalogue: Catalogue, records: list[str]) -> bytes:
    """catalogue.json from its entries' records, each already JSON: what `json.dumps` gives the whole."""
    agency = {k: v for k, v in vars(catalogue.agency).items() if v is not None}
    empty = _json(_clean({"version": 1, "agency": agency, "entries": []}))
    assert empty.endswith("[]}")
    return (empty[:-2] + ",".join(records) + "]}").encode("utf-8")


def _clean(value: Any) -> Any:
    """Every string of a JSON-ready value without the characters the other exports cannot carry."""
    if isinstance(value, str):
        return strip_forbidden(value)
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


def csv_cell(value: str) -> str:
    """OWASP's rule against CSV injection: a value that would start a formula gets a leading `'`."""
    value = strip_forbidden(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_line(row: list[str]) -> str:
    """A row as one CSV record, with its line end (what `csv.writer.writerows` writes for it)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerow([csv_cell(value) for value in row])
    return buffer.getvalue()


def csv_bytes(rows: list[list[str]]) -> bytes:
    return _csv_document([csv_line(row) for row in rows])


def _csv_document(lines: list[str]) -> bytes:
    return (csv_line([header for _, header in COLUMNS]) + "".join(lines)).encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def xlsx_cells(row: list[str]) -> tuple[str, ...]:
    """A row's cells as catalogue.xlsx holds them (`xlsx_text`; "" where empty)."""
    return tuple(xlsx_text(value) if value else "" for value in row)


def xlsx_bytes(rows: list[list[str]], agency_name: str, newest: datetime.date) -> bytes:
    return _xlsx_document([xlsx_cells(row) for row in rows], agency_name, newest)


def _xlsx_document(rows: Sequence[Sequence[str]], agency_name: str, newest: datetime.date) -> bytes:
    """Every cell a string cell: `=1+1`, `+…`, `@…` stay what the editor wrote, never a live formula.
    XlsxWriter stamps its zip members with a fixed time and core.xml with `created` (the newest
    entry's date), so the bytes depend on the content only. `rows`: cell texts (`xlsx_text`)."""
    import xlsxwriter  # in the child that makes the exports: not in every build's single-process start

    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False,
                                         "strings_to_formulas": False, "strings_to_urls": False})
    workbook.set_properties({"created": datetime.datetime(newest.year, newest.month, newest.day)})
    sheet = workbook.add_worksheet("主动公开基本目录")
    sheet.write_string(0, 0, xlsx_text(f"{agency_name} 主动公开基本目录"))
    for row_number, row in enumerate([[xlsx_text(header) for _, header in COLUMNS], *rows], start=1):
        for column, value in enumerate(row):
            if value:
                sheet.write_string(row_number, column, value)
    workbook.close()
    return out.getvalue()


XLSX_CELL_MAX = 32767  # characters Excel keeps in a cell
CUT_NOTE = "……（超出 Excel 单元格 32767 字的上限，全文见 catalogue.csv）"


def xlsx_text(value: str) -> str:
    """A cell's text; a longer one says where the rest is instead of being cut without a word."""
    value = strip_forbidden(value)
    return value if len(value) <= XLSX_CELL_MAX else value[:XLSX_CELL_MAX - len(CUT_NOTE)] + CUT_NOTE


def feed_bytes(catalogue: Catalogue, urls: ColumnUrls, config: MkDocsConfig, size: int) -> bytes:
    base = (config.site_url or "").rstrip("/") + "/" if config.site_url else ""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    newest = catalogue.entries[:size]
    updated = newest[0].date if newest else datetime.date.today()
    _text(feed, "title", f"{catalogue.agency.name} 政府信息公开")
    _text(feed, "id", f"{base}{urls.home()}" if base else f"urn:disclosure:{catalogue.agency.code}")
    _text(feed, "updated", f"{updated.isoformat()}T00:00:00Z")
    ET.SubElement(feed, f"{{{ATOM}}}link", href=f"{base}{urls.home()}" if base else "./", rel="alternate")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", catalogue.agency.name)
    for entry in newest:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(item, "title", entry.title)
        _text(item, "id", f"urn:disclosure:{entry.index}")
        _text(item, "updated", f"{entry.date.isoformat()}T00:00:00Z")
        href = f"{base}{urls.entry(entry)}" if base else entry.slug + "/"
        ET.SubElement(item, f"{{{ATOM}}}link", href=href, rel="alternate")
        _text(item, "summary", entry.summary or entry.title)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _text(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = strip_forbidden(value)
