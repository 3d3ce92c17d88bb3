<?xml version="1.0" encoding="UTF-8"?>
<!-- The ledger of omissions and uncertainties. Each gap, uncertain insertion or
     reading, and translator's query leaves an invisible mark where it stands;
     the ledger at the back lists the marks with the pages Typst found them on. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tp="urn:teikit:print"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template name="ledger-mark">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="wording" as="xs:string" select="tp:plain(.)"/>
    <xsl:text>#ledger-mark(document: </xsl:text>
    <xsl:value-of select="tp:string(tp:running-title(root(.)))"/>
    <xsl:text>, where: </xsl:text>
    <xsl:value-of select="tp:string(tp:where(.))"/>
    <xsl:text>, kind: </xsl:text>
    <xsl:value-of select="tp:string($kind)"/>
    <xsl:text>, wording: </xsl:text>
    <xsl:value-of select="tp:string($wording)"/>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <!-- Where in its document a mark stands, in the words a reader would use. -->
  <xsl:function name="tp:where" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="sp" select="$node/ancestor::*[self::sp or self::u][1]"/>
    <xsl:variable name="before" select="$node/preceding::*[self::sp or self::u][1]"/>
    <xsl:variable name="section" select="$node/ancestor::div[head][1]"/>
    <xsl:sequence select="
      if ($sp) then tp:turn-number($sp)
      else if ($before) then 'after ' || tp:turn-number($before)
      else if ($node/following::sp) then 'before 1'
      else if ($section) then '§ ' || tp:plain($section/head[1])
      else '–'"/>
  </xsl:function>

  <xsl:template name="ledger">
    <xsl:text>#part([Omissions and uncertainties], running: [Omissions and uncertainties])&#10;&#10;</xsl:text>
    <xsl:text>#ledger-intro()&#10;&#10;#ledger()&#10;</xsl:text>
  </xsl:template>

</xsl:stylesheet>
