<?xml version="1.0" encoding="UTF-8"?>
<!-- The TEI header as a source description a historian can read and cite (mode "source"). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:w="urn:teikit:web"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:mode name="source" on-no-match="text-only-copy"/>

  <xsl:template name="w:row">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="value" as="item()*"/>
    <xsl:if test="exists($value) and normalize-space(string-join($value ! string(.), ''))">
      <div class="row">
        <dt><xsl:value-of select="$label"/></dt>
        <dd><xsl:sequence select="$value"/></dd>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:template match="teiHeader" mode="source">
    <xsl:param name="file" as="xs:string" tunnel="yes"/>
    <xsl:variable name="source" select="fileDesc/sourceDesc/bibl[@type = 'source']"/>
    <xsl:variable name="note" select="$source/bibl[@type = 'source-note']"/>
    <xsl:variable name="record" select="$source/bibl[@type = 'catalogue-record']"/>
    <xsl:variable name="citation" select="$record/bibl[@type = 'citation']"/>
    <details class="source-details" open="open">
    <summary>Source description</summary>
    <dl class="source">
      <xsl:call-template name="w:row">
        <xsl:with-param name="label" select="'Source'"/>
        <xsl:with-param name="value">
          <xsl:choose>
            <xsl:when test="$source">
              <xsl:apply-templates select="$source/(node() except (bibl, distributor, relatedItem, date, ptr, idno, note))[normalize-space() or self::*]" mode="text"/>
              <xsl:for-each select="$source/date[@when][not(@type = 'accessed')][1]">
                <xsl:text>, </xsl:text>
                <time datetime="{@when}"><xsl:value-of select="(normalize-space(.)[.], w:date(@when))[1]"/></time>
              </xsl:for-each>
              <xsl:apply-templates select="$source/(idno[@type = 'revision'], ptr, date[@type = 'accessed'], note)" mode="source"/>
            </xsl:when>
            <!-- Another project's source description, whatever its shape: its words. -->
            <xsl:otherwise>
              <xsl:for-each select="fileDesc/sourceDesc/*">
                <p><xsl:apply-templates select="." mode="text"/></p>
              </xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="w:row">
        <xsl:with-param name="label" select="if (count(fileDesc/titleStmt/author) gt 1) then 'Authors' else 'Author'"/>
        <xsl:with-param name="value">
          <xsl:for-each select="fileDesc/titleStmt/author">
            <xsl:if test="position() gt 1"><xsl:text>; </xsl:text></xsl:if>
            <xsl:apply-templates select="." mode="text"/>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="w:row">
        <xsl:with-param name="label" select="'Edited by'"/>
        <xsl:with-param name="value">
          <xsl:for-each select="fileDesc/titleStmt/editor">
            <xsl:if test="position() gt 1"><xsl:text>; </xsl:text></xsl:if>
            <xsl:apply-templates select="." mode="text"/>
            <xsl:for-each select="@role[. != 'editor']"> (<xsl:value-of select="."/>)</xsl:for-each>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="w:row">
        <xsl:with-param name="label" select="'Archive'"/>
        <xsl:with-param name="value">
          <xsl:choose>
            <xsl:when test="$note/orgName">
              <xsl:apply-templates select="$note/orgName[1]" mode="text"/>
              <xsl:apply-templates select="$note/idno" mode="source"/>
            </xsl:when>
            <xsl:when test="$citation/publisher">
              <xsl:apply-templates select="$citation/publisher[1]" mode="text"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:apply-templates select="$source/distributor/orgName[1]" mode="text"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="w:row">
        <xsl:with-param name="label" select="'Collection'"/>
        <xsl:with-param name="value">
          <xsl:apply-templates select="$citation/title[@level = 's'][1]" mode="text"/>
          <xsl:for-each select="$note/title[@level = 'm'][1]">
            <xsl:text>Published in </xsl:text>
            <xsl:apply-templates select="." mode="text"/>
            <xsl:for-each select="../biblScope">
              <xsl:text>, </xsl:text>
              <xsl:apply-templates select="." mode="source"/>
            </xsl:for-each>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="w:row">
        <xsl:with-param name="label" select="'Held by'"/>
        <xsl:with-param name="value">
          <xsl:apply-templates select="$source/distributor" mode="source"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="w:row">
        <xsl:with-param name="label" select="'Translation'"/>
        <xsl:with-param name="value">
          <xsl:apply-templates select="fileDesc/titleStmt/respStmt[resp[matches(., 'translat', 'i')]]" mode="source"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="w:row">
        <xsl:with-param name="label" select="'Responsibility'"/>
        <xsl:with-param name="value">
          <xsl:apply-templates select="fileDesc/(titleStmt, editionStmt)/respStmt[not(resp[matches(., 'translat', 'i')])][not(name/@type = 'software')]" mode="source"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="w:row">
        <xsl:with-param name="label" select="'Original language'"/>
        <xsl:with-param name="value">
          <xsl:apply-templates select="$record/note[@type = 'original-language']/node()" mode="text"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="w:row">
        <xsl:with-param name="label" select="'Catalogue record'"/>
        <xsl:with-param name="value">
          <xsl:for-each select="$record/title[1]">
            <cite class="title level-a"><xsl:value-of select="w:plain(.)"/></cite>
            <xsl:text>. </xsl:text>
          </xsl:for-each>
          <xsl:apply-templates select="$citation" mode="text"/>
          <xsl:for-each select="$record/note[@type = 'credits']">
            <xsl:text> </xsl:text>
            <xsl:apply-templates mode="text"/>
            <xsl:text>.</xsl:text>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="w:row">
        <xsl:with-param name="label" select="'Source note'"/>
        <xsl:with-param name="value">
          <xsl:apply-templates select="$note" mode="text"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="w:row">
        <xsl:with-param name="label" select="'Related article'"/>
        <xsl:with-param name="value">
          <xsl:apply-templates select="$source/relatedItem/bibl" mode="source"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="w:row">
        <xsl:with-param name="label" select="'Languages'"/>
        <xsl:with-param name="value">
          <xsl:value-of select="profileDesc/langUsage/language ! (normalize-space(.)[.], w:language(string(@ident)))[1]" separator="; "/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="w:row">
        <xsl:with-param name="label" select="'Licence'"/>
        <xsl:with-param name="value">
          <xsl:apply-templates select="fileDesc/publicationStmt/availability" mode="licence"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="w:row">
        <xsl:with-param name="label" select="'Encoding'"/>
        <xsl:with-param name="value">
          <xsl:apply-templates select="revisionDesc/change" mode="source"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="w:row">
        <xsl:with-param name="label" select="'TEI source'"/>
        <xsl:with-param name="value">
          <a href="tei/{$file}.xml" download="{$file}.xml" type="application/tei+xml"><xsl:value-of select="$file"/>.xml</a>
          <xsl:variable name="source-name" select="$site/w:site/w:document[@page = $file]/@source"/>
          <xsl:if test="$source-name and $source-name ne $file || '.xml'">
            <xsl:value-of select="' (the file ' || $source-name || ')'"/>
          </xsl:if>
        </xsl:with-param>
      </xsl:call-template>
    </dl>
    </details>
  </xsl:template>

  <xsl:template match="idno" mode="source">
    <xsl:text>, </xsl:text>
    <xsl:value-of select="@type"/>
    <xsl:text> </xsl:text>
    <xsl:value-of select="normalize-space(.)"/>
  </xsl:template>

  <xsl:template match="biblScope" mode="source">
    <xsl:value-of select="
      if (@unit = 'volume' and @n) then 'vol. ' || @n
      else if (@unit = 'page' and @from and @to) then 'pp. ' || @from || '–' || @to
      else if (@unit = 'page' and @from) then 'p. ' || @from
      else normalize-space(.)"/>
  </xsl:template>

  <!-- The holding archive's name and postal address; its telephone, fax and e-mail stay in the TEI. -->
  <xsl:template match="distributor" mode="source">
    <xsl:apply-templates select="orgName" mode="text"/>
    <xsl:for-each select="address/addrLine[not(num[@type = ('telephone', 'fax')] or email or ref[starts-with(@target, 'mailto:')])]">
      <br/>
      <xsl:apply-templates mode="text"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="respStmt" mode="source">
    <p>
      <xsl:value-of select="w:capitalise(string-join(resp ! w:plain(.), ', '))"/>
      <xsl:text> </xsl:text>
      <xsl:for-each select="* except (resp, note)">
        <xsl:if test="position() gt 1"><xsl:text>, </xsl:text></xsl:if>
        <xsl:apply-templates select="." mode="text"/>
      </xsl:for-each>
    </p>
  </xsl:template>

  <xsl:template match="relatedItem/bibl" mode="source">
    <xsl:apply-templates select="title" mode="text"/>
    <xsl:for-each select="date[@when]">
      <xsl:text>, </xsl:text>
      <time datetime="{@when}"><xsl:value-of select="w:date(@when)"/></time>
    </xsl:for-each>
  </xsl:template>

  <!-- The article's revision, its address and when it was read. -->
  <xsl:template match="idno[@type = 'revision']" mode="source">
    <xsl:value-of select="', revision ' || normalize-space(.)"/>
  </xsl:template>

  <xsl:template match="bibl/ptr" mode="source">
    <xsl:text>, </xsl:text>
    <xsl:choose>
      <xsl:when test="w:is-link(@target)"><a href="{@target}"><xsl:value-of select="@target"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="@target"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="bibl/date[@type = 'accessed']" mode="source">
    <xsl:text> (accessed </xsl:text>
    <xsl:choose>
      <xsl:when test="@when"><time datetime="{@when}"><xsl:value-of select="w:date(@when)"/></time></xsl:when>
      <!-- A date known only as a bound (@notAfter, @notBefore) is said in the header's own words. -->
      <xsl:otherwise><xsl:apply-templates mode="text"/></xsl:otherwise>
    </xsl:choose>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <xsl:template match="bibl[@type = 'source']/note" mode="source">
    <xsl:text>. </xsl:text>
    <xsl:apply-templates mode="text"/>
  </xsl:template>

  <xsl:template match="change" mode="source">
    <p>
      <xsl:for-each select="@when">
        <time datetime="{.}"><xsl:value-of select="w:date(.)"/></time>
        <xsl:text>: </xsl:text>
      </xsl:for-each>
      <xsl:apply-templates mode="text"/>
    </p>
  </xsl:template>

  <xsl:template match="*" mode="source" priority="-1">
    <xsl:apply-templates select="." mode="text"/>
  </xsl:template>

</xsl:stylesheet>
