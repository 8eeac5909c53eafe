"""Supplier data exchange: request workbooks, their import, PACT footprints, claims, declared vs computed.

Modules, one job each: :mod:`~lcacompare.exchange.template` (the workbook layout),
:mod:`~lcacompare.exchange.request` (write a request), :mod:`~lcacompare.exchange.read` (read a
filled one), :mod:`~lcacompare.exchange.to_case` (answers to a case with provenance),
:mod:`~lcacompare.exchange.importer` (read, validate, write), :mod:`~lcacompare.exchange.pact`
(PACT footprints in and out), :mod:`~lcacompare.exchange.claims` (claims and their evidence),
:mod:`~lcacompare.exchange.declared` (declared versus computed) and
:mod:`~lcacompare.exchange.engine_inputs` (the one adapter to the engine).
"""
