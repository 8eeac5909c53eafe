"""``tests/bad_inputs/`` holds every bad case file of the hardening catalogues, as a corpus.

The catalogues in ``test_hardening_values.py`` and ``test_hardening_expressions.py`` build each bad
case as a mutation of ``tests/data/clamp.yaml``; each is also kept as a file here, so the corpus
can be run by hand (``lcacompare validate tests/bad_inputs/val-octal-uses.yaml``) or fed to a
fuzzer. Run ``python tests/test_bad_input_corpus.py`` to write missing or outdated files.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

if __package__ in (None, ""):  # run as a script: make ``tests`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import test_hardening_expressions, test_hardening_values
from tests.test_bad_inputs import BAD_FILES, BASE, DATASETS, Bad, run_cli

CATALOGUES: tuple[list[Bad], ...] = (test_hardening_values.CATALOGUE, test_hardening_expressions.CATALOGUE)
ENTRIES = [bad for catalogue in CATALOGUES for bad in catalogue]


def _content(bad: Bad) -> bytes:
    made = bad.make(BASE)
    return made if isinstance(made, bytes) else made.encode("utf-8")


@pytest.mark.parametrize("bad", ENTRIES, ids=[bad.id for bad in ENTRIES])
def test_every_catalogued_bad_case_is_kept_in_the_corpus(bad: Bad) -> None:
    file = BAD_FILES / f"{bad.id}.yaml"
    assert file.is_file(), f"{file.name} missing: run python tests/test_bad_input_corpus.py"
    assert file.read_bytes() == _content(bad), f"{file.name} outdated: run python tests/test_bad_input_corpus.py"


@pytest.mark.parametrize("name", sorted(p.name for p in BAD_FILES.glob("*.yaml")))
def test_every_corpus_file_exits_2_naming_the_file(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LCACOMPARE_DATASETS", str(DATASETS))
    monkeypatch.setenv("LCACOMPARE_DEBUG", "1")
    file = BAD_FILES / name
    outcome = run_cli("validate", str(file))
    assert outcome.code == 2, outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert str(file) in outcome.stderr


def test_the_corpus_grew_by_every_catalogued_bad_case() -> None:
    assert len(list(BAD_FILES.glob("*.yaml"))) >= len(ENTRIES) + 12


if __name__ == "__main__":
    for bad in ENTRIES:
        target = BAD_FILES / f"{bad.id}.yaml"
        if not target.is_file() or target.read_bytes() != _content(bad):
            target.write_bytes(_content(bad))
            print(f"wrote {target.relative_to(Path.cwd()) if target.is_relative_to(Path.cwd()) else target}")
