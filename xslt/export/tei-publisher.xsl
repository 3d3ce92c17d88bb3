<?xml version="1.0" encoding="UTF-8"?>
<!--
  The descriptors of a TEI Publisher data package (after eeditiones' tei-publisher-data-template),
  made from the edition's header: expath-pkg.xml ($part = 'expath') or repo.xml ($part = 'repo').
  teikit.export.publisher puts them in the .xar beside the TEI files under data/.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:x="urn:teikit:export"
    default-mode="x:publisher"
    exclude-result-prefixes="#all">

  <xsl:include href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:param name="part" as="xs:string" select="'expath'"/>
  <!-- The collection the data is installed to (package/@abbrev, meta/target): NAME-data. -->
  <xsl:param name="abbrev" as="xs:string" select="'edition-data'"/>
  <xsl:param name="version" as="xs:string" select="'0.1'"/>

  <xsl:template match="/" mode="x:publisher">
    <xsl:variable name="file" select="$register/tei:TEI/tei:teiHeader/tei:fileDesc"/>
    <xsl:choose>
      <xsl:when test="$part = 'expath'">
        <package xmlns="http://expath.org/ns/pkg" name="http://teipublisher.com/ns/data/{$abbrev}" abbrev="{$abbrev}"
                 version="{$version}" spec="1.0">
          <title><xsl:value-of select="x:edition-title()"/> (TEI data)</title>
        </package>
      </xsl:when>
      <xsl:otherwise>
        <meta xmlns="http://exist-db.org/xquery/repo">
          <description><xsl:value-of select="x:edition-title()"/>: the TEI documents, for a TEI Publisher application.</description>
          <xsl:for-each select="x:edition-editors()"><author><xsl:value-of select="."/></author></xsl:for-each>
          <xsl:if test="empty(x:edition-editors())"><author/></xsl:if>
          <website><xsl:value-of select="$base-url"/></website>
          <status>stable</status>
          <license><xsl:value-of select="($file/tei:publicationStmt/tei:availability/tei:licence ! (string(@target), normalize-space()))[.][1]"/></license>
          <copyright>true</copyright>
          <type>application</type>
          <target><xsl:value-of select="$abbrev"/></target>
        </meta>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
