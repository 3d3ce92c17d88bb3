<?xml version="1.0" encoding="UTF-8"?>
<!-- The index of persons: everyone who speaks a turn or is named in the text,
     described from the edition's register and sorted by surname with the
     Unicode collation. Typst adds the pages from the marks the text left. Each key is
     described from its first mention in the book: the first document's summary that has it
     (summary.xsl). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tp="urn:teikit:print"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:variable name="tp:collation" select="'http://www.w3.org/2013/collation/UCA?lang=en'"/>

  <xsl:template name="person-index">
    <xsl:text>#part([Index of persons], running: [Index of persons])&#10;&#10;#index-intro()&#10;&#10;#person-index((&#10;</xsl:text>
    <xsl:for-each-group select="$tp:summary/tp:person" group-by="@key">
      <xsl:sort select="current-group()[1]/@sort" collation="{$tp:collation}"/>
      <xsl:text>  (</xsl:text>
      <xsl:value-of select="tp:string(current-grouping-key())"/>
      <xsl:text>, [</xsl:text>
      <xsl:value-of select="current-group()[1]"/>
      <xsl:text>]),&#10;</xsl:text>
    </xsl:for-each-group>
    <xsl:text>))&#10;&#10;</xsl:text>
  </xsl:template>

  <!-- The index of places: each place named in the text, by the register's name, else the
       document's list of places, else the words of its first mention. -->
  <xsl:template name="place-index">
    <xsl:if test="exists($tp:summary/tp:place)">
      <xsl:text>#part([Index of places], running: [Index of places])&#10;&#10;#place-index-intro()&#10;&#10;#place-index((&#10;</xsl:text>
      <xsl:for-each-group select="$tp:summary/tp:place" group-by="@key">
        <xsl:sort select="current-group()[1]/@name" collation="{$tp:collation}"/>
        <xsl:text>  (</xsl:text>
        <xsl:value-of select="tp:string(current-grouping-key())"/>
        <xsl:text>, [#strong[</xsl:text>
        <xsl:value-of select="tp:text(current-group()[1]/@name)"/>
        <xsl:text>]]),&#10;</xsl:text>
      </xsl:for-each-group>
      <xsl:text>))&#10;&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:function name="tp:place-name" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="id" select="replace($key, '^.*#', '')"/>
    <xsl:sequence select="(key('place', $key, $register)[1]/placeName[@type = 'reg'][1] ! tp:plain(.),
      key('place', $key, $register)[1]/placeName[1] ! tp:plain(.),
      (root($mention)//listPlace/place[@xml:id = $id])[1]/placeName[1] ! tp:plain(.),
      tp:plain($mention), $key, 'a place without a name')[. != ''][1]"/>
  </xsl:function>

  <!-- Who a key stands for: the register's entry, else the document's own list of
       participants, else the name as the text gives it. -->
  <xsl:function name="tp:registered" as="element(person)?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="key('person', $key, $register)[1]"/>
  </xsl:function>

  <xsl:function name="tp:participant" as="element(person)?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="if ($mention/self::sp or $mention/self::u)
      then (root($mention)//particDesc//person[@xml:id = substring-after($key, '#')])[1] else ()"/>
  </xsl:function>

  <xsl:function name="tp:index-sort-key" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="name" select="tp:registered($key)/persName[@type = 'reg'][1]"/>
    <xsl:sequence select="if ($name/surname)
      then normalize-space($name/surname) || ' ' || normalize-space($name/forename)
      else tp:index-name($key, $mention)"/>
  </xsl:function>

  <xsl:function name="tp:index-name" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="(tp:registered($key)/persName[@type = 'reg'][1] ! tp:plain(.),
      tp:participant($key, $mention)/persName[not(@type)][1] ! tp:plain(.),
      tp:participant($key, $mention)/persName[1] ! tp:plain(.),
      if ($mention/self::persName) then tp:plain($mention) else (),
      $key)[. != ''][1]"/>
  </xsl:function>

  <!-- Gorbachev, Mikhail (Михаил Сергеевич Горбачёв), 1931–2022. General Secretary … -->
  <xsl:template name="index-heading">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="person" select="tp:registered($key)"/>
    <xsl:variable name="name" select="$person/persName[@type = 'reg'][1]"/>
    <xsl:text>#strong[</xsl:text>
    <xsl:value-of select="tp:text(if ($name/surname) then normalize-space($name/surname) else tp:index-name($key, $mention))"/>
    <xsl:text>]</xsl:text>
    <xsl:if test="$name/surname and normalize-space($name/forename)">
      <xsl:value-of select="tp:text(', ' || normalize-space($name/forename))"/>
    </xsl:if>
    <xsl:for-each select="$person/persName[@xml:lang and @xml:lang != 'en'][1]">
      <xsl:text> #text(lang: </xsl:text>
      <xsl:value-of select="tp:string(tokenize(@xml:lang, '-')[1])"/>
      <xsl:text>)[</xsl:text>
      <xsl:value-of select="tp:text('(' || tp:plain(.) || ')')"/>
      <xsl:text>]</xsl:text>
    </xsl:for-each>
    <xsl:variable name="about" select="string-join((tp:life($person), $person/occupation[1] ! normalize-space()), ', ')"/>
    <xsl:if test="$about != ''">
      <xsl:value-of select="tp:text(', ' || $about)"/>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
