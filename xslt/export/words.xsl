<?xml version="1.0" encoding="UTF-8"?>
<!--
  Where words meet across markup, shared by export text and the exports compared with it (their words
  must be the same, tests/export).

  An <lb break="no"/> (or a pb, cb, milestone with break="no") falls inside a word: the white space the
  encoder put around it for layout is not the witness's, and the word is one. Other pb, cb, milestone
  and anchor elements add nothing: the source's own white space, or its absence, separates the words.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:x="urn:teikit:export"
    xmlns:svg="http://www.w3.org/2000/svg"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <xsl:function name="x:word-break" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/self::tei:*[self::tei:lb or self::tei:pb or self::tei:cb or self::tei:milestone][@break = ('no', 'false')])"/>
  </xsl:function>

  <!-- What lies between two runs of words without being any: markers, and white space alone. -->
  <xsl:function name="x:between-words" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/self::tei:*[self::tei:lb[@break = ('no', 'false')] or self::tei:pb or self::tei:cb
                                                   or self::tei:milestone or self::tei:anchor[not(node())]])
                          or exists($node/self::text()[not(normalize-space())])"/>
  </xsl:function>

  <!-- Whether a break inside a word stands between $node and the words before it (or after it). -->
  <xsl:function name="x:joined-before" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="near" select="$node/preceding-sibling::node()[1]"/>
    <xsl:sequence select="exists($near) and x:between-words($near) and (x:word-break($near) or (
                          let $stop := $node/preceding-sibling::node()[not(x:between-words(.))][1]
                          return exists($node/preceding-sibling::node()[x:word-break(.)][empty($stop) or . >> $stop])))"/>
  </xsl:function>

  <xsl:function name="x:joined-after" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="near" select="$node/following-sibling::node()[1]"/>
    <xsl:sequence select="exists($near) and x:between-words($near) and (x:word-break($near) or (
                          let $stop := $node/following-sibling::node()[not(x:between-words(.))][1]
                          return exists($node/following-sibling::node()[x:word-break(.)][empty($stop) or . &lt;&lt; $stop])))"/>
  </xsl:function>

  <!-- A text node's characters, without the layout's white space at a break inside a word. -->
  <xsl:function name="x:text" as="xs:string">
    <xsl:param name="text" as="text()"/>
    <xsl:variable name="start" select="if (x:joined-before($text)) then replace($text, '^\s+', '') else string($text)"/>
    <xsl:sequence select="if (x:joined-after($text)) then replace($start, '\s+$', '') else $start"/>
  </xsl:function>

  <xsl:variable name="x:block-names" as="xs:string+" select="('p', 'ab', 'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7',
    'lg', 'l', 'list', 'table', 'sp', 'u', 'head', 'figure', 'castList', 'castItem', 'castGroup', 'opener', 'closer',
    'dateline', 'salute', 'signed', 'byline', 'docTitle', 'titlePage', 'titlePart', 'docImprint', 'docAuthor', 'docDate',
    'argument', 'epigraph', 'trailer', 'postscript', 'listBibl', 'bibl', 'stage', 'floatingText', 'lb-block', 'listPerson',
    'listPlace', 'person', 'place', 'sp', 'label', 'quote', 'cit', 'spGrp', 'div', 'group', 'text', 'body', 'front', 'back',
    'msDesc', 'entry', 'sense', 'form', 'listEvent', 'event', 'listOrg', 'org', 'biblStruct', 'respStmt', 'address')"/>

  <!-- A block, or a line of an address, inside running text: words on either side stay apart; so do the
       labels of an SVG drawing (each its own text, title or desc, placed apart in the picture). So do the
       parts export text prints as paragraphs of their own: a text block among blocks, no words between
       them (letterhead lines as adjacent seg). -->
  <xsl:function name="x:spaced" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/self::tei:*[local-name() = ($x:block-names, 'addrLine', 'row', 'cell', 'item', 'lg', 'l')])
                          or exists($element/self::svg:*[local-name() = ('text', 'title', 'desc')])
                          or x:set-apart($element)"/>
  </xsl:function>

  <xsl:function name="x:set-apart" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <!-- The parent first: most elements stand among words, and that answers at once. -->
    <xsl:sequence select="exists($element/parent::*[not(text()[normalize-space()])])
                          and exists($element/self::tei:*) and map:contains($x:text-block-set, local-name($element))"/>
  </xsl:function>

  <xsl:variable name="x:text-block-set" as="map(xs:string, xs:boolean)" select="map:merge($x:text-blocks ! map { .: true() }, map { 'duplicates': 'use-first' })"/>

  <!-- What export text prints as paragraphs of their own, when an element holds them with no words of its own between. -->
  <xsl:variable name="x:text-blocks" as="xs:string*" select="
      ('text', 'front', 'body', 'back', 'group', 'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7',
       'p', 'ab', 'head', 'sp', 'u', 'lg', 'l', 'list', 'item', 'table', 'row', 'figure', 'figDesc',
       'titlePage', 'docTitle', 'titlePart', 'byline', 'docAuthor', 'docImprint', 'docDate', 'docEdition',
       'opener', 'closer', 'salute', 'signed', 'dateline', 'trailer', 'epigraph', 'argument', 'postscript',
       'floatingText', 'entry', 'superEntry', 'sense', 'form', 'cit', 'castList', 'castGroup', 'castItem',
       'stage', 'speaker', 'label', 'listBibl', 'bibl', 'biblStruct', 'listPerson', 'person', 'listPlace',
       'place', 'listEvent', 'event', 'quote', 'q', 'lem', 'rdg', 'rdgGrp', 'spGrp', 'set', 'prologue',
       'epilogue', 'performance', 'div', 'msDesc', 'msItem', 'handNote', 'surface', 'zone', 'line', 'seg',
       'writing', 'annotationBlock', 'note', 'listApp', 'standOff', 'fw', 'address', 'addrLine')"/>

</xsl:stylesheet>
