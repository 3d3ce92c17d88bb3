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
    xmlns:x="urn:teikit:export"
    exclude-result-prefixes="#all">

  <!-- The turns' speakers, and where words meet across markup (words.xsl), as in the other exports. -->
  <xsl:include href="common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="paragraph-break" as="xs:string" select="'&#10;&#10;'"/>
  <xsl:variable name="line-break" as="xs:string" select="'&#10;'"/>

  <!-- TEI that teikit converted comes back as its transcript; any other TEI as plain text. -->
  <xsl:template match="/" priority="2">
    <xsl:choose>
      <xsl:when test="tei:TEI/tei:teiHeader/tei:encodingDesc/tei:appInfo/tei:application[@ident = 'teikit']">
        <xsl:next-match/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="blocks" as="xs:string*">
          <xsl:apply-templates select="(//tei:TEI | //tei:teiCorpus)[1]" mode="plain-document"/>
        </xsl:variable>
        <xsl:value-of select="string-join($blocks ! tk:tidy(.)[.], $paragraph-break) || $line-break"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="/">
    <xsl:variable name="source" select="tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl[@type = 'source']"/>
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:apply-templates select="$source/tei:bibl[@type = 'catalogue-record']" mode="block"/>
      <xsl:apply-templates select="tei:TEI/tei:text/tei:body/*" mode="block"/>
      <xsl:apply-templates select="$source/(tei:bibl[@type = 'source-note'], tei:distributor, tei:relatedItem)" mode="block"/>
      <xsl:variable name="footnotes" select="tei:TEI/tei:text/tei:body//tei:note[@type = 'footnote'][@place = 'foot']"/>
      <!-- "1. …" after a mark in digits; "[1] …" and "¹ …" as marks in brackets and superscript stand. -->
      <xsl:sequence select="string-join($footnotes ! (@n || (if (matches(@n, '^\d+$')) then '. ' else ' ') || tk:inline(.)), $line-break)[exists($footnotes)]"/>
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

  <xsl:template match="tei:div[@type = 'topic']/tei:head" mode="block" as="xs:string" priority="1">
    <xsl:sequence select="tk:render(.)"/>
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

  <!-- A number the editors gave a page (resp="#editors", by `teikit edit`) is not the transcript's. -->
  <xsl:template match="tei:pb[@n][not(@resp = '#editors')]" mode="inline block" as="xs:string">
    <xsl:sequence select="'[Page ' || @n || ']'"/>
  </xsl:template>

  <!-- What the transcript printed about the scene, in its own brackets or parentheses. -->
  <xsl:template match="tei:stage[@rend = ('brackets', 'parentheses')] | tei:incident[@rend = ('brackets', 'parentheses')]"
      mode="inline block" as="xs:string">
    <xsl:variable name="words" select="if (self::tei:incident) then string-join(tei:desc ! tk:inline(.), ' ') else tk:inline(.)"/>
    <xsl:sequence select="if (@rend = 'brackets') then '[' || $words || ']' else '(' || $words || ')'"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="inline" as="xs:string">
    <xsl:sequence select="'[' || string(tei:desc) || ']'"/>
  </xsl:template>

  <!-- Editors' notes are not the source's words (docs/encoding.md): the transcript has nothing for them. -->
  <xsl:template match="tei:text//tei:note[@type = 'editorial']" mode="inline block" priority="1"/>

  <!-- Nor are the words the editors supplied, or their correction beside the witness's <sic>
       (`teikit edit` marks both resp="#editors"). -->
  <xsl:template match="tei:supplied[@resp = '#editors'] | tei:choice/tei:corr[@resp = '#editors']" mode="inline" priority="2"/>

  <!-- A footnote the transcript printed at its end, encoded at its mark: here the mark, the note at the end. -->
  <xsl:template match="tei:text//tei:note[@type = 'footnote'][@place = 'foot']" mode="inline" priority="2" as="xs:string">
    <xsl:sequence select="string(@n)"/>
  </xsl:template>

  <!-- A translator's note stood in its brackets, in the text or in the catalogue's citation or summary;
       so did a source note the converter found in the citation ("[Source: …]"). -->
  <xsl:template match="tei:supplied | tei:text//tei:note | tei:note[@type = 'translator']
                       | tei:note[@type = 'source'][@place = 'inline']" mode="inline" as="xs:string">
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

  <!-- ===== plain text of any TEI: every word of its text, in reading order ===== -->

  <!-- A paragraph as a reader wants it: each line's white space folded, blank lines dropped. -->
  <xsl:function name="tk:tidy" as="xs:string">
    <xsl:param name="block" as="xs:string"/>
    <xsl:sequence select="string-join(tokenize($block, '&#10;') ! normalize-space(.)[.], $line-break)"/>
  </xsl:function>

  <xsl:template match="tei:teiCorpus" mode="plain-document" as="xs:string*">
    <xsl:apply-templates select="tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[1]" mode="plain-title"/>
    <xsl:apply-templates select="tei:TEI | tei:teiCorpus" mode="plain-document"/>
  </xsl:template>

  <xsl:template match="tei:TEI" mode="plain-document" as="xs:string*">
    <xsl:apply-templates select="tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[1]" mode="plain-title"/>
    <xsl:apply-templates select="tei:text" mode="plain"/>
  </xsl:template>

  <xsl:template match="tei:title" mode="plain-title" as="xs:string">
    <xsl:sequence select="normalize-space(string(.))"/>
  </xsl:template>

  <!-- Blocks: an element whose children include blocks is their sequence; any other element is one
       paragraph of its words. Nothing is skipped: an element without a template keeps its text. -->
  <xsl:template match="*" mode="plain" as="xs:string*">
    <xsl:choose>
      <xsl:when test="tk:holds-blocks(.)">
        <xsl:for-each-group select="node()" group-adjacent="tk:is-block(.)">
          <xsl:choose>
            <xsl:when test="current-grouping-key()">
              <xsl:apply-templates select="current-group()" mode="plain"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:variable name="words" select="string-join(current-group() ! tk:plain-inline(.))"/>
              <xsl:sequence select="$words[normalize-space()]"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each-group>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="tk:plain-inline(.)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A turn: who speaks, then what is said ("sp" with or without its "speaker", "u" with @who). -->
  <xsl:template match="tei:sp | tei:u" mode="plain" as="xs:string*">
    <xsl:variable name="who" select="if (tei:speaker) then normalize-space(string-join(tei:speaker ! tk:plain-inline(.)))
                                     else x:label(.)"/>
    <xsl:variable name="said" as="xs:string*">
      <xsl:choose>
        <xsl:when test="tk:holds-blocks(.)">
          <xsl:apply-templates select="node() except tei:speaker" mode="plain"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="string-join((node() except tei:speaker) ! tk:plain-inline(.))"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="said" select="$said[normalize-space()]"/>
    <xsl:variable name="label" select="if ($who and not(matches($who, '[:.]$'))) then $who || ':' else $who"/>
    <xsl:sequence select="if ($label) then (string-join(($label, head($said)), ' '), tail($said)) else $said"/>
  </xsl:template>

  <!-- A line of verse, numbered where the source numbers it. -->
  <xsl:template match="tei:l" mode="plain" as="xs:string">
    <xsl:sequence select="(if (@n) then @n || '  ' else '') || normalize-space(tk:plain-inline(.))"/>
  </xsl:template>

  <xsl:template match="tei:lg" mode="plain" as="xs:string*">
    <xsl:variable name="lines" as="xs:string*">
      <xsl:apply-templates select="*" mode="plain"/>
    </xsl:variable>
    <xsl:sequence select="string-join($lines, $line-break)"/>
  </xsl:template>

  <xsl:template match="tei:table" mode="plain" as="xs:string*">
    <xsl:apply-templates select="tei:head" mode="plain"/>
    <xsl:sequence select="string-join(tei:row ! string-join(tei:cell ! normalize-space(tk:plain-inline(.)), ' | '), $line-break)"/>
  </xsl:template>

  <xsl:template match="tei:list" mode="plain" as="xs:string*">
    <xsl:apply-templates select="tei:head" mode="plain"/>
    <xsl:sequence select="string-join(* except tei:head ! ((if (self::tei:item) then '- ' else '') || normalize-space(tk:plain-inline(.))), $line-break)"/>
  </xsl:template>

  <!-- A variant apparatus or an alternative between blocks: one reading, as in running text. -->
  <xsl:template match="tei:app | tei:choice" mode="plain" as="xs:string*">
    <xsl:apply-templates select="tk:reading(.)" mode="plain"/>
  </xsl:template>

  <xsl:function name="tk:is-block" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node instance of element() and (local-name($node) = $x:text-blocks or tk:holds-blocks($node))
                          and not($node/self::tei:note or $node/self::tei:app or $node/self::tei:choice)
                          or ($node/(self::tei:note | self::tei:app | self::tei:choice) and tk:holds-blocks($node))"/>
  </xsl:function>

  <xsl:function name="tk:holds-blocks" as="xs:boolean">
    <xsl:param name="element" as="node()?"/>
    <xsl:sequence select="$element instance of element() and not($element/text()[normalize-space()])
                          and (exists($element/*[local-name() = $x:text-blocks])
                          or (some $alternatives in $element/(tei:app | tei:choice)
                              satisfies tk:holds-blocks(tk:reading($alternatives))))"/>
  </xsl:function>

  <!-- ===== running words of any TEI ===== -->

  <xsl:function name="tk:plain-inline" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$node" mode="plain-inline"/>
    </xsl:variable>
    <xsl:sequence select="string-join($parts)"/>
  </xsl:function>

  <xsl:function name="tk:reading" as="element()?">
    <xsl:param name="alternatives" as="element()"/>
    <xsl:sequence select="if ($alternatives/self::tei:app)
                          then ($alternatives/tei:lem, $alternatives/tei:rdgGrp[tei:lem]/tei:lem, $alternatives/(tei:rdg | tei:rdgGrp))[1]
                          else ($alternatives/(tei:reg | tei:corr | tei:expan | tei:choice), $alternatives/*)[1]"/>
  </xsl:function>

  <xsl:template match="text()" mode="plain-inline" as="xs:string">
    <xsl:sequence select="x:text(.)"/>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="plain-inline"/>

  <xsl:template match="*" mode="plain-inline" as="xs:string*">
    <xsl:apply-templates select="node()" mode="plain-inline"/>
  </xsl:template>

  <!-- A line break ends a line unless it falls inside a word; the other markers add nothing (words.xsl). -->
  <xsl:template match="tei:lb" mode="plain-inline" as="xs:string">
    <xsl:sequence select="if (x:word-break(.)) then '' else $line-break"/>
  </xsl:template>

  <xsl:template match="tei:cb | tei:pb | tei:milestone" mode="plain-inline" as="xs:string">
    <xsl:sequence select="''"/>
  </xsl:template>

  <xsl:template match="tei:app | tei:choice" mode="plain-inline" as="xs:string*">
    <xsl:apply-templates select="tk:reading(.)" mode="plain-inline"/>
  </xsl:template>

  <xsl:template match="tei:note" mode="plain-inline" as="xs:string">
    <xsl:sequence select="' [' || normalize-space(string-join(node() ! tk:plain-inline(.))) || '] '"/>
  </xsl:template>

  <!-- What happens rather than is said, set apart in brackets. -->
  <xsl:template match="tei:incident | tei:vocal | tei:kinesic | tei:pause | tei:shift | tei:writing" mode="plain-inline" as="xs:string*">
    <xsl:variable name="words" select="normalize-space(string-join(node() ! tk:plain-inline(.)))"/>
    <xsl:sequence select="' [' || ($words[.], local-name())[1] || '] '"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="plain-inline" as="xs:string">
    <xsl:sequence select="'[…' || (if (tei:desc) then ' ' || normalize-space(tei:desc) else '') || ']'"/>
  </xsl:template>

  <xsl:template match="tei:figure" mode="plain-inline" as="xs:string*">
    <xsl:apply-templates select="node()" mode="plain-inline"/>
  </xsl:template>

  <!-- Block elements met inside running text (a p inside a note, a list in a cell) stay apart, as in
       the other exports (words.xsl). -->
  <xsl:template match="*[x:spaced(.)]" mode="plain-inline" as="xs:string*" priority="-0.25">
    <xsl:sequence select="' '"/>
    <xsl:apply-templates select="node()" mode="plain-inline"/>
    <xsl:sequence select="' '"/>
  </xsl:template>

  <xsl:template match="tei:cell" mode="plain-inline" as="xs:string*">
    <xsl:apply-templates select="node()" mode="plain-inline"/>
    <xsl:sequence select="' | '"/>
  </xsl:template>

</xsl:stylesheet>
