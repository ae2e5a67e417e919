"""The shared core: what every feature stands on and none owns.

Database base and column types (``db``), string enums (``enums``), text cleaning and
folding (``text``), dates in Paris time (``dates``), money (``money``), rule violations
(``rules``), pagination (``pagination``), the audit trail (``audit``) and the audited
create/update helper (``records``), CSV safety (``csv``), shared form pieces (``forms``)
and what every HTML page shares (``web``). The core imports no feature.
"""
