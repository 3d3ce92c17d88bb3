<?xml version="1.0" encoding="UTF-8"?>
<!-- The reading text: TEI elements to HTML in mode "text", and to plain words in mode "plain".
     Every element without a template of its own keeps its text (see the fallbacks at the end). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:w="urn:teikit:web"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:mode name="text" on-no-match="text-only-copy"/>
  <xsl:mode name="plain" on-no-match="text-only-copy"/>

  <!-- Whether an element stands as a block (between paragraphs, turns, sections) rather than in
       running text: inside a known container of blocks, or inside an element of its own that holds
       no text but other elements (lg, table/row), which stands as a block in turn. -->
  <xsl:function name="w:in-block" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="parent" select="$element/parent::*"/>
    <xsl:sequence select="exists($parent[self::body or self::div or self::sp or self::front or self::back
                            or self::text or self::group or self::opener or self::closer])
                          or ($parent and not($parent/self::tei:*[local-name() = $w:phrase-containers])
                              and not($parent/text()[normalize-space()]) and w:in-block($parent))"/>
  </xsl:function>

  <xsl:variable name="w:phrase-containers" as="xs:string+" select="('p', 'ab', 'head', 'l', 'item', 'speaker', 'note',
    'hi', 'title', 'desc', 'dateline', 'salute', 'signed', 'label', 'quote', 'supplied', 'foreign', 'persName',
    'placeName', 'orgName', 'date', 'ref', 'unclear', 'mentioned')"/>

  <xsl:function name="w:heading-level" as="xs:integer">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="min((6, 3 + count($element/ancestor::div)))"/>
  </xsl:function>

  <!-- Words of a node as a reader sees them, on one line. -->
  <xsl:function name="w:plain" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="words">
      <xsl:apply-templates select="$nodes" mode="plain"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space($words)"/>
  </xsl:function>

  <xsl:template match="lb" mode="plain"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="note" mode="plain"/>

  <!-- The speaker of a turn: the document's participant its @who points to. -->
  <xsl:function name="w:speaker" as="element(person)?">
    <xsl:param name="sp" as="element(sp)"/>
    <xsl:variable name="id" select="substring-after(tokenize(normalize-space($sp/@who), ' ')[1], '#')"/>
    <xsl:sequence select="key('participant', $id, root($sp))[1]"/>
  </xsl:function>

  <!-- A speaker's shape, fixed by their place among the document's participants. -->
  <xsl:function name="w:speaker-index" as="xs:integer">
    <xsl:param name="person" as="element(person)?"/>
    <xsl:sequence select="if ($person) then count($person/preceding-sibling::person) + 1 else 0"/>
  </xsl:function>

  <xsl:function name="w:shape" as="xs:string">
    <xsl:param name="index" as="xs:integer"/>
    <xsl:sequence select="if ($index = 0) then '○' else $w:shapes[($index - 1) mod count($w:shapes) + 1]"/>
  </xsl:function>

  <!-- Structure -->

  <xsl:template match="body | front | back" mode="text">
    <xsl:apply-templates mode="text"/>
  </xsl:template>

  <!-- The transcript's own heading names the reading text (h1 is the document's title). -->
  <xsl:template match="body/head | front/head | back/head" mode="text">
    <h2 class="text-head">
      <xsl:if test=". is (ancestor::text[1]//body/head)[1]"><xsl:attribute name="id" select="'text'"/></xsl:if>
      <xsl:apply-templates mode="text"/>
    </h2>
  </xsl:template>

  <xsl:template match="div" mode="text">
    <section class="div div-{(@type, 'section')[1]}">
      <xsl:if test="not(head)">
        <xsl:element name="h{w:heading-level(.)}">
          <xsl:attribute name="id" select="(@xml:id, w:id(.))[1]"/>
          <xsl:attribute name="class" select="'visually-hidden'"/>
          <xsl:value-of select="w:capitalise((@type, 'section')[1])"/>
        </xsl:element>
      </xsl:if>
      <xsl:apply-templates mode="text"/>
    </section>
  </xsl:template>

  <xsl:template match="div/head" mode="text">
    <xsl:element name="h{w:heading-level(..)}">
      <xsl:if test="not(preceding-sibling::head)">
        <xsl:attribute name="id" select="(../@xml:id, w:id(..))[1]"/>
      </xsl:if>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="list/head" mode="text">
    <p class="list-head"><xsl:apply-templates mode="text"/></p>
  </xsl:template>

  <xsl:template match="sp" mode="text">
    <xsl:variable name="id" select="w:turn-id(.)"/>
    <xsl:variable name="person" select="w:speaker(.)"/>
    <xsl:variable name="index" select="w:speaker-index($person)"/>
    <section class="turn speaker-{$index}">
      <xsl:element name="h{w:heading-level(.)}">
        <xsl:attribute name="class" select="'turn-head'"/>
        <xsl:attribute name="id" select="$id"/>
        <xsl:attribute name="data-turn" select="w:turn-number(.)"/>
        <xsl:attribute name="data-pagefind-weight" select="'1'"/>
        <a class="turn-no" href="#{$id}"><span class="visually-hidden">Turn </span><xsl:value-of select="w:turn-number(.)"/></a>
        <xsl:text> </xsl:text>
        <span class="speaker">
          <span class="shape" aria-hidden="true" data-pagefind-ignore=""><xsl:value-of select="w:shape($index)"/></span>
          <xsl:text> </xsl:text>
          <xsl:choose>
            <xsl:when test="speaker">
              <xsl:apply-templates select="speaker/node()" mode="text"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="($person/persName[@type = 'label'], $person/persName, 'Unnamed speaker')[1] ! normalize-space()"/>
            </xsl:otherwise>
          </xsl:choose>
        </span>
      </xsl:element>
      <xsl:apply-templates select="node() except speaker" mode="text"/>
    </section>
  </xsl:template>

  <xsl:template match="p | ab" mode="text">
    <p><xsl:apply-templates mode="text"/></p>
  </xsl:template>

  <xsl:template match="opener | closer" mode="text">
    <div class="{local-name()}"><xsl:apply-templates mode="text"/></div>
  </xsl:template>

  <xsl:template match="dateline | salute | signed" mode="text">
    <p class="{local-name()}"><xsl:apply-templates mode="text"/></p>
  </xsl:template>

  <xsl:template match="milestone" mode="text">
    <xsl:if test="@rend = 'rule'">
      <hr class="rule"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="list" mode="text">
    <xsl:apply-templates select="head" mode="text"/>
    <xsl:element name="{if (@type = ('ordered', 'numbered')) then 'ol' else 'ul'}">
      <xsl:apply-templates select="node() except head" mode="text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="item" mode="text">
    <li><xsl:apply-templates mode="text"/></li>
  </xsl:template>

  <xsl:template match="quote" mode="text">
    <xsl:choose>
      <xsl:when test="w:in-block(.)">
        <blockquote><xsl:apply-templates mode="text"/></blockquote>
      </xsl:when>
      <!-- The quotation marks are text outside quote: q would print them twice. -->
      <xsl:otherwise>
        <span class="quote"><xsl:apply-templates mode="text"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Apparatus -->

  <xsl:template match="gap" mode="text">
    <xsl:element name="{if (w:in-block(.)) then 'p' else 'span'}">
      <xsl:attribute name="class" select="'gap' || (if (w:in-block(.)) then ' gap-block' else '')"/>
      <xsl:attribute name="id" select="w:id(.)"/>
      <span class="gap-wording">
        <xsl:text>[</xsl:text>
        <xsl:choose>
          <xsl:when test="normalize-space(desc)">
            <xsl:apply-templates select="desc/node()" mode="text"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="w:gap-reason(.) || ': ' || w:extent(.)"/>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:text>]</xsl:text>
      </span>
      <xsl:text> </xsl:text>
      <span class="gap-info" data-pagefind-ignore="">
        <span class="visually-hidden">(</span>
        <xsl:value-of select="w:gap-reason(.) || ' · ' || w:extent(.)"/>
        <span class="visually-hidden">)</span>
      </span>
    </xsl:element>
  </xsl:template>

  <xsl:template match="supplied | unclear" mode="text">
    <xsl:variable name="id" select="w:id(.)"/>
    <span class="{local-name()}" id="{$id}" tabindex="0" aria-describedby="{$id}-why">
      <xsl:if test="self::supplied"><span class="bracket">[</span></xsl:if>
      <xsl:apply-templates mode="text"/>
      <xsl:if test="self::supplied"><span class="bracket">]</span></xsl:if>
      <span class="why" role="tooltip" id="{$id}-why" data-pagefind-ignore="">
        <xsl:value-of select="if (self::supplied) then w:supplied-reason(.) else 'Uncertain reading of the source.'"/>
      </span>
    </span>
  </xsl:template>

  <xsl:template match="note" mode="text">
    <xsl:variable name="id" select="w:id(.)"/>
    <sup class="noteref">
      <a id="{$id}-ref" href="#{$id}" data-note="{$id}">
        <span class="visually-hidden">Note </span>
        <xsl:value-of select="count(preceding::note[ancestor::text]) + 1"/>
      </a>
    </sup>
  </xsl:template>

  <!-- A note's own words, in the list of notes and in its popover. -->
  <xsl:template match="note" mode="footnote">
    <xsl:variable name="id" select="w:id(.)"/>
    <li id="{$id}">
      <p>
        <span class="note-kind">
          <xsl:value-of select="if (@type = 'translator' and @cert = ('low', 'unknown')) then 'Translator’s query, uncertain:'
                                else if (@type = 'translator') then 'Translator’s note:'
                                else 'Note:'"/>
        </span>
        <xsl:text> </xsl:text>
        <xsl:apply-templates mode="text"/>
      </p>
      <p class="back" data-pagefind-ignore=""><a href="#{$id}-ref">Back to <xsl:value-of select="w:place(.)?label"/></a></p>
    </li>
  </xsl:template>

  <xsl:template match="foreign" mode="text">
    <i class="foreign">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="text"/>
    </i>
    <xsl:if test="@xml:lang">
      <span class="lang-tag" data-pagefind-ignore="">
        <xsl:text> (</xsl:text>
        <xsl:value-of select="w:language(@xml:lang)"/>
        <xsl:text>)</xsl:text>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="pb" mode="text">
    <xsl:element name="{if (w:in-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'pb' || (if (w:in-block(.)) then ' pb-block' else '')"/>
      <xsl:attribute name="id" select="w:id(.)"/>
      <span class="pb-label" data-pagefind-ignore="">
        <xsl:value-of select="if (@n) then 'page ' || @n else 'page break'"/>
      </span>
    </xsl:element>
  </xsl:template>

  <xsl:template match="lb" mode="text"><br/></xsl:template>

  <!-- Phrases -->

  <xsl:template match="hi" mode="text">
    <xsl:variable name="rend" select="tokenize(normalize-space(@rend), ' ')"/>
    <xsl:element name="{if ($rend = 'bold') then 'b' else if ($rend = 'italic') then 'i'
                        else if ($rend = ('sup', 'superscript')) then 'sup' else 'span'}">
      <xsl:if test="not($rend = ('bold', 'italic', 'sup', 'superscript'))">
        <xsl:attribute name="class" select="'hi', $rend"/>
      </xsl:if>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="persName | placeName | orgName" mode="text">
    <xsl:variable name="entry" select="w:register-entry(w:register-id(@ref))"/>
    <xsl:choose>
      <xsl:when test="$entry">
        <a class="name" href="{if ($entry/self::place) then 'places' else 'people'}.html#{$entry/@xml:id}">
          <xsl:if test="w:name($entry) ne normalize-space(.)">
            <xsl:attribute name="title" select="w:name($entry)"/>
          </xsl:if>
          <xsl:apply-templates mode="text"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="name"><xsl:apply-templates mode="text"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="date" mode="text">
    <xsl:choose>
      <xsl:when test="@when castable as xs:date or @when castable as xs:gYearMonth or @when castable as xs:gYear">
        <time datetime="{@when}"><xsl:apply-templates mode="text"/></time>
      </xsl:when>
      <xsl:otherwise><span class="date"><xsl:apply-templates mode="text"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="title" mode="text">
    <cite class="title level-{(@level, 'm')[1]}{@rend ! (' ' || .)}"><xsl:apply-templates mode="text"/></cite>
  </xsl:template>

  <xsl:template match="ref" mode="text">
    <xsl:choose>
      <xsl:when test="w:is-link(@target)">
        <a href="{@target}"><xsl:apply-templates mode="text"/></a>
      </xsl:when>
      <xsl:otherwise><span class="ref"><xsl:apply-templates mode="text"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="ptr" mode="text">
    <xsl:choose>
      <xsl:when test="w:is-link(@target)"><a href="{@target}"><xsl:value-of select="@target"/></a></xsl:when>
      <xsl:otherwise><span class="ref"><xsl:value-of select="@target"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="mentioned" mode="text">
    <span class="mentioned"><xsl:apply-templates mode="text"/></span>
  </xsl:template>

  <xsl:template match="gi" mode="text">
    <code class="gi">&lt;<xsl:value-of select="."/>&gt;</code>
  </xsl:template>

  <xsl:template match="att" mode="text">
    <code class="att">@<xsl:value-of select="."/></code>
  </xsl:template>

  <xsl:template match="val" mode="text">
    <code class="val">"<xsl:value-of select="."/>"</code>
  </xsl:template>

  <!-- Fallbacks: an element the edition does not expect is shown with its text, never dropped;
       its name stays in the markup for whoever wants to style it. -->
  <xsl:template match="*" mode="text" priority="-1">
    <xsl:element name="{if (w:in-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'tei-' || local-name()"/>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="*" mode="footnote" priority="-1">
    <li><p><xsl:apply-templates mode="text"/></p></li>
  </xsl:template>

</xsl:stylesheet>
