"""The network's fixed codes, in plain Python (rules import them without the models)."""

IDF_DEPARTEMENTS = ("75", "77", "78", "91", "92", "93", "94", "95")
REGION_CODE = "IDF"
