<?xml version="1.0" encoding="UTF-8"?>
<!-- How a document opens: its number and kind, title, date and place, the source
     note (archive, collection, translator, publication) and the archive's summary. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tp="urn:teikit:print"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Longer titles would not fit a running head; the date and place stand in for them. -->
  <xsl:variable name="tp:running-title-length" as="xs:integer" select="52"/>

  <xsl:function name="tp:running-title" as="xs:string">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="title" select="tp:title($doc)"/>
    <xsl:variable name="dated" select="tp:dated($doc)"/>
    <xsl:sequence select="if (string-length($title) le $tp:running-title-length or empty($dated)) then $title
      else 'Document ' || tp:number($doc) || ' · ' || $dated"/>
  </xsl:function>

  <xsl:template match="TEI" mode="document">
    <xsl:variable name="title" select="tp:title(.)"/>
    <xsl:variable name="dated" select="tp:dated(.)"/>
    <xsl:variable name="number" select="tp:number(.)"/>
    <xsl:text>#tei-document(&#10;  number: </xsl:text>
    <xsl:value-of select="tp:string(string($number))"/>
    <xsl:text>,&#10;  kind: </xsl:text>
    <xsl:value-of select="((teiHeader/profileDesc/textClass/keywords/term[@type = 'genre'])[1]
      ! ('[' || tp:text(upper-case(substring(normalize-space(), 1, 1)) || substring(normalize-space(), 2)) || ']'), 'none')[1]"/>
    <xsl:text>,&#10;  title: [</xsl:text>
    <xsl:value-of select="tp:text($title)"/>
    <xsl:text>],&#10;  running: [</xsl:text>
    <xsl:value-of select="tp:text(tp:running-title(root(.)))"/>
    <xsl:text>],&#10;  dated: </xsl:text>
    <xsl:value-of select="if (exists($dated)) then '[' || tp:text($dated) || ']' else 'none'"/>
    <xsl:text>,&#10;  source: (&#10;</xsl:text>
    <xsl:call-template name="source-rows">
      <xsl:with-param name="header" select="teiHeader"/>
    </xsl:call-template>
    <xsl:text>  ),&#10;  summary: </xsl:text>
    <xsl:choose>
      <xsl:when test="teiHeader/profileDesc/abstract/p">
        <xsl:text>[</xsl:text>
        <xsl:for-each select="teiHeader/profileDesc/abstract/p">
          <xsl:if test="position() gt 1">
            <xsl:text>&#10;&#10;</xsl:text>
          </xsl:if>
          <xsl:apply-templates mode="source"/>
        </xsl:for-each>
        <xsl:text>]</xsl:text>
      </xsl:when>
      <xsl:otherwise>none</xsl:otherwise>
    </xsl:choose>
    <xsl:text>,&#10;)[&#10;</xsl:text>
    <xsl:apply-templates select="text" mode="text"/>
    <xsl:text>]&#10;&#10;</xsl:text>
  </xsl:template>

  <xsl:template name="source-rows">
    <xsl:param name="header" as="element(teiHeader)"/>
    <xsl:variable name="source" select="$header/fileDesc/sourceDesc/bibl[@type = 'source']"/>
    <xsl:variable name="note" select="$source/bibl[@type = 'source-note']"/>
    <xsl:variable name="citation" select="$source/bibl[@type = 'catalogue-record']/bibl[@type = 'citation']"/>
    <xsl:variable name="stmt" select="$header/fileDesc/titleStmt"/>

    <xsl:call-template name="row">
      <xsl:with-param name="label" select="'Archive'"/>
      <xsl:with-param name="value" select="($note/orgName[@type = 'archive'], $citation/publisher)[1]"/>
    </xsl:call-template>
    <xsl:call-template name="row">
      <xsl:with-param name="label" select="'Collection'"/>
      <xsl:with-param name="value" select="$citation/title[@level = 's']"/>
      <xsl:with-param name="text" select="let $parts := string-join($note/idno[@type = ('fond', 'opis', 'delo', 'list')]
        ! (@type || ' ' || normalize-space()), ', ') return upper-case(substring($parts, 1, 1)) || substring($parts, 2)"/>
    </xsl:call-template>
    <xsl:call-template name="row">
      <xsl:with-param name="label" select="'Translator'"/>
      <xsl:with-param name="text" select="
        let $named := $stmt/respStmt[resp ! normalize-space() = 'Translated by']/persName ! normalize-space(),
            $unnamed := $stmt/respStmt[some $r in resp satisfies contains(lower-case($r), 'translat')][orgName][1]
        return if (exists($named)) then string-join($named, ', ')
          else if ($unnamed) then normalize-space($unnamed/resp[1]) || ' ' || normalize-space($unnamed/orgName[1])
          else ''"/>
    </xsl:call-template>
    <xsl:if test="$note/title[@level = 'm']">
      <xsl:text>    ([Published in], [</xsl:text>
      <xsl:apply-templates select="$note/title[@level = 'm']" mode="source"/>
      <xsl:for-each select="$note/biblScope">
        <xsl:value-of select="tp:text(', ')"/>
        <xsl:apply-templates mode="source"/>
      </xsl:for-each>
      <xsl:text>]),&#10;</xsl:text>
    </xsl:if>
    <xsl:call-template name="row">
      <xsl:with-param name="label" select="'Cited as'"/>
      <xsl:with-param name="value" select="$citation"/>
    </xsl:call-template>
    <xsl:call-template name="row">
      <xsl:with-param name="label" select="'Source'"/>
      <xsl:with-param name="value" select="$source[title[@level = 'm']][not(bibl)]"/>
    </xsl:call-template>
    <xsl:call-template name="row">
      <xsl:with-param name="label" select="'Original'"/>
      <xsl:with-param name="value" select="$source//note[@type = 'original-language']"/>
    </xsl:call-template>
    <xsl:for-each select="$source/distributor">
      <xsl:text>    ([Held by], [</xsl:text>
      <xsl:apply-templates select="orgName" mode="source"/>
      <xsl:for-each select="address/addrLine">
        <xsl:value-of select="tp:text(', ')"/>
        <xsl:apply-templates mode="source"/>
      </xsl:for-each>
      <xsl:text>]),&#10;</xsl:text>
    </xsl:for-each>
    <xsl:for-each select="$source/relatedItem[@type = 'related-article']/bibl">
      <xsl:text>    ([Related], [</xsl:text>
      <xsl:apply-templates select="title" mode="source"/>
      <xsl:for-each select="date">
        <xsl:value-of select="tp:text(' (' || (@when ! tp:format-date(.), normalize-space())[1] || ')')"/>
      </xsl:for-each>
      <xsl:text>]),&#10;</xsl:text>
    </xsl:for-each>
    <xsl:call-template name="row">
      <xsl:with-param name="label" select="'Support'"/>
      <xsl:with-param name="value" select="$source//note[@type = 'credits']"/>
    </xsl:call-template>
    <xsl:variable name="licence" select="$header/fileDesc/publicationStmt/availability/licence"/>
    <xsl:call-template name="row">
      <xsl:with-param name="label" select="'Licence'"/>
      <xsl:with-param name="value" select="$licence[normalize-space() != normalize-space($edition/publicationStmt/availability/licence)]"/>
    </xsl:call-template>
  </xsl:template>

  <!-- One line of the source note: an element's content, or a plain text when the
       header gives the parts of it separately. -->
  <xsl:template name="row">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="value" as="element()*" select="()"/>
    <xsl:param name="text" as="xs:string" select="''"/>
    <xsl:if test="exists($value) or $text != ''">
      <xsl:text>    ([</xsl:text>
      <xsl:value-of select="tp:text($label)"/>
      <xsl:text>], [</xsl:text>
      <xsl:choose>
        <xsl:when test="exists($value)">
          <xsl:apply-templates select="$value[1]/node()" mode="source"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="tp:text($text)"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text>]),&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="title[@level = ('m', 's')] | title[@rend = 'italic']" mode="source">
    <xsl:text>#emph[</xsl:text>
    <xsl:apply-templates mode="source"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="lb" mode="source">
    <xsl:value-of select="tp:text(' ')"/>
  </xsl:template>

  <!-- The parts of a source's description stand side by side in the TEI, without punctuation:
       set between them what the web edition sets (header.xsl). -->
  <xsl:template match="bibl[@type = 'source']/ptr[@target]" mode="source" priority="2">
    <xsl:value-of select="tp:text(', ')"/>
    <xsl:next-match/>
  </xsl:template>

  <xsl:template match="bibl[@type = 'source']/date[@type = 'accessed']" mode="source">
    <xsl:value-of select="tp:text(' (accessed ')"/>
    <xsl:choose>
      <xsl:when test="normalize-space()"><xsl:apply-templates mode="source"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@when ! tp:text(tp:format-date(.))"/></xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="tp:text(')')"/>
  </xsl:template>

  <xsl:template match="bibl[@type = 'source']/note" mode="source">
    <xsl:value-of select="tp:text('. ')"/>
    <xsl:apply-templates mode="source"/>
  </xsl:template>

  <xsl:template match="ptr[@target]" mode="source text">
    <xsl:text>#link(</xsl:text>
    <xsl:value-of select="tp:string(@target)"/>
    <xsl:text>)[</xsl:text>
    <xsl:value-of select="tp:text(@target)"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="ref[matches(@target, '^(https?|mailto):')]" mode="source text">
    <xsl:text>#link(</xsl:text>
    <xsl:value-of select="tp:string(@target)"/>
    <xsl:text>)[</xsl:text>
    <xsl:apply-templates mode="#current"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

</xsl:stylesheet>
