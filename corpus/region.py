"""The province-level region a report comes from, read off the places it names.

A place is a full province name (``四川省``, ``广西壮族自治区``, ``重庆市``) or a prefecture-level
name with its suffix (``攀枝花市``, ``红河州``, ``阿拉善盟``), from the gazetteer in
:mod:`corpus.patterns`; in an agency name or a title a short province name (``云南``) counts too.
Sources, strongest first: the agency, the title, the report's head (cover, furniture, first
units: the province named most there). County names are not in the gazetteer, so
``某县某局`` alone gives nothing.

>>> region_of("攀枝花市西区某中心", None, [])
'四川'
>>> region_of("某县某局", "某县2023年度项目绩效自评报告", ["根据云南省财政厅通知"])
'云南'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from corpus import patterns as P


def places(text: str, *, short: bool = False) -> list[tuple[int, str]]:
    """(offset, province) of every place named in ``text``, in text order.

    ``short``: short province names (``云南``) count too, as in names and titles.

    >>> places("经昆明市报云南省，再报四川")
    [(1, '云南'), (5, '云南')]
    >>> places("经昆明市报云南省，再报四川", short=True)[-1]
    (11, '四川')
    """
    found = []
    forms, lengths = P.PLACE_FORMS, P.PLACE_LENGTHS_BY_END
    for m in P.PLACE_SUFFIX_RE.finditer(text):
        end = m.end()
        for n in lengths.get(text[end - 2 : end], ()):
            province = forms.get(text[end - n : end]) if n <= end else None
            if province is not None:
                found.append((end - n, province))
                break
    if short:
        found = sorted({*found, *((m.start(), m.group()) for m in P.PROVINCE_SHORT_RE.finditer(text))})
    return found


def region_of(agency: str | None, title: str | None, head: Sequence[str]) -> str | None:
    """The report's province: the first place its agency or title names, else the province its
    ``head`` units (cover, page furniture, first units) name most."""
    for name in (agency, title):
        province = _first_place(name) if name else None
        if province is not None:
            return province
    counts = Counter(province for _, province in places("\n".join(head)))
    return counts.most_common(1)[0][0] if counts else None


@lru_cache(maxsize=1 << 12)
def _first_place(name: str) -> str | None:
    """The province of the first place a name or title names (agencies repeat: cached)."""
    found = places(name, short=True)
    return found[0][1] if found else None
