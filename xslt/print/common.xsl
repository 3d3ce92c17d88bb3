<?xml version="1.0" encoding="UTF-8"?>
<!-- What several parts of the book need to know about a document: its name, its
     date, who a person is. Everything here returns plain strings; escape.xsl
     turns them into Typst. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tp="urn:teikit:print"
    xmlns:err="http://www.w3.org/2005/xqt-errors"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Where typesetting failed, said as the element of the input it was at, and in which document
       (teikit reports that element's line, not the stylesheet's). The innermost element names
       itself; the elements around it pass the error on as it is. -->
  <xsl:template match="*" mode="document source text person-key place-key" priority="100">
    <xsl:try>
      <xsl:next-match/>
      <xsl:catch errors="*">
        <xsl:sequence select="if ($err:code eq QName('urn:teikit:print', 'tp:located')) then error($err:code, $err:description)
          else error(QName('urn:teikit:print', 'tp:located'),
                     'at element ' || (count(ancestor::*) + count(preceding::*)) || ' of ' || base-uri(root(.))
                     || ' &lt;' || name() || '&gt;: ' || $err:description)"/>
      </xsl:catch>
    </xsl:try>
  </xsl:template>

  <xsl:key name="person" match="person" use="@xml:id"/>
  <xsl:key name="place" match="place" use="@xml:id"/>

  <!-- The index key of a place named in the text: its register id, else its @ref, else its words. -->
  <xsl:function name="tp:place-key" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="(tp:register-id(string($name/@ref), $name), $name/@ref[normalize-space()] ! string(.), tp:plain($name), 'unnamed')[. != ''][1]"/>
  </xsl:function>

  <!-- The document's file name without .xml: names its PDF and keys its persons. -->
  <xsl:function name="tp:stem" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="replace(tokenize(base-uri(root($node)), '/')[last()], '\.xml$', '')"/>
  </xsl:function>

  <!-- A register id from a private URI such as reg:gorbachev, by the document's own prefixDef. -->
  <xsl:function name="tp:register-id" as="xs:string?">
    <xsl:param name="uri" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="prefix" select="substring-before($uri, ':')"/>
    <xsl:variable name="def" select="(root($context)//prefixDef[@ident = $prefix])[1]"/>
    <xsl:variable name="local" select="substring-after($uri, ':')"/>
    <xsl:sequence select="if ($def and matches($local, '^' || $def/@matchPattern || '$'))
      then substring-after(replace($local, '^' || $def/@matchPattern || '$', $def/@replacementPattern), '#')
      else ()"/>
  </xsl:function>

  <!-- The index key of whoever speaks a turn: the register id where the document's
       list of participants links the speaker to the register, else a key of the document's own. -->
  <xsl:function name="tp:speaker-keys" as="xs:string*">
    <xsl:param name="sp" as="element()"/>
    <xsl:for-each select="tokenize($sp/@who)[starts-with(., '#')]">
      <xsl:variable name="id" select="substring(., 2)"/>
      <xsl:variable name="person" select="(root($sp)//particDesc//person[@xml:id = $id])[1]"/>
      <xsl:variable name="registered" select="$person/@sameAs ! tp:register-id(string(.), $sp)"/>
      <xsl:sequence select="($registered, tp:stem($sp) || '#' || $id)[1]"/>
    </xsl:for-each>
  </xsl:function>

  <!-- The index key of a person named in the text. -->
  <xsl:function name="tp:name-key" as="xs:string">
    <xsl:param name="name" as="element(persName)"/>
    <xsl:sequence select="(tp:register-id(string($name/@ref), $name), string($name/@ref))[1]"/>
  </xsl:function>

  <!-- The document's date, for sorting and for its opening, as encoding.md defines it. -->
  <xsl:function name="tp:document-date" as="element(date)?">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="(root($doc)//profileDesc/creation/date[@when], root($doc)//profileDesc/settingDesc/setting/date[@when])[1]"/>
  </xsl:function>

  <xsl:function name="tp:document-place" as="element(placeName)?">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="(root($doc)//profileDesc/creation/placeName, root($doc)//profileDesc/settingDesc/setting/placeName)[1]"/>
  </xsl:function>

  <!-- 8 November 1990, November 1990 or 1990, from an ISO date of any precision. -->
  <xsl:function name="tp:format-date" as="xs:string">
    <xsl:param name="when" as="xs:string"/>
    <xsl:sequence select="
      if ($when castable as xs:date) then format-date(xs:date($when), '[D] [MNn] [Y]', 'en', (), ())
      else if ($when castable as xs:gYearMonth) then format-date(xs:date($when || '-01'), '[MNn] [Y]', 'en', (), ())
      else $when"/>
  </xsl:function>

  <!-- "Moscow, 8 November 1990": where and when a document was made. -->
  <xsl:function name="tp:dated" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="parts" select="(normalize-space(tp:document-place($doc)), tp:document-date($doc)/@when ! tp:format-date(.))[. != '']"/>
    <xsl:sequence select="if (exists($parts)) then string-join($parts, ', ') else ()"/>
  </xsl:function>

  <xsl:function name="tp:title" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="stmt" select="root($doc)/TEI/teiHeader/fileDesc/titleStmt"/>
    <xsl:sequence select="(normalize-space(($stmt/title[@type = 'main'], $stmt/title)[1])[. != ''], tp:stem($doc))[1]"/>
  </xsl:function>

  <!-- The words of an element as a reader sees them: a line break separates words. -->
  <xsl:function name="tp:plain" as="xs:string">
    <xsl:param name="element" as="element()?"/>
    <xsl:sequence select="normalize-space(string-join($element//(text() | lb) ! (if (self::lb) then ' ' else string(.))))"/>
  </xsl:function>

  <!-- Years of a register entry: 1931–2022, b. 1930, d. 1945. -->
  <xsl:function name="tp:life" as="xs:string?">
    <xsl:param name="person" as="element(person)?"/>
    <xsl:variable name="born" select="$person/birth/@when ! substring(., 1, 4)"/>
    <xsl:variable name="died" select="$person/death/@when ! substring(., 1, 4)"/>
    <xsl:sequence select="
      if ($born and $died) then $born || '–' || $died
      else if ($born) then 'b. ' || $born
      else if ($died) then 'd. ' || $died
      else ()"/>
  </xsl:function>

</xsl:stylesheet>
