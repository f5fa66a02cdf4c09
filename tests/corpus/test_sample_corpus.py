"""The shipped sample corpus (corpus/sample): readable, as INDEX.tsv says, internally consistent.

Also covers ``benchmarks/generate_corpus.py``, which recombines it.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from types import ModuleType

import pytest

from corpus.clean import clean_text
from corpus.readers import iter_files, read_file

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpus" / "sample"
NOT_REPORTS = {"README.md", "INDEX.tsv", "make_docx.py"}


def _index() -> list[dict[str, str]]:
    lines = (SAMPLE / "INDEX.tsv").read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    return [dict(zip(head, line.split("\t"), strict=True)) for line in lines[1:] if line.strip()]


def _texts() -> dict[str, str]:
    return {p.name: clean_text(read_file(p).text).text for p in iter_files([SAMPLE])}


INDEX = _index()
TEXTS = _texts()


def test_index_lists_every_file() -> None:
    on_disk = {p.name for p in SAMPLE.iterdir() if p.is_file() and p.name not in NOT_REPORTS}
    assert on_disk == {row["file"] for row in INDEX} == set(TEXTS)
    assert 6 <= len(INDEX) <= 10
    assert {row["kind"] for row in INDEX} == {"project", "department"}
    assert len({row["department"] for row in INDEX}) >= 5 and len({row["province"] for row in INDEX}) >= 5
    assert {int(row["year"]) for row in INDEX} == {2020, 2021, 2022, 2023, 2024}


@pytest.mark.parametrize("row", INDEX, ids=lambda r: f"{r['file']}#{r['report']}")
def test_each_report_is_where_the_index_says(row: dict[str, str]) -> None:
    raw = read_file(SAMPLE / row["file"])
    expected = {"gbk": "gb18030", "": None}.get(row["encoding"], row["encoding"])
    assert raw.encoding == expected
    text = TEXTS[row["file"]]
    assert row["agency"] in text and row["year"] in text
    lines = [line.strip() for line in text.split("\n")]
    if row["title"]:
        assert row["title"] in lines


def test_reports_per_file_and_the_lost_title() -> None:
    per_file = Counter(row["file"] for row in INDEX)
    for name, count in per_file.items():
        firsts = re.findall(r"^一、", TEXTS[name], re.M)
        assert len(firsts) == count, name
    multi = [name for name, count in per_file.items() if count >= 2]
    assert multi, "the sample needs a multi-report file"
    lost = [r for r in INDEX if not r["title"]]
    assert lost and all(r["file"] in multi for r in lost)
    text = TEXTS[lost[0]["file"]]
    # the title-less report starts right after the previous report's last line
    assert re.search(r"。\n\n一、项目概况\n", text)


def test_problem_sections_say_what_the_index_says() -> None:
    for row in INDEX:
        sections = re.split(r"^[一二三四五六七八九十]、(?:存在的问题|问题)", TEXTS[row["file"]], flags=re.M)
        assert len(sections) >= 2, row["file"]
        k = int(row["report"]) + 1 if len(sections) > 2 else 1
        body = sections[k].split("\n", 2)[1]
        assert (body.strip() != "无。") == (row["problems"] == "yes"), f"{row['file']}#{row['report']}"


#: (file, total, parts): every amount appears in the file and the parts add up to the total.
SUMS = [
    ("01_qingxi_education_2022.txt", "386.40万元", ["210.00万元", "96.40万元", "80.00万元"]),
    ("01_qingxi_education_2022.txt", "371.25万元", ["48.60万元", "176.45万元", "98.20万元", "48.00万元"]),
    ("01_qingxi_education_2022.txt", "386.40万元", ["371.25万元", "15.15万元"]),
    ("01_qingxi_education_2022.txt", "58.00万元", ["21.40万元", "8.60万元", "23.50万元", "4.50万元"]),
    ("01_qingxi_education_2022.txt", "120.00万元", ["70.00万元", "50.00万元"]),
    ("01_qingxi_education_2022.txt", "120.00万元", ["118.60万元", "1.40万元"]),
    ("02_nanping_health_2023_gb18030.txt", "912.60万元", ["640.00万元", "168.60万元", "104.00万元"]),
    ("02_nanping_health_2023_gb18030.txt", "912.60万元", ["905.32万元", "7.28万元"]),
    ("03_liuying_agriculture_2024.docx", "1,536.84万元", []),
    ("04_tongchuan_civil_affairs_2021.txt", "2,845.36万元", ["2,610.20万元", "180.00万元", "55.16万元"]),
    ("04_tongchuan_civil_affairs_2021.txt", "2,798.42万元", ["486.75万元", "2,311.67万元"]),
    ("04_tongchuan_civil_affairs_2021.txt", "2,845.36万元", ["2,798.42万元", "46.94万元"]),
    ("04_tongchuan_civil_affairs_2021.txt", "3.62万元", ["0万元", "2.80万元", "0.82万元"]),
    ("05_baishi_justice_2020.html", "42.50万元", ["25.00万元", "17.50万元"]),
    ("05_baishi_justice_2020.html", "41.86万元", ["33.24万元", "6.30万元", "2.32万元"]),
    ("05_baishi_justice_2020.html", "42.50万元", ["41.86万元", "0.64万元"]),
    ("06_yunxi_water_2024.txt", "680.00万元", ["400.00万元", "150.00万元", "130.00万元"]),
    ("06_yunxi_water_2024.txt", "680.00万元", ["660.00万元", "20.00万元"]),
    ("07_meidu_culture_2022_converted.txt", "96.00万元", ["60.00万元", "24.00万元", "12.00万元"]),
    ("07_meidu_culture_2022_converted.txt", "96.00万元", ["45.00万元", "27.00万元", "24.00万元"]),
]


def _wan(s: str) -> Decimal:
    return Decimal(s.replace(",", "").removesuffix("万元"))


@pytest.mark.parametrize(("name", "total", "parts"), SUMS)
def test_amounts_add_up(name: str, total: str, parts: list[str]) -> None:
    text = TEXTS[name]
    for amount in [total, *parts]:
        assert re.search(r"(?<![\d.,])" + re.escape(amount), text), f"{amount} not in {name}"
    if parts:
        assert sum(_wan(p) for p in parts) == _wan(total)


def test_docx_budget_is_area_times_standard() -> None:
    text = TEXTS["03_liuying_agriculture_2024.docx"]
    assert "12.807万亩" in text and "120元/亩" in text
    assert Decimal("12.807") * 120 == _wan("1,536.84万元")


RATES = [  # (file, part, whole, rate as printed)
    ("01_qingxi_education_2022.txt", "371.25", "386.40", "96.08%"),
    ("01_qingxi_education_2022.txt", "4260", "4000", "106.50%"),
    ("01_qingxi_education_2022.txt", "652", "600", "108.67%"),
    ("01_qingxi_education_2022.txt", "118.60", "120.00", "98.83%"),
    ("01_qingxi_education_2022.txt", "580000", "652", "889.57元"),
    ("02_nanping_health_2023_gb18030.txt", "905.32", "912.60", "99.20%"),
    ("04_tongchuan_civil_affairs_2021.txt", "486.75", "2798.42", "17.39%"),
    ("04_tongchuan_civil_affairs_2021.txt", "2311.67", "2798.42", "82.61%"),
    ("04_tongchuan_civil_affairs_2021.txt", "398", "860", "46.28%"),
    ("05_baishi_justice_2020.html", "41.86", "42.50", "98.49%"),
    ("05_baishi_justice_2020.html", "386", "350", "110.29%"),
    ("05_baishi_justice_2020.html", "378", "386", "97.93%"),
    ("06_yunxi_water_2024.txt", "648.35", "660.00", "98.23%"),
]


@pytest.mark.parametrize(("name", "part", "whole", "printed"), RATES)
def test_rates_are_the_quotients(name: str, part: str, whole: str, printed: str) -> None:
    assert printed in TEXTS[name]
    ratio = Decimal(part) / Decimal(whole) * (1 if printed.endswith("元") else 100)
    assert ratio.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) == Decimal(printed.rstrip("%元"))


def test_shared_boilerplate_and_template_instruction() -> None:
    sentence = "项目资金严格执行国库集中支付制度，实行专账核算、专款专用，未发现截留、挤占、挪用等情况。"
    assert sum(t.count(sentence) for t in TEXTS.values()) >= 6
    assert any(re.search(r"^（说明[^）\n]+。）$", t, re.M) for t in TEXTS.values())
    citations = "".join(TEXTS.values())
    for bracket in (r"〔\d{4}〕", r"\[\d{4}\]", r"【\d{4}】", r"（\d{4}）"):
        assert re.search(r"》（[^（）\n]{1,8}" + bracket + r"\d+号）", citations), bracket


def test_converted_file_residue_is_cleaned() -> None:
    path = SAMPLE / "07_meidu_culture_2022_converted.txt"
    raw = read_file(path).text
    assert "[bookmark:" in raw and "[image: ]" in raw and "\r\n" in raw and "列1" in raw
    text = TEXTS[path.name]
    assert "[bookmark:" not in text and "[image:" not in text and "\r" not in text and "\t" not in text
    assert "列1" not in text and text.rstrip().endswith("参与场馆服务。")


def test_docx_score_table_rows() -> None:
    text = TEXTS["03_liuying_agriculture_2024.docx"]
    rows = [line.split("\t") for line in text.split("\n") if "\t" in line]
    weights = [int(r[6]) for r in rows if len(r) == 8 and r[6].isdigit() and r[3]]
    assert sum(weights) == 90  # + 10 for budget execution = 100
    assert ["", "年度资金总额", "1,536.84", "1,536.84", "1,536.84", "10", "100%", "10"] in rows
    assert rows[-2][-2:] == ["100", "99"]


def test_make_docx_rebuilds_the_committed_file(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_docx", SAMPLE / "make_docx.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build(tmp_path / "again.docx")
    assert read_file(built).text == read_file(SAMPLE / "03_liuying_agriculture_2024.docx").text


def test_no_text_copied_from_the_shared_corpus(shared_dir: Path) -> None:
    k = 24
    runs: set[str] = set()
    for f in (shared_dir / "corpus").rglob("*.txt"):
        text = f.read_text(encoding="utf-8", errors="ignore")
        for line in re.sub(r"\[bookmark: [^\]]*\]", "", text).splitlines():
            line = line.strip()
            runs.update(line[i : i + k] for i in range(max(0, len(line) - k + 1)))
    for name, text in TEXTS.items():
        copied = [text[i : i + k] for i in range(len(text) - k + 1) if text[i : i + k] in runs]
        assert not [c for c in copied if sum(ord(ch) > 0x3000 for ch in c) >= 18], name


# --- the benchmark corpus generator ----------------------------------------------------------


def _generator() -> ModuleType:
    path = REPO / "benchmarks" / "generate_corpus.py"
    spec = importlib.util.spec_from_file_location("generate_corpus", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate_corpus", module)
    spec.loader.exec_module(module)
    return module


def test_generate_writes_reports_back_to_back(tmp_path: Path) -> None:
    gen = _generator()
    paths = gen.generate(25, tmp_path / "out", per_file=10, seed=3)
    assert [p.name for p in paths] == ["gen_00000.txt", "gen_00001.txt", "gen_00002.txt"]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert sum(len(re.findall(r"^一、", t, re.M)) for t in texts) == 25
    again = gen.generate(25, tmp_path / "again", per_file=10, seed=3)
    assert [p.read_text(encoding="utf-8") for p in again] == texts  # deterministic for a seed
    lines = Counter(line for t in texts for line in t.split("\n") if len(line) > 20 and "。" in line)
    assert any(n >= 5 for n in lines.values()), "some sentences should be shared (boilerplate)"
    assert sum(1 for n in lines.values() if n == 1) > len(lines) / 2, "most should be unique"
    titles = re.findall(r"^(.+?)(\d{4})年度.*绩效自评报告$", "\n".join(texts), re.M)
    assert len({agency for agency, _ in titles}) > 5 and all(2020 <= int(y) <= 2024 for _, y in titles)


def test_generate_from_seeds(shared_dir: Path, tmp_path: Path) -> None:
    gen = _generator()
    paths = gen.generate(30, tmp_path, source="seeds", per_file=7, seed=1, shared=shared_dir)
    assert len(paths) == 5 and all(p.stat().st_size > 1000 for p in paths)


def test_generate_with_conversion_residue(tmp_path: Path) -> None:
    gen = _generator()
    paths = gen.generate(12, tmp_path, per_file=6, seed=5, residue=1.0)
    raws = [read_file(p).text for p in paths]
    assert all("[bookmark: _Toc" in r and "\r\n" in r and "\n\t（" in r and "[image: ]" in r for r in raws)
    for raw in raws:
        text = clean_text(raw).text
        assert "[bookmark:" not in text and "[image:" not in text and "\r" not in text and "\n\t" not in text
    assert sum(len(re.findall(r"^一、", clean_text(r).text, re.M)) for r in raws) == 12
