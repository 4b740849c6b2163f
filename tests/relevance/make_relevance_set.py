#!/usr/bin/env python3
"""Writes the labelled relevance set of lienket's matching (listings.csv, queries.csv,
judgements.csv) from the vocabulary in products.csv and the provinces in provinces.csv.

Everything it writes is INVENTED for testing (illustrative organisations, quantities and wording);
only the product names, their places of origin and their seasons are meant to be realistic.
Deterministic: the same files on every run (random.Random(20260517)). See README.md for the
judging rule."""
import csv
import os
import random
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20260517)


def fold(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def months_of(spec):
    out = set()
    for part in spec.split(";"):
        a, b = (int(x) for x in part.split("-"))
        m = a
        while True:
            out.add(m)
            if m == b:
                break
            m = m % 12 + 1
    return out


def months_text(months):
    return " ".join(str(m) for m in sorted(months))


products = list(csv.DictReader(open(os.path.join(HERE, "products.csv"), encoding="utf-8")))
provinces = list(csv.DictReader(open(os.path.join(HERE, "provinces.csv"), encoding="utf-8")))
codes = [int(p["code"]) for p in provinces]
by_concept = {p["concept"]: p for p in products}
CERTS = ["vietgap", "globalgap", "organic", "growing_area", "haccp"]


def title_for(product, place):
    template = rng.choice(product["titles"].split("|"))
    toneless = template == fold(template)
    place_text = fold(place) if toneless else place
    if place in template or fold(place) in template:
        place_text = ""
    return " ".join(template.replace("{place}", place_text).split()), toneless


# --- offers -----------------------------------------------------------------------------------
listings = []
next_id = 1
counts = {p["concept"]: 11 for p in products}
for c in ("vai_thieu", "cam", "che", "gao_nep", "nhan_long", "mat_ong"):
    counts[c] += 3
total = sum(counts.values())
concepts = [p["concept"] for p in products]
while total < 300:
    counts[concepts[total % len(concepts)]] += 1
    total += 1
for product in products:
    origins = [o.split(":", 1) for o in product["origins"].split("|")]
    for _ in range(counts[product["concept"]]):
        code, place = rng.choice(origins)
        title, toneless = title_for(product, place)
        phrases = product["descriptions"].split("|")
        description = ". ".join(rng.sample(phrases, k=min(len(phrases), rng.randint(1, 2)))) + "."
        months = months_of(product["months"])
        if rng.random() < 0.2 and len(months) < 12:  # an early or late grower
            shift = rng.choice([-1, 1])
            months = {(m - 1 + shift) % 12 + 1 for m in months}
        vcpa = product["vcpa"]
        r = rng.random()
        if r < 0.08:
            vcpa = ""
        elif r < 0.18:
            vcpa = vcpa[: rng.choice([3, 4])]
        certs = [c for c, p in zip(CERTS, (0.4, 0.08, 0.1, 0.2, 0.08)) if rng.random() < p]
        stars = rng.choice([0, 0, 0, 3, 3, 4, 5])
        delivery = ""
        if rng.random() < 0.1:
            delivery = " ".join(str(c) for c in sorted(rng.sample(codes, 4) + [int(code)]))
        capacity = rng.choice([5, 10, 20, 50, 100, 200, 500, 1000])
        listings.append({
            "id": next_id, "side": "offer", "organisation_id": 1000 + rng.randint(0, 150),
            "province_code": int(code), "title": title, "description": description,
            "product_name": fold(product["product_name"]) if toneless else product["product_name"],
            "vcpa": vcpa, "hs": product["hs"] if rng.random() < 0.5 else "",
            "unit": product["unit"], "quantity": capacity,
            "min_order": rng.choice([0, 0, 1, 2, 5]), "months": months_text(months),
            "certifications": " ".join(certs), "ocop_stars": stars, "required_stars": 0,
            "required_certs": "", "delivery_provinces": delivery,
            "concept": product["concept"], "place": place,
        })
        next_id += 1

# --- requests ---------------------------------------------------------------------------------
REQUEST_FORMS = [
    ("Cần mua {name}", False), ("Thu mua {name} số lượng lớn", False),
    ("Siêu thị cần nhập {name} {place}", True), ("Tìm nguồn {name} {place}", True),
    ("can mua {name}", False), ("Cần mua {name} cho bếp ăn", False),
    ("Nhà phân phối cần {name} {place}", True),
]
query_concepts = [p["concept"] for p in products if p["concept"] not in ("vai_may", "sua")]
query_concepts += ["vai_thieu", "cam", "che", "gao_nep", "do_xanh", "mat_ong", "nuoc_mam",
                   "buoi", "vai_thieu", "mien_dong", "que", "hoi", "nhan_long", "ot", "che_shan",
                   "gao_tam"]
queries = []
for i, concept in enumerate(query_concepts[:40]):
    product = by_concept[concept]
    form, with_place = REQUEST_FORMS[i % len(REQUEST_FORMS)]
    origins = [o.split(":", 1) for o in product["origins"].split("|")]
    _, place = rng.choice(origins)
    name = product["product_name"]
    text = form.replace("{name}", name).replace("{place}", place if with_place else "")
    if form.startswith("can mua"):
        text = fold(text)
        name = fold(name)
    province = rng.choice(codes)
    months = sorted(months_of(product["months"]))
    if len(months) < 12 and len(months) > 2 and rng.random() < 0.5:
        months = months[: len(months) - 1]
    required_certs = "vietgap" if rng.random() < 0.2 else ""
    required_stars = 3 if rng.random() < 0.15 else 0
    queries.append({
        "id": 10001 + i, "side": "request", "organisation_id": 5000 + i,
        "province_code": province, "title": " ".join(text.split()), "description": "",
        "product_name": name, "vcpa": product["vcpa"] if rng.random() < 0.6 else "",
        "hs": "", "unit": product["unit"], "quantity": rng.choice([2, 5, 10, 30, 100]),
        "min_order": 0, "months": months_text(months), "certifications": "",
        "ocop_stars": 0, "required_stars": required_stars, "required_certs": required_certs,
        "delivery_provinces": "", "concept": concept, "place": place if with_place else "",
    })


# --- judgements -------------------------------------------------------------------------------
def grade(query, listing):
    if listing["ocop_stars"] < query["required_stars"]:
        return 0
    if query["required_certs"] and query["required_certs"] not in listing["certifications"].split():
        return 0
    if listing["delivery_provinces"] and str(query["province_code"]) not in \
            listing["delivery_provinces"].split():
        return 0
    related = by_concept[query["concept"]]["related"].split(";")
    if listing["concept"] == query["concept"]:
        g = 3
        if query["place"] and listing["place"] != query["place"]:
            g = 2
        in_season = set(map(int, listing["months"].split())) & set(map(int, query["months"].split()))
        if not in_season:
            g = 1
        return g
    if listing["concept"] in related:
        return 1
    return 0


judgements = []
for q in queries:
    for l in listings:
        g = grade(q, l)
        if g > 0:
            judgements.append({"query_id": q["id"], "listing_id": l["id"], "grade": g})

FIELDS = ["id", "side", "organisation_id", "province_code", "title", "description",
          "product_name", "vcpa", "hs", "unit", "quantity", "min_order", "months",
          "certifications", "ocop_stars", "required_stars", "required_certs",
          "delivery_provinces", "concept", "place"]
for name, rows in (("listings.csv", listings), ("queries.csv", queries)):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
with open(os.path.join(HERE, "judgements.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["query_id", "listing_id", "grade"], lineterminator="\n")
    w.writeheader()
    w.writerows(judgements)
print(f"{len(listings)} listings, {len(queries)} queries, {len(judgements)} judgements")
