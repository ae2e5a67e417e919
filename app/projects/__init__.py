"""Funded projects and their public portfolio (to come after the shared call).

Same layer as ``app.calls`` in the import contracts (pyproject.toml), independent of it.
"""
