"""The print edition: TEI to Typst source (XSLT 3.0 in ``xslt/print/``) to tagged, archivable PDF."""
