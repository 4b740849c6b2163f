#!/usr/bin/env python3
"""Write data/illustrative/mien_bac_28_2022_2024.csv: INVENTED figures for demos and tests.

NOTHING IN THAT FILE IS A REAL STATISTIC. It gives each of the 28 Northern provinces (pre-2025
units) made-up values in the program's canonical import format, so that reports, charts and
aggregation can be exercised on a complete data set. The figures are drawn from a fixed-seed
random generator and calibrated so that the regional aggregates resemble what the 17 May 2024
conference reported (see CALIBRATION below and /work/shared/domain/conference-2024-05-17.vi.txt).
Real published figures live in data/observed/.

Usage: /usr/bin/python3 tools/make_illustrative.py   (reads data/units.csv,
data/region_members.csv, data/unit_profile.csv and data/observed/retail_sales.csv; standard
library only; deterministic). tools/build_reference_data.py runs it too.
"""

import csv
import io
import math
import random
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_NAME = Path("illustrative") / "mien_bac_28_2022_2024.csv"
SEED = 20240517

SOURCE = "Dữ liệu minh họa (không phải số liệu thật) / Illustrative data, not real figures"
NOTE = "DỮ LIỆU MINH HỌA — ILLUSTRATIVE"
COLUMNS = ["province", "indicator", "period", "value", "unit", "status", "qualifier", "basis",
           "source", "note", "as_of"]
PERIODS = ["2022", "2023-H1", "2023", "2024-H1", "2024"]

# Regional figures of the 28 provinces as reported at the 17 May 2024 conference (VietQ.vn
# report). They are real; the provincial split generated here is not.
CALIBRATION = {
    "retail_2023": 2_602_000.0,        # tỷ đồng: "2.602 ngàn tỷ đồng"
    "retail_growth_2023": 1.167,       # "tăng 16,7% so với năm 2022"
    "retail_above_national": 26,       # "26/28 địa phương ... cao hơn mức tăng chung"
    "retail_national_growth": 1.096,   # "cả nước tăng 9,6%"
    "retail_h1_2024": 1_404_000.0,     # "ước đạt 1.404 ngàn tỷ đồng"
    "retail_growth_h1_2024": 1.123,    # "tăng 12,3% so với cùng kỳ"
    "exports_2023": 221_500.0,         # triệu USD: "221,5 tỷ USD"
    "exports_growth_2023": 1.017,      # "tăng 1,7% so với năm 2022"
    "exports_h1_2024": 120_700.0,      # "ước đạt 120,7 tỷ USD"
    "exports_growth_h1_2024": 1.183,   # "tăng 18,3% so với cùng kỳ"
    "exports_positive": 24,            # "24/28 địa phương ... tăng trưởng dương"
    "iip_positive_h1_2024": 25,        # "25/28 địa phương có chỉ số IIP tăng trưởng dương"
    "iip_ge110_h1_2024": 11,           # S43: 11/28 grew by 10% or more
    "iip_above_national_2023": 19,     # S44: 19/28 above the national 1.5%
    "iip_national_2023": 101.5,
    "kc_spend_2023": 139_450.0,        # triệu đồng: "năm 2023 là 139,45 tỷ đồng"
    "kc_spend_h1_2024": 29_154.0,      # triệu đồng: "29,154 tỷ đồng" (Vietnamese decimal comma)
    "kc_execution_h1_2024": 0.228,     # "đạt 22,8% kế hoạch năm"
}

# Relative retail spending per head (invented; cities and delta provinces higher).
RETAIL_PER_HEAD = {
    "01": 1.75, "31": 1.55, "22": 1.45, "27": 1.15, "26": 1.0, "30": 0.85, "33": 0.85,
    "34": 0.8, "35": 0.85, "36": 0.65, "37": 1.05, "24": 0.75, "19": 0.95, "25": 0.75,
    "38": 0.75, "40": 0.7, "42": 0.8, "10": 0.9, "15": 0.55, "17": 0.5, "20": 0.65, "08": 0.6,
    "02": 0.45, "04": 0.5, "06": 0.45, "11": 0.45, "12": 0.35, "14": 0.5,
}
# Relative export size (invented; the electronics hubs dominate, the mountains are tiny).
EXPORT_SIZE = {
    "27": 40, "19": 26, "31": 26, "24": 24, "01": 17.5, "25": 10.5, "26": 10, "30": 10,
    "33": 8, "38": 6, "22": 3.5, "35": 4, "36": 3, "34": 3, "37": 3.5, "40": 2.5, "42": 2.5,
    "20": 0.5, "10": 0.5, "15": 0.4, "17": 1.0, "08": 0.2, "02": 0.15, "04": 0.08, "06": 0.04,
    "11": 0.03, "12": 0.02, "14": 0.03,
}


def _load(data_dir):
    def rd(name):
        return list(csv.DictReader(io.StringIO((data_dir / name).read_text(encoding="utf-8"))))

    units = {u["key"]: u for u in rd("units.csv")}
    keys = [m["unit_key"] for m in rd("region_members.csv")
            if m["region_key"] == "mien-bac-28" and units[m["unit_key"]]["valid_from"] < "2024"]
    provinces = sorted((units[k]["code"], units[k]["name_vi"], k) for k in keys)
    pop = {r["unit_key"]: float(r["population_thousand"]) for r in rd("unit_profile.csv")
           if r["year"] == "2022" and r["population_thousand"]}
    return provinces, pop


def _shift(base, growth, fixed, target_total):
    """Add one constant to the non-fixed growth factors so that sum(base*g) = target_total."""
    free = sum(base[c] for c in base if c not in fixed)
    s = (target_total - sum(base[c] * growth[c] for c in base)) / free
    return {c: growth[c] + (0 if c in fixed else s) for c in base}


def _flow(rng, codes, size, g23, fixed23, share, gh1, fixed_h1, noise24, targets):
    """Five values per province (2022, H1-2023, 2023, H1-2024, 2024) of one flow.

    targets: optional (total_2023, growth_2023, total_h1_2024, growth_h1_2024).
    """
    v22 = dict(size)
    if targets:
        t23, G23, th1, Gh1 = targets
        g23 = _shift(v22, g23, fixed23, G23 * sum(v22.values()))
    v23 = {c: v22[c] * g23[c] for c in codes}
    if targets:
        k = t23 / sum(v23.values())
        v22 = {c: v22[c] * k for c in codes}
        v23 = {c: v23[c] * k for c in codes}
    h23 = {c: v23[c] * share[c] for c in codes}
    if targets:
        k = th1 / Gh1 / sum(h23.values())
        h23 = {c: h23[c] * k for c in codes}
        gh1 = _shift(h23, gh1, fixed_h1, th1)
    h24 = {c: h23[c] * gh1[c] for c in codes}
    v24 = {c: v23[c] * (gh1[c] + rng.uniform(-noise24, noise24)) for c in codes}
    return {c: (v22[c], h23[c], v23[c], h24[c], v24[c]) for c in codes}


def generate(data_dir):
    rng = random.Random(SEED)
    provinces, pop = _load(data_dir)
    codes = [c for c, _, _ in provinces]
    pop_by_code = {c: pop[k] for c, _, k in provinces}
    cal = CALIBRATION
    out = {}  # (indicator, code) -> [five values in PERIODS order] (plan: 2022, 2023, 2024)

    # Retail: size from population x spending per head; two provinces grow below the nation.
    size = {c: pop_by_code[c] * RETAIL_PER_HEAD[c] * rng.uniform(0.93, 1.07) for c in codes}
    slow = set(rng.sample(codes, len(codes) - cal["retail_above_national"]))
    g23 = {c: rng.uniform(1.06, 1.09) if c in slow else rng.uniform(1.12, 1.22) for c in codes}
    share = {c: rng.uniform(0.465, 0.495) for c in codes}
    gh1 = {c: rng.uniform(1.06, 1.19) for c in codes}
    out["retail_sales"] = _flow(rng, codes, size, g23, slow, share, gh1, set(), 0.015,
                                (cal["retail_2023"], cal["retail_growth_2023"],
                                 cal["retail_h1_2024"], cal["retail_growth_h1_2024"]))

    # Exports (provincial basis): four provinces fall in H1-2024.
    size = {c: EXPORT_SIZE[c] * rng.uniform(0.9, 1.1) for c in codes}
    g23 = {c: rng.uniform(0.85, 1.2) for c in codes}
    falling = set(rng.sample(codes, len(codes) - cal["exports_positive"]))
    share = {c: rng.uniform(0.42, 0.50) for c in codes}
    gh1 = {c: rng.uniform(0.86, 0.97) if c in falling else rng.uniform(1.08, 1.32)
           for c in codes}
    exports = _flow(rng, codes, size, g23, set(), share, gh1, falling, 0.04,
                    (cal["exports_2023"], cal["exports_growth_2023"], cal["exports_h1_2024"],
                     cal["exports_growth_h1_2024"]))
    out["exports"] = exports

    # Imports: no regional figure was published; a ratio to exports, uncalibrated.
    size = {c: exports[c][0] * (1.8 if c == "01" else rng.uniform(0.6, 1.0)) for c in codes}
    g23 = {c: rng.uniform(0.88, 1.10) for c in codes}
    share = {c: rng.uniform(0.44, 0.50) for c in codes}
    gh1 = {c: rng.uniform(1.02, 1.30) for c in codes}
    out["imports"] = _flow(rng, codes, size, g23, set(), share, gh1, set(), 0.03, None)

    # IIP (whole industry): counts as reported for H1-2024 and 2023.
    order = codes[:]
    rng.shuffle(order)
    n_neg = len(codes) - cal["iip_positive_h1_2024"]
    neg, high = set(order[:n_neg]), set(order[n_neg:n_neg + cal["iip_ge110_h1_2024"]])
    rng.shuffle(order)
    above23 = set(order[:cal["iip_above_national_2023"]])
    out["iip"] = {}
    for c in codes:
        h24 = (rng.uniform(94.0, 99.5) if c in neg else
               rng.uniform(110.5, 128.0) if c in high else rng.uniform(101.0, 109.5))
        y23 = rng.uniform(102.0, 114.0) if c in above23 else rng.uniform(88.0, 101.0)
        out["iip"][c] = (rng.uniform(98.0, 116.0), y23 + rng.uniform(-3.0, 3.0), y23, h24,
                         max(90.0, h24 + rng.uniform(-2.5, 2.5)))

    # Khuyến công: plans, spend as a share of plan, calibrated to the 2023 and H1-2024 totals.
    w = {c: (3.0 if c == "01" else 1.6 if c in {"31", "38", "40"} else rng.uniform(0.6, 1.4))
         for c in codes}
    e23 = {c: rng.uniform(0.88, 0.99) for c in codes}
    k = cal["kc_spend_2023"] / sum(w[c] * e23[c] for c in codes)
    plan23 = {c: w[c] * k for c in codes}
    plan22 = {c: plan23[c] / rng.uniform(0.95, 1.2) for c in codes}
    plan24 = {c: plan23[c] * rng.uniform(0.78, 0.95) for c in codes}
    k = cal["kc_spend_h1_2024"] / cal["kc_execution_h1_2024"] / sum(plan24.values())
    plan24 = {c: plan24[c] * k for c in codes}
    plans = {c: (round(plan22[c]), round(plan23[c]), round(plan24[c])) for c in codes}
    h24 = {c: rng.uniform(0.12, 0.34) for c in codes}
    k = cal["kc_spend_h1_2024"] / sum(plans[c][2] * h24[c] for c in codes)
    h24 = {c: h24[c] * k for c in codes}
    h23 = {c: h24[c] * rng.uniform(0.85, 1.2) for c in codes}
    out["khuyen_cong_plan"] = plans
    out["khuyen_cong_spend"] = {
        c: (plans[c][0] * rng.uniform(0.85, 0.99), plans[c][1] * h23[c],
            plans[c][1] * e23[c], plans[c][2] * h24[c], plans[c][2] * rng.uniform(0.85, 0.98))
        for c in codes}

    # Stocks: OCOP products and supermarkets, non-decreasing over the five period ends.
    def stock(start, step):
        vals = [start]
        for _ in range(4):
            vals.append(vals[-1] + step(vals[-1]))
        return tuple(vals)

    out["ocop_products"] = {
        c: stock(round(math.sqrt(pop_by_code[c]) * rng.uniform(4, 9) * (3 if c == "01" else 1)),
                 lambda v: math.ceil(v * rng.uniform(0.02, 0.09)))
        for c in codes}
    out["supermarkets"] = {
        c: stock(max(1, round(pop_by_code[c] / 1000 * RETAIL_PER_HEAD[c] ** 1.5
                              * rng.uniform(3.0, 5.0) * (1.5 if c == "01" else 1))),
                 lambda v: round(v * rng.uniform(0.0, 0.05)) + (rng.random() < 0.1))
        for c in codes}
    return provinces, out


SPEC = [  # indicator, unit, basis, decimals
    ("retail_sales", "ty_dong", "goods_and_services", 1),
    ("exports", "trieu_usd", "provincial", 1),
    ("imports", "trieu_usd", "provincial", 1),
    ("iip", "index", "whole_industry", 2),
    ("khuyen_cong_spend", "trieu_dong", "all_sources", 1),
    ("khuyen_cong_plan", "trieu_dong", "all_sources", 0),
    ("ocop_products", "count", "total", 0),
    ("supermarkets", "count", "total", 0),
]


def _as_of(indicator, period):
    year = period[:4]
    if indicator == "khuyen_cong_plan":
        return f"{year}-01-20"  # plan announced at the start of the year
    return f"{year}-06-20" if period.endswith("H1") else f"{year}-12-20"  # "ước thực hiện"


def rows(data_dir):
    provinces, out = generate(data_dir)
    result = []
    for indicator, unit, basis, dec in SPEC:
        periods = ["2022", "2023", "2024"] if indicator == "khuyen_cong_plan" else PERIODS
        for i, period in enumerate(periods):
            for code, name, _ in provinces:
                v = out[indicator][code][i]
                value = str(int(v)) if dec == 0 else f"{v:.{dec}f}"
                result.append([name, indicator, period, value, unit, "estimate", "exact", basis,
                               SOURCE, NOTE, _as_of(indicator, period)])
    return result


def write(data_dir):
    path = data_dir / OUT_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    w.writerows(rows(data_dir))
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return path


def check(data_dir):
    """Checks the written file against the calibration and consistency rules; returns failures."""
    failures = 0

    def ok(cond, msg):
        nonlocal failures
        if not cond:
            failures += 1
            print("FAIL (illustrative):", msg)

    text = (data_dir / OUT_NAME).read_text(encoding="utf-8")
    data = list(csv.DictReader(io.StringIO(text)))
    v = {}
    for r in data:
        ok(r["status"] == "estimate" and r["qualifier"] == "exact" and r["source"] == SOURCE
           and r["note"] == NOTE, f"labels of {r}")
        decimals = len(r["value"].split(".")[1]) if "." in r["value"] else 0
        ok(decimals <= (2 if r["unit"] == "index" else 1 if r["unit"] != "count" else 0),
           f"decimals {r}")
        v.setdefault(r["indicator"], {}).setdefault(r["province"], {})[r["period"]] = \
            float(r["value"])
    provinces = sorted({r["province"] for r in data})
    ok(len(provinces) == 28, f"{len(provinces)} provinces")

    def total(ind, per):
        return sum(v[ind][p][per] for p in provinces)

    def near(a, b, rel, what):
        ok(abs(a / b - 1) <= rel, f"{what}: {a:.1f} vs {b:.1f}")

    cal = CALIBRATION
    near(total("retail_sales", "2023"), cal["retail_2023"], 0.0005, "retail 2023")
    near(total("retail_sales", "2023") / total("retail_sales", "2022"),
         cal["retail_growth_2023"], 0.0005, "retail growth 2023")
    near(total("retail_sales", "2024-H1"), cal["retail_h1_2024"], 0.0005, "retail H1-2024")
    near(total("retail_sales", "2024-H1") / total("retail_sales", "2023-H1"),
         cal["retail_growth_h1_2024"], 0.0005, "retail growth H1-2024")
    national = [r for r in csv.DictReader(io.StringIO(
        (data_dir / "observed" / "retail_sales.csv").read_text(encoding="utf-8")))
        if r["province"] == "VN" and r["period"] == "2023"]
    nat_level = float(next(r["value"] for r in national if r["indicator"] == "retail_sales"))
    nat_growth = float(next(r["value"] for r in national if r["indicator"] == "retail_sales_yoy"))
    ok(round(100 * total("retail_sales", "2023") / nat_level, 1) == 41.8, "retail share 41.8%")
    faster = sum(v["retail_sales"][p]["2023"] / v["retail_sales"][p]["2022"] * 100 > nat_growth
                 for p in provinces)
    ok(faster == cal["retail_above_national"], f"{faster} provinces grew faster than the nation")
    near(total("exports", "2023"), cal["exports_2023"], 0.0005, "exports 2023")
    near(total("exports", "2023") / total("exports", "2022"), cal["exports_growth_2023"],
         0.0005, "exports growth 2023")
    near(total("exports", "2024-H1"), cal["exports_h1_2024"], 0.0005, "exports H1-2024")
    near(total("exports", "2024-H1") / total("exports", "2023-H1"),
         cal["exports_growth_h1_2024"], 0.0005, "exports growth H1-2024")
    pos = sum(v["exports"][p]["2024-H1"] > v["exports"][p]["2023-H1"] for p in provinces)
    ok(pos == cal["exports_positive"], f"{pos} provinces with export growth in H1-2024")
    iip = v["iip"]
    ok(sum(iip[p]["2024-H1"] > 100 for p in provinces) == cal["iip_positive_h1_2024"],
       "IIP H1-2024 positive count")
    ok(sum(iip[p]["2024-H1"] >= 110 for p in provinces) == cal["iip_ge110_h1_2024"],
       "IIP H1-2024 >= 110 count")
    ok(sum(iip[p]["2023"] > cal["iip_national_2023"] for p in provinces)
       == cal["iip_above_national_2023"], "IIP 2023 above-national count")
    ok(all(20 <= x <= 500 for p in provinces for x in iip[p].values()), "IIP range")
    near(total("khuyen_cong_spend", "2023"), cal["kc_spend_2023"], 0.0005, "khuyến công 2023")
    near(total("khuyen_cong_spend", "2024-H1"), cal["kc_spend_h1_2024"], 0.0005,
         "khuyến công H1-2024")
    ok(round(100 * total("khuyen_cong_spend", "2024-H1") / total("khuyen_cong_plan", "2024"), 1)
       == 100 * cal["kc_execution_h1_2024"], "khuyến công execution 22.8%")

    for p in provinces:
        for y in ("2023", "2024"):
            for ind in ("retail_sales", "exports", "imports", "khuyen_cong_spend"):
                ok(v[ind][p][f"{y}-H1"] <= v[ind][p][y], f"{ind} {p} H1 > year {y}")
            ok(v["khuyen_cong_spend"][p][y] <= v["khuyen_cong_plan"][p][y],
               f"khuyến công {p} spend > plan {y}")
        ok(v["khuyen_cong_spend"][p]["2022"] <= v["khuyen_cong_plan"][p]["2022"],
           f"khuyến công {p} spend > plan 2022")
        for ind in ("retail_sales", "exports", "imports", "khuyen_cong_spend",
                    "khuyen_cong_plan"):
            pairs = [("2022", "2023"), ("2023", "2024")]
            if ind != "khuyen_cong_plan":
                pairs.append(("2023-H1", "2024-H1"))
            for a, b in pairs:
                ratio = v[ind][p][b] / v[ind][p][a]
                ok(1 / 1.6 <= ratio <= 1.6, f"{ind} {p} {a}->{b} jump {ratio:.2f}")
        for ind in ("ocop_products", "supermarkets"):
            s = [v[ind][p][per] for per in PERIODS]
            ok(s == sorted(s) and s[0] >= 1, f"{ind} {p} not non-decreasing: {s}")
    return failures


def main():
    data_dir = REPO_ROOT / "data"
    path = write(data_dir)
    failures = check(data_dir)
    print(f"wrote {path.relative_to(REPO_ROOT)}; check:",
          "OK" if not failures else f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
