<?xml version="1.0" encoding="UTF-8"?>
<!-- What the edition-wide parts of the book (the date, the principles, the indexes, the encoding)
     need of each document, as one small element: the persons and places it mentions (each with
     its first mention's heading and sort key), the counts and kinds of markup the principles
     speak of, its editorial declarations. The book's parts are made from these alone, so that a
     large book can transform its documents one at a time and gather their summaries
     (teikit.printing.book) instead of holding the whole corpus in one transform. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tp="urn:teikit:print"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template match="TEI" mode="summary">
    <xsl:variable name="text" select="text"/>
    <tp:doc number="{tp:number(.)}"
        latest="{max((root(.)//teiHeader//date/@when)[. castable as xs:date] ! xs:date(.))}"
        supplied="{count($text//supplied)}"
        gaps="{count($text//gap)}"
        dashes="{exists($text//text()[contains(., '--')])}"
        translated="{exists(root(.)[.//titleStmt/respStmt/resp[contains(lower-case(.), 'translat')]
          or .//langUsage/language[contains(lower-case(.), 'translat')]])}"
        russian="{exists(root(.)//langUsage/language[contains(., 'Russian')] | root(.)//note[@type = 'original-language'][contains(., 'Russian')])}"
        editorial="{exists($text//note[@type = 'editorial'])}"
        readings="{exists($text//(choice | app))}"
        pages="{exists($text//pb)}"
        turns="{exists($text//(sp | u))}">
      <xsl:for-each-group select="root(.)//text//(sp[@who] | u[@who] | persName[@ref])" group-by="tp:keys(., 'person-key')">
        <tp:person key="{current-grouping-key()}" sort="{tp:index-sort-key(current-grouping-key(), current-group()[1])}">
          <xsl:call-template name="index-heading">
            <xsl:with-param name="key" select="current-grouping-key()"/>
            <xsl:with-param name="mention" select="current-group()[1]"/>
          </xsl:call-template>
        </tp:person>
      </xsl:for-each-group>
      <xsl:for-each-group select="root(.)//text//(placeName | settlement[not(ancestor::placeName)] | country[not(ancestor::placeName)])"
          group-by="tp:keys(., 'place-key')">
        <tp:place key="{current-grouping-key()}" name="{tp:place-name(current-grouping-key(), current-group()[1])}"/>
      </xsl:for-each-group>
      <xsl:for-each select="teiHeader/encodingDesc/editorialDecl/*">
        <tp:declaration name="{local-name()}">
          <xsl:for-each select="p">
            <tp:p text="{normalize-space()}" numbers="{tp:number(.)}">
              <xsl:apply-templates mode="principles"/>
            </tp:p>
          </xsl:for-each>
        </tp:declaration>
      </xsl:for-each>
    </tp:doc>
  </xsl:template>

  <!-- A mention's index keys, found by a template so that a failure (a prefixDef's pattern that
       does not compile) is said at the mention, as common.xsl says one in the text. -->
  <xsl:function name="tp:keys" as="xs:string*">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="$kind = 'person-key'">
        <xsl:apply-templates select="$mention" mode="person-key"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$mention" mode="place-key"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:template match="sp | u" mode="person-key">
    <xsl:sequence select="tp:speaker-keys(.)"/>
  </xsl:template>

  <xsl:template match="persName" mode="person-key">
    <xsl:sequence select="tp:name-key(.)"/>
  </xsl:template>

  <xsl:template match="*" mode="place-key">
    <xsl:sequence select="tp:place-key(.)"/>
  </xsl:template>

</xsl:stylesheet>
