<?xml version="1.0" encoding="UTF-8"?>
<!--
  The one place where TEI text becomes Typst source.

  Every character of the edition reaches Typst inside a string literal. Typst
  reads a string literal verbatim except for two characters, the backslash and
  the double quote, which are escaped here; none of markup's special characters
  (# $ * _ @ < > [ ] ~ = - / ' " and the rest) has any meaning inside one, and
  no smart quote, dash or ellipsis is made from it. Runs of white space fold to
  one space, as a reader of the XML sees them.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tp="urn:teikit:print"
    exclude-result-prefixes="#all">

  <!-- A Typst string literal, for code: function arguments, metadata. -->
  <xsl:function name="tp:string" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:variable name="folded" select="replace(string($text), '\s+', ' ')"/>
    <xsl:sequence select="'&quot;' || replace(replace($folded, '\\', '\\\\'), '&quot;', '\\&quot;') || '&quot;'"/>
  </xsl:function>

  <!-- The same literal embedded in markup. The semicolon closes the embedded
       expression, so whatever markup follows can never extend it. -->
  <xsl:function name="tp:text" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="'#' || tp:string($text) || ';'"/>
  </xsl:function>

  <!-- Every text node, in every mode, goes through tp:text: there is no other way
       for TEI text to reach the output. White space at the start and end of a
       block is dropped, as print drops it; Typst would keep it. -->
  <xsl:template match="text()" mode="#all">
    <xsl:variable name="block" select="ancestor::*[local-name() = $tp:blocks][1]"/>
    <xsl:variable name="inside" select="ancestor-or-self::node()[. &gt;&gt; $block]"/>
    <xsl:variable name="first" select="exists($block) and empty($inside/preceding-sibling::node())
      or preceding-sibling::node()[1][local-name() = $tp:own-line]"/>
    <xsl:variable name="last" select="exists($block) and empty($inside/following-sibling::node())
      or following-sibling::node()[1][local-name() = ($tp:own-line, $tp:hugging)]"/>
    <xsl:variable name="start" select="if ($first) then replace(., '^\s+', '') else string(.)"/>
    <xsl:variable name="text" select="if ($last) then replace($start, '\s+$', '') else $start"/>
    <xsl:if test="$text != ''">
      <xsl:value-of select="tp:text(if (ancestor::*[local-name() = 'text']) then tp:dashes($text) else $text)"/>
    </xsl:if>
  </xsl:template>

  <!-- A typescript's double hyphen is its dash: the text of a document prints two hyphens (not three)
       as an em dash. The TEI keeps its characters; only the print changes. -->
  <xsl:function name="tp:dashes" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="replace(replace($text, '(^|[^\-])--([^\-]|$)', '$1&#x2014;$2'), '(^|[^\-])--([^\-]|$)', '$1&#x2014;$2')"/>
  </xsl:function>

  <!-- Elements printed on a line of their own inside a paragraph (a gap's marker),
       and elements that cling to the word before them (a footnote's call). -->
  <xsl:variable name="tp:own-line" as="xs:string+" select="'gap'"/>
  <xsl:variable name="tp:hugging" as="xs:string+" select="'note'"/>

  <xsl:variable name="tp:blocks" as="xs:string+" select="
    'p', 'ab', 'head', 'item', 'speaker', 'note', 'desc', 'dateline', 'salute', 'signed', 'label',
    'l', 'cell', 'licence', 'bibl', 'addrLine', 'resp'"/>

</xsl:stylesheet>
