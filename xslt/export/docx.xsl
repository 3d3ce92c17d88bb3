<?xml version="1.0" encoding="UTF-8"?>
<!--
  The DOCX's intermediate: pandoc's Markdown of a document (markdown.xsl with labels in small caps
  and turn anchors as bookmarks), or, applied to the edition's header, the book's metadata.
  teikit.export.docx hands it to pandoc, which writes real Word footnotes and Heading styles.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:x="urn:teikit:export"
    xmlns:md="urn:teikit:export:markdown"
    default-mode="md:document"
    exclude-result-prefixes="#all">

  <xsl:import href="markdown.xsl"/>

  <xsl:param name="flavour" as="xs:string" select="'pandoc'"/>
  <!-- teikit.export.docx transforms each document once, for its body (in-book), and asks for its own
       DOCX's front matter alone ('front-matter'), which the edition's DOCX makes the document's heading. -->
  <xsl:param name="part" as="xs:string" select="''"/>

  <xsl:template match="/tei:TEI[tei:text][$part = 'front-matter']" mode="md:document" priority="2">
    <xsl:value-of select="md:front-matter(.)"/>
  </xsl:template>

  <!-- The edition's header (no text): the metadata of the book of every document. -->
  <xsl:template match="/tei:TEI[not(tei:text)]" mode="md:document">
    <xsl:variable name="fields" as="xs:string*">
      <xsl:sequence select="'title: ' || md:yaml(x:edition-title())"/>
      <xsl:if test="exists(x:edition-editors())">
        <xsl:sequence select="'author:', x:edition-editors() ! ('  - ' || md:yaml(.))"/>
      </xsl:if>
      <xsl:sequence select="'lang: ' || md:yaml(string(($register/tei:TEI/@xml:lang, 'en')[1]))"/>
    </xsl:variable>
    <xsl:value-of select="string-join(('---', $fields, '---'), $md:nl) || $md:nl"/>
  </xsl:template>

  <!-- pandoc's metadata for a book of one document: Word's title, authors, date and subject. -->
  <xsl:function name="md:front-matter" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="fields" as="xs:string*">
      <xsl:sequence select="'title: ' || md:yaml(x:title($tei))"/>
      <xsl:variable name="names" select="distinct-values(x:contributors($tei)?name)"/>
      <xsl:if test="exists($names)"><xsl:sequence select="'author:', $names ! ('  - ' || md:yaml(.))"/></xsl:if>
      <xsl:sequence select="x:date-as-written($tei)[.] ! ('date: ' || md:yaml(.))"/>
      <xsl:sequence select="'lang: ' || md:yaml(x:language($tei))"/>
      <xsl:sequence select="'subject: ' || md:yaml(x:edition-title())"/>
    </xsl:variable>
    <xsl:sequence select="string-join(('---', $fields, '---'), $md:nl)"/>
  </xsl:function>

</xsl:stylesheet>
