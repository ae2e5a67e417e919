"""The call's rules in plain Python: no Flask, no database."""
