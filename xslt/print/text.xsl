<?xml version="1.0" encoding="UTF-8"?>
<!-- The text of a document: turns of speech, paragraphs, sections, and the
     editorial signs inside them. An element without a template here keeps its
     text (the mode skips only the element itself). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tp="urn:teikit:print"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:mode name="text" on-no-match="shallow-skip"/>

  <xsl:variable name="tp:parbreak" as="xs:string" select="'&#10;&#10;'"/>

  <xsl:template match="head" mode="text">
    <xsl:text>#heading(level: </xsl:text>
    <xsl:value-of select="max((count(ancestor::div[head]), 1)) + 1"/>
    <xsl:text>)[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
    <xsl:if test="not(following-sibling::node()[self::* or normalize-space()])">
      <xsl:text> &lt;empty-section&gt;</xsl:text>
    </xsl:if>
    <xsl:value-of select="$tp:parbreak"/>
  </xsl:template>

  <xsl:template match="p | ab" mode="text">
    <xsl:apply-templates mode="text"/>
    <xsl:value-of select="$tp:parbreak"/>
  </xsl:template>

  <!-- A turn: the speaker's label runs into the first paragraph. -->
  <xsl:template match="sp" mode="text">
    <xsl:text>#turn(who: (</xsl:text>
    <xsl:value-of select="string-join(tp:speaker-keys(.) ! tp:string(.), ', ')"/>
    <xsl:text>,), key: </xsl:text>
    <xsl:value-of select="tp:string(tp:stem(.) || '-' || (@xml:id, generate-id())[1])"/>
    <xsl:text>)[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="speaker" mode="text">
    <xsl:text>#speaker[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="dateline" mode="text">
    <xsl:text>#dateline[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
    <xsl:value-of select="$tp:parbreak"/>
  </xsl:template>

  <xsl:template match="milestone[@rend = 'rule']" mode="text">
    <xsl:text>#section-rule()&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="list" mode="text">
    <xsl:text>#text-list(</xsl:text>
    <xsl:for-each select="item">
      <xsl:text>[</xsl:text>
      <xsl:apply-templates mode="text"/>
      <xsl:text>], </xsl:text>
    </xsl:for-each>
    <xsl:text>)</xsl:text>
    <xsl:value-of select="$tp:parbreak"/>
  </xsl:template>

  <xsl:template match="lb" mode="text">
    <xsl:text>#linebreak()</xsl:text>
  </xsl:template>

  <xsl:template match="pb" mode="text">
    <xsl:text>#page-break-sign()</xsl:text>
  </xsl:template>

  <xsl:template match="hi[@rend = 'italic'] | title[@level = 'm']" mode="text">
    <xsl:text>#emph[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="hi[@rend = 'bold']" mode="text">
    <xsl:text>#strong[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="foreign" mode="text">
    <xsl:text>#foreign-words(lang: </xsl:text>
    <xsl:value-of select="(@xml:lang ! tp:string(tokenize(., '-')[1]), 'none')[1]"/>
    <xsl:text>)[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <!-- The name as printed, then an invisible mark that puts its page in the index. -->
  <xsl:template match="persName[@ref]" mode="text">
    <xsl:apply-templates mode="text"/>
    <xsl:text>#named(</xsl:text>
    <xsl:value-of select="tp:string(tp:name-key(.))"/>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <xsl:template match="supplied" mode="text">
    <xsl:text>#supplied[</xsl:text>
    <xsl:choose>
      <xsl:when test="@cert = ('low', 'unknown')">
        <xsl:call-template name="ledger-mark">
          <xsl:with-param name="kind" select="'Uncertain insertion'"/>
        </xsl:call-template>
        <xsl:text>#uncertain[</xsl:text>
        <xsl:apply-templates mode="text"/>
        <xsl:text>]</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="text"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="unclear" mode="text">
    <xsl:call-template name="ledger-mark">
      <xsl:with-param name="kind" select="'Uncertain reading'"/>
    </xsl:call-template>
    <xsl:text>#uncertain[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="note" mode="text">
    <xsl:variable name="query" select="@cert = ('low', 'unknown')"/>
    <xsl:if test="$query">
      <xsl:call-template name="ledger-mark">
        <xsl:with-param name="kind" select="'Translator''s query'"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:text>#translator-note(query: </xsl:text>
    <xsl:value-of select="if ($query) then 'true' else 'false'"/>
    <xsl:text>, original: </xsl:text>
    <xsl:value-of select="if (foreign and not(text()[normalize-space()]) and count(*) = 1) then 'true' else 'false'"/>
    <xsl:text>)[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="gap" mode="text">
    <xsl:call-template name="ledger-mark">
      <xsl:with-param name="kind" select="tp:gap-kind(@reason)"/>
      <xsl:with-param name="wording" select="tp:gap-wording(.)"/>
    </xsl:call-template>
    <xsl:text>#gap-marker(wording: [</xsl:text>
    <xsl:value-of select="tp:text(tp:gap-wording(.))"/>
    <xsl:text>], extent: </xsl:text>
    <xsl:value-of select="(tp:gap-extent(.) ! tp:string(.), 'none')[1]"/>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <xsl:function name="tp:gap-wording" as="xs:string">
    <xsl:param name="gap" as="element(gap)"/>
    <xsl:sequence select="(normalize-space($gap/desc)[. != ''], '…')[1]"/>
  </xsl:function>

  <!-- "3 pages": the extent the source states, when it states a number. -->
  <xsl:function name="tp:gap-extent" as="xs:string?">
    <xsl:param name="gap" as="element(gap)"/>
    <xsl:sequence select="if ($gap/@quantity and $gap/@unit)
      then $gap/@quantity || ' ' || $gap/@unit || (if (number($gap/@quantity) = 1) then '' else 's')
      else ()"/>
  </xsl:function>

  <xsl:function name="tp:gap-kind" as="xs:string">
    <xsl:param name="reason" as="xs:string?"/>
    <xsl:sequence select="
      if ($reason = 'illegible') then 'Illegible'
      else if ($reason = 'inaudible') then 'Inaudible'
      else if ($reason = 'unclear') then 'Unclear passage'
      else 'Omission'"/>
  </xsl:function>

</xsl:stylesheet>
