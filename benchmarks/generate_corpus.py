"""Generate a large benchmark corpus of self-evaluation reports by recombining a source corpus.

    python benchmarks/generate_corpus.py --reports 100000 --out /tmp/bench [--source sample|seeds]
        [--per-file 10] [--seed 0] [--residue 0.3]

Each source report (from ``corpus/sample`` by default, or ``../shared/corpus/seeds`` + ``dev``) is
compiled once into a template: headings stay as they are (so report splitting and structure still
work), while agency names, years, amounts (万元/元), percentages and project titles become slots.
Every generated report fills the slots of a randomly chosen template with a fictional agency, a
year, a scale factor for its money and jittered values; one sentence in four also gets a
report-specific clause. Sentences without slots stay shared across reports (boilerplate), the rest
come out unique (substantive). Output is streamed, ``per_file`` reports back to back per ``.txt``.

With ``--residue P`` a share P of the reports carries Word-conversion residue (``[bookmark: …]``
before headings, tab-indented sub-headings, an ``[image: ]`` line, CRLF), so cleaning is exercised.

Importable: ``generate(n, out_dir, source="sample", per_file=10, seed=0, residue=0.0) -> list[Path]``.
Keep the output outside the repo when the source is ``seeds`` (it is derived from ../shared).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from corpus.clean import clean_text  # noqa: E402
from corpus.readers import iter_files, read_file  # noqa: E402

SAMPLE_DIR = REPO / "corpus" / "sample"
SHARED_DIR = REPO.parent / "shared"

TITLE_RE = re.compile(r"^.{0,60}(?:绩效自评报告|绩效评价报告|绩效报告|自评报告)（?[^。]{0,12}$")
HEADING_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）"
    r"|第[一二三四五六七八九十\d]{1,3}部分|\d{1,2}[.．、])"
)
FIRST_SECTION_RE = re.compile(r"^\s*一、")
PROJECT_RE = re.compile(r"\d{4}年度?(.{2,30}?)(?:项目)?(?:支出)?(?:绩效自评|绩效评价|绩效|自评)报告")
PLACE_END_RE = re.compile(r"^.*[省市县区州旗](?=.{2,}$)")
SLOT_RE = re.compile(
    r"(?P<money>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,9}(?:\.\d{1,4})?) ?(?P<unit>万元|亿元|元)"
    r"|(?P<year>20[12]\d)(?=年|〕|\]|】|）|\))"
    r"|(?P<pct>\d{1,3}(?:\.\d{1,2})?)%"
    r"|(?P<stop>。)"
)
SAMPLE_INDEX = "INDEX.tsv"
TOP_HEADING_RE = re.compile(r"\n(?=[一二三四五六七八九十]{1,3}、)")
SUB_HEADING_RE = re.compile(r"\n(?=（[一二三四五六七八九十]{1,3}）)")

# Fictional agencies: a city + a county/district name built from syllables + a department.
CITIES = ("青州", "临川", "安平", "宁远", "丰城", "永和", "长宁", "新安", "南平", "兴宁", "东阳", "西林")
SYLLABLES = tuple("清安永丰平宁长新东西南北和兴阳山河源")
COUNTY_SUFFIX = ("县", "区", "县", "市")
PLACE_SUFFIX = ("村", "社区", "镇", "街道")
DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "教育局": ("学生资助", "义务教育薄弱环节改善", "乡村教师培训", "学前教育保教费补助", "校园安全设施改造"),
    "卫生健康局": ("基本公共卫生服务", "家庭医生签约服务", "村卫生室标准化建设", "妇幼健康筛查", "慢病防治"),
    "农业农村局": ("高标准农田建设", "耕地地力保护补贴", "农机购置补贴", "动物疫病防控", "农村人居环境整治"),
    "民政局": ("城乡低保资金", "特困人员供养", "社区养老服务中心运营", "临时救助", "殡葬设施改造"),
    "人力资源和社会保障局": ("就业技能培训", "社保公共服务能力建设", "创业担保贷款贴息", "公益性岗位补贴"),
    "司法局": ("法律援助", "人民调解员补贴", "公共法律服务站建设", "社区矫正经费"),
    "水利局": ("小型水库除险加固", "农村饮水安全巩固", "山洪灾害防治", "河湖长制工作经费"),
    "文化和旅游局": ("公共文化场馆免费开放", "非遗保护传承", "送戏下乡", "乡村文化广场建设"),
}
PROJECT_VARIANTS = ("{}", "{}", "{}补助资金", "{}专项", "中央财政{}", "省级{}", "{}（第二批）")
CLAUSES = (
    "，其中{place}完成{n}处",
    "，惠及{place}群众{n}人次",
    "，覆盖{place}等{k}个乡镇",
    "，较上年增加{k}个百分点",
    "，累计开展督导{k}次",
    "，{place}片区于{m}月底前全面完成",
)


@dataclass(frozen=True)
class Template:
    """One source report compiled into literal text and slots."""

    kind: str  # "project" | "department"
    has_title: bool
    year: int | None  # the most common year in the source report
    parts: tuple[str | tuple, ...]
    department: str | None = None  # the source agency's department, e.g. "教育局"
    project: str | None = None  # the project named in the source title, e.g. "学生资助"


def load_source(source: str, shared: Path = SHARED_DIR) -> list[Template]:
    """Compile every report of the source corpus into a template."""
    if source == "sample":
        files, agencies = sorted(iter_files([SAMPLE_DIR])), _sample_agencies()
    elif source == "seeds":
        if not (shared / "corpus" / "seeds").is_dir():
            raise SystemExit(f"error: {shared}/corpus/seeds not found (use --shared DIR or --source sample)")
        files = sorted(iter_files([shared / "corpus" / "seeds", shared / "corpus" / "dev"]))
        agencies = _shared_agencies(shared)
    else:
        raise SystemExit(f"error: unknown source {source!r} (sample or seeds)")
    names = sorted(agencies, key=len, reverse=True)
    templates = [_compile(lines, names) for f in files for lines in _split_reports(_file_lines(f))]
    templates = [t for t in templates if len(t.parts) > 20]
    if not templates:
        raise SystemExit(f"error: no reports found in the {source} corpus")
    return templates


def _file_lines(path: Path) -> list[str]:
    return [line.strip() for line in clean_text(read_file(path).text).text.split("\n")]


def _sample_agencies() -> set[str]:
    index = SAMPLE_DIR / SAMPLE_INDEX
    if not index.exists():
        return set()
    rows = [line.split("\t") for line in index.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    return {r[3] for r in rows if len(r) > 3 and r[3]}


def _shared_agencies(shared: Path) -> set[str]:
    found: set[str] = set()
    reports = shared / "gold" / "reports.json"
    if reports.exists():
        for items in json.loads(reports.read_text(encoding="utf-8")).values():
            found.update(r.get("agency") or "" for r in items)
    index = shared / "corpus" / "dev" / "INDEX.tsv"
    if index.exists():
        for line in index.read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.split("\t")
            if len(cols) > 2:
                found.add(cols[2])
    return {a for a in found if len(a) >= 3}


def _split_reports(lines: list[str]) -> Iterator[list[str]]:
    """Cut a file's lines at title lines, and at a second ``一、`` (a report whose title was lost)."""
    current: list[str] = []
    seen_first_section = False
    for line in lines:
        starts = bool(TITLE_RE.match(line)) or (seen_first_section and bool(FIRST_SECTION_RE.match(line)))
        if starts and any(current):
            yield current
            current, seen_first_section = [], False
        if line or current:
            current.append(line)
        seen_first_section = seen_first_section or bool(FIRST_SECTION_RE.match(line))
    if any(current):
        yield current


def _compile(lines: list[str], agencies: list[str]) -> Template:
    has_title = bool(lines and TITLE_RE.match(lines[0]))
    kind = "department" if has_title and "部门" in lines[0] and "项目" not in lines[0] else "project"
    body = lines[1:] if has_title else lines
    joined = "\n".join(lines)
    agency = next((a for a in agencies if a in joined), None)
    found = PROJECT_RE.search(lines[0]) if has_title and kind == "project" else None
    project = found.group(1).removesuffix("项目") if found else None
    if project and (len(project) < 2 or any(w in project for w in ("绩效", "整体", "部门", "单位"))):
        project = None
    names = [*(a for a in agencies if a in joined), *([project] if project else [])]
    name_re = re.compile("|".join(re.escape(n) for n in names)) if names else None
    parts: list[str | tuple] = []
    years: Counter[int] = Counter()
    for line in body:
        heading = bool(HEADING_RE.match(line))
        pos = 0
        for m in name_re.finditer(line) if name_re else ():
            _compile_text(line[pos : m.start()], heading, parts, years)
            parts.append(("project",) if m.group(0) == project else ("agency",))
            pos = m.end()
        _compile_text(line[pos:], heading, parts, years)
        parts.append("\n")
    year = years.most_common(1)[0][0] if years else None
    return Template(kind, has_title, year, tuple(_merge(parts)), department_of(agency), project)


def department_of(agency: str | None) -> str | None:
    """The department part of an agency name: what follows its last 省/市/县/区.

    >>> department_of("青溪县教育局"), department_of("某市某区人力资源和社会保障局"), department_of(None)
    ('教育局', '人力资源和社会保障局', None)
    """
    if not agency:
        return None
    m = PLACE_END_RE.search(agency)
    rest = agency[m.end() :] if m else agency
    return rest if len(rest) >= 2 else None


def _compile_text(text: str, heading: bool, parts: list[str | tuple], years: Counter[int]) -> None:
    pos = 0
    for m in SLOT_RE.finditer(text):
        kind = m.lastgroup if m.lastgroup != "unit" else "money"
        if heading and kind != "year":
            continue
        parts.append(text[pos : m.start()])
        if m.group("money"):
            raw = m.group("money")
            decimals = len(raw.split(".")[1]) if "." in raw else 0
            parts.append(("money", float(raw.replace(",", "")), decimals, "," in raw, m.group("unit")))
        elif m.group("year"):
            years[int(m.group("year"))] += 1
            parts.append(("year", int(m.group("year"))))
        elif m.group("pct"):
            parts.append(("pct", float(m.group("pct")), "." in m.group("pct")))
        else:
            parts.append(("stop",))
        pos = m.end()
    parts.append(text[pos:])


def _merge(parts: list[str | tuple]) -> Iterator[str | tuple]:
    buf: list[str] = []
    for p in parts:
        if isinstance(p, str):
            buf.append(p)
            continue
        if buf:
            yield "".join(buf)
            buf = []
        yield p
    if buf:
        yield "".join(buf)


class Filler:
    """Fills templates for one generated report at a time (all randomness from one seeded RNG)."""

    def __init__(self, rng: random.Random, residue: float = 0.0) -> None:
        self.rng = rng
        self.residue = residue

    def with_residue(self, text: str) -> str:
        """Word-conversion residue, as in real files: bookmarks before headings, tab-indented
        sub-headings, an image placeholder, CRLF line ends."""
        rng = self.rng
        text = TOP_HEADING_RE.sub(lambda m: f"\n[bookmark: _Toc{rng.randint(1000, 99999)}]", text)
        text = SUB_HEADING_RE.sub("\n\t", text)
        return text.replace("。\n", "。\n[image: ]\n", 1).replace("\n", "\r\n")

    def report(self, t: Template) -> str:
        rng = self.rng
        dept = t.department or rng.choice(list(DEPARTMENTS))
        place = rng.choice(SYLLABLES) + rng.choice(SYLLABLES)
        agency = f"{rng.choice(CITIES)}市{place}{rng.choice(COUNTY_SUFFIX)}{dept}"
        if t.project:
            project = rng.choice(PROJECT_VARIANTS).format(t.project)
        else:
            project = rng.choice(DEPARTMENTS.get(dept) or DEPARTMENTS["教育局"])
        year = rng.randint(2020, 2024)
        shift = year - t.year if t.year else 0
        scale = rng.choice((0.2, 0.5, 0.8, 1.0, 1.0, 1.5, 2.0, 3.5)) * rng.uniform(0.9, 1.1)
        out: list[str] = []
        if t.has_title:
            if t.kind == "department":
                out.append(f"{agency}{year}年度部门整体支出绩效自评报告\n")
            else:
                out.append(f"{agency}{year}年度{project}项目支出绩效自评报告\n")
        for p in t.parts:
            if isinstance(p, str):
                out.append(p)
            elif p[0] == "project":
                out.append(project)
            else:
                out.append(self._slot(p, agency, shift, scale))
        text = "".join(out)
        return self.with_residue(text) if self.residue and rng.random() < self.residue else text

    def _slot(self, p: tuple, agency: str, shift: int, scale: float) -> str:
        rng = self.rng
        kind = p[0]
        if kind == "agency":
            return agency
        if kind == "year":
            return str(p[1] + shift)
        if kind == "money":
            value = p[1] * scale * (rng.uniform(0.8, 1.25) if rng.random() < 0.3 else 1.0)
            text = f"{value:,.{p[2]}f}" if p[3] else f"{value:.{p[2]}f}"
            return text + p[4]
        if kind == "pct":
            if p[1] >= 100 and rng.random() < 0.8:
                return "100%"
            value = min(100.0, max(0.0, p[1] + rng.uniform(-8, 8)))
            return (f"{value:.2f}" if p[2] else f"{value:.0f}") + "%"
        if rng.random() < 0.25:  # a report-specific clause before the full stop
            clause = rng.choice(CLAUSES).format(
                place=rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(PLACE_SUFFIX),
                n=rng.randint(3, 9800),
                k=rng.randint(2, 30),
                m=rng.randint(1, 12),
            )
            return clause + "。"
        return "。"


def generate(
    n: int,
    out_dir: str | Path,
    source: str = "sample",
    per_file: int = 10,
    seed: int = 0,
    *,
    shared: str | Path = SHARED_DIR,
    residue: float = 0.0,
) -> list[Path]:
    """Write ``n`` generated reports into ``out_dir`` (``per_file`` per .txt); returns the paths.

    ``residue`` is the share of reports given Word-conversion residue (bookmarks, tabs, CRLF).

    >>> import tempfile
    >>> paths = generate(3, tempfile.mkdtemp(), per_file=2)  # doctest: +SKIP
    >>> len(paths)  # doctest: +SKIP
    2
    """
    if n < 0 or per_file < 1:
        raise ValueError("n must be >= 0 and per_file >= 1")
    templates = load_source(source, Path(shared))
    filler = Filler(random.Random(seed), residue)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    width = max(5, len(str(max(n - 1, 0) // per_file)))
    paths: list[Path] = []
    for first in range(0, n, per_file):
        path = out / f"gen_{first // per_file:0{width}d}.txt"
        with path.open("w", encoding="utf-8") as fh:
            for _ in range(min(per_file, n - first)):
                fh.write(filler.report(filler.rng.choice(templates)))
                fh.write("\n\n")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, required=True, help="number of reports to write")
    ap.add_argument("--out", required=True, help="output folder (created; keep it outside the repo)")
    ap.add_argument("--source", choices=("sample", "seeds"), default="sample")
    ap.add_argument("--per-file", type=int, default=10, help="reports per file, back to back (default 10)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--residue", type=float, default=0.0, help="share of reports given conversion residue")
    ap.add_argument("--shared", default=str(SHARED_DIR), help="the shared data folder (for --source seeds)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    options = {"shared": args.shared, "residue": args.residue}
    paths = generate(args.reports, args.out, args.source, args.per_file, args.seed, **options)
    size = sum(p.stat().st_size for p in paths)
    secs = time.perf_counter() - t0
    summary = f"{args.reports} reports in {len(paths)} files, {size / 1e6:.1f} MB, {secs:.1f} s -> {args.out}"
    print(summary, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
