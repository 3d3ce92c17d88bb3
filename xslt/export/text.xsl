<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI back to the transcript's own conventions: speaker labels, square brackets,
  **bold**, *italics*, [links](…), == headings ==, a blank line for a page break.

  Nothing is normalised here: the result must equal the transcript the TEI was
  made from, character for character once runs of white space are folded
  (`teikit check` compares them). The archive's description that the converter
  moved into the header is written back where the archive printed it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="#all">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="paragraph-break" as="xs:string" select="'&#10;&#10;'"/>
  <xsl:variable name="line-break" as="xs:string" select="'&#10;'"/>

  <xsl:template match="/">
    <xsl:variable name="source" select="tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl[@type = 'source']"/>
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:apply-templates select="$source/tei:bibl[@type = 'catalogue-record']" mode="block"/>
      <xsl:apply-templates select="tei:TEI/tei:text/tei:body/*" mode="block"/>
      <xsl:apply-templates select="$source/(tei:bibl[@type = 'source-note'], tei:distributor, tei:relatedItem)" mode="block"/>
    </xsl:variable>
    <xsl:value-of select="string-join($blocks, $paragraph-break) || $line-break"/>
  </xsl:template>

  <!-- ===== blocks: each template returns the paragraphs it stands for ===== -->

  <xsl:template match="tei:bibl[@type = 'catalogue-record']" mode="block" as="xs:string*">
    <xsl:sequence select="tei:date ! tk:render(.)"/>
    <xsl:sequence select="tei:title ! tk:render(.)"/>
    <xsl:if test="tei:bibl[@type = 'citation']">
      <xsl:sequence select="'Citation:', tk:render(tei:bibl[@type = 'citation'])"/>
    </xsl:if>
    <xsl:if test="/tei:TEI/tei:teiHeader/tei:profileDesc/tei:abstract">
      <xsl:sequence select="'Summary:', /tei:TEI/tei:teiHeader/tei:profileDesc/tei:abstract/tei:p ! tk:render(.)"/>
    </xsl:if>
    <xsl:if test="tei:note[@type = 'credits']">
      <xsl:sequence select="'Credits:', tk:render(tei:note[@type = 'credits'])"/>
    </xsl:if>
    <xsl:if test="tei:note[@type = 'original-language']">
      <xsl:sequence select="'Original Language:', tk:render(tei:note[@type = 'original-language'])"/>
    </xsl:if>
    <xsl:if test="tei:textLang">
      <xsl:sequence select="'Contents:', tk:render(tei:textLang)"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:bibl[@type = 'source-note']" mode="block" as="xs:string">
    <xsl:sequence select="'[Source: ' || tk:inline(.) || ']'"/>
  </xsl:template>

  <xsl:template match="tei:distributor" mode="block" as="xs:string*">
    <xsl:sequence select="normalize-space(string-join(text()))"/>
    <xsl:sequence select="tei:orgName ! tk:render(.)"/>
    <xsl:sequence select="tei:address/tei:addrLine ! tk:render(.)"/>
  </xsl:template>

  <xsl:template match="tei:relatedItem" mode="block" as="xs:string*">
    <xsl:sequence select="tei:bibl/* ! tk:render(.)"/>
  </xsl:template>

  <xsl:template match="tei:div/tei:head" mode="block" as="xs:string">
    <xsl:variable name="marks" select="tk:heading-marks(parent::tei:div)"/>
    <xsl:variable name="space" select="if (@rend = 'compact') then '' else ' '"/>
    <xsl:sequence select="$marks || $space || tk:inline(.) || $space || $marks"/>
  </xsl:template>

  <xsl:template match="tei:milestone[@rend = 'rule']" mode="block" as="xs:string">---</xsl:template>

  <!-- A page break between paragraphs came from a form feed, which XSLT cannot write
       (XML has no such character); the paragraph break around it stands for it. -->
  <xsl:template match="tei:pb" mode="block"/>

  <xsl:template match="tei:sp" mode="block" as="xs:string*">
    <xsl:variable name="label" select="tk:inline(tei:speaker)"/>
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:apply-templates select="* except tei:speaker" mode="block"/>
    </xsl:variable>
    <xsl:sequence select="($label || ' ' || head($blocks)), tail($blocks)"/>
  </xsl:template>

  <xsl:template match="tei:div" mode="block" as="xs:string*">
    <xsl:apply-templates select="*" mode="block"/>
  </xsl:template>

  <xsl:template match="tei:list" mode="block" as="xs:string*">
    <xsl:sequence select="tei:item ! tk:render(.)"/>
  </xsl:template>

  <!-- p, head, opener, gap, and anything the edition does not know: their text, as one paragraph. -->
  <xsl:template match="*" mode="block" as="xs:string">
    <xsl:sequence select="tk:render(.)"/>
  </xsl:template>

  <xsl:function name="tk:heading-marks" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="level" as="xs:integer"
        select="(index-of(('section', 'subsection', 'subsubsection', 'paragraph', 'subparagraph'), string($div/@type)) + 1,
                 count($div/ancestor-or-self::tei:div) + 1)[1]"/>
    <xsl:sequence select="string-join((1 to $level) ! '=')"/>
  </xsl:function>

  <!-- ===== running text ===== -->

  <!-- An element with its own delimiters (a bold head keeps its **). -->
  <xsl:function name="tk:render" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$element" mode="inline"/>
    </xsl:variable>
    <xsl:sequence select="string-join($parts)"/>
  </xsl:function>

  <!-- The content of an element. -->
  <xsl:function name="tk:inline" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$element/node()" mode="inline"/>
    </xsl:variable>
    <xsl:sequence select="string-join($parts)"/>
  </xsl:function>

  <xsl:template match="text()" mode="inline" as="xs:string">
    <xsl:sequence select="string(.)"/>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="inline"/>

  <xsl:template match="tei:lb" mode="inline" as="xs:string">
    <xsl:sequence select="$line-break"/>
  </xsl:template>

  <xsl:template match="tei:pb" mode="inline" as="xs:string">
    <xsl:sequence select="$paragraph-break"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="inline" as="xs:string">
    <xsl:sequence select="'[' || string(tei:desc) || ']'"/>
  </xsl:template>

  <!-- The editors' own words (what they supplied, their corrections beside the witness's <sic>,
       their notes) are not the transcript's: `teikit edit` marks them so, and they are left out. -->
  <xsl:template match="tei:supplied[@resp = '#editors'] | tei:choice/tei:corr | tei:text//tei:note[@type = 'editorial']"
                mode="inline" priority="2"/>

  <xsl:template match="tei:supplied | tei:text//tei:note" mode="inline" as="xs:string">
    <xsl:sequence select="'[' || tk:inline(.) || ']'"/>
  </xsl:template>

  <xsl:template match="*[@rend = 'bold']" mode="inline" as="xs:string">
    <xsl:sequence select="'**' || tk:inline(.) || '**'"/>
  </xsl:template>

  <xsl:template match="*[@rend = 'italic']" mode="inline" as="xs:string">
    <xsl:sequence select="'*' || tk:inline(.) || '*'"/>
  </xsl:template>

  <xsl:template match="tei:ref[@target]" mode="inline" as="xs:string">
    <xsl:sequence select="'[' || tk:inline(.) || '](' || @target || ')'"/>
  </xsl:template>

  <xsl:template match="tei:ptr[@target]" mode="inline" as="xs:string">
    <xsl:sequence select="'&lt;' || @target || '&gt;'"/>
  </xsl:template>

  <!-- Names, dates, quotations, foreign words, bibliographic parts, and elements the
       edition does not use: the markup goes, the words stay. -->
  <xsl:template match="*" mode="inline" as="xs:string">
    <xsl:sequence select="tk:inline(.)"/>
  </xsl:template>

</xsl:stylesheet>
