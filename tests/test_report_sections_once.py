"""Each section of the HTML report appears once (no section included twice)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import lcacompare
from lcacompare.report.html import render_html

SHIPPED = Path(lcacompare.__file__).resolve().parent / "data" / "cases"


def test_every_element_id_of_the_kocher_clamp_report_is_unique_under_both_versions(home) -> None:
    case = lcacompare.load_case(SHIPPED / "kocher-clamp.yaml")
    for method in ("LCAC-HC/1", "LCAC-HC/2"):
        html = render_html(lcacompare.analyse(case, samples=0, home=home, method=method).result)
        ids = Counter(re.findall(r'\bid="([^"]+)"', html))
        assert ids["supply"] == 1, method
        assert [name for name, count in ids.items() if count > 1] == [], method
