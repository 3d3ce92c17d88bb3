<?xml version="1.0" encoding="UTF-8"?>
<!-- The front matter: title page, imprint, and the editorial principles gathered
     from the documents' headers. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tp="urn:teikit:print"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template name="title-page">
    <xsl:variable name="published" select="$edition/publicationStmt/date"/>
    <xsl:text>#title-page(&#10;  title: [</xsl:text>
    <xsl:value-of select="tp:text(if ($scope = 'document') then tp:title($docs[1]) else $edition-title)"/>
    <xsl:text>],&#10;  editors: [</xsl:text>
    <xsl:value-of select="if (exists($editors)) then tp:text('Edited by ' || string-join($editors, ' and ')) else ''"/>
    <xsl:text>],&#10;  note: </xsl:text>
    <xsl:choose>
      <xsl:when test="$scope = 'document'">
        <xsl:text>[</xsl:text>
        <xsl:value-of select="tp:text('Document ' || $first-number || ' of ')"/>
        <xsl:text>#emph[</xsl:text>
        <xsl:value-of select="tp:text($edition-title)"/>
        <xsl:text>]]</xsl:text>
      </xsl:when>
      <xsl:otherwise>none</xsl:otherwise>
    </xsl:choose>
    <xsl:text>,&#10;  publisher: [</xsl:text>
    <xsl:value-of select="tp:text(normalize-space(($edition/publicationStmt/publisher)[1]))"/>
    <xsl:text>],&#10;  date: [</xsl:text>
    <xsl:value-of select="tp:text(($published[1]/@when ! tp:format-date(.), normalize-space($published[1]))[1])"/>
    <xsl:text>],&#10;)&#10;&#10;</xsl:text>
  </xsl:template>

  <xsl:template name="imprint">
    <xsl:variable name="publication" select="$edition/publicationStmt"/>
    <xsl:text>#imprint[</xsl:text>
    <xsl:text>#emph[</xsl:text>
    <xsl:value-of select="tp:text($edition-title)"/>
    <xsl:text>]</xsl:text>
    <xsl:variable name="published" select="string-join((normalize-space($publication/publisher[1]),
      ($publication/date[1]/@when ! tp:format-date(.), normalize-space($publication/date[1]))[. != ''][1])[. != ''], ', ')"/>
    <xsl:value-of select="tp:text('.' || (if (exists($editors)) then ' Edited by ' || string-join($editors, ' and ') || '.' else '')
      || (if ($published != '') then ' Published by ' || $published || '.' else ''))"/>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:for-each select="$publication/availability/(licence, p)">
      <xsl:apply-templates mode="source"/>
      <xsl:for-each select="self::licence/@target">
        <xsl:text> #link(</xsl:text>
        <xsl:value-of select="tp:string(.)"/>
        <xsl:text>)[</xsl:text>
        <xsl:value-of select="tp:text(.)"/>
        <xsl:text>]</xsl:text>
      </xsl:for-each>
      <xsl:text>&#10;&#10;</xsl:text>
    </xsl:for-each>
    <xsl:value-of select="tp:text('Typeset by teikit' || (if ($version) then ' ' || $version else '')
      || ' from the edition''s TEI encoding, in Libertinus Serif' || (if ($fonts) then ' (and the fonts of ' || $fonts || ')' else '') || ' with Typst. '
      || 'This file conforms to PDF/A-2a, for archiving, and to PDF/UA-1, for readers using assistive technology.')"/>
    <xsl:text>]&#10;&#10;</xsl:text>
  </xsl:template>

  <!-- The editorial principles, as an edition's preface states them: what the reader sees and
       what it means, from what the documents hold. How they are encoded in TEI is the appendix. -->
  <xsl:template name="principles">
    <xsl:variable name="translated" select="$tp:summary[@translated = 'true']"/>
    <xsl:text>#part([Editorial principles])&#10;&#10;</xsl:text>
    <xsl:for-each select="$register/TEI/teiHeader/encodingDesc/projectDesc/p">
      <xsl:apply-templates mode="principles"/>
      <xsl:text>&#10;&#10;</xsl:text>
    </xsl:for-each>
    <xsl:variable name="sentences" as="xs:string*" select="
      (if ($scope = 'document') then 'The document is printed complete, as its source gives it: '
        else 'Each document is printed complete, as its source gives it: ')
        || 'its words, spelling, punctuation and slips are those of the source, neither normalised nor corrected. '
        || (if ($tp:summary/@dashes = 'true') then 'Only the double hyphen of a typescript is set as the dash it stands for.' else ''),
      if ($tp:summary/@supplied != '0') then 'Words in square brackets are not in the source: the translator or the editors supplied them ('
        || sum($tp:summary/@supplied) || ' in all). Where they marked a word as uncertain, it is underlined with dots.' else (),
      if ($tp:summary/@gaps != '0') then 'Where the source omits text, or text could not be read, a line of its own says so in brackets, with the extent where the source states it. '
        || 'The omissions (' || sum($tp:summary/@gaps) || ') and every uncertain reading are listed, with page, line and turn, under “Omissions and uncertainties” at the end of the book.' else (),
      if (exists($translated)) then tp:documents($translated) || ' English translation' || (if (count($translated) gt 1 or $scope = 'edition' and count($tp:summary) gt 1) then 's' else '')
        || (if ($tp:summary/@russian = 'true') then ' from the Russian' else '')
        || '. The translator''s notes are printed as footnotes; a query of the translator is marked as one.' else (),
      if ($tp:summary/@editorial = 'true') then 'Notes of the editors, printed as footnotes, begin “Editors’ note”.' else (),
      if ($tp:summary/@readings = 'true') then 'Where the source or its editors give two readings (an original and a regularised or corrected form, or the variants of witnesses), the text prints one and a footnote the others.' else (),
      if ($tp:summary/@pages = 'true') then 'A vertical bar in the line marks where a page of the original ends; a double bar in the margin finds it.' else (),
      'Lines are numbered afresh on every page' || (if ($tp:summary/@turns = 'true') then '; the turns of speech carry in the right margin the numbers by which the web edition and its citations know them' else '')
        || '. The index and the list of omissions cite page, line and turn.',
      'How the documents are encoded in TEI is described in the appendix “Encoding”.'"/>
    <xsl:for-each select="$sentences[. != '']">
      <xsl:value-of select="tp:text(.)"/>
      <xsl:text>&#10;&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>#signs()&#10;&#10;</xsl:text>
  </xsl:template>

  <!-- "Documents 2 and 3 are" / "Document 2 is" / "The documents are" -->
  <xsl:function name="tp:documents" as="xs:string">
    <xsl:param name="docs-of" as="element(tp:doc)*"/>
    <xsl:variable name="numbers" select="$docs-of/@number ! xs:integer(.)"/>
    <xsl:sequence select="
      if ($scope = 'document') then 'The document is an'
      else if (count($numbers) = count($tp:summary)) then 'The documents are'
      else if (count($numbers) = 1) then 'Document ' || $numbers || ' is an'
      else 'Documents ' || string-join($numbers[position() lt last()] ! string(.), ', ') || ' and ' || $numbers[last()] || ' are'"/>
  </xsl:function>

  <!-- The appendix: how the documents are encoded, every paragraph of their editorialDecl once;
       a paragraph that holds for some documents only names them. -->
  <xsl:template name="encoding">
    <xsl:variable name="declarations" select="$tp:summary/tp:declaration"/>
    <xsl:if test="exists($declarations)">
      <xsl:text>#part([Encoding], running: [Encoding])&#10;&#10;</xsl:text>
      <xsl:value-of select="tp:text('The documents are encoded in TEI P5. Their headers describe the encoding as follows.')"/>
      <xsl:text>&#10;&#10;</xsl:text>
    </xsl:if>
    <xsl:for-each-group select="$declarations" group-by="@name">
      <xsl:text>#heading(level: 2)[</xsl:text>
      <xsl:value-of select="tp:text(tp:declaration-title(current-grouping-key()))"/>
      <xsl:text>]&#10;&#10;</xsl:text>
      <xsl:for-each-group select="current-group()/tp:p" group-by="@text">
        <xsl:variable name="numbers" select="distinct-values(current-group()/@numbers ! tokenize(.) ! xs:integer(.))"/>
        <xsl:text>#principle(documents: </xsl:text>
        <xsl:choose>
          <xsl:when test="$scope = 'document' or count($numbers) = count($tp:summary)">none</xsl:when>
          <xsl:otherwise>
            <xsl:text>[</xsl:text>
            <xsl:value-of select="tp:text(if (count($numbers) = 1) then 'Document ' || $numbers
              else 'Documents ' || string-join($numbers[position() lt last()] ! string(.), ', ') || ' and ' || $numbers[last()])"/>
            <xsl:text>]</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:text>)[</xsl:text>
        <xsl:value-of select="current-group()[1]"/>
        <xsl:text>]&#10;&#10;</xsl:text>
      </xsl:for-each-group>
    </xsl:for-each-group>
  </xsl:template>

  <xsl:function name="tp:declaration-title" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="
      if ($name = 'normalization') then 'The words of the source'
      else if ($name = 'segmentation') then 'Turns, paragraphs and page breaks'
      else if ($name = 'quotation') then 'Quotations'
      else if ($name = 'interpretation') then 'Brackets, names and the archive''s description'
      else if ($name = 'correction') then 'Corrections'
      else if ($name = 'punctuation') then 'Punctuation'
      else if ($name = 'hyphenation') then 'Hyphenation'
      else upper-case(substring($name, 1, 1)) || substring($name, 2)"/>
  </xsl:function>

  <!-- Element and attribute names in the principles, set apart from the prose. -->
  <xsl:template match="gi" mode="principles">
    <xsl:text>#element-name[</xsl:text>
    <xsl:value-of select="tp:text('&lt;' || normalize-space() || '&gt;')"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="att" mode="principles">
    <xsl:text>#element-name[</xsl:text>
    <xsl:value-of select="tp:text('@' || normalize-space())"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="val" mode="principles">
    <xsl:text>#element-name[</xsl:text>
    <xsl:value-of select="tp:text('&quot;' || normalize-space() || '&quot;')"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="mentioned" mode="principles">
    <xsl:text>#mentioned[</xsl:text>
    <xsl:apply-templates mode="principles"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

</xsl:stylesheet>
