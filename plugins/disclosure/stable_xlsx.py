"""Workbooks as bytes that depend on their content only (byte-identical rebuilds).

openpyxl stamps the save time into docProps/core.xml and every zip member; both are set here to a
date the content gives (e.g. the newest entry's date).
"""

from __future__ import annotations

import datetime
import io
import zipfile

from openpyxl import Workbook

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def workbook_bytes(workbook: Workbook, when: datetime.date) -> bytes:
    stamp = datetime.datetime(when.year, when.month, when.day)
    workbook.properties.created = stamp
    saved = io.BytesIO()
    workbook.save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _fixed_modified(data, stamp)
            member = zipfile.ZipInfo(info.filename, ZIP_EPOCH)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            target.writestr(member, data)
    return out.getvalue()


def _fixed_modified(core: bytes, stamp: datetime.datetime) -> bytes:
    start = core.find(b"<dcterms:modified")
    if start < 0:
        return core
    open_end = core.index(b">", start) + 1
    close = core.index(b"</dcterms:modified>", open_end)
    return core[:open_end] + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + core[close:]
