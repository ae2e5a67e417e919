"""Continents of the partner countries (ISO 3166-1 alpha-2), to group the country
picker's long list when JavaScript is off. A static table: countries do not move.

The split follows the United Nations geoscheme, with the Americas split into North and
South at the Isthmus of Panama less useful here than one « Amériques »; the Middle East
is in Asia, Russia and Turkey in Europe, as French public writing usually places them.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

CONTINENTS = {
    "afrique": _l("Afrique"),
    "ameriques": _l("Amériques"),
    "asie": _l("Asie et Moyen-Orient"),
    "europe": _l("Europe"),
    "oceanie": _l("Océanie"),
    "antarctique": _l("Antarctique"),
}

_BY_CONTINENT = {
    "afrique": "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW IO KE KM LR LS LY MA MG ML "
               "MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW",
    "ameriques": "AG AI AR AW BB BL BM BO BQ BR BS BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GT GY HN HT JM "
                 "KN KY LC MF MQ MS MX NI PA PE PM PR PY SR SV SX TC TT US UY VC VE VG VI",
    "asie": "AE AF AM AZ BD BH BN BT CN GE HK ID IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN MO MV MY "
            "NP OM PH PK PS QA SA SG SY TH TJ TL TM TW UZ VN YE",
    "europe": "AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU "
              "LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM TR UA VA XK",
    "oceanie": "AS AU CC CK CX FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS",
    "antarctique": "AQ BV GS HM TF",
}

COUNTRY_CONTINENT: dict[str, str] = {
    code: continent for continent, codes in _BY_CONTINENT.items() for code in codes.split()
}


def continent_of(code: str | None) -> str | None:
    """The continent key of a country code, or of a city's (``SN-dakar`` → ``afrique``)."""
    if not code:
        return None
    return COUNTRY_CONTINENT.get(code.split("-", 1)[0].upper())


def group_by_continent(items, code_of) -> list[tuple[str, list]]:
    """``items`` in groups (continent label, items), continents in a fixed order, each
    group in the items' order; items of no known continent last, under « Autres »."""
    groups: dict[str | None, list] = {}
    for item in items:
        groups.setdefault(continent_of(code_of(item)), []).append(item)
    out = [(str(label), groups[key]) for key, label in CONTINENTS.items() if key in groups]
    if None in groups:
        out.append((str(_l("Autres territoires")), groups[None]))
    return out
