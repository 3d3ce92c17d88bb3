<?xml version="1.0" encoding="UTF-8"?>
<!--
  The reading view of `teikit edit`: a document's text as the web edition renders it (the web's
  mode "text" and mode "footnote" of xslt/web/text.xsl, with xslt/web/common.xsl), with every text
  node and every element numbered in document order, so that a selection in the page names the
  same nodes the server edits: a text node's span carries data-t, an element's wrapper data-e.
  Nothing of the web's rendering is copied; the numbering wraps around it (xsl:next-match).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:w="urn:teikit:web"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:import href="../web/common.xsl"/>
  <xsl:import href="../web/text.xsl"/>

  <xsl:mode use-accumulators="#all"/>
  <xsl:output method="html" html-version="5" indent="no" encoding="UTF-8" omit-xml-declaration="yes"/>

  <!-- Numbers from 0, as the editor's server counts them (teikit.edit.actions). -->
  <xsl:accumulator name="text-number" as="xs:integer" initial-value="-1">
    <xsl:accumulator-rule match="text()" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="element-number" as="xs:integer" initial-value="-1">
    <xsl:accumulator-rule match="*" select="$value + 1"/>
  </xsl:accumulator>

  <!-- After an action, only the turns it changed are rendered: those from the element numbered
       $first to the one numbered $last (siblings), and the list of notes when they hold one. -->
  <xsl:param name="first" as="xs:integer" select="-1"/>
  <xsl:param name="last" as="xs:integer" select="-1"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$first ge 0">
        <xsl:variable name="turns" select="TEI/text//sp"/>
        <xsl:variable name="from" select="$turns[accumulator-before('element-number') eq $first]"/>
        <xsl:variable name="to" select="$turns[accumulator-before('element-number') eq $last]"/>
        <xsl:variable name="changed" select="$from | $from/following-sibling::node()[. &lt;&lt; $to] | $to"/>
        <div class="patch"><xsl:apply-templates select="$changed" mode="text"/></div>
        <!-- The notes outside these turns are as they were (only their numbers move). -->
        <xsl:if test="$changed//note"><xsl:call-template name="notes"/></xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <div class="reading-text">
          <xsl:apply-templates select="TEI/text/(front, body, back)" mode="text"/>
          <xsl:call-template name="notes"/>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="notes">
    <xsl:if test="TEI/text//note">
      <section class="notes" aria-label="Notes">
        <h2>Notes</h2>
        <ol><xsl:apply-templates select="TEI/text//note" mode="footnote"/></ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="text()" mode="text">
    <span data-t="{accumulator-before('text-number')}"><xsl:value-of select="."/></span>
  </xsl:template>

  <!-- What an action can point at: turns, names, the editors' marks, notes, page breaks. -->
  <xsl:template match="sp | persName | placeName | date | supplied | unclear | choice | note | pb | gap" mode="text" priority="10">
    <xsl:element name="{if (self::sp or (self::pb | self::gap)[w:in-block(.)]) then 'div' else 'span'}">
      <xsl:attribute name="data-e" select="accumulator-before('element-number')"/>
      <xsl:attribute name="data-kind" select="local-name()"/>
      <xsl:if test="self::note"><xsl:attribute name="data-type" select="@type"/></xsl:if>
      <xsl:if test="self::supplied and @resp"><xsl:attribute name="data-resp" select="@resp"/></xsl:if>
      <!-- A page break, or the mark of an editors' note, has no words of the text to put the cursor
           in: it is a button of its own (a click, or Enter) that opens its dialog. -->
      <xsl:if test="self::pb">
        <xsl:attribute name="role" select="'button'"/>
        <xsl:attribute name="tabindex" select="0"/>
        <xsl:attribute name="aria-label" select="(if (@n) then 'Page ' || @n else 'Page break') || ': set its number and facsimile'"/>
      </xsl:if>
      <xsl:if test="self::note[@type = 'editorial']">
        <xsl:attribute name="role" select="'button'"/>
        <xsl:attribute name="tabindex" select="0"/>
        <xsl:attribute name="aria-label" select="'Editors’ note: edit or remove it'"/>
      </xsl:if>
      <xsl:next-match/>
    </xsl:element>
  </xsl:template>

  <!-- The witness's reading shows; the editors' correction beside it. -->
  <xsl:template match="choice" mode="text">
    <span class="choice">
      <xsl:apply-templates select="sic/node()" mode="text"/>
      <span class="corr" title="Corrected by the editors">
        <xsl:text> [</xsl:text><xsl:value-of select="corr"/><xsl:text>]</xsl:text>
      </span>
    </span>
  </xsl:template>

  <xsl:template match="note" mode="footnote" priority="10">
    <xsl:variable name="item" as="element()"><xsl:next-match/></xsl:variable>
    <li data-e="{accumulator-before('element-number')}" data-kind="note" data-type="{@type}">
      <xsl:copy-of select="$item/@*, $item/node()"/>
    </li>
  </xsl:template>
</xsl:stylesheet>
