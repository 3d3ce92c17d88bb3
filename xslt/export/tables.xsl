<?xml version="1.0" encoding="UTF-8"?>
<!--
  A TEI document as the rows of the edition's tables (after ParlaMint's per-utterance tables):
  one row per turn, the text between turns (headings, narrative, an article's paragraphs) as rows
  of their own, the document's row, and the persons and places it lists or names. The output is
  JSON; teikit.export.tables writes it as CSV, TSV or JSON with a Frictionless datapackage.json.

  The text of each row is the text `teikit export text` writes, taken from text.xsl itself: the
  templates that render a turn there are wrapped here in private-use marks, so the rows, joined,
  are the document's export text, word for word.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:x="urn:teikit:export"
    default-mode="x:tables"
    exclude-result-prefixes="#all">

  <!-- text.xsl brings common.xsl with it. -->
  <xsl:import href="text.xsl"/>

  <xsl:output method="json" encoding="UTF-8" indent="no"/>
  <xsl:mode name="x:tables" use-accumulators="#all"/>
  <xsl:mode use-accumulators="#all"/>

  <!-- U+E000 n U+E001 … U+E002: the turn at position n of the document's text. -->
  <xsl:variable name="x:open" select="'&#xE000;'"/>
  <xsl:variable name="x:between" select="'&#xE001;'"/>
  <xsl:variable name="x:close" select="'&#xE002;'"/>

  <xsl:template match="tei:sp | tei:u" mode="block" as="xs:string*" priority="10">
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:next-match/>
    </xsl:variable>
    <xsl:variable name="mark" select="$x:open || accumulator-before('x:turn-position') || $x:between"/>
    <xsl:choose>
      <xsl:when test="count($blocks) le 1">
        <xsl:sequence select="$mark || string($blocks) || $x:close"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="$mark || head($blocks), $blocks[position() gt 1 and position() lt last()], $blocks[last()] || $x:close"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="/" mode="x:tables">
    <xsl:variable name="tei" select="tei:TEI"/>
    <xsl:variable name="rows" as="map(*)*">
      <xsl:if test="$tei/tei:text">
        <xsl:variable name="export-text">
          <xsl:apply-templates select="." mode="#unnamed"/>
        </xsl:variable>
        <xsl:sequence select="x:rows(string($export-text), .)"/>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="entries" select="(x:entries(., 'person'), x:entries(., 'place'))"/>
    <xsl:variable name="spoken" select="x:turns(.) ! x:speaker-ids(.)"/>
    <xsl:sequence select="map:merge((
        map { 'turns': array { $rows } },
        map { 'entries': array { $entries ! x:entry-row(., $spoken) } },
        if ($tei/tei:text) then map { 'document': x:document-row(., $rows) } else ()
      ))" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:template>

  <xsl:function name="x:rows" as="map(*)*">
    <xsl:param name="export-text" as="xs:string"/>
    <xsl:param name="document" as="document-node()"/>
    <xsl:variable name="turns" select="x:turns($document)"/>
    <xsl:variable name="pieces" as="map(*)*">
      <xsl:analyze-string select="$export-text" regex="{$x:open}(\d+){$x:between}([^{$x:close}]*){$x:close}" flags="s">
        <xsl:matching-substring>
          <xsl:sequence select="x:turn-row($turns[xs:integer(regex-group(1))], regex-group(2))"/>
        </xsl:matching-substring>
        <xsl:non-matching-substring>
          <xsl:for-each select="tokenize(., '\n\s*\n')[normalize-space()]">
            <xsl:sequence select="map { 'kind': 'text', 'text': normalize-space(.) }"/>
          </xsl:for-each>
        </xsl:non-matching-substring>
      </xsl:analyze-string>
    </xsl:variable>
    <xsl:variable name="date" select="x:date($document)"/>
    <xsl:variable name="place" select="x:place($document)"/>
    <xsl:for-each select="$pieces">
      <xsl:sequence select="map:merge((map { 'document': $stem, 'seq': position(), 'date': $date, 'place': $place }, .))"
                    xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="x:turn-row" as="map(*)">
    <xsl:param name="turn" as="element()"/>
    <xsl:param name="rendered" as="xs:string"/>
    <!-- The label as export text prints it opens the turn's text; it has a column of its own. -->
    <xsl:variable name="printed" select="if ($turn/tei:speaker) then tk:inline($turn/tei:speaker) else ''"/>
    <xsl:variable name="text" select="if ($printed and starts-with($rendered, $printed))
                                      then substring($rendered, string-length($printed) + 1) else $rendered"/>
    <xsl:sequence select="map {
        'kind': 'turn',
        'turn': x:turn-number($turn),
        'permalink': x:permalink($turn),
        'speaker': string-join(x:speaker-ids($turn), ' '),
        'speaker_name': x:speaker-name($turn),
        'label': if ($printed) then normalize-space($printed) else x:label($turn),
        'text': normalize-space($text),
        'persons': string-join(x:mentioned($turn, 'person'), '; '),
        'places': string-join(x:mentioned($turn, 'place'), '; '),
        'gaps': count($turn//tei:gap),
        'supplied': count($turn//tei:supplied),
        'notes': count($turn//tei:note)
      }"/>
  </xsl:function>

  <xsl:function name="x:document-row" as="map(*)">
    <xsl:param name="document" as="document-node()"/>
    <xsl:param name="rows" as="map(*)*"/>
    <xsl:variable name="turns" select="x:turns($document)"/>
    <xsl:sequence select="map {
        'document': $stem,
        'title': x:title($document),
        'date': x:date($document),
        'date_as_written': x:date-as-written($document),
        'place': x:place($document),
        'language': x:language($document),
        'turns': count($turns),
        'speakers': count(distinct-values($turns ! x:speaker-ids(.))),
        'words': sum($rows ! count(tokenize(?text))),
        'licence': x:licence($document),
        'tei': $stem || '.xml',
        'page': x:page()
      }"/>
  </xsl:function>

  <xsl:function name="x:entry-row" as="map(*)">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="spoken" as="xs:string*"/>
    <xsl:variable name="registered" select="x:registered($entry)"/>
    <xsl:variable name="id" select="x:entry-id($entry)"/>
    <xsl:sequence select="map {
        'table': if ($entry/self::tei:place) then 'places' else 'persons',
        'id': $id,
        'name': x:entry-name($entry),
        'kind': x:kind($entry),
        'wikidata': string(x:wikidata($entry)),
        'birth': string(((($registered, $entry)/tei:birth)[1] ! (string(@when), string(@notBefore), normalize-space()))[.][1]),
        'death': string(((($registered, $entry)/tei:death)[1] ! (string(@when), string(@notBefore), normalize-space()))[.][1]),
        'description': string((($registered, $entry)/(tei:occupation, tei:note, tei:desc))[1] ! normalize-space(string-join(.//text(), ' '))),
        'documents': if (root($entry)/tei:TEI/tei:text) then $stem else '',
        'turns': count($spoken[. = $id])
      }"/>
  </xsl:function>

</xsl:stylesheet>
