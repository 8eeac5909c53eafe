"""The PEF Circular Footprint Formula (CFF) per unit of material, its terms kept apart.

The formula of Commission Recommendation (EU) 2021/2279, Annex I (PEF method), section 4.4.8,
per functional unit of a material (here: per kg), is the sum of three parts:

material
    ``(1 - R1) Ev + R1 (A Erec + (1 - A) Ev Qsin/Qp) + (1 - A) R2 (ErecEoL - Ev* Qsout/Qp)``
energy
    ``(1 - B) R3 (EER - LHV XER,heat ESE,heat - LHV XER,elec ESE,elec)``
disposal
    ``(1 - R2 - R3) ED``

:func:`circular_footprint` returns every term apart (:class:`CircularFootprint`), so that the
method can book the burdens in modules A1-A3 and C and the credits beyond the system boundary
in module D (EN 15804+A2 keeps D apart; PEF adds it in: :attr:`CircularFootprint.total`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["CircularFootprint", "circular_footprint", "MODULE_OF_TERM"]

MODULE_OF_TERM = {
    "virgin": "A1-A3",
    "recycled_content": "A1-A3",
    "recycling_burden": "C",
    "recycling_credit": "D",
    "energy_recovery_burden": "C",
    "energy_recovery_credit": "D",
    "disposal": "C",
}
"""The module of the method (EN 15804 naming) each term of :class:`CircularFootprint` is booked in."""


@dataclass(frozen=True)
class CircularFootprint:
    """The terms of the Circular Footprint Formula for one unit of material (kg CO2e per kg).

    Each attribute is a float, or an ndarray when an argument was one (Monte Carlo samples).
    Credits are negative numbers.

    Attributes
    ----------
    virgin : float or ndarray
        ``(1 - R1) Ev``: virgin material of the input (module A1-A3).
    recycled_content : float or ndarray
        ``R1 (A Erec + (1 - A) Ev Qsin/Qp)``: recycled content of the input (module A1-A3).
    recycling_burden : float or ndarray
        ``(1 - A) R2 ErecEoL``: the product's share of recycling it at end of life (module C).
    recycling_credit : float or ndarray
        ``-(1 - A) R2 Ev* Qsout/Qp``: virgin material the recycled output avoids (module D).
    energy_recovery_burden : float or ndarray
        ``(1 - B) R3 EER``: incineration with energy recovery (module C).
    energy_recovery_credit : float or ndarray
        ``-(1 - B) R3 LHV (XER,heat ESE,heat + XER,elec ESE,elec)``: heat and electricity the
        recovered energy avoids (module D).
    disposal : float or ndarray
        ``(1 - R2 - R3) ED``: disposal without recovery (module C).
    """

    virgin: Any
    recycled_content: Any
    recycling_burden: Any
    recycling_credit: Any
    energy_recovery_burden: Any
    energy_recovery_credit: Any
    disposal: Any

    @property
    def material(self) -> Any:
        """The material part: virgin + recycled content + recycling burden + recycling credit."""
        return self.virgin + self.recycled_content + self.recycling_burden + self.recycling_credit

    @property
    def energy(self) -> Any:
        """The energy part: energy-recovery burden + energy-recovery credit."""
        return self.energy_recovery_burden + self.energy_recovery_credit

    @property
    def total(self) -> Any:
        """Material + energy + disposal: the PEF figure, module D included."""
        return self.material + self.energy + self.disposal

    def by_module(self) -> dict[str, Any]:
        """The terms summed by the module they are booked in (:data:`MODULE_OF_TERM`)."""
        found: dict[str, Any] = {"A1-A3": 0.0, "C": 0.0, "D": 0.0}
        for term, module in MODULE_OF_TERM.items():
            found[module] = found[module] + getattr(self, term)
        return found


def circular_footprint(
    *,
    r1: Any,
    a: Any,
    ev: Any,
    erec: Any,
    qsin_qp: Any = 1.0,
    r2: Any = 0.0,
    erec_eol: Any = 0.0,
    ev_star: Any = None,
    qsout_qp: Any = 1.0,
    r3: Any = 0.0,
    b: Any = 0.0,
    eer: Any = 0.0,
    lhv: Any = 0.0,
    x_er_heat: Any = 0.0,
    e_se_heat: Any = 0.0,
    x_er_elec: Any = 0.0,
    e_se_elec: Any = 0.0,
    ed: Any = 0.0,
) -> CircularFootprint:
    r"""The Circular Footprint Formula per unit of material, every term apart.

    .. math::

        \text{material} &= (1 - R_1) E_v + R_1 \left(A E_{rec} + (1 - A) E_v \frac{Q_{Sin}}{Q_P}\right)
                           + (1 - A) R_2 \left(E_{recEoL} - E_v^* \frac{Q_{Sout}}{Q_P}\right) \\
        \text{energy} &= (1 - B) R_3 (E_{ER} - LHV\, X_{ER,heat} E_{SE,heat} - LHV\, X_{ER,elec} E_{SE,elec}) \\
        \text{disposal} &= (1 - R_2 - R_3) E_D

    Parameters
    ----------
    r1 : float or ndarray
        R1, the proportion of the input that is recycled content (dimensionless, 0-1).
    a : float or ndarray
        A, the allocation factor of burdens and credits between supplier and user of recycled
        material (dimensionless, 0.2-0.8 in Annex C).
    ev : float or ndarray
        Ev, kg CO2e per kg of virgin material (acquisition and pre-processing).
    erec : float or ndarray
        Erec, kg CO2e per kg of recycled material (recycling process of the recycled input,
        collection and sorting included).
    qsin_qp : float or ndarray
        Qsin/Qp, quality of the ingoing secondary material relative to primary (dimensionless).
    r2 : float or ndarray
        R2, the proportion of the material that is recycled (or reused) at end of life.
    erec_eol : float or ndarray
        ErecEoL, kg CO2e per kg of the recycling process at end of life.
    ev_star : float or ndarray, optional
        Ev*, kg CO2e per kg of the virgin material the recycled output substitutes; default ``ev``.
    qsout_qp : float or ndarray
        Qsout/Qp, quality of the outgoing secondary material relative to primary.
    r3 : float or ndarray
        R3, the proportion of the material used for energy recovery at end of life.
    b : float or ndarray
        B, the allocation factor of energy recovery (0 by default in PEF).
    eer : float or ndarray
        EER, kg CO2e per kg of the energy-recovery process.
    lhv : float or ndarray
        LHV, lower heating value of the material, MJ per kg.
    x_er_heat, x_er_elec : float or ndarray
        XER,heat and XER,elec, efficiencies of the energy recovery for heat and electricity
        (dimensionless, MJ out per MJ of LHV).
    e_se_heat, e_se_elec : float or ndarray
        ESE,heat and ESE,elec, kg CO2e per MJ of the heat and electricity substituted.
    ed : float or ndarray
        ED, kg CO2e per kg of disposal (landfill, incineration without energy recovery).

    Returns
    -------
    CircularFootprint
        Every term apart, in kg CO2e per kg of material; credits negative.

    References
    ----------
    Commission Recommendation (EU) 2021/2279 of 15 December 2021 on the use of the Environmental
    Footprint methods, Annex I (PEF method), section 4.4.8 (OJ L 471, 30.12.2021; corrigendum
    OJ L 144, 23.5.2022). Default parameters: the EC's "Annex C" list (version 2.1, May 2020).

    Examples
    --------
    Stainless steel, hand-worked: R1 = 0.5 recycled content, A = 0.2 and Qs/Qp = 1 (Annex C,
    metals), Ev = 6.8, Erec = 1.95 kg CO2e/kg; R2 = 0.9 recycled at end of life with
    ErecEoL = 0.021, Ev* = Ev; nothing to energy recovery; ED = 0 for the rest.

    - virgin: (1 - 0.5) x 6.8 = 3.4
    - recycled content: 0.5 x (0.2 x 1.95 + 0.8 x 6.8 x 1) = 0.5 x 5.83 = 2.915
    - recycling burden: 0.8 x 0.9 x 0.021 = 0.01512
    - recycling credit: -0.8 x 0.9 x 6.8 x 1 = -4.896

    >>> terms = circular_footprint(r1=0.5, a=0.2, ev=6.8, erec=1.95, r2=0.9, erec_eol=0.021)
    >>> round(terms.virgin, 6), round(terms.recycled_content, 6)
    (3.4, 2.915)
    >>> round(terms.recycling_burden, 6), round(terms.recycling_credit, 6)
    (0.01512, -4.896)
    >>> round(terms.total, 6), {m: round(v, 6) for m, v in terms.by_module().items()}
    (1.43412, {'A1-A3': 6.315, 'C': 0.01512, 'D': -4.896})
    """
    ev_star = ev if ev_star is None else ev_star
    return CircularFootprint(
        virgin=(1 - r1) * ev,
        recycled_content=r1 * (a * erec + (1 - a) * ev * qsin_qp),
        recycling_burden=(1 - a) * r2 * erec_eol,
        recycling_credit=-(1 - a) * r2 * ev_star * qsout_qp,
        energy_recovery_burden=(1 - b) * r3 * eer,
        energy_recovery_credit=-(1 - b) * r3 * lhv * (x_er_heat * e_se_heat + x_er_elec * e_se_elec),
        disposal=(1 - r2 - r3) * ed,
    )
