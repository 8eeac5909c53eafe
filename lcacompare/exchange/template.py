"""The layout of a supplier request workbook: sheets, questions, columns, units and checks.

One description serves the writer (:mod:`lcacompare.exchange.request`), the reader
(:mod:`lcacompare.exchange.read`) and the digest that ties a filled workbook to its request, so
the three cannot drift. Sheets are of two shapes: a *form* (one question per row: question, unit,
answer in column C) and a *table* (one item per row under a header row, one unit per column).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = [
    "FORMAT",
    "Column",
    "Sheet",
    "SHEETS",
    "LISTS",
    "FORM_FIRST_ROW",
    "TABLE_HEADER_ROW",
    "TABLE_UNIT_ROW",
    "TABLE_FIRST_ROW",
    "ANSWER_COLUMN",
    "sheet",
    "factor_lists",
    "template_digest",
]

FORMAT = "lcacompare-request/1"
"""Version stamp of the workbook layout; an import refuses other versions."""

Kind = Literal["text", "number", "date", "choice", "yesno"]
Language = Literal["en", "nl"]

FORM_FIRST_ROW = 4
"""First question row of a form sheet (rows 1-3: title, guidance, header)."""
ANSWER_COLUMN = 3
"""Column of the answers on a form sheet (C)."""
TABLE_HEADER_ROW = 3
TABLE_UNIT_ROW = 4
TABLE_FIRST_ROW = 5
"""First answer row of a table sheet (rows 1-4: title, guidance, header, units)."""


@dataclass(frozen=True)
class Column:
    """One question (form sheet) or one column (table sheet).

    Parameters
    ----------
    key : str
        Stable identifier, independent of language (part of the digest).
    en, nl : str
        The question or header in English and Dutch.
    kind : {"text", "number", "date", "choice", "yesno"}
        What the cell holds; numbers are checked against ``minimum``/``maximum``.
    unit : str
        The fixed unit of the answer (``kg``, ``km``, ``EUR``), empty for text.
    what : str
        What is expected, for messages: ``"a distance in km"``.
    required : bool
        Whether the answer (form) or the cell of a used row (table) must be given.
    minimum, maximum : float or None
        The range a number must lie in (also written as the cell's data validation).
    choices : str or None
        Name of the list in :data:`LISTS`, or of a list of shipped factor ids (``factors:material``,
        ``factors:energy``, ``factors:transport``, ``factors:waste``, ``factors:all``).
    """

    key: str
    en: str
    nl: str
    kind: Kind = "text"
    unit: str = ""
    what: str = "text"
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    choices: str | None = None

    def label(self, lang: Language) -> str:
        """The question or header in ``lang``."""
        return self.nl if lang == "nl" else self.en


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook: a form of questions or a table of items."""

    key: str
    en: str
    nl: str
    shape: Literal["form", "table"]
    guidance_en: str
    guidance_nl: str
    columns: tuple[Column, ...] = field(default_factory=tuple)

    def title(self, lang: Language) -> str:
        """The sheet name in ``lang`` (at most 31 characters, as Excel requires)."""
        return self.nl if lang == "nl" else self.en

    def guidance(self, lang: Language) -> str:
        """The guidance line under the sheet title."""
        return self.guidance_nl if lang == "nl" else self.guidance_en

    def column(self, key: str) -> Column:
        """The column (or question) with this key."""
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    def index(self, key: str) -> int:
        """1-based column (table) or row offset (form) of ``key``."""
        return [c.key for c in self.columns].index(key) + 1


LISTS: dict[str, tuple[str, ...]] = {
    "modules": ("A1-A3", "A4", "B", "C", "D"),
    "transport-modules": ("A4", "B", "C"),
    "end-of-life-modules": ("C", "D"),
    "per": ("use", "cycle", "life"),
    "cost-per": ("use", "cycle", "life", "year", "contract"),
    "cost-categories": ("acquisition", "reprocessing", "consumables", "logistics", "waste", "capital", "residual"),
    "streams": (
        "risk-bearing",
        "non-risk",
        "cardboard-recycling",
        "metal-recycling",
        "plastic-recycling",
        "textile-recycling",
        "clinical-incineration",
        "non-risk-hospital-waste",
        "landfill",
        "take-back",
    ),
    "units": ("kg", "g", "t", "kWh", "MJ", "m**3", "L", "t*km", "kg*km", "item"),
    "yesno": ("yes", "no"),
    "declared-per": ("use", "item"),
    "eol-routes": (
        "incineration",
        "incineration with energy recovery",
        "landfill",
        "recycling",
        "composting",
        "take-back",
    ),
    "claims": (
        "type I ecolabel",
        "recycled content",
        "bio-based content",
        "biodegradable",
        "compostable",
        "carbon neutral",
        "other",
    ),
}
"""Fixed answer lists; the lists of factor ids come from the shipped factors (:func:`factor_lists`)."""


def factor_lists(factors: Iterable[Any]) -> dict[str, tuple[str, ...]]:
    """The lists of shipped factor ids a request offers, by list name.

    Parameters
    ----------
    factors : iterable
        Records with ``id``, ``unit`` and ``category`` (:func:`~lcacompare.exchange.engine_inputs.factor_catalogue`).

    Returns
    -------
    dict
        ``factors:material`` (kg of a material or chemical), ``factors:energy`` (kWh),
        ``factors:transport`` (t.km), ``factors:waste`` (kg of a waste treatment) and
        ``factors:all``.
    """
    from lcacompare.exchange.sorting import MATERIAL_CATEGORIES, WASTE_CATEGORIES

    rows = list(factors)
    return {
        "factors:material": tuple(f.id for f in rows if f.unit == "kg" and f.category in MATERIAL_CATEGORIES),
        "factors:energy": tuple(f.id for f in rows if f.unit == "kWh"),
        "factors:transport": tuple(f.id for f in rows if f.unit == "t*km"),
        "factors:waste": tuple(f.id for f in rows if f.unit == "kg" and f.category in WASTE_CATEGORIES),
        "factors:all": tuple(f.id for f in rows),
    }


_EVIDENCE = Column("evidence", "Evidence (document, page)", "Bewijs (document, pagina)", what="text")

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "supplier",
        "Supplier",
        "Leverancier",
        "form",
        "Who answers this request. Every figure you give is recorded as your declaration.",
        "Wie deze vraag beantwoordt. Elk cijfer wordt vastgelegd als uw verklaring.",
        (
            Column("company", "Company", "Bedrijf", required=True, what="the company name"),
            Column("contact", "Contact person", "Contactpersoon", required=True, what="a name"),
            Column("email", "Contact e-mail", "E-mail contactpersoon", required=True, what="an e-mail address"),
            Column("date", "Date of this answer", "Datum van dit antwoord", "date", required=True, what="a date"),
            Column("product", "Product name", "Productnaam", what="text"),
            Column("reference", "Product reference (catalogue number)", "Productreferentie", what="text"),
            Column(
                "verified",
                "Figures verified by an independent third party?",
                "Cijfers geverifieerd door een onafhankelijke derde?",
                "yesno",
                choices="yesno",
                required=True,
                what="yes or no",
            ),
            Column("verifier", "Verifier and report", "Verificateur en rapport", what="text"),
        ),
    ),
    Sheet(
        "materials",
        "Materials",
        "Materialen",
        "table",
        "Product and packaging: one row per part and material, mass in kg (A1-A3).",
        "Product en verpakking: een rij per onderdeel en materiaal, massa in kg (A1-A3).",
        (
            Column("part", "Part", "Onderdeel", what="text"),
            Column(
                "material",
                "Material",
                "Materiaal",
                "choice",
                choices="factors:material",
                required=True,
                what="a material",
            ),
            Column("mass", "Mass", "Massa", "number", "kg", "a mass in kg", required=True, minimum=0, maximum=1e6),
            Column("per", "Per", "Per", "choice", choices="per", required=True, what="use, cycle or life"),
            Column(
                "recycled",
                "Recycled content",
                "Gerecycleerd gehalte",
                "number",
                "%",
                "a share in %",
                minimum=0,
                maximum=100,
            ),
            Column("location", "Country of production", "Land van productie", what="a two-letter country code"),
            _EVIDENCE,
        ),
    ),
    Sheet(
        "manufacture",
        "Manufacture",
        "Productie",
        "form",
        "Where the product is made.",
        "Waar het product gemaakt wordt.",
        (
            Column(
                "country",
                "Country of manufacture (ISO code)",
                "Land van productie (ISO-code)",
                required=True,
                what="a two-letter country code",
            ),
            Column("site", "Manufacturing site", "Productielocatie", what="text"),
            _EVIDENCE,
        ),
    ),
    Sheet(
        "energy",
        "Energy",
        "Energie",
        "table",
        "Energy used to make the product, in kWh per item (A1-A3).",
        "Energie om het product te maken, in kWh per stuk (A1-A3).",
        (
            Column("energy", "Energy carrier", "Energiedrager", "choice", choices="factors:energy", required=True),
            Column("amount", "Amount", "Hoeveelheid", "number", "kWh", "an energy in kWh", True, 0, 1e9),
            Column("per", "Per", "Per", "choice", choices="per", required=True, what="use, cycle or life"),
            Column("location", "Grid country", "Land van het net", what="a two-letter country code"),
            _EVIDENCE,
        ),
    ),
    Sheet(
        "transport",
        "Transport",
        "Transport",
        "table",
        "Each transport leg: mass carried in kg and distance in km (A4 to the hospital, B shuttles, C waste).",
        "Elk transporttraject: vervoerde massa in kg en afstand in km (A4, B pendel, C afval).",
        (
            Column("module", "Module", "Module", "choice", choices="transport-modules", required=True),
            Column("mode", "Mode", "Vervoerswijze", "choice", choices="factors:transport", required=True),
            Column("mass", "Mass carried", "Vervoerde massa", "number", "kg", "a mass in kg", True, 0, 1e6),
            Column("distance", "Distance", "Afstand", "number", "km", "a distance in km", True, 0, 50_000),
            Column("per", "Per", "Per", "choice", choices="per", required=True, what="use, cycle or life"),
            _EVIDENCE,
        ),
    ),
    Sheet(
        "use",
        "Use",
        "Gebruik",
        "form",
        "Reusable products: uses per life, losses and how many items share one reprocessing cycle.",
        "Herbruikbare producten: gebruiken per levensduur, verlies en items per herverwerkingscyclus.",
        (
            Column("uses_per_life", "Uses per life", "Gebruiken per levensduur", "number", "uses", "a count", False, 1),
            Column(
                "loss_rate", "Loss rate per use", "Verlies per gebruik", "number", "fraction", "a fraction", False, 0, 1
            ),
            Column(
                "capacity",
                "Items per reprocessing cycle",
                "Items per herverwerkingscyclus",
                "number",
                "items",
                "a count",
                False,
                0,
                1e6,
            ),
            Column("fill_rate", "Fill rate of a cycle", "Vulgraad van een cyclus", "number", "fraction", "a fraction"),
            _EVIDENCE,
        ),
    ),
    Sheet(
        "reprocessing",
        "Reprocessing",
        "Herverwerking",
        "table",
        "Inputs per reprocessing cycle or use (energy, water, detergent, wrap); other inputs too.",
        "Verbruik per herverwerkingscyclus of gebruik (energie, water, middel, verpakking).",
        (
            Column("module", "Module", "Module", "choice", choices="modules", required=True),
            Column("input", "Input", "Verbruik", "choice", choices="factors:all", required=True, what="a factor id"),
            Column("amount", "Amount", "Hoeveelheid", "number", "", "a number", True, 0, 1e9),
            Column("unit", "Unit", "Eenheid", "choice", choices="units", required=True, what="a unit"),
            Column("per", "Per", "Per", "choice", choices="per", required=True, what="use, cycle or life"),
            Column("stream", "Waste stream", "Afvalstroom", "choice", choices="streams"),
            Column("location", "Country", "Land", what="a two-letter country code"),
            _EVIDENCE,
        ),
    ),
    Sheet(
        "end_of_life",
        "End of life",
        "Einde levensduur",
        "table",
        "Where each part goes when discarded: treatment, mass in kg, waste stream (C; D for credits).",
        "Waar elk onderdeel heen gaat: verwerking, massa in kg, afvalstroom (C; D voor credits).",
        (
            Column("module", "Module", "Module", "choice", choices="end-of-life-modules", required=True),
            Column(
                "route", "Treatment", "Verwerking", "choice", choices="factors:waste", required=True, what="a treatment"
            ),
            Column("mass", "Mass", "Massa", "number", "kg", "a mass in kg", True, 0, 1e6),
            Column("per", "Per", "Per", "choice", choices="per", required=True, what="use, cycle or life"),
            Column("stream", "Waste stream", "Afvalstroom", "choice", choices="streams"),
            _EVIDENCE,
        ),
    ),
    Sheet(
        "take_back",
        "Take-back",
        "Terugname",
        "form",
        "Take-back scheme and the real end-of-life route of the used product.",
        "Terugnameregeling en de werkelijke afvalroute van het gebruikte product.",
        (
            Column(
                "offered", "Take-back offered?", "Terugname aangeboden?", "yesno", choices="yesno", what="yes or no"
            ),
            Column("description", "Description of the scheme", "Beschrijving van de regeling"),
            Column(
                "route",
                "Real end-of-life route of the used product",
                "Werkelijke afvalroute van het gebruikte product",
                "choice",
                choices="eol-routes",
                required=True,
                what="an end-of-life route",
            ),
            _EVIDENCE,
        ),
    ),
    Sheet(
        "not_applicable",
        "Not applicable",
        "Niet van toepassing",
        "form",
        "For each module with no rows at all, say why it does not apply.",
        "Geef per module zonder rijen aan waarom die niet van toepassing is.",
        tuple(
            Column(f"zero_{m}", f"Module {m}: why it does not apply", f"Module {m}: waarom niet")
            for m in ("A1-A3", "A4", "B", "C", "D")
        ),
    ),
    Sheet(
        "prices",
        "Prices",
        "Prijzen",
        "table",
        "Every cost item over the contract, EUR excluding VAT.",
        "Elke kostenpost over het contract, EUR exclusief btw.",
        (
            Column("category", "Cost item", "Kostenpost", "choice", choices="cost-categories", required=True),
            Column("description", "Description", "Omschrijving"),
            Column("amount", "Amount", "Bedrag", "number", "EUR", "an amount in EUR", True, -1e9, 1e9),
            Column("per", "Per", "Per", "choice", choices="cost-per", required=True, what="use, cycle, life, ..."),
            Column("credit", "Credit or revenue?", "Creditering?", "yesno", choices="yesno", what="yes or no"),
            Column("year", "Price year", "Prijsjaar", "number", "year", "a year", False, 1990, 2100),
            _EVIDENCE,
        ),
    ),
    Sheet(
        "declared",
        "Declared footprint",
        "Verklaarde voetafdruk",
        "form",
        "Only if you publish a carbon footprint of this product (a PACT file may be attached instead).",
        "Alleen als u een CO2-voetafdruk van dit product publiceert (of voeg een PACT-bestand toe).",
        (
            Column("kg_co2e", "Declared footprint", "Verklaarde voetafdruk", "number", "kg CO2e", "kg CO2e", False, 0),
            Column("per", "Per", "Per", "choice", choices="declared-per", what="use or item"),
            Column("modules", "Modules included (e.g. A1-A3, A4)", "Modules inbegrepen (bv. A1-A3, A4)"),
            Column("standard", "Standard or method", "Norm of methode"),
            Column("verified_by", "Verified by", "Geverifieerd door"),
            Column("pact_id", "PACT footprint id", "PACT-voetafdruk-id"),
            _EVIDENCE,
        ),
    ),
    Sheet(
        "claims",
        "Claims",
        "Claims",
        "table",
        "Environmental claims: type I ecolabels (ISO 14024) with certificate and validity, content claims.",
        "Milieuclaims: type I-ecolabels (ISO 14024) met certificaat en geldigheid, gehalteclaims.",
        (
            Column("claim", "Claim", "Claim", "choice", choices="claims", required=True, what="a claim type"),
            Column("detail", "Detail (label name, material)", "Detail (label, materiaal)"),
            Column("share", "Share", "Aandeel", "number", "%", "a share in %", False, 0, 100),
            Column("certificate", "Certificate number", "Certificaatnummer"),
            Column("valid_until", "Valid until", "Geldig tot", "date", what="a date"),
            _EVIDENCE,
        ),
    ),
    Sheet(
        "substances",
        "Substances",
        "Stoffen",
        "form",
        "Substances of very high concern (REACH SVHC) above 0.1 % by mass; the MDR requires labelling.",
        "Zeer zorgwekkende stoffen (REACH ZZS) boven 0,1 massa-%; de MDR vereist etikettering.",
        (
            Column(
                "dehp",
                "Contains DEHP above 0.1 % by mass?",
                "Bevat DEHP boven 0,1 massa-%?",
                "yesno",
                choices="yesno",
                required=True,
                what="yes or no",
            ),
            Column("dehp_share", "DEHP content", "DEHP-gehalte", "number", "%", "a share in %", False, 0, 100),
            Column(
                "other_svhc",
                "Other SVHC above 0.1 % by mass?",
                "Andere ZZS boven 0,1 massa-%?",
                "yesno",
                choices="yesno",
                required=True,
                what="yes or no",
            ),
            Column("svhc_names", "Their names and CAS numbers", "Namen en CAS-nummers"),
            _EVIDENCE,
        ),
    ),
    Sheet(
        "sources",
        "Sources",
        "Bronnen",
        "table",
        "The documents your evidence columns refer to.",
        "De documenten waarnaar uw bewijskolommen verwijzen.",
        (
            Column("ref", "Reference", "Referentie", required=True),
            Column("title", "Document", "Document"),
            Column("issuer", "Issued by", "Uitgegeven door"),
            Column("date", "Date", "Datum", "date", what="a date"),
            Column("link", "Link or file name", "Link of bestandsnaam"),
        ),
    ),
)


def sheet(key: str) -> Sheet:
    """The sheet with this key."""
    for found in SHEETS:
        if found.key == key:
            return found
    raise KeyError(key)


def template_digest(case_text: str, option_id: str) -> str:
    """SHA-256 of the layout, the case file it was made from and the option asked about.

    Language and answers are left out, so the Dutch and English workbooks of one request share
    a digest and filling a workbook does not change it.

    Parameters
    ----------
    case_text : str
        The case file's text, as embedded in the workbook.
    option_id : str
        The option the request is about.

    Returns
    -------
    str
        64 hexadecimal digits.
    """
    layout = [
        {
            "key": s.key,
            "shape": s.shape,
            "columns": [{k: v for k, v in asdict(c).items() if k not in ("en", "nl")} for c in s.columns],
        }
        for s in SHEETS
    ]
    payload = json.dumps(
        {
            "format": FORMAT,
            "layout": layout,
            "lists": LISTS,
            "case": hashlib.sha256(case_text.encode()).hexdigest(),
            "option": option_id,
        },
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()
