"""Exports of the edition's TEI to other forms."""
