"""Scaling of ``nlp.boilerplate.detect``: time and peak memory per corpus size, and the fitted exponent.

    python benchmarks/bench_boilerplate.py --sizes 1000,10000,100000 [--units-per-report 40] [--seed 0]

Sizes count sentence units. Reports are synthesised in memory (no files, so ingestion does not
dominate): fictional agencies and projects; about a third of the units are copies of one of a
few hundred frame sentences with figures, dates and names filled in (some with a word changed or
a clause added), a tenth are headings or ``无。``, the rest are unique sentences drawn from a
pool of characters. Each size runs in a fresh subprocess so that its peak RSS is its own.
Prints one row per size and the log-log slope of time against size (1 = linear, 2 = quadratic);
the slope is fitted on the process CPU time, which other work on a shared machine disturbs less
than the wall time (both are printed).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from corpus.model import Report, Sentence  # noqa: E402

FRAME_HEADS = ("项目资金", "本单位", "该项目", "财务人员", "主管部门", "实施单位", "专项经费", "绩效目标")
FRAME_VERBS = ("严格执行", "按时完成", "认真落实", "及时拨付", "规范管理", "统筹安排", "按月核对", "全面推进")
FRAME_TAILS = ("做到账实相符", "未发现违规支出", "确保资金安全", "群众满意度较高", "达到预期效果", "专款专用")
PLACES = ("东山", "西河", "南岭", "北塘", "青石", "白沙", "红岩", "金川", "玉泉", "松林")
BODIES = ("文化馆", "图书馆", "水利局", "农业农村局", "卫生院", "中心学校", "社保中心", "林业站")
HEADINGS = ("一、项目概况", "（一）项目资金情况", "二、绩效目标完成情况", "三、存在的问题", "（二）相关建议")
CHARS = [chr(c) for c in range(0x4E00, 0x4E00 + 2500)]


def _frames(rng: random.Random, n: int = 300) -> list[str]:
    """Frame sentences with slots: {org} {proj} {money} {date} {pct} {num}."""
    out = []
    for _ in range(n):
        words = [
            rng.choice(FRAME_HEADS),
            rng.choice(FRAME_VERBS),
            "".join(rng.choices(CHARS, k=rng.randint(4, 10))),
        ]
        slots = rng.sample(["{org}", "{proj}", "{money}", "{date}", "{pct}", "{num}个"], k=2)
        out.append(f"{words[0]}{slots[0]}{words[1]}{words[2]}，{slots[1]}{rng.choice(FRAME_TAILS)}。")
    return out


def _fill(frame: str, rng: random.Random, org: str, proj: str) -> str:
    text = frame.format(
        org=org,
        proj=proj,
        money=f"{rng.randint(1, 9999)}.{rng.randint(0, 99)}万元",
        date=f"{rng.randint(2018, 2024)}年{rng.randint(1, 12)}月",
        pct=f"{rng.randint(60, 100)}%",
        num=rng.randint(1, 500),
    )
    r = rng.random()
    if r < 0.1:  # a changed character
        i = rng.randrange(len(text) - 1)
        text = text[:i] + rng.choice(CHARS) + text[i + 1 :]
    elif r < 0.2:  # a clause added
        text = text[:-1] + "，" + "".join(rng.choices(CHARS, k=rng.randint(4, 8))) + "。"
    return text


def _unit(rng: random.Random, frames: list[str], org: str, proj: str) -> tuple[str, bool]:
    r = rng.random()
    if r < 0.34:
        return _fill(rng.choice(frames), rng, org, proj), False
    if r < 0.40:
        return rng.choice(HEADINGS), True
    if r < 0.44:
        return "无。", False
    return "".join(rng.choices(CHARS, k=rng.randint(15, 60))) + "。", False


def synthesise(n_units: int, per_report: int, seed: int) -> list[Report]:
    """``n_units`` units in reports of ``per_report`` units, one agency per 20 reports."""
    rng = random.Random(seed)
    frames = _frames(rng)
    reports = []
    for k in range(max(1, n_units // per_report)):
        agency = f"{rng.choice(PLACES)}{k // 20}县{rng.choice(BODIES)}"
        project = "".join(rng.choices(CHARS, k=6)) + "项目"
        file = f"f{k // 20}.txt"
        rid = f"{file}#{k % 20}"
        sentences, pos = [], 0
        for n in range(per_report):
            text, heading = _unit(rng, frames, agency, project)
            end = pos + len(text)
            unit = Sentence(f"{rid}#{n}", rid, n, text, pos, end, pos, end, n + 1, is_heading=heading)
            sentences.append(unit)
            pos += len(text) + 1
        reports.append(Report(rid, file, k % 20, None, project, agency, 2018 + k % 7, "project", 0, pos, "",
                              sentences=tuple(sentences)))  # fmt: skip
    return reports


def run_one(n_units: int, per_report: int, seed: int) -> dict[str, float]:
    """Generate, then time ``detect`` on one corpus; RSS in MiB (Linux ru_maxrss is in KiB)."""
    from nlp.boilerplate import detect

    reports = synthesise(n_units, per_report, seed)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0, c0 = time.perf_counter(), time.process_time()
    result = detect(reports)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    st = result.stats
    return {
        "units": st["units"], "reports": st["reports"], "seconds": seconds, "cpu": cpu,
        "rss_before_mib": rss_before,
        "rss_peak_mib": rss_peak, "distinct": st["distinct_texts"], "candidates": st["candidates"],
        "checked": st["checked_pairs"], "clusters": st["clusters"], "boilerplate": st["boilerplate_units"],
    }  # fmt: skip


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log(ys) on log(xs)."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum((a - mx) ** 2 for a in lx)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--units-per-report", type=int, default=40)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.units_per_report, args.seed)))
        return
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--one", str(size), "--units-per-report", str(args.units_per_report),
               "--seed", str(args.seed)]  # fmt: skip
        row = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        rows.append(row)
        print(
            f"units={row['units']:>8} reports={row['reports']:>6} detect: wall {row['seconds']:7.2f}s, "
            f"CPU {row['cpu']:7.2f}s ({1e6 * row['cpu'] / row['units']:5.0f} µs/unit) "
            f"peak RSS={row['rss_peak_mib']:6.0f} MiB "
            f"(after generation {row['rss_before_mib']:.0f}) distinct={row['distinct']} "
            f"checked pairs={row['checked']} clusters={row['clusters']} boilerplate={row['boilerplate']}",
            flush=True,
        )
    if len(rows) >= 2:
        sizes = [r["units"] for r in rows]
        k = slope(sizes, [r["cpu"] for r in rows])
        w = slope(sizes, [r["seconds"] for r in rows])
        m = slope(sizes, [max(1.0, r["rss_peak_mib"] - r["rss_before_mib"]) for r in rows])
        print(f"log-log slope: CPU time {k:.2f}, wall time {w:.2f}, memory above baseline {m:.2f}")
        print("(1 = linear, 2 = quadratic)")
        first, last = rows[0], rows[-1]
        growth = last["cpu"] / first["cpu"]
        print(f"ratio last/first: size ×{last['units'] / first['units']:.0f}, CPU ×{growth:.1f}")


if __name__ == "__main__":
    main()
