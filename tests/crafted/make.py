#!/usr/bin/env python3
"""Writes Loket's corpus of crafted files into a folder: PDFs and spreadsheets
made to hang, crash or exhaust a reader. The core tests, the end-to-end tests
and `make bench` give each to Loket and expect a refusal in bounded time and
memory, with the desk still answering afterwards.

    python3 tests/crafted/make.py FOLDER

Only the standard library: the files are written byte by byte, so each attack
is exactly what its name says.
"""

import io
import sys
import zipfile
import zlib
from pathlib import Path


def pdf(objects, trailer_extra=b"", xref=True, startxref=None, tail=b""):
    """A classic PDF from numbered object bodies, with a correct xref table
    unless told otherwise."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    at = out.tell()
    if xref:
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
        for o in offsets:
            out.write(b"%010d 00000 n \n" % o)
        out.write(b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra + b">>\n")
    out.write(b"startxref\n%d\n%%%%EOF\n" % (at if startxref is None else startxref))
    out.write(tail)
    return out.getvalue(), at


CATALOG = b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"


def prev_loop():
    """The trailer's /Prev points at its own cross-reference table."""
    _, at = pdf([CATALOG, PAGES, PAGE, b"<< /FT /Sig /T (ttd) >>"])
    # The same file again with /Prev = the table's own offset (the offset does
    # not move: the trailer comes after the table).
    body, _ = pdf([CATALOG, PAGES, PAGE, b"<< /FT /Sig /T (ttd) >>"], trailer_extra=b"/Prev %d " % at)
    return body


def prev_cycle():
    """Two cross-reference sections whose /Prev point at each other."""
    body, at = pdf([CATALOG, PAGES, PAGE, b"<< /FT /Sig /T (ttd) >>"])
    second = len(body)
    update = (
        b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 5 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
        % (at, second)
    )
    # The first table's trailer now points forward at the second.
    body = body.replace(b"/Root 1 0 R >>", b"/Root 1 0 R /Prev %d >>" % second, 1)
    return body + update


def deep_arrays(n=200_000):
    """An object nested 200,000 arrays deep."""
    return pdf([CATALOG, PAGES, PAGE, b"[" * n + b"]" * n])[0]


def deep_dictionaries(n=100_000):
    """An object nested 100,000 dictionaries deep, never closed."""
    return pdf([CATALOG, PAGES, PAGE, b"<< /A " * n])[0]


def deflate_layers(size, layers):
    """`size` zero bytes compressed `layers` times (streamed, never held)."""
    c = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    parts = []
    left = size
    while left:
        n = min(left, len(chunk))
        parts.append(c.compress(chunk[:n]))
        left -= n
    parts.append(c.flush())
    data = b"".join(parts)
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    return data


def object_stream_bomb():
    """A compressed object stream behind three layers of /FlateDecode that
    unpacks to 1 GiB."""
    data = deflate_layers(1 << 30, 3)
    stream = (
        b"<< /Type /ObjStm /N 1 /First 4 /Length %d /Filter [/FlateDecode /FlateDecode /FlateDecode] >>\nstream\n"
        % len(data)
        + data
        + b"\nendstream"
    )
    return pdf([CATALOG, PAGES, PAGE, stream])[0]


def truncated_xref():
    """The cross-reference table cut off in the middle, startxref past the end."""
    body, at = pdf([CATALOG, PAGES, PAGE, b"<< /FT /Sig /T (ttd) >>"])
    cut = body[: at + 40]
    return cut + b"\nstartxref\n%d\n%%%%EOF\n" % (len(body) * 10)


def huge_length():
    """A stream that claims 9,999,999,999 bytes."""
    return pdf([CATALOG, PAGES, PAGE, b"<< /Length 9999999999 >>\nstream\nabc\nendstream"])[0]


def signature_with_deep_contents():
    """A signature field whose value nests arrays deeply (the verifier walks
    /ByteRange and /Contents)."""
    sig = b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange " + b"[" * 50_000 + b"]" * 50_000 + b" /Contents <00> >>"
    return pdf([CATALOG, PAGES, PAGE, b"<< /FT /Sig /T (ttd) /V 5 0 R >>", sig])[0]


# --- spreadsheets ---------------------------------------------------------

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b"</Types>"
)
ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    b"</Relationships>"
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    b"</Relationships>"
)


def sheet_xml(dimension, cells, merges=b""):
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="' + dimension + b'"/><sheetData>' + cells + b"</sheetData>" + merges + b"</worksheet>"
    )


def inline(ref, text):
    return b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


def xlsx(sheet, extra=()):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in extra:
            z.writestr(name, data)
    return out.getvalue()


HEADER = b'<row r="1">' + inline(b"A1", b"Nama") + inline(b"B1", b"NIK") + b"</row>"


def far_corner():
    """One cell at A1 and one at XFD1048576: a 0.5 TB grid if built whole."""
    cells = HEADER + b'<row r="1048576">' + inline(b"XFD1048576", b"x") + b"</row>"
    return xlsx(sheet_xml(b"A1:XFD1048576", cells))


def wide_merge():
    """A title merged from A1 to XFD1048576 above a two-row table."""
    cells = (
        b'<row r="1">' + inline(b"A1", b"Daftar pegawai") + b"</row>"
        b'<row r="2">' + inline(b"A2", b"Nama") + inline(b"B2", b"NIK") + b"</row>"
        b'<row r="3">' + inline(b"A3", b"Ani") + inline(b"B3", b"5171014101900001") + b"</row>"
    )
    merges = b'<mergeCells count="2"><mergeCell ref="A1:XFD1"/><mergeCell ref="A3:XFD1048576"/></mergeCells>'
    return xlsx(sheet_xml(b"A1:B3", cells, merges))


def many_merges(n=200_000):
    """200,000 merged regions each covering the same 50 x 100 block."""
    cells = HEADER + b"".join(
        b'<row r="%d">' % r + inline(b"A%d" % r, b"x") + inline(b"CV%d" % r, b"y") + b"</row>" for r in range(2, 52)
    )
    merges = b'<mergeCells count="%d">' % n + b'<mergeCell ref="A2:CV51"/>' * n + b"</mergeCells>"
    return xlsx(sheet_xml(b"A1:CV51", cells, merges))


class Zeros(io.RawIOBase):
    """A readable stream of `n` copies of `unit`, never held in memory."""

    def __init__(self, unit, n):
        self.unit, self.left = unit, n

    def readable(self):
        return True

    def readinto(self, b):
        if not self.left:
            return 0
        k = min(self.left, len(b) // len(self.unit))
        if k == 0:
            return 0
        chunk = self.unit * k
        b[: len(chunk)] = chunk
        self.left -= k
        return len(chunk)


_BOMB = []


def zip_bomb():
    """A workbook whose shared strings unpack to 1 GiB (declared honestly)."""
    if _BOMB:
        return _BOMB[0]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml(b"A1:B1", HEADER))
        info = zipfile.ZipInfo("xl/sharedStrings.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as f:
            f.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>')
            src = Zeros(b" " * 1024, 1 << 20)
            while True:
                block = src.read(1 << 20)
                if not block:
                    break
                f.write(block)
            f.write(b"</t></si></sst>")
    _BOMB.append(out.getvalue())
    return _BOMB[0]


def lying_zip_bomb():
    """The same bomb with its directory claiming the strings unpack to 1 KB."""
    data = bytearray(zip_bomb())
    name = b"xl/sharedStrings.xml"
    at = 0
    while True:
        at = data.find(b"PK\x01\x02", at)
        if at < 0:
            break
        name_len = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_len] == name:
            data[at + 24 : at + 28] = (1024).to_bytes(4, "little")
            extra_len = int.from_bytes(data[at + 30 : at + 32], "little")
            j = at + 46 + name_len
            while j < at + 46 + name_len + extra_len:
                tag = int.from_bytes(data[j : j + 2], "little")
                size = int.from_bytes(data[j + 2 : j + 4], "little")
                if tag == 1 and size >= 8:
                    data[j + 4 : j + 12] = (1024).to_bytes(8, "little")
                j += 4 + size
        at += 4
    return bytes(data)


def shared(text):
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
        + text
        + b"</t></si></sst>"
    )


def long_string():
    """One shared string of a million characters, used by fifty cells."""
    cells = HEADER + b"".join(b'<row r="%d"><c r="A%d" t="s"><v>0</v></c></row>' % (r, r) for r in range(2, 52))
    return xlsx(sheet_xml(b"A1:B51", cells), [("xl/sharedStrings.xml", shared(b"x" * 1_000_000))])


def amplified():
    """A string just under the cell limit, used by 25,000 cells: a 100 KB
    file whose table is 50 MB once read."""
    cells = HEADER + b"".join(
        b'<row r="%d"><c r="A%d" t="s"><v>0</v></c><c r="B%d" t="s"><v>0</v></c></row>' % (r, r, r)
        for r in range(2, 12_502)
    )
    return xlsx(sheet_xml(b"A1:B12501", cells), [("xl/sharedStrings.xml", shared(b"y" * 1_999))])


def wide_csv(n=1_000_000):
    """One CSV line with a million columns."""
    return b"Nama,NIK" + b"," * n + b"\nAni,5171014101900001\n"


def ods_repeat(rows=1048576):
    """An ODS sheet whose one row repeats a cell across every column and row."""
    content = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        b"<office:body><office:spreadsheet><table:table table:name=\"Data\">"
        + b'<table:table-row table:number-rows-repeated="%d">' % rows
        + b'<table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell>'
        b"</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr(
            "META-INF/manifest.xml",
            b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            b'<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
            zipfile.ZIP_DEFLATED,
        )
    return out.getvalue()


PDFS = {
    "prev-loop.pdf": prev_loop,
    "prev-cycle.pdf": prev_cycle,
    "deep-arrays.pdf": deep_arrays,
    "deep-dictionaries.pdf": deep_dictionaries,
    "objstm-bomb.pdf": object_stream_bomb,
    "truncated-xref.pdf": truncated_xref,
    "huge-length.pdf": huge_length,
    "deep-signature.pdf": signature_with_deep_contents,
}
SHEETS = {
    "far-corner.xlsx": far_corner,
    "wide-merge.xlsx": wide_merge,
    "many-merges.xlsx": many_merges,
    "zip-bomb.xlsx": zip_bomb,
    "lying-zip-bomb.xlsx": lying_zip_bomb,
    "wide.csv": wide_csv,
    "long-string.xlsx": long_string,
    "amplified.xlsx": amplified,
    "repeat.ods": ods_repeat,
    # Under the ODS reader's own cap of 100 million cells: only the confined
    # reader's memory limit stops it.
    "repeat-under-cap.ods": lambda: ods_repeat(5000),
}


def main():
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in {**PDFS, **SHEETS}.items():
        target = folder / name
        if not target.exists():
            target.write_bytes(make())
    print("\n".join(sorted(PDFS) + sorted(SHEETS)))


if __name__ == "__main__":
    main()
