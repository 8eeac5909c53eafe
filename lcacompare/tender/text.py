"""Plain-words text of an award in English or Dutch: the robustness statement and the justification."""

from __future__ import annotations

from typing import Literal

__all__ = ["Language", "robustness_statement", "justification"]

Language = Literal["en", "nl"]


def _num(value: float, lang: Language) -> str:
    text = f"{value:,.0f}"
    return text.replace(",", ".") if lang == "nl" else text


def robustness_statement(
    winner: str,
    runner_up: str | None,
    p_win: float | None,
    reversals: list[tuple[str, float, float | None, str]],
    robust: bool,
    lang: Language = "en",
) -> str:
    """One paragraph saying whether the award is robust, and what would change it.

    Parameters
    ----------
    winner, runner_up : str
        Bid ids of the first two.
    p_win : float or None
        The winner's P(win) over the draws (None without uncertainty).
    reversals : list of (axis, published, at, unit)
        From :func:`lcacompare.tender.robustness.nearest_reversal`.
    robust : bool
    lang : {"en", "nl"}

    Examples
    --------
    >>> robustness_statement("a", "b", 0.99, [("carbon price", 130.0, None, "EUR/t")], True)[:38]
    'The award to a is robust: it wins 99 %'
    """
    parts = []
    if lang == "nl":
        head = f"De gunning aan {winner} is {'robuust' if robust else 'niet robuust'}"
        if p_win is not None:
            head += f": {winner} wint in {p_win:.0%} van de Monte-Carlotrekkingen".replace("%", " %")
        parts.append(head + ".")
        for axis, published, at, unit in reversals:
            name = {"carbon price": "CO2-prijs", "sustainability weight": "duurzaamheidsgewicht"}.get(axis, axis)
            if at is None:
                parts.append(f"Geen {name} in het onderzochte bereik draait {winner} en {runner_up} om.")
            else:
                parts.append(f"Bij een {name} van {at:.4g} {unit} (gepubliceerd {published:.4g}) wint {runner_up}.")
        return " ".join(parts)
    head = f"The award to {winner} is {'robust' if robust else 'not robust'}"
    if p_win is not None:
        head += f": it wins {p_win:.0%} of the Monte Carlo draws".replace("%", " %")
    parts.append(head + ".")
    for axis, published, at, unit in reversals:
        if at is None:
            parts.append(f"No {axis} in the searched range reverses {winner} and {runner_up}.")
        else:
            parts.append(f"A {axis} of {at:.4g} {unit} (published {published:.4g}) puts {runner_up} first.")
    return " ".join(parts)


def justification(
    title: str,
    method: str,
    winner: str,
    supplier: str,
    weights: dict[str, float],
    carbon: str,
    cost_eur: float,
    kg_co2e_per_year: float,
    lang: Language = "en",
) -> str:
    """A paragraph for the award decision (gunningsbeslissing / motivering), to paste and adapt.

    Examples
    --------
    >>> justification("Clamps", "weighted-points", "b1", "Acme", {"cost": 60, "co2e": 40}, "CE Delft", 1e5, 800)[:29]
    'The contract "Clamps" is awar'
    """
    shares = ", ".join(f"{k} {v:g} %" for k, v in weights.items())
    if lang == "nl":
        return (
            f'De opdracht "{title}" wordt gegund aan {supplier} (inschrijving {winner}), de economisch meest '
            f"voordelige inschrijving volgens de gepubliceerde gunningsmethode ({method}"
            + (f"; wegingen {shares}" if shares else "")
            + "). Het kostencriterium is de levenscycluskost over de looptijd (netto contante waarde van alle "
            f"kosten), met de broeikasgasemissies gewaardeerd tegen {carbon}. De gegunde inschrijving kost "
            f"EUR {_num(cost_eur, lang)} over de looptijd en geeft {_num(kg_co2e_per_year, lang)} kg CO2e per jaar. "
            "Berekening met lcacompare onder de vastgelegde methode- en dataversies; de rekenbladen liggen ter inzage."
        )
    return (
        f'The contract "{title}" is awarded to {supplier} (bid {winner}), the most economically advantageous '
        f"tender under the published award method ({method}" + (f"; weights {shares}" if shares else "") + "). "
        "The cost criterion is the life-cycle cost over the contract (net present value of all costs), with "
        f"greenhouse-gas emissions valued at {carbon}. The awarded bid costs EUR {_num(cost_eur, lang)} over the "
        f"contract and emits {_num(kg_co2e_per_year, lang)} kg CO2e a year. Computed with lcacompare under the "
        "pinned method and data versions; the workbook is open to inspection."
    )
