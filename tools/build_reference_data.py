#!/usr/bin/env python3
"""Regenerate lienket's reference data under data/ from the shared research folder.

Usage (from anywhere):
    /usr/bin/python3 tools/build_reference_data.py [SHARED_DATA_DIR]

SHARED_DATA_DIR defaults to ../shared/data relative to the repository root. The script
reads only that folder, writes only under data/ and finishes with a self-check; it exits
non-zero if any check fails. Standard library only. Every transformation is described in
data/SOURCES.md; keep the two in step.

Generated files:
  data/units.csv, data/unit_aliases.csv, data/unit_succession.csv, data/unit_profile.csv,
  data/regions.csv, data/region_members.csv, data/indicators.csv, data/indicator_bases.csv,
  data/report_forms.csv, data/observed/{retail_sales,exports,iip,khuyen_cong}.csv,
  data/observed/regional_reference.csv (copy, CRLF to LF), data/geo/*.geojson (byte copies),
  data/illustrative/mien_bac_28_2022_2024.csv (via tools/make_illustrative.py).
"""

import argparse
import csv
import io
import re
import shutil
import sys
import unicodedata
from pathlib import Path

TOOLS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TOOLS_DIR.parent
DATA_DIR = REPO_ROOT / "data"

sys.dont_write_bytecode = True  # leave no __pycache__ in tools/
sys.path.insert(0, str(TOOLS_DIR))
import make_illustrative  # noqa: E402  (sibling module)

OLD_VALID_FROM = "2008-08-01"  # Hà Tây merged into Hà Nội on 1 Aug 2008
OLD_VALID_TO = "2025-06-30"
NEW_VALID_FROM = "2025-07-01"  # Resolution 202/2025/QH15
NEW_KEY_SUFFIX = "-2025"
REGION_VALID_FROM = "2008-08-01"

CANONICAL_COLUMNS = ["province", "indicator", "period", "value", "unit", "status",
                     "qualifier", "basis", "source", "note", "as_of"]


# --------------------------------------------------------------------------- text helpers

def nfc(s):
    return unicodedata.normalize("NFC", s)


def ascii_fold(s):
    """Vietnamese text to ASCII: strip diacritics, đ/Đ to d/D."""
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if not unicodedata.combining(c))


# Mirrors core::NameKey (src/core/vi_text.cpp): fold case, diacritics and đ, drop one
# administrative prefix, then keep only ASCII letters and digits.
_PREFIXES = ("thanh pho truc thuoc trung uong ", "thanh pho ", "tinh ", "tp. ", "tp.", "tp ",
             "t. ", "tx. ")


def name_key(s):
    folded = " ".join(ascii_fold(nfc(s)).replace("\u00a0", " ").lower().split())
    for p in _PREFIXES:
        if len(folded) > len(p) and folded.startswith(p):
            folded = folded[len(p):]
            break
    return "".join(c for c in folded if c.isascii() and c.isalnum())


def read_csv(path):
    text = path.read_text(encoding="utf-8")
    if text != nfc(text):
        raise SystemExit(f"{path}: not NFC")
    return list(csv.DictReader(io.StringIO(text)))


def write_csv(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        if isinstance(r, dict):
            r = [r[c] for c in header]
        if len(r) != len(header):
            raise SystemExit(f"{path}: row has {len(r)} fields, header {len(header)}: {r}")
        w.writerow([nfc("" if v is None else str(v)) for v in r])
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return len(rows)


TYPE_IDS = {"thành phố trung ương": "thanh_pho_trung_uong", "tỉnh": "tinh"}


# --------------------------------------------------------------------------- units

def build_units(src):
    old = read_csv(src / "provinces_2008_2025.csv")
    new = read_csv(src / "provinces_2025.csv")
    merge = read_csv(src / "province_merge_2025.csv")
    unchanged = {m["old_code"] for m in merge if m["change"] == "unchanged"}
    assert len(old) == 63 and len(new) == 34 and len(unchanged) == 11

    units = [{
        "key": "vn", "code": "VN", "name_vi": "Cả nước", "full_name_vi": "Toàn quốc",
        "name_en": "Viet Nam (national total)", "type": "quoc_gia",
        "valid_from": "1976-07-02", "valid_to": "", "centroid_lat": "", "centroid_lon": "",
    }]
    for p in old:
        units.append({
            "key": p["slug"], "code": p["code"], "name_vi": p["name_vi"],
            "full_name_vi": p["full_name_vi"], "name_en": ascii_fold(p["name_vi"]),
            # One record per unit; Thừa Thiên Huế keeps its 2008-2024 name and type (see SOURCES.md).
            "type": TYPE_IDS[p["type_2008_2024"]],
            "valid_from": OLD_VALID_FROM,
            "valid_to": "" if p["code"] in unchanged else OLD_VALID_TO,
            "centroid_lat": p["centroid_lat"], "centroid_lon": p["centroid_lon"],
        })
    for p in new:
        if int(p["n_old_units"]) < 2:
            continue
        units.append({
            "key": p["slug"] + NEW_KEY_SUFFIX, "code": p["code"], "name_vi": p["name_vi"],
            "full_name_vi": p["full_name_vi"], "name_en": ascii_fold(p["name_vi"]),
            "type": TYPE_IDS[p["type"]], "valid_from": NEW_VALID_FROM, "valid_to": "",
            "centroid_lat": p["centroid_lat"], "centroid_lon": p["centroid_lon"],
        })
    return units, old, new, merge


def new_key_by_code(new, old_by_code, unchanged):
    """Key of the post-2025 unit with each 2025 code (the same record for unchanged units)."""
    out = {}
    for p in new:
        if int(p["n_old_units"]) >= 2:
            out[p["code"]] = p["slug"] + NEW_KEY_SUFFIX
        else:
            (old_code,) = p["old_codes"].split()
            assert old_code in unchanged
            out[p["code"]] = old_by_code[old_code]["slug"]
    return out


# --------------------------------------------------------------------------- aliases

# Real alternative names. The program already matches every unit's name_vi, full_name_vi,
# name_en, key and code through core::NameKey (which also drops spaces and punctuation), so
# most spelling variants need no row; the self-check lists the ones kept only because the
# brief asked for them by name. Keys ending in -2025 get the same variants as the old unit with
# the same name; the two never overlap in time.
_HCM = ["TP.HCM", "TPHCM", "HCM", "HCMC", "Ho Chi Minh City", "Sài Gòn", "Sai Gon"]
MANUAL_ALIASES = [
    ("vn", ["Toàn quốc", "Việt Nam", "Viet Nam", "Vietnam", "VN (national total)", "National",
            "national total"]),
    ("ha-noi", ["Hanoi"]),
    ("bac-kan", ["Bắc Cạn"]),                       # older spelling, still common
    ("hoa-binh", ["Hoà Bình"]),                      # GSO catalogue 03/2025 spelling
    ("hai-phong", ["Haiphong"]),
    ("hai-phong-2025", ["Haiphong"]),
    ("thua-thien-hue", ["Thành phố Huế", "Huế", "Hue", "TT-Huế"]),  # catalogue 03/2025 name
    ("da-nang", ["Da Nang"]),
    ("da-nang-2025", ["Da Nang"]),
    ("kon-tum", ["Kontum"]),
    ("dak-lak", ["Đắc Lắc", "Daklak"]),
    ("dak-lak-2025", ["Đắc Lắc", "Daklak"]),
    ("dak-nong", ["Đắc Nông"]),
    ("ba-ria-vung-tau", ["BR-VT", "Bà Rịa Vũng Tàu", "Bà Rịa–Vũng Tàu"]),
    ("ho-chi-minh", _HCM),
    ("ho-chi-minh-2025", _HCM),
]


def build_aliases(units, old):
    keys = {u["key"]: u for u in units}
    # The GSO catalogue of 03/2025 differs from our names for exactly these two units; both
    # catalogue spellings are in MANUAL_ALIASES.
    differing = sorted(p["code"] for p in old if p["gso_catalog_name_2025_03"] != p["full_name_vi"])
    if differing != ["17", "46"]:
        raise SystemExit(f"catalogue names now differ for {differing}: review MANUAL_ALIASES")
    out = []
    for key, names in MANUAL_ALIASES:
        if key not in keys:
            raise SystemExit(f"alias for unknown unit {key!r}")
        out += [{"unit_key": key, "alias": a} for a in names]
    order = {u["key"]: i for i, u in enumerate(units)}
    return sorted(out, key=lambda r: order[r["unit_key"]])  # stable: keeps listing order


# --------------------------------------------------------------------------- succession

def build_succession(merge, old_by_code, new_keys):
    rows = []
    for m in merge:
        if m["change"] != "merged":
            continue
        rows.append({"old_key": old_by_code[m["old_code"]]["slug"],
                     "new_key": new_keys[m["new_code"]],
                     "effective_date": NEW_VALID_FROM,
                     "is_seat": m["seat_of_new_unit"]})
    return rows


# --------------------------------------------------------------------------- profile

PROFILE_SOURCE_NOTES = {
    "S-ALO": "S-ALO is a third-party page labelled \"Số liệu theo năm 2022\" that names no source",
    "S-VIWIKI-HT": "S-VIWIKI-HT cites Niên giám thống kê 2022 pp. 89 and 92; S-GH-TDT gives "
                   "population 1323.75",
    "S-ENWIKI-NCC": "S-ENWIKI-NCC area column has no year; used as the 2022 area",
    "S-XTV": "S-XTV prints no year; identified as GSO 2023 by the upstream cross-checks",
    "S-ENWIKI-NW": "S-ENWIKI-NW gives persons, divided by 1000",
    "S-PV": "S-PV is a third-party blog citing GSO; persons divided by 1000",
    "S-VNVN": "S-VNVN read from a machine translation of a Vietnamese article",
    "S-HF-NSO": "S-HF-NSO national rows of a dataset preview",
}


def parse_stats_source(text):
    """'S-GH-TDT (pop 2022); S-XTV (2023)' -> {('pop','2022'): 'S-GH-TDT', ...}."""
    out = {}
    for part in text.split(";"):
        m = re.fullmatch(r"\s*(\S+) \((?:(area|pop) )?(\d{4})\)\s*", part)
        if not m:
            raise SystemExit(f"cannot parse stats_source part {part!r}")
        src, what, year = m.groups()
        for w in ([what] if what else ["area", "pop"]):
            out[(w, year)] = src
    return out


def build_profile(src, old):
    long_rows = read_csv(src / "stats_sourced_long.csv")
    # (unit_id, indicator, value text, source) triples that the long file holds
    sourced = {(r["unit_id"], r["indicator"], r["value"], r["source_id"]) for r in long_rows}
    rows = []
    vn = {}
    for r in long_rows:
        if r["unit_id"] == "VN":
            vn.setdefault(r["year"], {})[r["indicator"]] = (r["value"], r["source_id"])
    for year in sorted(vn):
        area, pop = vn[year].get("area", ("", "")), vn[year].get("pop_avg", ("", ""))
        rows.append({"unit_key": "vn", "year": year, "area_km2": area[0],
                     "population_thousand": pop[0], "source_area": area[1],
                     "source_population": pop[1], "note": PROFILE_SOURCE_NOTES["S-HF-NSO"]})
    for p in old:
        srcmap = parse_stats_source(p["stats_source"])
        for year in ("2022", "2023"):
            area, pop = p[f"area_km2_{year}"], p[f"pop_avg_thousand_{year}"]
            if not area and not pop:
                continue  # nothing sourced for this unit and year
            sa = srcmap.get(("area", year), "") if area else ""
            sp = srcmap.get(("pop", year), "") if pop else ""
            if (area and not sa) or (pop and not sp):
                raise SystemExit(f"{p['code']} {year}: value without source")
            for ind, val, s in (("area", area, sa), ("pop_avg", pop, sp)):
                if val and (p["code"], ind, val, s) not in sourced:
                    raise SystemExit(f"{p['code']} {year} {ind}={val} ({s}) not in "
                                     "stats_sourced_long.csv")
            notes = [PROFILE_SOURCE_NOTES[s] for s in dict.fromkeys(x for x in (sa, sp) if x)
                     if s in PROFILE_SOURCE_NOTES]
            if p["code"] == "91" and year == "2023":
                notes.append("area printed without decimals")
            rows.append({"unit_key": p["slug"], "year": year, "area_km2": area,
                         "population_thousand": pop, "source_area": sa,
                         "source_population": sp, "note": "; ".join(notes)})
    return rows


# --------------------------------------------------------------------------- regions

GSO_REGIONS = [
    ("dong-bang-song-hong", "Đồng bằng sông Hồng", "Red River Delta"),
    ("trung-du-mien-nui-phia-bac", "Trung du và miền núi phía Bắc",
     "Northern Midlands and Mountains"),
    ("bac-trung-bo-duyen-hai-mien-trung", "Bắc Trung Bộ và Duyên hải miền Trung",
     "North Central and Central Coast"),
    ("tay-nguyen", "Tây Nguyên", "Central Highlands"),
    ("dong-nam-bo", "Đông Nam Bộ", "Southeast"),
    ("dong-bang-song-cuu-long", "Đồng bằng sông Cửu Long", "Mekong River Delta"),
]
MB28_SUB = [
    ("mb28-trung-du-mien-nui", "Trung du và miền núi phía Bắc",
     "Northern Midlands and Mountains (Northern region sub-region)"),
    ("mb28-dong-bang-song-hong", "Đồng bằng sông Hồng",
     "Red River Delta (Northern region sub-region)"),
    ("mb28-bac-trung-bo", "Bắc Trung Bộ", "North Central (Northern region sub-region)"),
]
POST_2025_RULE_VI_EN = ("Post-2025 units are members by the region of their seat (the old "
                        "unit that hosts the new centre); this is the project's rule, not an "
                        "official grouping.")


def build_regions(src, units, old, merge, new_keys):
    mb = read_csv(src / "region_mien_bac_28.csv")
    old_by_code = {p["code"]: p for p in old}
    seat_of_new = {m["new_code"]: m["old_code"] for m in merge if m["seat_of_new_unit"] == "1"}
    merged_new_codes = sorted({m["new_code"] for m in merge if m["change"] == "merged"})
    new_unit_keys = {c: new_keys[c] for c in merged_new_codes}

    regions = [{"key": "ca-nuoc", "name_vi": "Cả nước", "name_en": "Whole country",
                "kind": "national", "valid_from": REGION_VALID_FROM, "valid_to": "",
                "parent_key": "",
                "note": "All provincial units (63 until 2025-06-30, 34 from 2025-07-01); "
                        "excludes the national-total unit vn."}]
    members = [("ca-nuoc", u["key"]) for u in units if u["type"] != "quoc_gia"]

    for key, vi, en in GSO_REGIONS:
        regions.append({"key": key, "name_vi": vi, "name_en": en, "kind": "gso",
                        "valid_from": REGION_VALID_FROM, "valid_to": "", "parent_key": "",
                        "note": "GSO socio-economic region (statistical yearbook grouping); "
                                "the six partition the country. " + POST_2025_RULE_VI_EN})
        members += [(key, p["slug"]) for p in old if p["region_gso"] == vi]
        members += [(key, new_unit_keys[c]) for c in merged_new_codes
                    if old_by_code[seat_of_new[c]]["region_gso"] == vi]

    regions.append({"key": "mien-bac-28", "name_vi": "28 tỉnh, thành phố khu vực phía Bắc",
                    "name_en": "Northern region (28 provinces and cities)", "kind": "conference",
                    "valid_from": REGION_VALID_FROM, "valid_to": "", "parent_key": "",
                    "note": "MOIT's khu vực phía Bắc of the annual Industry and Trade conference: "
                            "28 pre-2025 units; from 2025-07-01 the 18 units they became "
                            "(same territory)."})
    mb_codes = [r["code"] for r in mb]
    members += [("mien-bac-28", old_by_code[c]["slug"]) for c in mb_codes]
    mb_new = sorted({r["code_2025"] for r in mb})
    members += [("mien-bac-28", new_unit_keys[c]) for c in mb_new if c in new_unit_keys]

    sub_of_code = {r["code"]: r["sub_region"] for r in mb}
    for key, vi, en in MB28_SUB:
        regions.append({"key": key, "name_vi": vi, "name_en": en, "kind": "sub_region",
                        "valid_from": REGION_VALID_FROM, "valid_to": "",
                        "parent_key": "mien-bac-28",
                        "note": "Sub-region of the 28 as named at the conference. "
                                + POST_2025_RULE_VI_EN})
        members += [(key, old_by_code[c]["slug"]) for c in mb_codes if sub_of_code[c] == vi]
        members += [(key, new_unit_keys[c]) for c in mb_new
                    if c in new_unit_keys and sub_of_code[seat_of_new[c]] == vi]
    return regions, [{"region_key": r, "unit_key": u} for r, u in members]


# --------------------------------------------------------------------------- indicators

IDX_VI = "% (cùng kỳ năm trước = 100)"
IDX_EN = "% (same period of previous year = 100)"
RETAIL_BASES = "goods_and_services|goods_only"
EXPORT_BASES = "customs|provincial|local_goods"
IMPORT_BASES = "customs|provincial"
KC_BASES = "all_sources|national_budget|local_budget|enterprise_counterpart"
YOY_DESC_VI = ("Chỉ số so với cùng kỳ năm trước (= 100). Chỉ số của vùng là tỷ số giữa tổng kỳ "
               "này và tổng cùng kỳ của cùng nhóm địa phương (bình quân gia quyền theo giá trị "
               "cùng kỳ).")
YOY_DESC_EN = ("Index, same period of the previous year = 100. A regional value is the ratio of "
               "sums over the same set of provinces (a mean weighted by the previous period's "
               "values).")

INDICATOR_COLUMNS = ["id", "name_vi", "name_en", "unit", "kind", "aggregation",
                     "time_aggregation", "precision", "display_unit_vi", "display_unit_en",
                     "bases", "default_basis", "min_value", "max_value", "growth_of", "plan_of",
                     "description_vi", "description_en"]

INDICATORS = [
    ["iip", "Chỉ số sản xuất công nghiệp (IIP)", "Index of industrial production (IIP)",
     "index", "index", "weighted_mean", "none", "2", IDX_VI, IDX_EN,
     "whole_industry|manufacturing|mining|electricity", "whole_industry", "20", "500", "", "",
     "So với cùng kỳ năm trước (= 100). Không cộng được: chỉ số của vùng cần quyền số (giá trị "
     "tăng thêm công nghiệp năm gốc của từng địa phương); thiếu quyền số thì chỉ đếm số địa "
     "phương tăng/giảm và nêu khoảng giá trị.",
     "Same period of the previous year = 100. Not additive: a regional index needs weights "
     "(each province's industrial value added in the base year); without weights report counts "
     "and ranges only."],
    ["retail_sales", "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
     "Retail sales of goods and consumer service revenue", "vnd", "flow", "sum", "sum", "1",
     "tỷ đồng", "billion VND", RETAIL_BASES, "goods_and_services", "0", "", "", "",
     "Giá hiện hành. Cộng theo địa phương; lũy kế = tổng các tháng.",
     "Current prices. Summed over provinces; year to date = sum of months."],
    ["retail_sales_yoy",
     "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng so với cùng kỳ năm trước",
     "Retail sales of goods and consumer service revenue, index vs same period of previous year",
     "index", "index", "weighted_mean", "none", "2", IDX_VI, IDX_EN, RETAIL_BASES,
     "goods_and_services", "20", "500", "retail_sales", "", YOY_DESC_VI, YOY_DESC_EN],
    ["exports", "Kim ngạch xuất khẩu hàng hóa", "Merchandise export turnover", "usd", "flow",
     "sum", "sum", "1", "triệu USD", "million USD", EXPORT_BASES, "provincial", "0", "", "", "",
     "Không cộng lẫn số liệu hải quan theo địa phương với số ước của tỉnh.",
     "Never add customs-by-locality figures and provincial estimates together."],
    ["exports_yoy", "Kim ngạch xuất khẩu hàng hóa so với cùng kỳ năm trước",
     "Merchandise export turnover, index vs same period of previous year", "index", "index",
     "weighted_mean", "none", "2", IDX_VI, IDX_EN, EXPORT_BASES, "provincial", "20", "500",
     "exports", "", YOY_DESC_VI, YOY_DESC_EN],
    ["imports", "Kim ngạch nhập khẩu hàng hóa", "Merchandise import turnover", "usd", "flow",
     "sum", "sum", "1", "triệu USD", "million USD", IMPORT_BASES, "provincial", "0", "", "", "",
     "Không cộng lẫn số liệu hải quan theo địa phương với số ước của tỉnh.",
     "Never add customs-by-locality figures and provincial estimates together."],
    ["imports_yoy", "Kim ngạch nhập khẩu hàng hóa so với cùng kỳ năm trước",
     "Merchandise import turnover, index vs same period of previous year", "index", "index",
     "weighted_mean", "none", "2", IDX_VI, IDX_EN, IMPORT_BASES, "provincial", "20", "500",
     "imports", "", YOY_DESC_VI, YOY_DESC_EN],
    ["khuyen_cong_spend", "Kinh phí khuyến công thực hiện",
     "Industrial promotion (khuyến công) funds spent", "vnd", "flow", "sum", "sum", "0",
     "triệu đồng", "million VND", KC_BASES, "all_sources", "0", "", "", "",
     "Kinh phí thực hiện các đề án khuyến công trong kỳ; lũy kế từ đầu năm.",
     "Funds spent on khuyến công projects in the period; year to date."],
    ["khuyen_cong_plan", "Kế hoạch kinh phí khuyến công",
     "Industrial promotion (khuyến công) funding plan", "vnd", "plan", "sum", "end_of_period",
     "0", "triệu đồng", "million VND", KC_BASES, "all_sources", "0", "", "",
     "khuyen_cong_spend",
     "Kế hoạch (dự toán) kinh phí khuyến công của năm; tỷ lệ thực hiện = lũy kế thực hiện / kế "
     "hoạch năm, của vùng = tổng thực hiện / tổng kế hoạch.",
     "The year's planned (budgeted) khuyến công funds; execution = year-to-date spend / year "
     "plan, for a region sum(spend) / sum(plan)."],
    ["khuyen_cong_projects", "Số đề án khuyến công thực hiện",
     "Industrial promotion (khuyến công) projects carried out", "count", "flow", "sum", "sum",
     "0", "đề án", "projects", "all_sources|national_budget|local_budget", "all_sources", "0",
     "", "", "", "Đề án khuyến công quốc gia và địa phương thực hiện trong kỳ.",
     "National and local khuyến công projects carried out in the period."],
    ["industrial_clusters_operating", "Số cụm công nghiệp đang hoạt động",
     "Industrial clusters in operation", "count", "stock", "sum", "end_of_period", "0", "cụm",
     "clusters", "total", "total", "0", "", "", "",
     "Cụm công nghiệp đã đi vào hoạt động tại cuối kỳ.",
     "Industrial clusters (cụm công nghiệp) in operation at the end of the period."],
    ["markets", "Số chợ", "Markets (chợ)", "count", "stock", "sum", "end_of_period", "0", "chợ",
     "markets", "total", "total", "0", "", "", "", "Số chợ tại cuối kỳ.",
     "Traditional markets (chợ) at the end of the period."],
    ["supermarkets", "Số siêu thị", "Supermarkets", "count", "stock", "sum", "end_of_period",
     "0", "siêu thị", "supermarkets", "total", "total", "0", "", "", "",
     "Số siêu thị tại cuối kỳ.", "Supermarkets at the end of the period."],
    ["shopping_centres", "Số trung tâm thương mại", "Shopping centres", "count", "stock", "sum",
     "end_of_period", "0", "trung tâm", "centres", "total", "total", "0", "", "", "",
     "Số trung tâm thương mại tại cuối kỳ.", "Shopping centres at the end of the period."],
    ["ocop_products", "Số sản phẩm OCOP còn hiệu lực",
     "OCOP products with a valid certificate", "count", "stock", "sum", "end_of_period", "0",
     "sản phẩm", "products", "total", "total", "0", "", "", "",
     "Sản phẩm OCOP (từ 3 sao) có giấy chứng nhận còn hiệu lực (36 tháng) tại cuối kỳ.",
     "OCOP products (3 stars or more) whose certificate (valid 36 months) is in force at the "
     "end of the period."],
    ["natural_area", "Diện tích tự nhiên", "Natural area", "km2", "stock", "sum",
     "end_of_period", "1", "km²", "km²", "total", "total", "0", "", "", "",
     "Diện tích tự nhiên (xem data/unit_profile.csv).",
     "Natural area (see data/unit_profile.csv)."],
    ["average_population", "Dân số trung bình", "Average population", "persons", "stock",
     "sum", "none", "1", "nghìn người", "thousand persons", "total", "total", "0", "", "", "",
     "Dân số trung bình của năm (xem data/unit_profile.csv).",
     "Average population of the year (see data/unit_profile.csv)."],
]

BASES_COLUMNS = ["basis", "name_vi", "name_en", "description_en"]
BASES = [
    ["whole_industry", "Toàn ngành công nghiệp", "Whole industry",
     "IIP of all industry (mining, manufacturing, electricity, water supply)."],
    ["manufacturing", "Công nghiệp chế biến, chế tạo", "Manufacturing",
     "IIP of manufacturing only; never compare with whole-industry IIP."],
    ["mining", "Khai khoáng", "Mining and quarrying", "IIP of mining and quarrying only."],
    ["electricity", "Sản xuất và phân phối điện", "Electricity supply",
     "IIP of electricity, gas, steam and air-conditioning supply only."],
    ["goods_and_services", "Bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
     "Goods and consumer services",
     "Retail sales of goods plus revenue of accommodation, food service, travel and other "
     "consumer services (the GSO total)."],
    ["goods_only", "Bán lẻ hàng hóa", "Goods only",
     "Retail sales of goods only, or a figure whose wording names goods only."],
    ["customs", "Số liệu hải quan theo địa phương", "Customs, by locality",
     "General Department of Customs series by locality, as republished in MOIT's annual "
     "export-import report; the basis on which the national total is split by province."],
    ["provincial", "Số ước của địa phương", "Provincial estimate",
     "Estimate of the provincial statistics office, Department of Industry and Trade or "
     "People's Committee; can differ a lot from the customs series."],
    ["local_goods", "Hàng hóa sản xuất tại địa phương", "Locally produced goods",
     "Exports of goods produced in the province (Lạng Sơn publishes this beside border-gate "
     "throughput)."],
    ["all_sources", "Tổng các nguồn", "All sources",
     "Total khuyến công funds: national budget, local budget and enterprise counterpart."],
    ["national_budget", "Khuyến công quốc gia (ngân sách trung ương)",
     "National programme (central budget)", "Khuyến công funds from the central budget."],
    ["local_budget", "Khuyến công địa phương (ngân sách địa phương)",
     "Local programme (provincial budget)", "Khuyến công funds from the provincial budget."],
    ["enterprise_counterpart", "Vốn đối ứng của cơ sở", "Enterprise counterpart",
     "Funds contributed by the supported enterprises or establishments."],
    ["total", "Tổng số", "Total", "The indicator's single definition."],
]

REPORT_FORM_COLUMNS = ["id", "name_vi", "name_en", "period_type", "due_day",
                       "due_offset_months", "indicators"]
_FLOWS = "iip|retail_sales|retail_sales_yoy|exports|exports_yoy|imports|imports_yoy"
_FULL = (_FLOWS + "|khuyen_cong_spend|khuyen_cong_plan|khuyen_cong_projects|"
         "industrial_clusters_operating|markets|supermarkets|shopping_centres|ocop_products")
REPORT_FORMS = [
    ["monthly", "Báo cáo tháng", "Monthly report", "month", "20", "1", _FLOWS],
    ["quarterly", "Báo cáo quý", "Quarterly report", "quarter", "20", "1",
     _FLOWS + "|khuyen_cong_spend|khuyen_cong_projects"],
    ["half_year", "Báo cáo 6 tháng đầu năm (Hội nghị ngành Công Thương khu vực phía Bắc)",
     "First-half report (Northern region Industry and Trade conference)", "half_year", "20",
     "1", _FULL],
    ["annual", "Báo cáo năm", "Annual report", "year", "20", "1", _FULL],
]


# --------------------------------------------------------------------------- observed

SOURCE_NAMES = {
    "S01": "GSO Biểu số liệu 12/2022", "S02": "GSO Biểu số liệu 12/2023",
    "S04": "GSO Biểu số liệu 6/2023", "S05": "GSO Biểu số liệu 6/2024",
    "S06": "Niên giám thống kê Nam Định 2023", "S07": "Cổng TTĐT Hải Phòng",
    "S08": "Báo Hòa Bình", "S09": "Báo Bắc Kạn", "S10": "VietnamBiz (UBND Bắc Giang)",
    "S11": "Thời báo Tài chính Việt Nam", "S12": "VnEconomy", "S13": "Stockbiz",
    "S14": "Báo Yên Bái", "S15": "Báo Công Thương/MOIT Báo cáo XNK 2022",
    "S16": "VDSC/MOIT Báo cáo XNK 2023", "S17": "wkvetter/MOIT Báo cáo XNK 2023",
    "S18": "Thời báo Tài chính Việt Nam", "S19": "Truyền hình Hà Nội (tek4tv)",
    "S20": "Dân Việt", "S21": "Thị trường Biz", "S22": "Thời báo Tài chính Việt Nam",
    "S23": "CafeF (Tổng cục Hải quan)", "S24": "Kinh tế & Đời sống (Tổng cục Hải quan)",
    "S25": "Điện tử Ứng dụng/MOIT báo cáo 6 tháng 2024", "S26": "Dân trí (GSO)",
    "S27": "Doanh nghiệp & Thời đại (Sở Công Thương Hải Phòng)",
    "S28": "vietnam.vn/namdinh", "S29": "wwwiso.com (Cục Thống kê Nam Định)",
    "S30": "Thương hiệu & Công luận (Cục Thống kê Hà Nam)",
    "S31": "Báo Thái Bình (Cục Thống kê Thái Bình)", "S32": "Nhân Dân (Cục Thống kê Hưng Yên)",
    "S33": "Báo Hải Dương", "S34": "Đời sống & Pháp luật (UBND Nghệ An)",
    "S35": "Báo Xây dựng", "S36": "VnEconomy", "S37": "VnEconomy",
    "S38": "Báo Hải Dương (Sở Công Thương)", "S39": "Báo Thanh Hóa",
    "S40": "Truyền hình Thanh Hóa", "S41": "Kinh tế & Đô thị (Cục Thống kê Hà Nội)",
    "S42": "Cục Thống kê Bắc Ninh", "S45": "Báo Hà Tĩnh", "S46": "Báo Vĩnh Long",
    "S47": "Báo Bà Rịa - Vũng Tàu",
}

# Publication date (as_of) per source and how it was found; see data/SOURCES.md.
#   stated   - the date given in observed/SOURCES.md
#   url      - the date embedded in the article's URL
#   gso_file - date in the GSO table's file name (approximated)
#   month    - only the month is known: last day of that month (approximated)
#   analogy  - not known; set by analogy with a dated sibling source (approximated)
#   period_end - not known: last day of the reference period (approximated)
AS_OF = {
    "S01": ("2022-12-29", "gso_file"), "S02": ("2023-12-29", "gso_file"),
    "S04": ("2023-06-29", "gso_file"), "S05": ("2024-06-29", "gso_file"),
    "S06": ("2024-06-30", "analogy"), "S09": ("2023-12-31", "month"),
    "S10": ("2024-06-28", "stated"), "S12": ("2024-04-30", "month"),
    "S13": ("2023-04-05", "stated"), "S14": ("2023-11-01", "stated"),
    "S15": ("2023-05-16", "analogy"), "S16": ("2024-05-16", "stated"),
    "S17": ("2024-05-16", "analogy"), "S18": ("2024-05-19", "stated"),
    "S20": ("2024-02-06", "url"), "S22": ("2023-07-31", "month"),
    "S23": ("2023-07-16", "url"), "S24": ("2024-06-19", "analogy"),
    "S26": ("2024-07-30", "stated"), "S30": ("2024-06-28", "stated"),
    "S33": ("2024-07-28", "stated"), "S36": ("2024-09-30", "month"),
    "S37": ("2024-07-31", "month"), "S38": ("2024-01-20", "stated"),
    "S39": ("2024-07-31", "month"), "S40": ("2023-07-14", "url"),
    "S45": ("2023-04-30", "month"), "S46": ("2023-03-31", "month"),
    "S47": ("2022-09-30", "month"),
    # all other sources: period_end
}
AS_OF_NOTES = {
    "url": "as_of from the date in the article URL",
    "gso_file": "as_of approximated (date in the GSO table's file name)",
    "month": "as_of approximated (source dated by month only: last day of that month)",
    "period_end": "as_of approximated (publication date unknown: end of the reference period)",
}
ANALOGY_NOTES = {
    "S06": "as_of approximated (yearbook release date unknown: assumed mid-2024)",
    "S15": "as_of approximated (MOIT XNK Report 2022 release date unknown: set like the 2023 "
           "edition, 16 May)",
    "S17": "as_of approximated (summary of the MOIT XNK Report 2023, released 2024-05-16)",
    "S24": "as_of approximated (release date unknown: 5-month customs data set a month after "
           "S18's 4-month data of 2024-05-19)",
}
CUSTOMS_SOURCES = {"S15", "S16", "S17", "S18", "S23", "S24"}
GSO_TABLES = {"S01", "S02", "S04", "S05"}
UNIT_MAP = {"million USD": "trieu_usd", "billion VND": "ty_dong", "trillion VND": "nghin_ty_dong",
            "% change vs 2022": "pct_change"}
_LAST_DAY = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30,
             12: 31}


def period_end(period):
    m = re.fullmatch(r"(\d{4})(?:-(H[12]|Q[1-4]|M01-M(\d\d)))?", period)
    if not m:
        raise SystemExit(f"unknown period {period!r}")
    year, part, mm = m.group(1), m.group(2), m.group(3)
    if part is None:
        month = 12
    elif part.startswith("H"):
        month = 6 * int(part[1])
    elif part.startswith("Q"):
        month = 3 * int(part[1])
    else:
        month = int(mm)
    day = _LAST_DAY[month] if month != 2 or int(year) % 4 == 0 else 28
    return f"{year}-{month:02d}-{day:02d}"


def as_of_for(source, period):
    date, how = AS_OF.get(source, (None, "period_end"))
    if how == "period_end":
        date = period_end(period)
    note = ANALOGY_NOTES.get(source) if how == "analogy" else AS_OF_NOTES.get(how)
    return date, note


def qualifier_for(note):
    n = note.upper()
    if "LOWER BOUND" in n:
        return "lower_bound"
    if "APPROX" in n or "= approx" in note:
        return "approx"
    return "exact"


def status_for(source, period):
    if source in GSO_TABLES:
        return "estimate"  # GSO month-end tables: the year/half figures are estimates
    if source == "S06":
        return "official"  # statistical yearbook
    if source in CUSTOMS_SOURCES:
        # Customs annual figures as published in MOIT's annual report: official;
        # customs year-to-date figures published weeks after the period: preliminary.
        return "official" if re.fullmatch(r"\d{4}", period) else "preliminary"
    return "estimate"  # provincial and press figures are "ước" estimates


def convert_row(kind, r):
    raw_prov, period, value, unit, source, note = (
        r["province_code_or_name"], r["period"], r["value"], r["unit"], r["source"], r["note"])
    province = "VN" if raw_prov == "VN (national total)" else re.sub(r"\s*\(NOT one of.*\)$",
                                                                     "", raw_prov)
    value = value[1:] if value.startswith("+") else value
    basis = ""
    if kind == "retail_sales":
        if unit.startswith("% of"):
            indicator, unit_id = "retail_sales_yoy", "index"
        else:
            indicator, unit_id = "retail_sales", UNIT_MAP[unit]
        basis = "goods_and_services"
        if source == "S35":  # "Tổng mức bán lẻ hàng hóa": the wording names goods only
            basis = "goods_only"
    elif kind == "exports":
        indicator = "exports_yoy" if unit.startswith("% change") else "exports"
        unit_id = UNIT_MAP[unit]
        if source in CUSTOMS_SOURCES or province == "VN":
            basis = "customs"  # the national total is the customs total split by locality
        elif source == "S20":
            basis = "local_goods"
        else:
            basis = "provincial"
    elif kind == "iip":
        indicator, unit_id = "iip", "index"
        basis = "manufacturing" if "MANUFACTURING" in unit else "whole_industry"
    elif kind == "khuyen_cong":
        if not period.endswith("(plan)"):
            raise SystemExit(f"khuyen_cong row without plan marker: {r}")
        indicator, unit_id = "khuyen_cong_plan", UNIT_MAP[unit]
        period = period.replace(" (plan)", "")
        # The part rows start "local khuyến công budget" / "provincial-budget part";
        # the total rows include the enterprise counterpart.
        basis = ("local_budget"
                 if re.match(r"(local khuyến công budget|provincial-budget part)", note)
                 else "all_sources")
    else:
        raise SystemExit(kind)
    qualifier = qualifier_for(note)
    as_of, as_of_note = as_of_for(source, period)
    notes = [note] if note else []
    if kind == "retail_sales" and basis == "goods_only":
        notes.append("basis goods_only: the source's wording names goods only")
    if kind == "khuyen_cong":
        notes.append("not one of the 28 northern provinces; format example")
    if as_of_note:
        notes.append(as_of_note)
    return {"province": province, "indicator": indicator, "period": period, "value": value,
            "unit": unit_id, "status": status_for(source, period), "qualifier": qualifier,
            "basis": basis, "source": f"{source} {SOURCE_NAMES[source]}",
            "note": "; ".join(notes), "as_of": as_of}


def build_observed(src):
    out = {}
    for kind in ("retail_sales", "exports", "iip", "khuyen_cong"):
        rows = []
        for r in read_csv(src / "observed" / f"{kind}.csv"):
            if r["source"] == "S03":
                continue  # same GSO 2023 estimate as S02, rounded and re-published (see SOURCES.md)
            rows.append(convert_row(kind, r))
        out[kind] = rows
    return out


# --------------------------------------------------------------------------- self-check

def valid_on(u, date):
    return u["valid_from"] <= date and (not u["valid_to"] or date <= u["valid_to"])


def overlap(a, b):
    return a["valid_from"] <= (b["valid_to"] or "9999") and b["valid_from"] <= (a["valid_to"] or
                                                                              "9999")


# Names people write, with the unit they must resolve to on a date.
RESOLUTION_CASES = [
    ("VN", "2024-06-30", "vn"), ("VN (national total)", "2024-06-30", "vn"),
    ("Cả nước", "2024-06-30", "vn"), ("Toàn quốc", "2024-06-30", "vn"),
    ("Việt Nam", "2025-12-31", "vn"), ("Vietnam", "2025-12-31", "vn"),
    ("national total", "2024-06-30", "vn"), ("National", "2024-06-30", "vn"),
    ("Hà Nội", "2024-06-30", "ha-noi"), ("Hanoi", "2025-12-31", "ha-noi"),
    ("TP. Hà Nội", "2024-06-30", "ha-noi"), ("01", "2024-06-30", "ha-noi"),
    ("Haiphong", "2024-06-30", "hai-phong"), ("Haiphong", "2025-12-31", "hai-phong-2025"),
    ("Hoà Bình", "2024-06-30", "hoa-binh"), ("Tỉnh Hoà Bình", "2024-06-30", "hoa-binh"),
    ("Bắc Cạn", "2024-06-30", "bac-kan"),
    ("Huế", "2024-06-30", "thua-thien-hue"), ("Thành phố Huế", "2025-12-31", "thua-thien-hue"),
    ("Hue", "2025-12-31", "thua-thien-hue"), ("Thừa Thiên - Huế", "2020-01-01", "thua-thien-hue"),
    ("Da Nang", "2024-06-30", "da-nang"), ("Danang", "2025-12-31", "da-nang-2025"),
    ("TP.HCM", "2024-06-30", "ho-chi-minh"), ("TPHCM", "2025-12-31", "ho-chi-minh-2025"),
    ("HCM", "2024-06-30", "ho-chi-minh"), ("Ho Chi Minh City", "2024-06-30", "ho-chi-minh"),
    ("Sài Gòn", "2025-12-31", "ho-chi-minh-2025"), ("Sai Gon", "2024-06-30", "ho-chi-minh"),
    ("Saigon", "2024-06-30", "ho-chi-minh"),
    ("BR-VT", "2024-06-30", "ba-ria-vung-tau"), ("Bà Rịa Vũng Tàu", "2024-06-30", "ba-ria-vung-tau"),
    ("Bà Rịa–Vũng Tàu", "2024-06-30", "ba-ria-vung-tau"),
    ("Đắc Lắc", "2024-06-30", "dak-lak"), ("Daklak", "2025-12-31", "dak-lak-2025"),
    ("Đắk Lắk", "2024-06-30", "dak-lak"), ("Đắc Nông", "2024-06-30", "dak-nong"),
    ("Kon Tum", "2024-06-30", "kon-tum"), ("Kontum", "2024-06-30", "kon-tum"),
    ("Lào Cai", "2024-06-30", "lao-cai"), ("Lào Cai", "2025-07-01", "lao-cai-2025"),
    ("Bắc Ninh", "2025-06-30", "bac-ninh"), ("Bắc Ninh", "2025-07-01", "bac-ninh-2025"),
    ("24", "2024-06-30", "bac-giang"), ("24", "2025-07-01", "bac-ninh-2025"),
    ("Yên Bái", "2025-07-01", None),  # merged away: resolves on no date after 2025-06-30
]


class Checker:
    def __init__(self):
        self.failures = 0

    def __call__(self, cond, msg):
        if not cond:
            self.failures += 1
            print("FAIL:", msg)


def self_check(data_dir):
    check = Checker()
    rd = lambda name: read_csv(data_dir / name)  # noqa: E731

    # file format: UTF-8, NFC, LF only, header row
    for f in sorted(data_dir.rglob("*.csv")):
        raw = f.read_bytes()
        text = raw.decode("utf-8")
        check(text == nfc(text), f"{f}: not NFC")
        check(b"\r" not in raw, f"{f}: CR found")
        check(not text.startswith("\ufeff"), f"{f}: BOM")
        check(text.endswith("\n"), f"{f}: no final LF")

    units = rd("units.csv")
    ukey = {u["key"]: u for u in units}
    check(len(ukey) == len(units) == 87, f"units: {len(units)} rows, unique keys")
    prov = [u for u in units if u["type"] != "quoc_gia"]
    for date, n in (("2008-08-01", 63), ("2024-12-31", 63), ("2025-06-30", 63),
                    ("2025-07-01", 34), ("2026-01-01", 34)):
        k = sum(valid_on(u, date) for u in prov)
        check(k == n, f"{k} province units valid on {date}, expected {n}")
        codes = [u["code"] for u in prov if valid_on(u, date)]
        check(len(codes) == len(set(codes)), f"province codes not unique on {date}")
    for u in units:
        check(u["type"] in {"tinh", "thanh_pho_trung_uong", "quoc_gia"}, f"type {u}")
        check(u["name_en"].isascii(), f"name_en not ASCII: {u['name_en']}")

    # aliases: every NameKey (of a name, key or alias) means one unit at any date
    aliases = rd("unit_aliases.csv")
    by_key = {}
    own = set()
    for u in units:
        for n in (u["name_vi"], u["full_name_vi"], u["name_en"], u["key"]):
            by_key.setdefault(name_key(n), set()).add(u["key"])
            own.add((name_key(n), u["key"]))
    redundant = []
    for a in aliases:
        check(a["unit_key"] in ukey, f"alias {a} -> unknown key")
        check(a["alias"] != ukey.get(a["unit_key"], {}).get("name_vi"), f"alias = name: {a}")
        k = name_key(a["alias"])
        if (k, a["unit_key"]) in own:
            redundant.append(a["alias"])
        by_key.setdefault(k, set()).add(a["unit_key"])
    for k, ks in by_key.items():
        ks = sorted(ks)
        for i, a in enumerate(ks):
            for b in ks[i + 1:]:
                check(not overlap(ukey[a], ukey[b]),
                      f"name/alias key {k!r} means {a} and {b} at the same time")
    if redundant:
        print("note: aliases kept as asked although NameKey already matches them:",
              ", ".join(redundant))

    def resolve(text, date):
        """Python mirror of UnitCatalog::ResolveOn."""
        cands = [u["key"] for u in units if u["code"] == text.strip()]
        if not cands:
            cands = sorted(by_key.get(name_key(text), ()))
        valid = [c for c in cands if valid_on(ukey[c], date)]
        return valid[0] if len(valid) == 1 else None

    for text, date, want in RESOLUTION_CASES:
        got = resolve(text, date)
        check(got == want, f"{text!r} on {date} resolves to {got}, expected {want}")

    succ = rd("unit_succession.csv")
    check(len(succ) == 52, f"succession rows {len(succ)}")
    for s in succ:
        check(ukey[s["old_key"]]["valid_to"] == "2025-06-30", f"succession old {s}")
        check(ukey[s["new_key"]]["valid_from"] == s["effective_date"] == "2025-07-01",
              f"succession new {s}")
    seats = {}
    for s in succ:
        seats.setdefault(s["new_key"], []).append(s["is_seat"])
    check(len(seats) == 23 and all(v.count("1") == 1 for v in seats.values()),
          "each new unit has exactly one seat")
    check(not any(valid_on(u, "2025-06-30") and not u["valid_to"]
                  for u in prov if u["key"] in {s["old_key"] for s in succ}),
          "merged-away units must end on 2025-06-30")

    for p in rd("unit_profile.csv"):
        check(p["unit_key"] in ukey, f"profile key {p}")
        check(bool(p["area_km2"]) == bool(p["source_area"]), f"profile area source {p}")
        check(bool(p["population_thousand"]) == bool(p["source_population"]),
              f"profile population source {p}")

    regions = {r["key"]: r for r in rd("regions.csv")}
    members = {}
    for m in rd("region_members.csv"):
        check(m["unit_key"] in ukey and m["region_key"] in regions, f"member {m}")
        members.setdefault(m["region_key"], []).append(m["unit_key"])
    for k, v in members.items():
        check(len(v) == len(set(v)), f"duplicate members in {k}")

    def count(region, date):
        return sum(valid_on(ukey[k], date) for k in members[region])

    for region, date, n in (("mien-bac-28", "2024-01-01", 28), ("mien-bac-28", "2025-12-31", 18),
                            ("ca-nuoc", "2024-12-31", 63), ("ca-nuoc", "2025-07-01", 34),
                            ("mb28-trung-du-mien-nui", "2024-01-01", 14),
                            ("mb28-dong-bang-song-hong", "2024-01-01", 11),
                            ("mb28-bac-trung-bo", "2024-01-01", 3),
                            ("mb28-trung-du-mien-nui", "2025-12-31", 10),
                            ("mb28-dong-bang-song-hong", "2025-12-31", 5),
                            ("mb28-bac-trung-bo", "2025-12-31", 3)):
        got = count(region, date)
        check(got == n, f"{region}: {got} members valid on {date}, expected {n}")
    gso = [k for k, r in regions.items() if r["kind"] == "gso"]
    for date in ("2024-12-31", "2025-07-01"):
        valid = [k for g in gso for k in members[g] if valid_on(ukey[k], date)]
        check(sorted(valid) == sorted(u["key"] for u in prov if valid_on(u, date)),
              f"GSO regions do not partition the country on {date}")
    # the 28's territory is preserved: every old unit of a post-2025 member is in the 28
    old28 = {k for k in members["mien-bac-28"] if ukey[k]["valid_from"] == "2008-08-01"}
    for s in succ:
        if s["new_key"] in members["mien-bac-28"]:
            check(s["old_key"] in old28, f"{s['new_key']} includes {s['old_key']} outside the 28")

    # catalogue
    inds = {i["id"]: i for i in rd("indicators.csv")}
    bases = {b["basis"] for b in rd("indicator_bases.csv")}
    for i in inds.values():
        check(i["unit"] in {"vnd", "usd", "index", "count", "km2", "persons"}, f"unit {i['id']}")
        check(i["kind"] in {"flow", "stock", "index", "plan"}, f"kind {i['id']}")
        check(i["aggregation"] in {"sum", "weighted_mean"}, f"aggregation {i['id']}")
        check(i["time_aggregation"] in {"sum", "end_of_period", "none"}, f"time {i['id']}")
        bl = i["bases"].split("|")
        check(all(b in bases for b in bl) and i["default_basis"] in bl, f"bases {i['id']}")
        check(not i["growth_of"] or i["growth_of"] in inds, f"growth_of {i['id']}")
        check(not i["plan_of"] or i["plan_of"] in inds, f"plan_of {i['id']}")
    for f in ("iip", "retail_sales", "retail_sales_yoy", "exports", "exports_yoy", "imports",
              "imports_yoy", "khuyen_cong_spend", "khuyen_cong_plan"):
        check(f in inds, f"required indicator {f} missing")
    for rf in rd("report_forms.csv"):
        for i in rf["indicators"].split("|"):
            check(i in inds, f"report form {rf['id']}: unknown indicator {i}")

    # canonical-format files (observed and illustrative)
    unit_ok = {"vnd": {"dong", "trieu_dong", "ty_dong", "nghin_ty_dong"},
               "usd": {"usd", "trieu_usd", "ty_usd"}, "index": {"index", "pct_change"},
               "count": {"count"}}
    canonical = sorted((data_dir / "observed").glob("*.csv")) + \
        sorted((data_dir / "illustrative").glob("*.csv"))
    for f in canonical:
        if f.name == "regional_reference.csv":
            continue
        text = f.read_text(encoding="utf-8")
        header = text.split("\n", 1)[0]
        check(header == ",".join(CANONICAL_COLUMNS), f"{f}: header {header}")
        seen = {}
        for r in csv.DictReader(io.StringIO(text)):
            where = f"{f.name}: {r['province']} {r['indicator']} {r['period']}"
            i = inds.get(r["indicator"])
            check(i is not None, f"{where}: unknown indicator")
            if i is None:
                continue
            check(r["unit"] in unit_ok.get(i["unit"], set()), f"{where}: unit {r['unit']}")
            check(r["basis"] in i["bases"].split("|"), f"{where}: basis {r['basis']}")
            check(r["status"] in {"estimate", "preliminary", "official"}, f"{where}: status")
            check(r["qualifier"] in {"exact", "lower_bound", "approx"}, f"{where}: qualifier")
            check(re.fullmatch(r"-?\d+(\.\d+)?", r["value"]) is not None, f"{where}: value")
            check(re.fullmatch(r"\d{4}-\d\d-\d\d", r["as_of"]) is not None, f"{where}: as_of")
            check(re.fullmatch(r"\d{4}(-(H[12]|Q[1-4]|M01-M(0[124578]|1[01])))?", r["period"])
                  is not None, f"{where}: period not in canonical form")
            if re.fullmatch(r"\d{4}(-(H[12]|Q[1-4]|M01-M\d\d))?", r["period"]):
                check(resolve(r["province"], period_end(r["period"])) is not None,
                      f"{where}: province does not resolve to one unit on the period's end")
            k = tuple(r[c] for c in ("province", "indicator", "period", "basis", "status",
                                     "source", "as_of"))
            check(seen.setdefault(k, r["value"]) == r["value"], f"{where}: conflicting rows")
    return check


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("shared_data", nargs="?", default=str(REPO_ROOT.parent / "shared" / "data"),
                    help="the shared research data folder (default: ../shared/data)")
    args = ap.parse_args(argv)
    src = Path(args.shared_data).resolve()
    if not (src / "provinces_2008_2025.csv").is_file():
        raise SystemExit(f"{src}: not the shared data folder")

    units, old, new, merge = build_units(src)
    old_by_code = {p["code"]: p for p in old}
    unchanged = {m["old_code"] for m in merge if m["change"] == "unchanged"}
    new_keys = new_key_by_code(new, old_by_code, unchanged)
    regions, members = build_regions(src, units, old, merge, new_keys)
    counts = {}
    counts["units.csv"] = write_csv(DATA_DIR / "units.csv", list(units[0].keys()), units)
    counts["unit_aliases.csv"] = write_csv(DATA_DIR / "unit_aliases.csv", ["unit_key", "alias"],
                                           build_aliases(units, old))
    counts["unit_succession.csv"] = write_csv(
        DATA_DIR / "unit_succession.csv", ["old_key", "new_key", "effective_date", "is_seat"],
        build_succession(merge, old_by_code, new_keys))
    counts["unit_profile.csv"] = write_csv(
        DATA_DIR / "unit_profile.csv",
        ["unit_key", "year", "area_km2", "population_thousand", "source_area",
         "source_population", "note"], build_profile(src, old))
    counts["regions.csv"] = write_csv(DATA_DIR / "regions.csv", list(regions[0].keys()), regions)
    counts["region_members.csv"] = write_csv(DATA_DIR / "region_members.csv",
                                             ["region_key", "unit_key"], members)
    counts["indicators.csv"] = write_csv(DATA_DIR / "indicators.csv", INDICATOR_COLUMNS,
                                         INDICATORS)
    counts["indicator_bases.csv"] = write_csv(DATA_DIR / "indicator_bases.csv", BASES_COLUMNS,
                                              BASES)
    counts["report_forms.csv"] = write_csv(DATA_DIR / "report_forms.csv", REPORT_FORM_COLUMNS,
                                           REPORT_FORMS)
    for kind, rows in build_observed(src).items():
        counts[f"observed/{kind}.csv"] = write_csv(DATA_DIR / "observed" / f"{kind}.csv",
                                                   CANONICAL_COLUMNS, rows)
    # Copied as is, except that its CRLF line endings become LF like every file in data/.
    raw = (src / "observed" / "regional_reference.csv").read_bytes()
    (DATA_DIR / "observed" / "regional_reference.csv").write_bytes(raw.replace(b"\r\n", b"\n"))
    (DATA_DIR / "geo").mkdir(parents=True, exist_ok=True)
    for g in ("provinces_63_2008_2025.geojson", "provinces_34_2025.geojson"):
        shutil.copyfile(src / g, DATA_DIR / "geo" / g)

    ill = make_illustrative.write(DATA_DIR)
    counts[str(ill.relative_to(DATA_DIR))] = sum(1 for _ in ill.open(encoding="utf-8")) - 1

    for name, n in counts.items():
        print(f"{n:6d}  data/{name}")
    check = self_check(DATA_DIR)
    ill_check = make_illustrative.check(DATA_DIR)
    failures = check.failures + ill_check
    print("self-check:", "OK" if failures == 0 else f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
