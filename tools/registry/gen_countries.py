#!/usr/bin/env python3
"""Generate data/registry/countries.toml for diplint's embedded registry.

Sources, in order of precedence (later wins):

1. ISO 3166-1 as shipped by Debian's `iso-codes` package
   (/usr/share/iso-codes/json/iso_3166-1.json): every alpha-2 code, alpha-3,
   the ISO short name, the common name where ISO gives one, the official name.
2. UN names (UNTERM short and formal names, M49 names) from the
   "Countries & Territories Taxonomy" CSV that ships inside the PyPI package
   `hdx-python-country` (read offline; `pip install hdx-python-country`).
   Optional: without it the UN names fall back to ISO and the curated file.
3. The hand-curated data/registry-src/countries-curated.toml (same schema),
   merged by `code`: scalars replace, lists are appended without duplicates,
   [[country.former]] and [[country.style]] are appended.

Derived automatically:
- `status`: the 193 UN member states (list below), the two observer states
  (VA, PS), the partially recognised states (XK, TW); everything else is
  `territory`.
- `official` is the UNTERM formal name without its leading "the" where there
  is one, else the ISO official name; the other spelling goes to
  `official_variants` (unless listed in ISO_OFFICIAL_DROP).
- every name written with diacritics (short, un, variants, official forms,
  adjectives, demonyms) gets its ASCII spelling as an accepted variant of the
  same kind ("Türkiye" -> "Turkiye", "Côte d'Ivoire" -> "Cote d'Ivoire").

Usage:
    python3 tools/registry/gen_countries.py            # writes data/registry/countries.toml
    python3 tools/registry/gen_countries.py --check    # exit 1 if the file is not up to date
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import sys
import tomllib
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
CURATED = os.path.join(ROOT, "data", "registry-src", "countries-curated.toml")
OUT = os.path.join(ROOT, "data", "registry", "countries.toml")
HDX_CSV_NAME = "Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"

# The 193 member states of the United Nations (South Sudan, the latest, joined 2011-07-14).
UN_MEMBERS = set("""
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH
CM CA CF TD CL CN CO KM CG CR CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ
FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI
KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MC MN ME MA MZ MM NA NR
NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA KR MD RO RU RW KN LC VC WS SM ST
SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TH TL TG TO TT TN TR TM TV UG
UA AE GB TZ US UY UZ VU VE VN YE ZM ZW
""".split())
OBSERVERS = {"VA", "PS"}                 # non-member observer states
PARTIALLY_RECOGNISED = {"XK", "TW"}

# Entries that ISO 3166-1 does not have.
EXTRA = [
    {"alpha_2": "XK", "alpha_3": "XKX", "name": "Kosovo", "official_name": "Republic of Kosovo"},
]

# ISO official names that are out of date and must not become accepted long forms.
ISO_OFFICIAL_DROP = {
    "BA": "Republic of Bosnia and Herzegovina",   # pre-1995 name; today "Bosnia and Herzegovina"
    "MM": "Republic of Myanmar",                  # never the name; "Republic of the Union of Myanmar" since 2010
}

FIELD_ORDER = [
    "code", "alpha3", "status", "short", "official", "un",
    "adjectives", "demonyms", "variants", "official_variants", "political",
    "misspellings", "wrong_adjectives", "wrong_official",
]
LIST_FIELDS = {"adjectives", "demonyms", "variants", "official_variants",
               "misspellings", "wrong_adjectives", "wrong_official"}
ALLOWED = set(FIELD_ORDER) | {"former", "style"}
FORMER_ORDER = ["name", "until", "adjectives"]
STYLE_ORDER = ["profile", "prefer", "over", "since"]


def strip_the(s: str) -> str:
    return s[4:] if s.startswith("the ") or s.startswith("The ") else s


def ascii_fold(s: str) -> str:
    out = unicodedata.normalize("NFKD", s)
    out = "".join(c for c in out if not unicodedata.combining(c))
    return out.replace("’", "'")


def uninvert(name: str) -> str:
    """'Korea, Republic of' -> 'Republic of Korea' (ISO's list order)."""
    if ", " in name:
        a, b = name.split(", ", 1)
        if b.endswith(" of") or b.endswith(" of the"):
            return f"{b} {a}"
    return name


def find_hdx_csv(explicit: str | None) -> str | None:
    if explicit:
        return explicit
    spec = importlib.util.find_spec("hdx.location") if importlib.util.find_spec("hdx") else None
    dirs = list(spec.submodule_search_locations) if spec and spec.submodule_search_locations else []
    for d in dirs:
        p = os.path.join(d, HDX_CSV_NAME)
        if os.path.exists(p):
            return p
    return None


def load_hdx(path: str) -> dict[str, dict]:
    out = {}
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            code = r["ISO 3166-1 Alpha 2-Codes"].strip()
            if not code or r["Deprecated"].strip() == "Y":
                continue
            out[code] = {
                "unterm": r["Appears in UNTERM list"].strip() == "Y",
                "short": r["English Short"].strip(),
                "formal": r["English Formal"].strip(),
                "m49": r["M49 English"].strip().replace("’", "'"),
            }
    return out


def add(lst: list, *items: str) -> None:
    for it in items:
        if it and it not in lst:
            lst.append(it)


def build(iso_path: str, hdx_path: str | None, curated_path: str) -> tuple[list[dict], dict]:
    with open(iso_path, encoding="utf-8") as f:
        iso = json.load(f)["3166-1"]
    hdx = load_hdx(hdx_path) if hdx_path else {}
    info = {"iso": len(iso), "hdx": bool(hdx), "hdx_path": hdx_path}

    entries: dict[str, dict] = {}
    for e in iso + EXTRA:
        code = e["alpha_2"]
        name = e["name"]
        short = e.get("common_name") or uninvert(name)
        official = strip_the(e.get("official_name") or short)
        c = {k: [] for k in LIST_FIELDS}
        c.update(code=code, alpha3=e["alpha_3"], short=short, official=official, un=uninvert(name))
        if code in UN_MEMBERS:
            c["status"] = "un-member"
        elif code in OBSERVERS:
            c["status"] = "observer"
        elif code in PARTIALLY_RECOGNISED:
            c["status"] = "partially-recognised"
        else:
            c["status"] = "territory"
        h = hdx.get(code)
        if h:
            if h["unterm"] and h["short"]:
                c["un"] = h["short"]
            elif h["m49"]:
                c["un"] = h["m49"]
            elif h["short"]:
                c["un"] = h["short"]
            if h["unterm"] and h["formal"]:
                c["official"] = strip_the(h["formal"])
        # every long form that a source gives stays accepted, whichever becomes `official`
        c["_official_forms"] = [c["official"]]
        if e.get("official_name") and ISO_OFFICIAL_DROP.get(code) != official:
            add(c["_official_forms"], official)
        entries[code] = c

    missing = UN_MEMBERS - set(entries)
    if missing:
        raise SystemExit(f"UN members missing from ISO data: {sorted(missing)}")

    # merge the curated file
    with open(curated_path, "rb") as f:
        cur = tomllib.load(f)
    unknown_top = set(cur) - {"country"}
    if unknown_top:
        raise SystemExit(f"{curated_path}: unexpected top-level keys {sorted(unknown_top)}")
    for k in cur.get("country", []):
        code = k.get("code")
        bad = set(k) - ALLOWED
        if bad:
            raise SystemExit(f"{curated_path}: {code}: unknown keys {sorted(bad)}")
        if code not in entries:
            raise SystemExit(f"{curated_path}: {code}: not an ISO 3166-1 code nor an extra entry")
        c = entries[code]
        for key, val in k.items():
            if key == "code":
                continue
            if key in LIST_FIELDS:
                add(c[key], *val)
            elif key in ("former", "style"):
                c.setdefault(key, []).extend(val)
            else:
                c[key] = val

    # derived: ASCII spellings of names with diacritics, and cleanup
    for c in entries.values():
        add(c["official_variants"], *c.pop("_official_forms"))
        for nm in (c["short"], c["un"]):
            if ascii_fold(nm) != nm:
                add(c["variants"], ascii_fold(nm))
        for field in ("variants", "official_variants", "adjectives", "demonyms"):
            for nm in list(c[field]):
                if ascii_fold(nm) != nm:
                    add(c[field], ascii_fold(nm))
        if ascii_fold(c["official"]) != c["official"]:
            add(c["official_variants"], ascii_fold(c["official"]))
        # the UN short name and the official name need not be repeated as variants
        c["variants"] = [v for v in c["variants"] if v != c["short"]]
        c["official_variants"] = [v for v in c["official_variants"]
                                  if v != c["official"] and v != c["short"] and v not in c["variants"]]
        for f in c.get("former", []):
            f.setdefault("adjectives", [])
    return [entries[k] for k in sorted(entries)], info


def q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def val(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "[" + ", ".join(q(x) for x in v) + "]"
    return q(v)


def render(countries: list[dict], info: dict) -> str:
    out = [
        "# GENERATED FILE - DO NOT EDIT BY HAND.",
        "# Generated by tools/registry/gen_countries.py from:",
        "#   - ISO 3166-1 (Debian iso-codes, /usr/share/iso-codes/json/iso_3166-1.json)",
        "#   - UN names (UNTERM, M49) from the taxonomy CSV shipped in the PyPI package hdx-python-country"
        + ("" if info["hdx"] else " (NOT AVAILABLE at generation time)"),
        "#   - data/registry-src/countries-curated.toml (hand-curated; edit that file instead of this one)",
        "# Regenerate:  pip install hdx-python-country && python3 tools/registry/gen_countries.py",
        "",
    ]
    for c in countries:
        out.append("[[country]]")
        for k in FIELD_ORDER:
            if k not in c:
                continue
            v = c[k]
            if k in LIST_FIELDS and not v and k not in ("adjectives", "demonyms", "variants"):
                continue
            if k == "political" and not v:
                continue
            out.append(f"{k} = {val(v)}")
        for f in c.get("former", []):
            out.append("")
            out.append("[[country.former]]")
            for k in FORMER_ORDER:
                if k in f:
                    out.append(f"{k} = {val(f[k])}")
        for s in c.get("style", []):
            out.append("")
            out.append("[[country.style]]")
            for k in STYLE_ORDER:
                if k in s:
                    out.append(f"{k} = {val(s[k])}")
        out.append("")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--iso", default=ISO_JSON)
    ap.add_argument("--hdx", default=None,
                    help="path of the HDX taxonomy CSV (default: find it in the installed package hdx-python-country)")
    ap.add_argument("--curated", default=CURATED)
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if --out differs")
    a = ap.parse_args()
    hdx = find_hdx_csv(a.hdx)
    if not hdx:
        print("warning: hdx-python-country not found; UN names fall back to ISO + curated data", file=sys.stderr)
    countries, info = build(a.iso, hdx, a.curated)
    text = render(countries, info)
    tomllib.loads(text)  # must parse
    if a.check:
        with open(a.out, encoding="utf-8") as f:
            same = f.read() == text
        print("up to date" if same else f"{a.out} is out of date")
        return 0 if same else 1
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {a.out}: {len(countries)} entries (UN names from {'HDX CSV' if hdx else 'fallback'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
