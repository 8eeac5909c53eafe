"""PEF data quality (LCAC-HC/2, ``pef_data_quality``): per-input criteria, DQR and its roll-up per option.

:mod:`~lcacompare.quality.pef` is the arithmetic (DQR, levels, the pedigree mapping, the
penalty); :mod:`~lcacompare.quality.scoring` scores each inventory line of a compiled case;
:mod:`~lcacompare.quality.rollup` weights the lines by their CO2e and picks the most relevant.
"""

from lcacompare.quality.pef import Criteria, dqr, from_pedigree, level_of, penalised, worst
from lcacompare.quality.rollup import data_quality_section, most_relevant, weighted_dqr

__all__ = [
    "Criteria",
    "dqr",
    "from_pedigree",
    "level_of",
    "penalised",
    "worst",
    "weighted_dqr",
    "most_relevant",
    "data_quality_section",
]
