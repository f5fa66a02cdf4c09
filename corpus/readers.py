"""Read report files (.txt, .docx, .pdf, .html) into decoded text.

Every failure — missing file, unsupported type, binary junk, truncated .docx, scanned PDF —
raises :class:`corpus.errors.InputError` with a one-line reason and the path; no library exception
escapes. Cleaning (bookmarks, tabs, chart data …) is done later by :func:`corpus.clean.clean_text`.
"""

from __future__ import annotations

import contextlib
import logging
import os
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus import resources as R
from corpus.errors import InputError

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")

# pypdf logs what it repaired ("EOF marker not found") to Python's last-resort stderr handler;
# a bad PDF is reported as one InputError line instead, so its log records go nowhere.
logging.getLogger("pypdf").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class RawText:
    """A file's text as decoded, before cleaning.

    ``text`` is: for txt/html the decoded text (html: the page body, one line per block element,
    table cells joined by tabs); for docx paragraphs and tables in document order, one line per
    table row with cells joined by ``"\\t"``; for pdf the text layer, pages joined by ``"\\n"``, with
    ``pages`` giving the offset where each page starts. ``warnings`` says what was read leniently.

    >>> RawText("a.txt", "txt", "utf-8", "一、项目概况").format
    'txt'
    """

    path: str
    format: str
    encoding: str | None
    text: str
    pages: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()  # e.g. bad bytes replaced, a PDF page whose text failed

    def page_of(self, offset: int) -> int | None:
        """1-based page holding ``offset`` (pdf only), else None.

        >>> RawText("a.pdf", "pdf", None, "p1\\np2", (0, 3)).page_of(4)
        2
        """
        if not self.pages:
            return None
        return max(1, bisect_right(self.pages, offset))


def read_file(path: str | Path) -> RawText:
    """Read one report file, choosing the reader by suffix.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.txt"
    >>> _ = p.write_bytes("二、绩效目标".encode("gb18030"))
    >>> read_file(p).encoding, read_file(p).text
    ('gb18030', '二、绩效目标')
    """
    shown = str(path)
    p = Path(path)
    if not p.exists():
        raise InputError("no such file or directory", path=shown)
    if p.is_dir():
        raise InputError("is a directory, not a file (load reads folders recursively)", path=shown)
    reader = _READERS.get(p.suffix.lower())
    if reader is None:
        raise InputError(_unsupported(p), path=shown)
    try:
        return reader(p, shown)
    except InputError:
        raise
    except MemoryError:
        raise InputError("file too large to read into memory", path=shown) from None
    except OSError as e:
        raise InputError(f"cannot read ({e.strerror or e})", path=shown) from None
    except Exception as e:  # a library's own error: never let it escape as anything else
        raise InputError(f"cannot read {p.suffix.lower()} file ({_reason(e)})", path=shown) from None


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files to read under ``paths``: folders recursively (sorted), supported suffixes only.

    A path that does not exist, a file of an unsupported type given explicitly, or a folder
    holding no file of a supported type raises InputError. Hidden entries (``.git``) and Word
    lock files (``~$x.docx``) are skipped.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "b.txt").write_text("x"), (d / "a.pdf").write_text("x")
    >>> [p.name for p in iter_files([d])]
    ['a.pdf', 'b.txt']
    """
    seen: set[Path] = set()
    for given in paths:
        p = Path(given)
        if not p.exists():
            raise InputError("no such file or directory", path=str(given))
        found = _walk(p) if p.is_dir() else [_checked_file(p, str(given))]
        if not found:
            raise InputError(
                f"no report files in this folder (looked for {', '.join(SUPPORTED_SUFFIXES)}, recursively)",
                path=str(given),
            )
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                yield f


def _checked_file(p: Path, shown: str) -> Path:
    if p.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise InputError(_unsupported(p), path=shown)
    return p


def _walk(folder: Path) -> list[Path]:
    out: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith((".", "~$")) or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            out.append(Path(root) / name)
    return sorted(out, key=lambda f: f.relative_to(folder).parts)


def _unsupported(p: Path) -> str:
    suffix = p.suffix.lower() or "(no suffix)"
    hint = "; save it as .docx first" if suffix in (".doc", ".wps", ".rtf") else ""
    return f"unsupported file type {suffix} (supported: {', '.join(SUPPORTED_SUFFIXES)}){hint}"


def _reason(e: BaseException) -> str:
    text = " ".join(str(e).split())[:160]
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


# --- txt -------------------------------------------------------------------------------------


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode file bytes: BOM, strict UTF-8, then ``declared`` (a meta charset), strict GB18030,
    UTF-8 or GB18030 with a few bad bytes replaced, then charset-normalizer. Raises ValueError
    when nothing decodes.

    >>> decode_bytes("绩效".encode("utf-8-sig"))
    ('绩效', 'utf-8-sig')
    >>> decode_bytes("绩效目标".encode("gb18030"))
    ('绩效目标', 'gb18030')
    """
    text, encoding, _ = _decode(data, declared)
    return text, encoding


def _decode(data: bytes, declared: str | None) -> tuple[str, str, tuple[str, ...]]:
    """Like :func:`decode_bytes`, with the warnings of a lenient decode."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig", ()
        except UnicodeDecodeError:
            data = data[3:]
    bom16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    utf16 = "utf-16" if bom16 else _utf16_without_bom(data[: R.SNIFF_BYTES])
    # valid UTF-8 wins over a declared charset: pages that say gbk but are UTF-8 are common,
    # GBK text that happens to be valid UTF-8 is not
    tries = (utf16, "utf-8", _normal_codec(declared), *R.STRICT_ENCODINGS)
    for enc in dict.fromkeys(e for e in tries if e):
        try:
            return data.decode(enc), enc, ()
        except (UnicodeDecodeError, LookupError):
            continue
    lenient = _decode_leniently(data)
    if lenient is not None:
        return lenient
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ValueError("undecodable")
    return str(best), best.encoding, (f"encoding guessed by charset-normalizer: {best.encoding}",)


def _decode_leniently(data: bytes) -> tuple[str, str, tuple[str, ...]] | None:
    """UTF-8 or GB18030 with a few undecodable bytes (a file cut mid-character, a stray byte)."""
    best: tuple[int, str, str] | None = None
    for enc in R.STRICT_ENCODINGS:
        text = data.decode(enc, errors="replace")
        bad = text.count("\ufffd")
        if best is None or bad < best[0]:
            best = (bad, text, enc)
    if best is None or best[0] > max(R.LENIENT_MAX_BAD, len(best[1]) * R.LENIENT_BAD_SHARE):
        return None
    bad, text, enc = best
    plural = "s" if bad != 1 else ""
    line = text.count("\n", 0, text.find("\ufffd")) + 1
    return (
        text,
        enc,
        (f"{bad} undecodable byte sequence{plural} replaced by U+FFFD ({enc}), first on line {line}",),
    )


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the NULs of the head fall on one side of the byte pairs
    (the high byte of ASCII, digits and punctuation in UTF-16).

    >>> _utf16_without_bom("年度2023".encode("utf-16-le")), _utf16_without_bom(b"plain text")
    ('utf-16-le', None)
    """
    if len(head) < 8:
        return None
    share_even, share_odd = head[0::2].count(0) / (len(head) // 2), head[1::2].count(0) / (len(head) // 2)
    if share_odd >= 0.2 and share_even <= 0.25 * share_odd:
        return "utf-16-le"
    if share_even >= 0.2 and share_odd <= 0.25 * share_even:
        return "utf-16-be"
    return None


def _normal_codec(name: str | None) -> str | None:
    """Meta charsets name GB2312/GBK for pages that use GB18030 characters: read them as GB18030."""
    if not name:
        return None
    low = name.strip().lower().replace("_", "-")
    if low in ("gb2312", "gbk", "gb-2312", "cp936", "x-gbk", "euc-cn"):
        return "gb18030"
    return low


def looks_binary(data: bytes) -> bool:
    """True when the head of ``data`` holds NUL bytes or many other control bytes.

    >>> looks_binary(b"PK\\x03\\x04\\x00\\x00"), looks_binary("一、".encode())
    (True, False)
    """
    head = data[: R.SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(head):
        return False  # UTF-16: its NULs are half of each ASCII character
    if b"\x00" in head:
        return True
    bad = len(head.translate(None, R.TEXT_BYTES))  # what is left are the binary control bytes
    return bad > R.BINARY_SHARE * max(len(head), 1)


def _read_txt(p: Path, shown: str) -> RawText:
    data = p.read_bytes()
    if not data.strip():
        raise InputError("empty file" if not data else "empty file (only whitespace)", path=shown)
    if looks_binary(data):
        raise InputError("binary file, not text", path=shown)
    try:
        text, enc, warnings = _decode(data, None)
    except (ValueError, UnicodeDecodeError):
        raise InputError(
            "binary file, not text (neither UTF-8 nor GB18030 decodes it from this line on)",
            path=shown,
            line=_first_undecodable_line(data),
        ) from None
    if "\x00" in text:
        raise InputError("binary file, not text (NUL characters)", path=shown)
    if not text.strip():
        raise InputError("empty file (only whitespace)", path=shown)
    return RawText(shown, "txt", enc, text, warnings=warnings)


def _first_undecodable_line(data: bytes) -> int:
    """Line of the first byte that neither UTF-8 nor GB18030 decodes (the later of the two).

    >>> _first_undecodable_line("一、概况\\n二、目标".encode() + b"\\xff\\xfe")
    2
    """
    furthest = 0
    for enc in R.STRICT_ENCODINGS:
        try:
            data.decode(enc)
        except UnicodeDecodeError as e:
            furthest = max(furthest, e.start)
    return data.count(b"\n", 0, furthest) + 1


# --- docx ------------------------------------------------------------------------------------


def _read_docx(p: Path, shown: str) -> RawText:
    import docx

    from corpus.docx_reader import DocxText

    try:
        lines = list(DocxText(docx.Document(str(p))).lines())
    except Exception as e:
        why = _reason(e)
        if type(e).__name__ in ("PackageNotFoundError", "BadZipFile"):
            why = "not a zip package: truncated, or not a Word 2007+ file"
            if _starts_with(p, R.OLE_MAGIC):
                why = "an old .doc or a password-protected file; save it as .docx without a password"
        elif isinstance(e, KeyError):
            why = "a zip file, but not a Word package: no [Content_Types].xml or document part"
        raise InputError(f"not a valid .docx ({why})", path=shown) from None
    text = "\n".join(lines)
    if not text.strip():
        raise InputError("empty document (no paragraph or table text)", path=shown)
    return RawText(shown, "docx", None, text)


def _starts_with(p: Path, magic: bytes) -> bool:
    with contextlib.suppress(OSError), p.open("rb") as handle:
        return handle.read(len(magic)) == magic
    return False


# --- pdf -------------------------------------------------------------------------------------


def _read_pdf(p: Path, shown: str) -> RawText:
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(p), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("encrypted PDF (needs a password); decrypt it first", path=shown)
        pages, warnings = _pdf_pages(reader)
    except InputError:
        raise
    except Exception as e:
        if "encrypt" in str(e).lower() or "decrypt" in str(e).lower():
            raise InputError(f"encrypted PDF ({_reason(e)})", path=shown) from None
        raise InputError(f"not a valid .pdf ({_reason(e)})", path=shown) from None
    if not pages:
        raise InputError("PDF has no pages", path=shown)
    if not any(page.strip() for page in pages):
        n = len(pages)
        raise InputError(
            f"no text layer on any of its {n} page{'s' if n != 1 else ''} (scanned PDF?); run OCR first",
            path=shown,
        )
    starts, pos = [], 0
    for page in pages:
        starts.append(pos)
        pos += len(page) + 1
    return RawText(shown, "pdf", None, "\n".join(pages), tuple(starts), warnings)


def unwrap_lines(page: str) -> str:
    """Join the lines of a PDF page that were only wrapped at the right margin.

    A line is joined to the next when it is about as long as the page's full lines, does not end
    with sentence punctuation, and the next line does not start a heading or list item.

    >>> page = "一、项目概况\\n资金主要用于开展技能培训和购买培训设\\n备，共培训学员三百人。\\n二、绩效目标"
    >>> unwrap_lines(page).split("\\n")
    ['一、项目概况', '资金主要用于开展技能培训和购买培训设备，共培训学员三百人。', '二、绩效目标']
    """
    lines = page.split("\n")
    lengths = sorted(len(line.strip()) for line in lines if len(line.strip()) >= 8)
    if len(lengths) < 2:
        return page
    full = lengths[int(0.8 * (len(lengths) - 1))] * R.PDF_FULL_LINE
    out = [lines[0]]
    for line in lines[1:]:
        prev = out[-1].rstrip()
        if (
            prev
            and line.strip()
            and len(prev.strip()) >= full
            and prev[-1] not in R.PDF_LINE_END
            and not R.PDF_BLOCK_START_RE.match(line)
        ):
            glue = " " if prev[-1].isascii() and prev[-1].isalnum() and line.lstrip()[:1].isascii() else ""
            out[-1] = prev + glue + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def _pdf_pages(reader: Any) -> tuple[list[str], tuple[str, ...]]:
    """Text of each page; a page whose extraction fails is empty, with a warning."""
    pages: list[str] = []
    warnings: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            pages.append(unwrap_lines((page.extract_text() or "").replace("\f", "\n")))
        except Exception as e:
            pages.append("")
            warnings.append(f"page {number}: text could not be extracted ({_reason(e)})")
    return pages, tuple(warnings)


# --- html ------------------------------------------------------------------------------------


def _read_html(p: Path, shown: str) -> RawText:
    data = p.read_bytes()
    if not data.strip():
        raise InputError("empty file", path=shown)
    meta = R.META_CHARSET_RE.search(data[: R.META_SNIFF_BYTES])
    declared = meta.group(1).decode("ascii", "replace") if meta else None
    try:
        markup, enc, warnings = _decode(data, declared)
    except (ValueError, UnicodeDecodeError):
        raise InputError("binary file, not an HTML page (no encoding decodes it)", path=shown) from None
    text = html_to_text(markup)
    if not text.strip():
        raise InputError("HTML page has no body text", path=shown)
    return RawText(shown, "html", enc, text, warnings=warnings)


def html_to_text(markup: str) -> str:
    """Body text of an HTML page: furniture dropped, the main container kept, one line per block.

    >>> html_to_text("<body><div class=nav>首页</div><div id=zoom><p>一、项目概况</p>"
    ...              "<table><tr><td>指标</td><td>100%</td></tr></table></div></body>")
    '一、项目概况\\n指标\\t100%'
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(R.HTML_DROP_TAGS):
        tag.decompose()
    root = soup.body or soup
    total = len(root.get_text())
    for tag in root.find_all(_is_furniture):
        if not tag.decomposed and len(tag.get_text()) < 0.5 * total:
            tag.decompose()
    main = _main_container(root)
    return _block_lines(main if main is not None else root)


def _is_furniture(tag: Any) -> bool:
    return bool(R.HTML_FURNITURE_RE.search(_id_class(tag)))


def _id_class(tag: Any) -> str:
    attrs = getattr(tag, "attrs", None) or {}
    classes = attrs.get("class") or []
    return " ".join([str(attrs.get("id") or ""), *(classes if isinstance(classes, list) else [classes])])


def _main_container(root: Any) -> Any:
    """The element a gov CMS puts the article in (``zoom``, ``content`` …), when it holds the text."""
    total = len(root.get_text(strip=True))
    best, best_len = None, 0
    for tag in root.find_all(lambda t: bool(R.HTML_MAIN_HINT_RE.search(_id_class(t)))):
        n = len(tag.get_text(strip=True))
        if n > best_len:
            best, best_len = tag, n
    if best is not None and (best_len >= 0.3 * total or best_len >= 500):
        return best
    return None


def _block_lines(root: Any) -> str:
    """Walk ``root`` (no recursion): blocks and <br> end lines, table cells are joined by tabs.

    A data cell (short text) is flattened onto its row even when it holds <p>s or <br>s; a long
    cell is a layout cell (the whole article in a <td>) and keeps its lines.
    """
    from bs4 import NavigableString, Tag
    from bs4.element import PreformattedString

    out: list[str] = []
    stack: list[object] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):
            out.append(node)  # a marker pushed below
        elif isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):  # comments, doctype, CDATA
                out.append(str(node))
        elif isinstance(node, Tag):
            name = node.name
            if name == "br":
                out.append("\n")
                continue
            if name in R.HTML_CELL_TAGS:
                words = " ".join(node.stripped_strings)
                if len(words) <= R.HTML_DATA_CELL_MAX:
                    out.append(words + "\t")
                    continue
            end = "\t" if name in R.HTML_CELL_TAGS else "\n" if name in R.HTML_BLOCK_TAGS else ""
            if end == "\n":
                out.append("\n")
            if end:
                stack.append(end)
            stack.extend(reversed(node.contents))
    return _tidy_lines("".join(out))


def _tidy_lines(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        cells = [R.HTML_SPACE_RUN_RE.sub(" ", cell).strip() for cell in line.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        while cells and not cells[0]:
            cells.pop(0)
        if cells:
            lines.append("\t".join(cells))
    return "\n".join(lines)


_READERS: dict[str, Callable[[Path, str], RawText]] = {
    ".txt": _read_txt,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
    ".html": _read_html,
    ".htm": _read_html,
}
