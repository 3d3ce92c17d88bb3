<?xml version="1.0" encoding="UTF-8"?>
<!--
  The print edition: TEI documents and the edition's register to Typst source.

  The principal source is the edition's header: the register (tei/register.xml), or
  a header teikit made from the documents' own when there is none. The documents come
  as a parameter, in the order of the book; with scope=document the source is an
  offprint of one document, numbered as in the book.

  The output is Typst: edition.typ (the design) followed by calls to it. All TEI
  text passes through escape.xsl.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tp="urn:teikit:print"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:include href="escape.xsl"/>
  <xsl:include href="common.xsl"/>
  <xsl:include href="front.xsl"/>
  <xsl:include href="source.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="index.xsl"/>
  <xsl:include href="ledger.xsl"/>
  <xsl:include href="summary.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:strip-space elements="TEI teiHeader fileDesc titleStmt sourceDesc profileDesc particDesc listPerson
    person encodingDesc editorialDecl text front back body div sp list opener standOff listPlace"/>

  <!-- Absolute URIs of the documents, one a line, in the order of the book. -->
  <xsl:param name="documents" as="xs:string" required="yes"/>
  <xsl:param name="scope" as="xs:string" select="'edition'"/>
  <xsl:param name="paper" as="xs:string" select="'a5'"/>
  <xsl:param name="first-number" as="xs:integer" select="1"/>
  <xsl:param name="version" as="xs:string" select="''"/>
  <!-- The names of the user's font folders (given with the font-path option), for the imprint. -->
  <xsl:param name="fonts" as="xs:string" select="''"/>
  <!-- The day the newest of the documents' files last changed (ISO). -->
  <xsl:param name="changed" as="xs:string" select="'2000-01-01'"/>
  <!-- What to write: the whole book (or offprint); only the documents' openings and texts
       ("document"); only the documents' summaries, as XML ("summary"); or the book without its
       documents ("frame"), made from the summaries gathered in the file at the URI $summary. A
       large book is made of the last three (teikit.printing.book), one document at a time. -->
  <xsl:param name="part" as="xs:string" select="'whole'"/>
  <xsl:param name="summary" as="xs:string" select="''"/>

  <xsl:variable name="register" as="document-node()" select="/"/>
  <xsl:variable name="docs" as="document-node()*" select="tokenize($documents, '\n')[normalize-space()] ! doc(.)"/>
  <xsl:variable name="edition" select="$register/TEI/teiHeader/fileDesc"/>
  <xsl:variable name="edition-title" as="xs:string"
    select="normalize-space(($edition/seriesStmt/title[@level = 's'], $edition/titleStmt/title)[1])"/>
  <xsl:variable name="editors" as="xs:string*"
    select="distinct-values(($edition/seriesStmt/editor, $edition/titleStmt/editor) ! normalize-space())"/>

  <xsl:variable name="tp:book" as="document-node()">
    <xsl:choose>
      <xsl:when test="$summary != ''">
        <xsl:sequence select="doc($summary)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:document>
          <tp:book>
            <xsl:apply-templates select="$docs/TEI" mode="summary"/>
          </tp:book>
        </xsl:document>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="tp:summary" as="element(tp:doc)*" select="$tp:book/tp:book/tp:doc"/>

  <xsl:function name="tp:number" as="xs:integer">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="$first-number + index-of($docs ! generate-id(.), generate-id(root($doc))) - 1"/>
  </xsl:function>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$part = 'document'">
        <xsl:apply-templates select="$docs/TEI" mode="document"/>
      </xsl:when>
      <xsl:when test="$part = 'summary'">
        <xsl:value-of select="serialize($tp:book)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="book"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="book">
    <xsl:value-of select="unparsed-text('edition.typ')"/>
    <!-- PDF/A needs a date: the edition's, else the newest its documents give, else the day
         their files last changed (so that the same files give the same bytes). -->
    <xsl:variable name="when" select="(($edition/publicationStmt/date/@when, max($tp:summary/@latest[. != ''] ! xs:date(.)))
      [. castable as xs:date], $changed)[1]"/>
    <xsl:variable name="lang" select="(tokenize($register/TEI/@xml:lang, '-')[1], 'en')[1]"/>
    <xsl:text>&#10;#show: book.with(&#10;  title: </xsl:text>
    <xsl:value-of select="tp:string(if ($scope = 'document') then tp:title($docs[1]) else $edition-title)"/>
    <xsl:text>,&#10;  author: (</xsl:text>
    <xsl:value-of select="string-join($editors ! (tp:string(.) || ','), ' ')"/>
    <xsl:text>),&#10;  date: </xsl:text>
    <xsl:value-of select="if ($when castable as xs:date)
      then 'datetime(year: ' || year-from-date(xs:date($when)) || ', month: ' || month-from-date(xs:date($when))
           || ', day: ' || day-from-date(xs:date($when)) || ')'
      else 'none'"/>
    <xsl:text>,&#10;  lang: </xsl:text>
    <xsl:value-of select="tp:string($lang)"/>
    <xsl:text>,&#10;  paper: </xsl:text>
    <xsl:value-of select="tp:string($paper)"/>
    <xsl:text>,&#10;  edition-title: [</xsl:text>
    <xsl:value-of select="tp:text($edition-title)"/>
    <xsl:text>],&#10;)&#10;&#10;</xsl:text>

    <xsl:call-template name="title-page"/>
    <xsl:call-template name="imprint"/>
    <xsl:if test="$scope = 'edition'">
      <xsl:text>#contents()&#10;&#10;</xsl:text>
    </xsl:if>
    <xsl:call-template name="principles"/>

    <!-- The main matter opens on a right-hand page numbered 1. -->
    <xsl:text>#part-end()&#10;#pagebreak(to: "odd", weak: true)&#10;#set page(numbering: "1")&#10;#counter(page).update(1)&#10;&#10;</xsl:text>
    <xsl:if test="$part = 'whole'">
      <xsl:apply-templates select="$docs/TEI" mode="document"/>
    </xsl:if>

    <xsl:call-template name="person-index"/>
    <xsl:call-template name="place-index"/>
    <xsl:call-template name="ledger"/>
    <xsl:call-template name="encoding"/>
  </xsl:template>

</xsl:stylesheet>
