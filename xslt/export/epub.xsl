<?xml version="1.0" encoding="UTF-8"?>
<!--
  EPUB 3: a TEI document as a chapter (XHTML), and, applied to the book's list of chapters
  (x:book, written by teikit.export.epub), the navigation document ($part = 'nav') or the
  package document ($part = 'package'). teikit.export.epub zips them.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:x="urn:teikit:export"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns="http://www.w3.org/1999/xhtml"
    default-mode="x:epub"
    exclude-result-prefixes="#all">

  <xsl:include href="html.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="no"/>
  <xsl:mode name="x:epub" use-accumulators="#all"/>

  <xsl:param name="part" as="xs:string" select="'chapter'"/>
  <!-- The book's urn:uuid, made by teikit from what it holds, so two builds agree. -->
  <xsl:param name="identifier" as="xs:string" select="''"/>
  <!-- For a book of one document: that document (its header gives the book's metadata). -->
  <xsl:param name="document" as="document-node()?" select="()"/>

  <!-- ===== a chapter ===== -->

  <xsl:template match="/tei:TEI" mode="x:epub">
    <xsl:variable name="lang" select="x:language(.)"/>
    <html xml:lang="{$lang}" lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="x:title(.)"/></title>
        <link rel="stylesheet" type="text/css" href="style.css"/>
      </head>
      <body epub:type="chapter">
        <xsl:call-template name="x:document-body"><xsl:with-param name="tei" select="."/></xsl:call-template>
      </body>
    </html>
  </xsl:template>

  <!-- ===== the book ===== -->

  <xsl:template match="/x:book" mode="x:epub">
    <!-- Each chapter's outline (title, language, sections), which the packaging read from its file: the
         chapters themselves are not loaded here, so that a book of thousands is not held whole. -->
    <xsl:variable name="chapters" select="x:chapter"/>
    <xsl:choose>
      <xsl:when test="$part = 'nav'"><xsl:sequence select="x:nav(., $chapters)"/></xsl:when>
      <xsl:otherwise><xsl:sequence select="x:package(., $chapters)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="x:book-title" as="xs:string">
    <xsl:sequence select="if ($document) then x:title($document) else x:edition-title()"/>
  </xsl:function>

  <xsl:function name="x:book-language" as="xs:string">
    <xsl:param name="chapters" as="element(x:chapter)*"/>
    <xsl:sequence select="if ($document) then x:language($document) else ($register/tei:TEI/@xml:lang, $chapters[1]/@lang, 'en')[1]"/>
  </xsl:function>

  <xsl:function name="x:nav" as="element(h:html)">
    <xsl:param name="book" as="element(x:book)"/>
    <xsl:param name="chapters" as="element(x:chapter)*"/>
    <xsl:variable name="lang" select="x:book-language($chapters)"/>
    <html xml:lang="{$lang}" lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="x:book-title()"/></title>
        <link rel="stylesheet" type="text/css" href="style.css"/>
      </head>
      <body>
        <h1><xsl:value-of select="x:book-title()"/></h1>
        <nav epub:type="toc" id="toc">
          <h2>Contents</h2>
          <ol>
            <xsl:for-each select="$book/x:chapter">
              <xsl:variable name="i" select="position()"/>
              <xsl:variable name="chapter" select="$chapters[$i]"/>
              <xsl:variable name="file" select="@file"/>
              <li>
                <a href="{$file}"><xsl:value-of select="$chapter/@title"/></a>
                <xsl:variable name="sections" select="$chapter/x:section"/>
                <xsl:if test="$sections">
                  <ol>
                    <xsl:for-each select="$sections">
                      <li><a href="{$file}#{@id}"><xsl:value-of select="."/></a></li>
                    </xsl:for-each>
                  </ol>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ol>
        </nav>
        <nav epub:type="landmarks" id="landmarks" hidden="hidden">
          <h2>Landmarks</h2>
          <ol>
            <li><a epub:type="toc" href="nav.xhtml#toc">Contents</a></li>
            <li><a epub:type="bodymatter" href="{$book/x:chapter[1]/@file}">Start of the text</a></li>
          </ol>
        </nav>
      </body>
    </html>
  </xsl:function>

  <xsl:function name="x:package" as="element()" xmlns="http://www.idpf.org/2007/opf">
    <xsl:param name="book" as="element(x:book)"/>
    <xsl:param name="chapters" as="element(x:chapter)*"/>
    <xsl:variable name="source" select="($document, $register)[1]"/>
    <xsl:variable name="header" select="$source/tei:TEI/tei:teiHeader"/>
    <xsl:variable name="creators" select="if ($document) then x:contributors($document)?name else x:edition-editors()"/>
    <xsl:variable name="languages" select="distinct-values((x:book-language($chapters), $chapters/@lang))"/>
    <package version="3.0" unique-identifier="book-id" xml:lang="{x:book-language($chapters)}">
      <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
        <dc:identifier id="book-id"><xsl:value-of select="$identifier"/></dc:identifier>
        <dc:title><xsl:value-of select="x:book-title()"/></dc:title>
        <xsl:for-each select="$languages"><dc:language><xsl:value-of select="."/></dc:language></xsl:for-each>
        <xsl:for-each select="distinct-values($creators)"><dc:creator><xsl:value-of select="."/></dc:creator></xsl:for-each>
        <xsl:for-each select="($header/tei:fileDesc/tei:publicationStmt/(tei:publisher, tei:distributor, tei:authority))[1][normalize-space()]">
          <dc:publisher><xsl:value-of select="normalize-space()"/></dc:publisher>
        </xsl:for-each>
        <xsl:if test="$document and x:date($document)"><dc:date><xsl:value-of select="x:date($document)"/></dc:date></xsl:if>
        <xsl:for-each select="($header/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence)[1]">
          <dc:rights><xsl:value-of select="(@target, normalize-space())[.][1]"/></dc:rights>
        </xsl:for-each>
        <xsl:if test="$document">
          <dc:source><xsl:value-of select="normalize-space(string-join($header/tei:fileDesc/tei:sourceDesc//text(), ' '))"/></dc:source>
        </xsl:if>
        <meta property="dcterms:modified"><xsl:value-of select="$book/@modified"/></meta>
      </metadata>
      <manifest>
        <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
        <item id="style" href="style.css" media-type="text/css"/>
        <xsl:for-each select="$book/x:chapter">
          <item id="{@id}" href="{@file}" media-type="application/xhtml+xml"/>
        </xsl:for-each>
      </manifest>
      <spine>
        <itemref idref="nav"/>
        <xsl:for-each select="$book/x:chapter"><itemref idref="{@id}"/></xsl:for-each>
      </spine>
    </package>
  </xsl:function>

</xsl:stylesheet>
