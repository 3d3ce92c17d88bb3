"""The web edition: the TEI documents as a static site (``teikit build web``)."""

from teikit.web.site import Site, build_site

__all__ = ["Site", "build_site"]
