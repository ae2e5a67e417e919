"""CSV import of actors and funding schemes: ``flask import actors|schemes FILE``.

All or nothing: a file with any bad line imports nothing and lists every bad line
(line number, column, reason). A good file imports every line; importing it again
updates the same records instead of creating duplicates.

- :mod:`.reader`: bytes to rows (encoding, separator, header, line numbers).
- :mod:`.records`: what every record type shares (reference lookups, checks of the
  whole file, the report).
- :mod:`.actors`, :mod:`.schemes`: one parser and importer per record type.
- :mod:`.cli`: the ``flask import`` commands and the error list they print.
"""
