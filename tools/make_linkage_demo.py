#!/usr/bin/python3
"""Generates the invented demo directory of the linkage features (issue 5):

    data/illustrative/linkage/organisations.csv   ~150 producers and buyers, 28 northern provinces
    data/illustrative/linkage/ocop_products.csv   ~200 OCOP-style products
    data/illustrative/linkage/listings.csv        ~300 offers (cung) and requests (cầu)

Everything here is INVENTED for demonstrations: names of cooperatives and companies, tax codes
(well formed, with the official check digit, but not looked up anywhere), phone numbers, e-mail
addresses, quantities and prices. Only the product specialities and their seasons follow what is
commonly known of each province. The columns are the canonical import columns of
src/linkage/README.md, so `lienket demo load` reads them through the same validator as a user's
import.

Dates: organisations registered before 1 July 2025 name their province as it was then (Bắc Giang,
Hà Giang...); those registered later name the merged unit (Bắc Ninh, Tuyên Quang...), and so do
the products' and the listings' province columns, which are read as of today. Listing
windows are written for 2026 and 2027; the loader moves a window whose end has passed forward by
whole years, so the demo stays current and in season.

Usage: /usr/bin/python3 tools/make_linkage_demo.py   (stdlib only, deterministic: seed 20250701)
"""

import csv
import datetime
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "data", "illustrative", "linkage")
rng = random.Random(20250701)

WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def check_digit(nine):
    """The 10th digit of a tax code (see src/linkage/tax_code.hpp), or None."""
    r = sum(w * int(c) for w, c in zip(WEIGHTS, nine)) % 11
    return None if r == 0 else 10 - r


assert check_digit("010023348") == 8  # python-stdnum's example 0100233488

_used_codes = set()


def tax_code(prefix):
    while True:
        nine = prefix + "9" + "".join(rng.choice("0123456789") for _ in range(6))
        d = check_digit(nine)
        code = None if d is None else nine + str(d)
        if code and code not in _used_codes:
            _used_codes.add(code)
            return code


def read_units():
    units, succ = {}, {}
    with open(os.path.join(ROOT, "data", "units.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            units[r["key"]] = r
    with open(os.path.join(ROOT, "data", "unit_succession.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            succ[r["old_key"]] = r["new_key"]
    return units, succ


UNITS, SUCC = read_units()
NORTH = ["ha-noi", "ha-giang", "cao-bang", "bac-kan", "tuyen-quang", "lao-cai", "dien-bien",
         "lai-chau", "son-la", "yen-bai", "hoa-binh", "thai-nguyen", "lang-son", "quang-ninh",
         "bac-giang", "phu-tho", "vinh-phuc", "bac-ninh", "hai-duong", "hai-phong", "hung-yen",
         "thai-binh", "ha-nam", "nam-dinh", "ninh-binh", "thanh-hoa", "nghe-an", "ha-tinh"]


def name_of(key):
    return UNITS[key]["name_vi"]


def current_name(key):
    return name_of(SUCC.get(key, key))


# Specialities: province, place, product name, local name, VCPA, HS, OCOP group, unit, season,
# price per unit (đồng, min-max), packaging, typical certifications.
S = [
    ("bac-giang", "Lục Ngạn", "Vải thiều Lục Ngạn", "", "01215", "081090", "food", "tấn", "5-7", (25_000_000, 45_000_000), "thùng xốp 10 kg", "vietgap;growing_area_code"),
    ("bac-giang", "Tân Yên", "Vải sớm Tân Yên", "", "01215", "081090", "food", "tấn", "5-6", (20_000_000, 35_000_000), "thùng xốp 10 kg", "vietgap"),
    ("bac-giang", "Yên Thế", "Gà đồi Yên Thế", "", "01461", "010594", "food", "tấn", "1-12", (70_000_000, 90_000_000), "lồng 20 con", ""),
    ("bac-giang", "Lục Ngạn", "Vải thiều sấy khô Lục Ngạn", "", "10309", "081340", "food", "tấn", "6-9", (90_000_000, 140_000_000), "túi 1 kg", ""),
    ("hai-duong", "Thanh Hà", "Vải thiều Thanh Hà", "", "01215", "081090", "food", "tấn", "5-6", (25_000_000, 40_000_000), "thùng 10 kg", "vietgap;globalgap"),
    ("hai-duong", "Ninh Giang", "Bánh gai Ninh Giang", "", "10710", "190590", "food", "hộp", "1-12", (60_000, 90_000), "hộp 10 chiếc", ""),
    ("hai-duong", "Kinh Môn", "Gạo nếp cái hoa vàng Kinh Môn", "", "10612", "100630", "food", "tấn", "6-7,10-11", (28_000_000, 35_000_000), "bao 5 kg", ""),
    ("hung-yen", "Phố Hiến", "Nhãn lồng Hưng Yên", "", "01216", "081090", "food", "tấn", "7-8", (30_000_000, 60_000_000), "thùng 5 kg", "vietgap"),
    ("hung-yen", "Khoái Châu", "Chuối tiêu hồng Khoái Châu", "", "01212", "080390", "food", "tấn", "1-12", (8_000_000, 12_000_000), "nải, thùng 13 kg", "vietgap"),
    ("hung-yen", "Phố Hiến", "Long nhãn sấy Hưng Yên", "", "10309", "081340", "food", "tấn", "8-10", (250_000_000, 400_000_000), "hộp 500 g", ""),
    ("hoa-binh", "Cao Phong", "Cam Cao Phong", "", "01221", "080510", "food", "tấn", "10-1", (15_000_000, 25_000_000), "thùng 10 kg", "vietgap;growing_area_code"),
    ("hoa-binh", "Mai Châu", "Thổ cẩm Mai Châu", "Piêu Thái", "13920", "580500", "handicraft", "cái", "1-12", (150_000, 600_000), "túi giấy", ""),
    ("thai-nguyen", "Tân Cương", "Chè Tân Cương Thái Nguyên", "", "10830", "090210", "beverage", "tấn", "3-11", (200_000_000, 600_000_000), "túi 500 g, hộp 200 g", "vietgap"),
    ("thai-nguyen", "La Bằng", "Chè búp La Bằng", "", "10830", "090210", "beverage", "tấn", "3-11", (180_000_000, 400_000_000), "túi 500 g", "organic"),
    ("phu-tho", "Đoan Hùng", "Bưởi Đoan Hùng", "", "01222", "080540", "food", "quả", "9-2", (25_000, 60_000), "thùng 12 quả", "vietgap"),
    ("phu-tho", "Thanh Sơn", "Chè xanh Phú Thọ", "", "10830", "090210", "beverage", "tấn", "3-10", (90_000_000, 180_000_000), "túi 1 kg", ""),
    ("phu-tho", "Tân Sơn", "Miến dong Tân Sơn", "", "10740", "190230", "food", "tấn", "11-2", (60_000_000, 80_000_000), "túi 500 g", ""),
    ("quang-ninh", "Bình Liêu", "Miến dong Bình Liêu", "", "10740", "190230", "food", "tấn", "11-2", (70_000_000, 100_000_000), "túi 500 g", ""),
    ("quang-ninh", "Vân Đồn", "Sá sùng khô Vân Đồn", "", "10209", "030759", "food", "kg", "1-12", (4_000_000, 8_000_000), "hộp 200 g", ""),
    ("quang-ninh", "Hạ Long", "Chả mực Hạ Long", "", "10209", "160554", "food", "tấn", "1-12", (300_000_000, 380_000_000), "hộp 500 g", ""),
    ("quang-ninh", "Đầm Hà", "Ba kích tím Quảng Ninh", "", "01280", "121190", "herbal", "tấn", "1-12", (150_000_000, 300_000_000), "túi 1 kg", "organic"),
    ("hai-phong", "Cát Hải", "Nước mắm Cát Hải", "", "10204", "210390", "food", "lít", "1-12", (60_000, 150_000), "chai 500 ml, can 5 lít", ""),
    ("hai-phong", "Kiến Thụy", "Cà rốt Kiến Thụy", "", "01130", "070610", "food", "tấn", "12-3", (5_000_000, 9_000_000), "bao 20 kg", "vietgap"),
    ("ha-giang", "Mèo Vạc", "Mật ong bạc hà Mèo Vạc", "", "10790", "040900", "food", "lít", "10-12", (400_000, 700_000), "chai 500 ml", ""),
    ("ha-giang", "Hoàng Su Phì", "Chè shan tuyết Hoàng Su Phì", "", "10830", "090210", "beverage", "tấn", "3-10", (300_000_000, 900_000_000), "hộp 200 g", "organic"),
    ("ha-giang", "Bắc Quang", "Cam sành Hà Giang", "", "01221", "080510", "food", "tấn", "11-1", (10_000_000, 18_000_000), "bao 20 kg", "vietgap"),
    ("cao-bang", "Trùng Khánh", "Hạt dẻ Trùng Khánh", "", "01259", "080241", "food", "tấn", "9-10", (80_000_000, 150_000_000), "túi 1 kg", ""),
    ("cao-bang", "Quảng Hòa", "Miến dong Cao Bằng", "", "10740", "190230", "food", "tấn", "11-2", (55_000_000, 75_000_000), "túi 500 g", ""),
    ("bac-kan", "Ba Bể", "Hồng không hạt Bắc Kạn", "", "01249", "081070", "food", "tấn", "9-10", (20_000_000, 40_000_000), "thùng 5 kg", "vietgap"),
    ("bac-kan", "Na Rì", "Miến dong Na Rì", "", "10740", "190230", "food", "tấn", "11-2", (55_000_000, 80_000_000), "túi 500 g", ""),
    ("tuyen-quang", "Hàm Yên", "Cam sành Hàm Yên", "", "01221", "080510", "food", "tấn", "11-1", (10_000_000, 20_000_000), "thùng 15 kg", "vietgap"),
    ("tuyen-quang", "Na Hang", "Chè shan tuyết Na Hang", "", "10830", "090210", "beverage", "tấn", "3-10", (250_000_000, 700_000_000), "hộp 100 g", "organic"),
    ("lao-cai", "Bắc Hà", "Mận Tam Hoa Bắc Hà", "", "01249", "080940", "food", "tấn", "5-7", (20_000_000, 40_000_000), "thùng 10 kg", ""),
    ("lao-cai", "Sa Pa", "Cá hồi Sa Pa", "", "03221", "030214", "food", "tấn", "1-12", (250_000_000, 350_000_000), "thùng đá 20 kg", ""),
    ("lao-cai", "Bát Xát", "Gạo Séng Cù Bát Xát", "", "10612", "100630", "food", "tấn", "10-11", (20_000_000, 28_000_000), "túi 5 kg", ""),
    ("yen-bai", "Văn Yên", "Quế Văn Yên", "", "01280", "090611", "food", "tấn", "3-9", (40_000_000, 70_000_000), "bao 30 kg", "organic"),
    ("yen-bai", "Suối Giàng", "Chè shan tuyết Suối Giàng", "", "10830", "090210", "beverage", "tấn", "3-10", (300_000_000, 800_000_000), "hộp 200 g", "organic"),
    ("yen-bai", "Mù Cang Chải", "Gạo nếp Tú Lệ", "", "10612", "100630", "food", "tấn", "10-11", (30_000_000, 40_000_000), "túi 5 kg", ""),
    ("dien-bien", "Mường Thanh", "Gạo Điện Biên", "", "10612", "100630", "food", "tấn", "6-7,10-11", (17_000_000, 24_000_000), "bao 10 kg", "vietgap"),
    ("dien-bien", "Tủa Chùa", "Chè shan tuyết Tủa Chùa", "", "10830", "090210", "beverage", "tấn", "3-10", (250_000_000, 600_000_000), "hộp 200 g", ""),
    ("lai-chau", "Tam Đường", "Gạo tẻ râu Tam Đường", "", "10612", "100630", "food", "tấn", "10-11", (20_000_000, 30_000_000), "túi 5 kg", ""),
    ("lai-chau", "Sìn Hồ", "Sâm Lai Châu", "", "01280", "121120", "herbal", "kg", "1-12", (50_000_000, 120_000_000), "hộp gỗ 100 g", ""),
    ("son-la", "Mộc Châu", "Mận hậu Mộc Châu", "", "01249", "080940", "food", "tấn", "5-7", (10_000_000, 25_000_000), "thùng 10 kg", "vietgap"),
    ("son-la", "Mộc Châu", "Sữa tươi Mộc Châu", "", "10501", "040120", "beverage", "lít", "1-12", (25_000, 35_000), "hộp 1 lít", ""),
    ("son-la", "Sông Mã", "Nhãn Sông Mã", "", "01216", "081090", "food", "tấn", "7-8", (15_000_000, 30_000_000), "thùng 10 kg", "vietgap;growing_area_code"),
    ("son-la", "Yên Châu", "Xoài tròn Yên Châu", "", "01219", "080450", "food", "tấn", "5-6", (20_000_000, 35_000_000), "thùng 8 kg", "vietgap"),
    ("lang-son", "Văn Quan", "Hoa hồi Văn Quan", "", "01280", "090961", "food", "tấn", "8-10", (60_000_000, 110_000_000), "bao 25 kg", "organic"),
    ("lang-son", "Chi Lăng", "Na Chi Lăng", "", "01219", "081090", "food", "tấn", "7-9", (30_000_000, 60_000_000), "thùng 5 kg", "vietgap"),
    ("lang-son", "Bắc Sơn", "Quýt vàng Bắc Sơn", "", "01221", "080521", "food", "tấn", "11-1", (20_000_000, 35_000_000), "thùng 10 kg", ""),
    ("ha-noi", "Diễn", "Bưởi Diễn", "", "01222", "080540", "food", "quả", "11-2", (40_000, 90_000), "hộp quà 2 quả", "vietgap"),
    ("ha-noi", "Ba Vì", "Sữa bò tươi Ba Vì", "", "10501", "040120", "beverage", "lít", "1-12", (25_000, 40_000), "chai 1 lít", ""),
    ("ha-noi", "Vạn Phúc", "Lụa Vạn Phúc", "", "13120", "500720", "handicraft", "cái", "1-12", (300_000, 2_000_000), "hộp quà", ""),
    ("ha-noi", "Bát Tràng", "Gốm Bát Tràng", "", "23930", "691200", "handicraft", "cái", "1-12", (50_000, 3_000_000), "thùng carton", ""),
    ("ha-noi", "Đông Anh", "Gạo nếp cái hoa vàng Đông Anh", "", "10612", "100630", "food", "tấn", "6-7,10-11", (28_000_000, 35_000_000), "túi 2 kg", ""),
    ("vinh-phuc", "Tam Đảo", "Su su Tam Đảo", "", "01130", "070999", "food", "tấn", "1-12", (5_000_000, 10_000_000), "bao 20 kg", "vietgap"),
    ("vinh-phuc", "Vĩnh Tường", "Bí đỏ Vĩnh Tường", "", "01130", "070993", "food", "tấn", "11-3", (6_000_000, 9_000_000), "bao 30 kg", ""),
    ("bac-ninh", "Đình Bảng", "Bánh phu thê Đình Bảng", "", "10710", "190590", "food", "hộp", "1-12", (40_000, 70_000), "hộp 10 chiếc", ""),
    ("bac-ninh", "Đồng Kỵ", "Đồ gỗ mỹ nghệ Đồng Kỵ", "", "16290", "940360", "handicraft", "cái", "1-12", (2_000_000, 50_000_000), "kiện gỗ", ""),
    ("thai-binh", "Thái Thụy", "Ớt Thái Bình", "", "01280", "090421", "food", "tấn", "2-5", (15_000_000, 30_000_000), "bao 20 kg", ""),
    ("thai-binh", "Hưng Hà", "Gạo nếp cái hoa vàng Thái Bình", "", "10612", "100630", "food", "tấn", "6-7,10-11", (25_000_000, 32_000_000), "bao 10 kg", "vietgap"),
    ("ha-nam", "Lý Nhân", "Bưởi Lý Nhân", "", "01222", "080540", "food", "quả", "9-1", (20_000, 45_000), "thùng 12 quả", ""),
    ("ha-nam", "Nhân Hậu", "Cá kho Nhân Hậu", "", "10209", "160419", "food", "hộp", "1-12", (300_000, 700_000), "niêu đất 1 kg", ""),
    ("nam-dinh", "Hải Hậu", "Gạo tám xoan Hải Hậu", "", "10612", "100630", "food", "tấn", "6-7,10-11", (22_000_000, 30_000_000), "túi 5 kg", "vietgap"),
    ("nam-dinh", "Giao Thủy", "Ngao Giao Thủy", "", "03211", "030771", "food", "tấn", "1-12", (20_000_000, 35_000_000), "bao lưới 20 kg", "globalgap"),
    ("ninh-binh", "Kim Sơn", "Chiếu cói Kim Sơn", "", "16290", "460129", "handicraft", "cái", "1-12", (120_000, 600_000), "cuộn", ""),
    ("ninh-binh", "Hoa Lư", "Thịt dê núi Ninh Bình", "", "10109", "020450", "food", "tấn", "1-12", (200_000_000, 280_000_000), "hộp hút chân không 1 kg", ""),
    ("thanh-hoa", "Hậu Lộc", "Mắm tôm Hậu Lộc", "", "10209", "160590", "food", "tấn", "1-12", (60_000_000, 120_000_000), "hũ 500 g", ""),
    ("thanh-hoa", "Thanh Hóa", "Nem chua Thanh Hóa", "", "10109", "160100", "food", "tấn", "1-12", (120_000_000, 180_000_000), "túi 10 chiếc", ""),
    ("thanh-hoa", "Như Thanh", "Dứa Như Thanh", "", "01219", "080430", "food", "tấn", "4-7", (4_000_000, 8_000_000), "bao 30 kg", "vietgap"),
    ("thanh-hoa", "Sầm Sơn", "Nước mắm Sầm Sơn", "", "10204", "210390", "food", "lít", "1-12", (40_000, 100_000), "chai 500 ml", ""),
    ("nghe-an", "Vinh", "Cam Vinh", "", "01221", "080510", "food", "tấn", "10-1", (15_000_000, 30_000_000), "thùng 10 kg", "vietgap;growing_area_code"),
    ("nghe-an", "Diễn Châu", "Nước mắm Vạn Phần", "", "10204", "210390", "food", "lít", "1-12", (50_000, 120_000), "chai 650 ml", ""),
    ("nghe-an", "Quỳ Hợp", "Chè xanh Nghệ An", "", "10830", "090210", "beverage", "tấn", "3-10", (60_000_000, 150_000_000), "túi 500 g", ""),
    ("ha-tinh", "Hương Khê", "Bưởi Phúc Trạch", "", "01222", "080540", "food", "quả", "8-11", (30_000, 70_000), "thùng 10 quả", "vietgap;growing_area_code"),
    ("ha-tinh", "Vũ Quang", "Cam bù Hương Sơn", "", "01221", "080510", "food", "tấn", "11-2", (20_000_000, 40_000_000), "thùng 10 kg", "vietgap"),
    ("ha-tinh", "Cẩm Xuyên", "Kẹo cu đơ Hà Tĩnh", "", "10730", "170490", "food", "hộp", "1-12", (30_000, 60_000), "hộp 10 thanh", ""),
]

# Buyers: (province, name, what they buy: list of words that pick specialities)
BUYERS = [
    ("thanh-hoa", "Công ty CP Siêu thị Xứ Thanh", ["Vải", "Nhãn", "Cam", "Bưởi", "Gạo", "Chè"]),
    ("thanh-hoa", "Công ty TNHH Thực phẩm sạch Lam Sơn", ["Gạo", "Miến", "Gà", "Mật ong"]),
    ("ha-noi", "Công ty CP Chuỗi nông sản Thủ Đô", ["Vải", "Nhãn", "Cam", "Bưởi", "Mận", "Na", "Xoài", "Hồng"]),
    ("ha-noi", "Công ty TNHH Xuất khẩu Rau quả Sông Hồng", ["Vải", "Nhãn", "Xoài", "Chuối", "Cà rốt"]),
    ("ha-noi", "Công ty CP Quà tặng Đặc sản Việt", ["Chè", "Mật ong", "Bánh", "Gốm", "Lụa", "Kẹo", "Long nhãn"]),
    ("ha-noi", "Công ty TNHH Bếp ăn công nghiệp Thăng Long", ["Gạo", "Nước mắm", "Su su", "Bí", "Cà rốt"]),
    ("hai-phong", "Công ty CP Cảng Xanh Logistics Nông sản", ["Vải", "Nhãn", "Cam", "Hồi", "Quế"]),
    ("hai-phong", "Công ty TNHH Siêu thị Đất Cảng", ["Vải", "Cam", "Bưởi", "Gạo", "Miến", "Chè"]),
    ("quang-ninh", "Công ty CP Du lịch Vịnh Xanh", ["Chè", "Mật ong", "Gà", "Dê", "Cá hồi"]),
    ("quang-ninh", "Công ty TNHH Thương mại Cửa khẩu Móng Cái", ["Vải", "Nhãn", "Hồi", "Quế", "Chuối"]),
    ("lang-son", "Công ty TNHH Xuất nhập khẩu Tân Thanh", ["Vải", "Nhãn", "Xoài", "Chuối", "Dứa"]),
    ("lao-cai", "Công ty CP Thương mại Cửa khẩu Kim Thành", ["Vải", "Nhãn", "Chuối", "Dứa", "Xoài"]),
    ("bac-ninh", "Công ty TNHH Suất ăn Khu công nghiệp Tiên Sơn", ["Gạo", "Nước mắm", "Gà", "Su su", "Bí"]),
    ("nghe-an", "Công ty CP Siêu thị Hồng Lam", ["Vải", "Nhãn", "Bưởi", "Gạo", "Miến", "Mắm"]),
    ("ha-tinh", "Công ty TNHH Nông sản Hồng Lĩnh", ["Gạo", "Vải", "Nhãn", "Chè"]),
    ("nam-dinh", "Công ty CP Chế biến Nông sản Thiên Trường", ["Vải", "Nhãn", "Dứa", "Ớt"]),
    ("thai-nguyen", "Công ty TNHH Thương mại Gang Thép Xanh", ["Gạo", "Cam", "Bưởi", "Mắm"]),
    ("vinh-phuc", "Công ty CP Bếp Việt Vĩnh Yên", ["Gạo", "Nước mắm", "Gà", "Miến"]),
    ("hung-yen", "Công ty TNHH Chế biến Long nhãn Phố Hiến", ["Nhãn", "Vải"]),
    ("phu-tho", "Công ty CP Chè Đất Tổ", ["Chè"]),
    ("son-la", "Công ty CP Nông sản Tây Bắc", ["Xoài", "Mận", "Nhãn", "Cà rốt"]),
    ("ninh-binh", "Công ty CP Nhà hàng Tràng An", ["Gà", "Dê", "Cá", "Gạo", "Nước mắm"]),
    ("hai-duong", "Công ty TNHH Đóng hộp Thanh Hà", ["Vải", "Dứa", "Nhãn"]),
    ("tuyen-quang", "Công ty CP Siêu thị Tân Trào", ["Gạo", "Vải", "Nhãn", "Chè"]),
]

GIVEN = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Đức",
         "Vũ Thị Hà", "Đặng Văn Hải", "Bùi Thị Hạnh", "Đỗ Văn Hùng", "Ngô Thị Lan", "Dương Văn Long",
         "Lý Thị Mai", "Hà Văn Nam", "Lò Thị Nga", "Sùng A Páo", "Giàng Thị Mỷ", "Nông Văn Quang",
         "Triệu Thị Sen", "Lục Văn Thành", "Mai Thị Thu", "Đinh Văn Toàn", "Cao Thị Uyên",
         "Tạ Văn Việt", "Vi Thị Xuân"]

SECTOR = {"food": "A", "beverage": "C", "herbal": "A", "handicraft": "C"}


def random_date(start, end):
    span = (end - start).days
    return start + datetime.timedelta(days=rng.randrange(span + 1))


def province_on(key, date):
    """The province column as on `date`: the old unit before 1 July 2025, else the merged one."""
    return name_of(key) if date < datetime.date(2025, 7, 1) else current_name(key)


def phone():
    return "09" + "".join(rng.choice("0123456789") for _ in range(8))


orgs, products, listings = [], [], []
org_n = 0


def add_org(kind, name, province_key, sector, place):
    global org_n
    org_n += 1
    if rng.random() < 0.1:
        registered = random_date(datetime.date(2025, 7, 15), datetime.date(2025, 12, 15))
    else:
        registered = random_date(datetime.date(2009, 1, 1), datetime.date(2025, 5, 31))
    prefix = UNITS[province_key]["code"]
    code = tax_code(prefix)
    person = rng.choice(GIVEN)
    org = {
        "kind": kind, "name": name, "tax_code": code, "citizen_id": "",
        "province": province_on(province_key, registered), "registered_on": registered.isoformat(),
        "address": f"{place}, {name_of(province_key)}", "sector": sector,
        "contact_person": person, "phone": phone(), "email": f"lienhe{org_n:03d}@minhhoa.example",
        "_key": province_key,
    }
    orgs.append(org)
    return org


def season_window(months, year):
    """The listing window of a season "5-7" / "11-2" / "6-7,10-11" starting in `year`."""
    first = months.split(",")[0]
    a, b = (int(x) for x in first.split("-"))
    start = datetime.date(year, a, 1)
    end_year = year if b >= a else year + 1
    end_month_last = (datetime.date(end_year + (b == 12), (b % 12) + 1, 1) - datetime.timedelta(days=1))
    if a == 1 and b == 12:  # all year: a quarter
        q = rng.choice([1, 4, 7, 10])
        start = datetime.date(year, q, 1)
        end_month_last = datetime.date(year + (q == 10), (q + 2) % 12 + 1, 1) - datetime.timedelta(days=1)
    return start, end_month_last


KIND_PREFIX = [("cooperative", "HTX"), ("enterprise", "Công ty TNHH"), ("enterprise", "Công ty CP"),
               ("household_business", "Hộ kinh doanh")]
WORD = {"tấn": 1, "kg": 1, "lít": 1, "quả": 1, "hộp": 1, "cái": 1}

# Sellers: every speciality gets 1–3 producers (about 125), some producers have a second product.
for spec in S:
    key, place, pname = spec[0], spec[1], spec[2]
    for i in range(rng.choice([1, 1, 2, 2])):
        kind, prefix = rng.choice(KIND_PREFIX)
        short = pname.split(" ")[0] if i else " ".join(pname.split(" ")[:2])
        if kind == "household_business":
            name = f"{prefix} {rng.choice(GIVEN)} ({place})"
        else:
            name = f"{prefix} {short} {place}" + ("" if i == 0 else f" {['Xanh', 'Việt', 'Phát', 'Hưng', 'An'][i]}")
        if any(o["name"] == name for o in orgs):
            name += f" {org_n}"
        org = add_org(kind, name, key, SECTOR[spec[6]], place)
        org["_specs"] = [spec]
        # A second product from the same province, for some.
        same = [s for s in S if s[0] == key and s is not spec]
        if same and rng.random() < 0.7:
            org["_specs"].append(rng.choice(same))
for key, name, wants in BUYERS:
    org = add_org("enterprise", name, key, "G", name_of(key))
    org["_wants"] = wants

# Products
for org in orgs:
    for spec in org.get("_specs", []):
        key, place, pname, local, vcpa, hs, group, unit, months, (pmin, pmax), pack, certs = spec
        stars = rng.choice([3, 3, 3, 4, 4, 5])
        certified = random_date(datetime.date(2023, 3, 1), datetime.date(2025, 11, 30))
        cap = {"tấn": rng.choice([20, 50, 100, 200, 500, 1000]), "kg": rng.choice([200, 500, 1000]),
               "lít": rng.choice([5000, 20000, 50000]), "quả": rng.choice([20000, 50000, 100000]),
               "hộp": rng.choice([5000, 20000, 50000]), "cái": rng.choice([500, 2000, 10000])}[unit]
        products.append({
            "producer_tax_code": org["tax_code"], "province": current_name(org["_key"]), "name": pname,
            "local_name": local, "vcpa": vcpa, "hs": hs, "ocop_group": group, "stars": stars,
            "certified_on": certified.isoformat(),
            "certifications": certs if rng.random() < 0.7 else "",
            "unit": unit, "capacity_per_year": cap, "harvest_months": months,
            "price_min": pmin, "price_max": pmax, "packaging": pack,
            "_org": org, "_spec": spec, "_cap": cap,
        })

# Offers: one or two per product.
DELIVERY = ["Hà Nội", "Hải Phòng", "Thanh Hóa", "Nghệ An", "Quảng Ninh", "Bắc Ninh", "Lạng Sơn",
            "Lào Cai", "Ninh Bình", "Hưng Yên", "Phú Thọ", "Thái Nguyên"]
for p in products:
    for n in range(rng.choice([0, 1, 1, 1])):
        year = rng.choice([2026, 2027])
        start, end = season_window(p["harvest_months"], year)
        qty = max(1, p["_cap"] // rng.choice([2, 4, 5, 10]))
        delivery = "" if rng.random() < 0.5 else ";".join(rng.sample(DELIVERY, rng.choice([2, 3, 4])))
        listings.append({
            "kind": "cung", "owner_tax_code": p["_org"]["tax_code"], "product": p["name"],
            "description": rng.choice([
                "Hàng tuyển chọn, đóng gói theo yêu cầu; nhận đơn từ các tỉnh.",
                "Sản phẩm OCOP, có truy xuất nguồn gốc; giao hàng tận nơi.",
                "Vùng sản xuất tập trung, sản lượng ổn định cả vụ.",
                "Nhận bao tiêu theo hợp đồng; giá tốt cho đơn số lượng lớn."]),
            "vcpa": "", "hs": "", "quantity": qty, "unit": p["unit"],
            "min_order": max(1, qty // 20) if rng.random() < 0.6 else "",
            "valid_from": start.isoformat(), "valid_to": end.isoformat(),
            "delivery_provinces": delivery, "required_certifications": "", "min_stars": "",
            "price_min": p["price_min"], "price_max": p["price_max"],
        })

# Requests: buyers ask for what they buy, in season.
for org in orgs:
    wants = org.get("_wants")
    if not wants:
        continue
    matching = [s for s in S if any(s[2].startswith(w) or f" {w.lower()}" in s[2].lower() for w in wants)]
    for _ in range(rng.choice([4, 5, 6, 7])):
        spec = rng.choice(matching)
        key, place, pname, local, vcpa, hs, group, unit, months, (pmin, pmax), pack, certs = spec
        year = rng.choice([2026, 2027])
        start, end = season_window(months, year)
        generic = pname.split(" ")[0] + (" " + pname.split(" ")[1] if len(pname.split(" ")) > 1 else "")
        qty = {"tấn": rng.choice([5, 10, 20, 50]), "kg": rng.choice([20, 50, 100]),
               "lít": rng.choice([500, 1000, 5000]), "quả": rng.choice([1000, 5000]),
               "hộp": rng.choice([500, 1000, 3000]), "cái": rng.choice([50, 200, 500])}[unit]
        listings.append({
            "kind": "cầu", "owner_tax_code": org["tax_code"], "product": "",
            "description": rng.choice([
                f"Cần mua {generic.lower()} loại 1 cho hệ thống cửa hàng",
                f"Tìm nguồn {generic.lower()} ổn định, có hợp đồng cả vụ",
                f"Cần nhập {pname.lower()} để chế biến và xuất khẩu",
                f"Thu mua {generic.lower()} đạt chuẩn, giao tại kho"]),
            "vcpa": vcpa, "hs": hs, "quantity": qty, "unit": unit,
            "min_order": "", "valid_from": start.isoformat(), "valid_to": end.isoformat(),
            "delivery_provinces": current_name(org["_key"]),
            "required_certifications": "VietGAP" if rng.random() < 0.2 else "",
            "min_stars": rng.choice(["", "", "", "3", "4"]),
            "price_min": "", "price_max": "",
        })

ORG_COLS = ["kind", "name", "tax_code", "citizen_id", "province", "registered_on", "address",
            "sector", "contact_person", "phone", "email"]
PROD_COLS = ["producer_tax_code", "province", "name", "local_name", "vcpa", "hs", "ocop_group",
             "stars", "certified_on", "certifications", "unit", "capacity_per_year",
             "harvest_months", "price_min", "price_max", "packaging"]
LIST_COLS = ["kind", "owner_tax_code", "product", "description", "vcpa", "hs", "quantity", "unit",
             "min_order", "valid_from", "valid_to", "delivery_provinces",
             "required_certifications", "min_stars", "price_min", "price_max"]


def write(name, cols, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([r[c] for c in cols])


write("organisations.csv", ORG_COLS, orgs)
write("ocop_products.csv", PROD_COLS, products)
write("listings.csv", LIST_COLS, listings)
print(f"{len(orgs)} organisations, {len(products)} products, {len(listings)} listings -> {OUT}")
