"""Checking TEI files: well-formedness, the edition's profile, RELAX NG, Schematron."""
