"""Analysis sections read from the compiled case: inputs (provenance of every number) and transparency.

They sit above the report package: the renderers get these sections inside the typed
:class:`~lcacompare.result.Result` and never read the compiled case themselves.
"""
