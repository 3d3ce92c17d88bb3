<?xml version="1.0" encoding="UTF-8"?>
<!-- The web edition: the one stylesheet teikit compiles for `teikit build web`.

     Applied to a TEI document, it writes the document's page (FILE.html beside the base output
     URI) and returns a summary of the document (w:document). Applied to the summaries of all
     documents (w:summaries), it writes the edition-wide pages. Each TEI file is thus read once,
     and the pages that span the edition never read a TEI file again. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:w="urn:teikit:web"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:include href="common.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="header.xsl"/>
  <xsl:include href="document.xsl"/>
  <xsl:include href="indexes.xsl"/>

  <xsl:output method="xml" omit-xml-declaration="yes" indent="no"/>
  <xsl:output name="page" method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="TEI">
        <xsl:apply-templates select="TEI" mode="page"/>
        <xsl:apply-templates select="TEI" mode="summary"/>
      </xsl:when>
      <xsl:when test="w:summaries/@parts">
        <xsl:apply-templates select="w:summaries" mode="w:parts"/>
      </xsl:when>
      <xsl:when test="w:summaries">
        <xsl:apply-templates select="w:summaries" mode="edition"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes">not a TEI document: its root element is <xsl:value-of select="name(*)"/>, not TEI in the namespace http://www.tei-c.org/ns/1.0</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
