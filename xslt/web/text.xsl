<?xml version="1.0" encoding="UTF-8"?>
<!-- The reading text: TEI elements to HTML in mode "text", and to plain words in mode "plain".

     Whatever TEI a user brings, every element of the text reaches the page with its words: the
     elements below have a rendering of their own, and any other keeps its text, its element name
     as a class (tei-NAME; x-NAME for other vocabularies) and its place as a block or in the line.
     Labels that are not the source's words (turn numbers, page markers, language names) are drawn
     by the style sheet from attributes, so that copying a passage gives the words as seen. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:w="urn:teikit:web"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:err="http://www.w3.org/2005/xqt-errors"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:mode name="text" on-no-match="text-only-copy"/>
  <xsl:mode name="plain" on-no-match="text-only-copy"/>

  <!-- Where rendering failed, said as the element of the input it was rendering (teikit reports
       that element's line, not the stylesheet's). The innermost element names itself; the
       elements around it pass the error on as it is. -->
  <xsl:template match="*" mode="text source footnote summary" priority="100">
    <xsl:try>
      <xsl:next-match/>
      <xsl:catch errors="*">
        <xsl:sequence select="if ($err:code eq QName('urn:teikit:web', 'w:located')) then error($err:code, $err:description)
          else error(QName('urn:teikit:web', 'w:located'),
                     'at element ' || (count(ancestor::*) + count(preceding::*)) || ' &lt;' || name() || '&gt;: ' || $err:description)"/>
      </xsl:catch>
    </xsl:try>
  </xsl:template>

  <!-- Elements that hold blocks (paragraphs, turns, verse, lists, tables) rather than running text. -->
  <xsl:variable name="w:block-names" as="xs:string+" select="('p', 'ab', 'lg', 'l', 'list', 'table', 'figure', 'sp', 'u',
    'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'floatingText', 'quote', 'cit', 'head', 'stage',
    'castList', 'titlePage', 'opener', 'closer', 'postscript', 'trailer', 'argument', 'epigraph', 'byline', 'dateline',
    'docTitle', 'titlePart', 'docImprint', 'docAuthor', 'docDate', 'salute', 'signed', 'listBibl', 'bibl', 'eg',
    'listPerson', 'listPlace', 'listEvent', 'person', 'place', 'event', 'spGrp', 'lg', 'table', 'row', 'cell',
    'front', 'body', 'back', 'group', 'text', 'app', 'lem', 'rdg', 'note', 'fw', 'label', 'item', 'castGroup', 'castItem')"/>

  <!-- Whether an element stands as a block (between paragraphs, turns, sections) rather than in
       running text: inside a known container of blocks, or inside an element of its own that holds
       no text but other elements, which stands as a block in turn. -->
  <xsl:function name="w:in-block" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="parent" select="$element/parent::*"/>
    <xsl:sequence select="exists($parent[self::body or self::div or self::sp or self::front or self::back
                            or self::text or self::group or self::opener or self::closer or self::lg or self::floatingText
                            or self::div1 or self::div2 or self::div3 or self::div4 or self::div5 or self::div6 or self::div7
                            or self::titlePage or self::castList or self::spGrp or self::argument or self::epigraph
                            or self::postscript or self::figure])
                          or ($parent and not($parent/self::tei:*[local-name() = $w:phrase-containers])
                              and not($parent/text()[normalize-space()]) and w:in-block($parent))"/>
  </xsl:function>

  <xsl:variable name="w:phrase-containers" as="xs:string+" select="('p', 'ab', 'head', 'l', 'item', 'speaker', 'note',
    'hi', 'title', 'desc', 'dateline', 'salute', 'signed', 'label', 'quote', 'supplied', 'foreign', 'persName',
    'placeName', 'orgName', 'date', 'ref', 'unclear', 'mentioned', 'cell', 'u', 'seg', 'stage', 'add', 'del', 'emph',
    'q', 'said', 'name', 'rs', 'lem', 'rdg', 'reg', 'orig', 'sic', 'corr', 'abbr', 'expan', 'figDesc', 'byline',
    'titlePart', 'docAuthor', 'docDate', 'trailer', 'w', 'pc', 'num', 'measure', 'term', 'gloss', 'bibl')"/>

  <xsl:variable name="w:div-names" as="xs:string+" select="('div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7')"/>

  <xsl:function name="w:heading-level" as="xs:integer">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="min((6, 3 + count($element/ancestor::*[local-name() = $w:div-names or self::text[parent::group]])))"/>
  </xsl:function>

  <!-- Words of a node as a reader sees them, on one line. -->
  <xsl:function name="w:plain" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="words">
      <xsl:apply-templates select="$nodes" mode="plain"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space($words)"/>
  </xsl:function>

  <xsl:template match="lb[not(@break = 'no')] | cb[not(@break = 'no')] | pb[not(@break = 'no')]" mode="plain"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="note | choice[reg or corr or expan]/orig | choice[reg or corr or expan]/sic | choice[reg or corr or expan]/abbr" mode="plain"/>
  <xsl:template match="p | ab | l | item | head | cell | lg | div | sp | u | speaker" mode="plain">
    <xsl:text> </xsl:text><xsl:apply-templates mode="plain"/><xsl:text> </xsl:text>
  </xsl:template>

  <!-- Names and who speaks: an entity's key is its anchor on the People or Places page. -->

  <xsl:key name="listed" match="person[@xml:id] | personGrp[@xml:id] | place[@xml:id] | org[@xml:id]" use="@xml:id"/>

  <xsl:function name="w:slug" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:variable name="slug" select="replace(replace(lower-case(normalize-space($text)), '[^\p{L}\p{N}]+', '-'), '^-+|-+$', '')"/>
    <xsl:sequence select="(substring($slug, 1, 60)[.], 'unnamed')[1]"/>
  </xsl:function>

  <!-- A person or place the document lists: the register's entry it is the same as, else its name. -->
  <xsl:function name="w:listed-key" as="xs:string">
    <xsl:param name="entity" as="element()"/>
    <xsl:variable name="registered" select="w:register-entry(w:register-id(($entity/@sameAs, $entity/@corresp, $entity/@ref)[1]))"/>
    <xsl:sequence select="if ($registered) then string($registered/@xml:id) else 'n-' || w:slug(w:name($entity))"/>
  </xsl:function>

  <xsl:function name="w:mention-kind" as="xs:string?">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="target" select="w:pointed-entity($name)"/>
    <xsl:sequence select="
      if ($target/self::place or $name/self::placeName or $name/self::geogName or $name[@type = 'place']) then 'place'
      else if ($target/(self::person | self::personGrp) or $name/self::persName or $name[@type = ('person', 'persName')]) then 'person'
      else ()"/>
  </xsl:function>

  <!-- The person or place of the document (or the register) a name points to with @ref. -->
  <xsl:function name="w:pointed-entity" as="element()?">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="token" select="tokenize(normalize-space(($name/@ref, $name/@key, $name/@sameAs)[1]), ' ')[1]"/>
    <xsl:sequence select="if (not($token)) then ()
      else (w:register-entry(w:register-id($token)),
            if (starts-with($token, '#')) then key('listed', substring($token, 2), root($name))[1] else ())[1]"/>
  </xsl:function>

  <xsl:function name="w:mention-key" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="token" select="tokenize(normalize-space(($name/@ref, $name/@key)[1]), ' ')[1]"/>
    <xsl:variable name="target" select="w:pointed-entity($name)"/>
    <xsl:sequence select="
      if ($target/ancestor::standOff and $target/root() is $register) then string($target/@xml:id)
      else if ($target) then w:listed-key($target)
      else if ($token) then 'u-' || w:slug($token)
      else 'n-' || w:slug(w:plain($name))"/>
  </xsl:function>

  <xsl:variable name="w:mentions" as="element()*"
    select="//text//(persName | placeName | geogName | rs[@type = ('person', 'place')] | name[@type = ('person', 'persName', 'place')])
            [not(ancestor::*[self::persName or self::placeName or self::listPerson or self::listPlace or self::person or self::place])]"/>
  <xsl:variable name="w:mention-keys" as="map(xs:string, xs:string)"
    select="map:merge($w:mentions ! map:entry(generate-id(.), w:mention-key(.)))"/>
  <!-- The first mention of each entity on a page: only it is a tab stop. -->
  <xsl:variable name="w:first-mentions" as="map(xs:string, xs:string)"
    select="map:merge($w:mentions ! map:entry($w:mention-keys(generate-id(.)), generate-id(.)), map { 'duplicates': 'use-first' })"/>

  <!-- The participant a turn's @who points to, when the document lists them. -->
  <xsl:function name="w:speaker" as="element()?">
    <xsl:param name="turn" as="element()"/>
    <xsl:variable name="token" select="tokenize(normalize-space($turn/@who), ' ')[1]"/>
    <xsl:sequence select="if (starts-with($token, '#')) then key('listed', substring($token, 2), root($turn))[1] else ()"/>
  </xsl:function>

  <!-- Who speaks a turn, as a key of the People page: the listed participant, the register's
       entry, the @who pointer, else the label. -->
  <xsl:function name="w:speaker-key" as="xs:string?">
    <xsl:param name="turn" as="element()"/>
    <xsl:variable name="person" select="w:speaker($turn)"/>
    <xsl:variable name="token" select="tokenize(normalize-space($turn/@who), ' ')[1]"/>
    <xsl:sequence select="
      if ($person) then w:listed-key($person)
      else if (w:register-entry(w:register-id($token))) then w:register-id($token)
      else if ($token) then 'u-' || w:slug(replace($token, '^#', ''))
      else if (normalize-space($turn/speaker)) then 'n-' || w:slug(replace(w:plain($turn/speaker), '[\s:.,;]+$', ''))
      else ()"/>
  </xsl:function>

  <!-- A speaker's name where the text gives no label: the participant's label or name, else the
       @who pointer in words ("#PetrovIvan" → "PetrovIvan"). -->
  <xsl:function name="w:speaker-name" as="xs:string?">
    <xsl:param name="turn" as="element()"/>
    <xsl:variable name="person" select="w:speaker($turn)"/>
    <xsl:variable name="token" select="tokenize(normalize-space($turn/@who), ' ')[1]"/>
    <xsl:variable name="entry" select="w:register-entry(w:register-id($token))"/>
    <xsl:sequence select="(
      $person/persName[@type = 'label'][1] ! w:plain(.), $person ! w:name(.), $entry ! w:name(.),
      replace(replace($token, '^.*[#:/]', ''), '[_]+', ' ')[.])[1]"/>
  </xsl:function>

  <!-- The one name a speaker is searched by across the edition: the register's, the participant's,
       else the label as printed without its colon. -->
  <xsl:function name="w:speaker-filter-name" as="xs:string?">
    <xsl:param name="turn" as="element()"/>
    <xsl:variable name="person" select="w:speaker($turn)"/>
    <xsl:variable name="entry" select="w:register-entry(w:speaker-key($turn))"/>
    <xsl:sequence select="($entry ! w:name(.), $person ! w:name(.), w:speaker-name($turn),
                           replace(w:plain($turn/speaker), '[\s:.,;]+$', ''))[.][1]"/>
  </xsl:function>

  <!-- A speaker's shape, fixed by their place among the document's participants. -->
  <xsl:function name="w:speaker-index" as="xs:integer">
    <xsl:param name="person" as="element()?"/>
    <xsl:sequence select="if ($person/self::person) then count($person/preceding-sibling::person) + 1 else 0"/>
  </xsl:function>

  <xsl:function name="w:shape" as="xs:string">
    <xsl:param name="index" as="xs:integer"/>
    <xsl:sequence select="if ($index = 0) then '○' else $w:shapes[($index - 1) mod count($w:shapes) + 1]"/>
  </xsl:function>

  <!-- Structure -->

  <xsl:template match="text" mode="text">
    <xsl:apply-templates mode="text"/>
  </xsl:template>

  <!-- A composite text: its own heads, then each inner text in order, each with its heads. -->
  <xsl:template match="group" mode="text">
    <div class="group">
      <xsl:apply-templates mode="text"/>
    </div>
  </xsl:template>

  <xsl:template match="group/text" mode="text">
    <section class="inner-text">
      <xsl:if test="not((front, body)/head)">
        <xsl:element name="h{w:heading-level(.)}">
          <xsl:attribute name="class" select="'text-head'"/>
          <xsl:attribute name="id" select="w:id(.)"/>
          <xsl:value-of select="'Text ' || (@n, count(preceding-sibling::text) + 1)[1]"/>
        </xsl:element>
      </xsl:if>
      <xsl:apply-templates mode="text"/>
    </section>
  </xsl:template>

  <xsl:template match="body | front | back" mode="text">
    <div class="{local-name()}">
      <xsl:apply-templates mode="text"/>
    </div>
  </xsl:template>

  <!-- The transcript's own heading names the reading text (h1 is the document's title). -->
  <xsl:template match="body/head | front/head | back/head | group/head" mode="text">
    <xsl:element name="h{if (ancestor::group) then w:heading-level(.) else 2}">
      <xsl:attribute name="class" select="'text-head'"/>
      <xsl:if test=". is (/TEI/text//body/head)[1]"><xsl:attribute name="id" select="'text'"/></xsl:if>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="div | div1 | div2 | div3 | div4 | div5 | div6 | div7" mode="text">
    <section class="div div-{w:slug((@type, 'section')[1])}">
      <xsl:if test="not(head)">
        <xsl:element name="h{w:heading-level(.)}">
          <xsl:attribute name="id" select="w:id(.)"/>
          <xsl:attribute name="class" select="'visually-hidden'"/>
          <xsl:value-of select="w:capitalise((@type, 'section')[1]) || (@n ! (' ' || .))"/>
        </xsl:element>
      </xsl:if>
      <xsl:apply-templates mode="text"/>
    </section>
  </xsl:template>

  <xsl:template match="div/head | div1/head | div2/head | div3/head | div4/head | div5/head | div6/head | div7/head" mode="text">
    <xsl:element name="h{w:heading-level(..)}">
      <xsl:if test="not(preceding-sibling::head)">
        <xsl:attribute name="id" select="w:id(..)"/>
      </xsl:if>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="list/head | lg/head | castList/head | spGrp/head | listBibl/head | head" mode="text">
    <p class="head"><xsl:apply-templates mode="text"/></p>
  </xsl:template>

  <!-- A turn of speech: sp (with or without a speaker label) or u, whose @who names the speaker. -->
  <xsl:template match="sp | u" mode="text">
    <xsl:variable name="id" select="w:turn-id(.)"/>
    <xsl:variable name="n" select="w:turn-number(.)"/>
    <xsl:variable name="person" select="w:speaker(.)"/>
    <xsl:variable name="index" select="w:speaker-index($person)"/>
    <xsl:variable name="label" select="if (speaker) then () else w:speaker-name(.)"/>
    <section class="turn speaker-{$index}">
      <xsl:element name="h{w:heading-level(.)}">
        <xsl:attribute name="class" select="'turn-head'"/>
        <xsl:attribute name="id" select="$id"/>
        <xsl:attribute name="data-turn" select="$n"/>
        <xsl:attribute name="data-pagefind-weight" select="'1'"/>
        <xsl:for-each select="w:speaker-filter-name(.)">
          <xsl:attribute name="data-pagefind-filter" select="'speaker:' || ."/>
        </xsl:for-each>
        <a class="turn-no" href="#{$id}" aria-label="Turn {$n}" data-n="{$n}"/>
        <xsl:if test="speaker or $label">
          <xsl:text> </xsl:text>
          <span class="speaker" data-shape="{w:shape($index)}">
            <xsl:choose>
              <xsl:when test="speaker">
                <xsl:apply-templates select="speaker/node()" mode="text"/>
              </xsl:when>
              <xsl:otherwise>
                <span class="speaker-supplied" title="Speaker named from the text's encoding (@who)"><xsl:value-of select="$label"/></span>
              </xsl:otherwise>
            </xsl:choose>
          </span>
        </xsl:if>
      </xsl:element>
      <xsl:choose>
        <!-- A u holds the words spoken, not paragraphs. -->
        <xsl:when test="self::u and (text()[normalize-space()] or not(*[w:in-block(.)]))">
          <p><xsl:apply-templates mode="text"/></p>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="node() except speaker" mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="speaker" mode="text">
    <p class="speaker"><xsl:apply-templates mode="text"/></p>
  </xsl:template>

  <xsl:template match="stage" mode="text">
    <xsl:element name="{if (w:in-block(.)) then 'p' else 'span'}">
      <xsl:attribute name="class" select="'stage'"/>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <!-- A paragraph that holds blocks of its own (a list, a table, verse) cannot be an HTML p. -->
  <xsl:template match="p | ab" mode="text">
    <xsl:element name="{if (w:holds-blocks(.)) then 'div' else 'p'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <xsl:function name="w:holds-blocks" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element//(list | table | lg | l | figure | p | ab | quote[p | lg | l] | floatingText | sp | cit[quote/p]
                          | castList | listBibl | listPerson | listPlace)[not(ancestor::note[ancestor::* intersect $element])])"/>
  </xsl:function>

  <xsl:template match="opener | closer | postscript | argument | epigraph | trailer | titlePage | docTitle | docImprint | byline | floatingText | spGrp | castList" mode="text">
    <div class="{local-name()}"><xsl:apply-templates mode="text"/></div>
  </xsl:template>

  <xsl:template match="dateline | salute | signed | titlePart | docAuthor | docDate" mode="text">
    <xsl:element name="{if (w:in-block(.)) then 'p' else 'span'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="milestone" mode="text">
    <xsl:choose>
      <xsl:when test="@rend = 'rule'"><hr class="rule"/></xsl:when>
      <xsl:otherwise>
        <span class="milestone" data-unit="{(@unit, 'milestone')[1]}">
          <xsl:if test="@n"><xsl:attribute name="data-n" select="@n"/></xsl:if>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="list" mode="text">
    <xsl:apply-templates select="head" mode="text"/>
    <xsl:choose>
      <xsl:when test="label">
        <dl class="list">
          <xsl:for-each select="* except head">
            <xsl:element name="{if (self::label) then 'dt' else 'dd'}">
              <xsl:apply-templates mode="text"/>
            </xsl:element>
          </xsl:for-each>
        </dl>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{if (@type = ('ordered', 'numbered') or @rend = ('numbered', 'ordered')) then 'ol' else 'ul'}">
          <xsl:attribute name="class" select="'list'"/>
          <xsl:apply-templates select="node() except head" mode="text"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="item" mode="text">
    <li><xsl:apply-templates mode="text"/></li>
  </xsl:template>

  <!-- Inside a ul, whatever is not an item still needs an li to keep its words. -->
  <xsl:template match="list[not(label)]/*[not(self::item or self::head)]" mode="text" priority="1">
    <li class="tei-{local-name()}"><xsl:next-match/></li>
  </xsl:template>

  <xsl:template match="quote | cit" mode="text">
    <xsl:choose>
      <xsl:when test="w:in-block(.) or w:holds-blocks(.)">
        <blockquote class="{local-name()}"><xsl:apply-templates mode="text"/></blockquote>
      </xsl:when>
      <!-- The quotation marks are text outside quote: q would print them twice. -->
      <xsl:otherwise>
        <span class="{local-name()}"><xsl:apply-templates mode="text"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="q | said" mode="text">
    <q class="{local-name()}"><xsl:apply-templates mode="text"/></q>
  </xsl:template>

  <!-- Verse: each line on its own, with its number in the margin (every fifth when it has none). -->
  <xsl:template match="lg" mode="text">
    <div class="lg">
      <xsl:apply-templates mode="text"/>
    </div>
  </xsl:template>

  <xsl:template match="l" mode="text">
    <xsl:variable name="number" select="(@n, count(preceding-sibling::l) + 1)[1]"/>
    <div class="l">
      <xsl:if test="@n or (string($number) castable as xs:integer and xs:integer($number) mod 5 = 0)">
        <xsl:attribute name="data-n" select="$number"/>
      </xsl:if>
      <xsl:apply-templates mode="text"/>
    </div>
  </xsl:template>

  <!-- Tables -->

  <xsl:template match="table" mode="text">
    <div class="table-wrap">
      <table class="tei-table">
        <xsl:for-each select="head">
          <caption><xsl:apply-templates mode="text"/></caption>
        </xsl:for-each>
        <tbody>
          <xsl:apply-templates select="node() except head" mode="text"/>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="row" mode="text">
    <tr><xsl:apply-templates mode="text"/></tr>
  </xsl:template>

  <xsl:template match="cell" mode="text">
    <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
      <xsl:if test="@cols castable as xs:positiveInteger"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
      <xsl:if test="@rows castable as xs:positiveInteger"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <!-- Text between the rows of a table has no place in HTML's table: it goes into a row of its own. -->
  <xsl:template match="table/*[not(self::row or self::head)]" mode="text" priority="1">
    <tr class="tei-{local-name()}"><td><xsl:next-match/></td></tr>
  </xsl:template>

  <!-- Figures and images: an image from the web is shown, with its description as alternative text
       and on the page; one the site does not carry is named, never silently lost. -->
  <xsl:template match="figure" mode="text">
    <figure class="figure">
      <xsl:apply-templates select="node() except (head, figDesc)" mode="text"/>
      <xsl:if test="head or figDesc">
        <figcaption>
          <xsl:for-each select="head"><span class="figure-head"><xsl:apply-templates mode="text"/></span><xsl:text> </xsl:text></xsl:for-each>
          <xsl:for-each select="figDesc"><span class="figdesc"><xsl:apply-templates mode="text"/></span></xsl:for-each>
        </figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <xsl:template match="graphic | media" mode="text">
    <xsl:variable name="description" select="(w:plain(../figDesc)[.], w:plain(desc)[.], 'Image')[1]"/>
    <xsl:variable name="url" select="w:web-url(@url, normalize-space(@url))"/>
    <xsl:choose>
      <xsl:when test="matches($url, '^https://') and (not(self::media) or starts-with(@mimeType, 'image/'))">
        <img class="graphic" src="{$url}" alt="{$description}" loading="lazy" referrerpolicy="no-referrer"/>
      </xsl:when>
      <xsl:otherwise>
        <span class="graphic-missing">[<xsl:value-of select="'Image: ' || (tokenize(@url, '/')[last()][.], 'not given')[1]"/>]</span>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates select="desc" mode="text"/>
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
      <!-- Drawn by the style sheet: read aloud, never copied into the words. -->
      <span class="gap-info" data-info="{w:gap-reason(.) || ' · ' || w:extent(.)}" role="note"
            aria-label="{w:gap-reason(.) || ', ' || w:extent(.)}"/>
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

  <!-- One reading of a choice is shown (the regularised, corrected or expanded one), the other in a
       tip that hover, the keyboard (a tab stop) and a tap (focus) all open, as for supplied words. -->
  <xsl:template match="choice" mode="text">
    <xsl:variable name="shown" select="(reg, corr, expan, *)[1]"/>
    <xsl:variable name="others" select="* except $shown"/>
    <xsl:variable name="id" select="w:id(.)"/>
    <span class="choice" id="{$id}">
      <xsl:if test="$others">
        <xsl:attribute name="tabindex" select="0"/>
        <xsl:attribute name="aria-describedby" select="$id || '-why'"/>
      </xsl:if>
      <xsl:apply-templates select="$shown/node()" mode="text"/>
      <xsl:if test="$others">
        <span class="why" role="tooltip" id="{$id}-why" data-pagefind-ignore="">
          <xsl:value-of select="string-join($others ! (w:reading-name(.) || ': ' || w:plain(node())), '; ')"/>
        </span>
      </xsl:if>
    </span>
  </xsl:template>

  <xsl:function name="w:reading-name" as="xs:string">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="(map { 'orig': 'As written', 'sic': 'As written', 'abbr': 'Abbreviated', 'reg': 'Regularised',
                           'corr': 'Corrected', 'expan': 'Expanded', 'seg': 'Also' }(local-name($reading)), 'Also')[1]"/>
  </xsl:function>

  <!-- A critical apparatus entry: the lemma in the text, the variant readings beside it. -->
  <xsl:template match="app" mode="text">
    <xsl:variable name="main" select="(lem, rdg)[1]"/>
    <span class="app">
      <span class="lem"><xsl:apply-templates select="$main/node()" mode="text"/></span>
      <xsl:if test="(rdg, rdgGrp//rdg) except $main">
        <span class="readings">
          <xsl:for-each select="(rdg | rdgGrp//rdg) except $main">
            <span class="rdg">
              <xsl:if test="@wit"><span class="wit"><xsl:value-of select="replace(normalize-space(@wit), '#', '')"/>: </span></xsl:if>
              <xsl:apply-templates mode="text"/>
              <xsl:if test="not(normalize-space())"><span class="omit">om.</span></xsl:if>
            </span>
          </xsl:for-each>
        </span>
      </xsl:if>
      <xsl:apply-templates select="note | witDetail" mode="text"/>
    </span>
  </xsl:template>

  <xsl:template match="del" mode="text">
    <del class="del"><xsl:apply-templates mode="text"/></del>
  </xsl:template>

  <xsl:template match="add" mode="text">
    <ins class="add{@place ! (' place-' || w:slug(.))}"><xsl:apply-templates mode="text"/></ins>
  </xsl:template>

  <xsl:template match="note" mode="text">
    <xsl:variable name="id" select="w:id(.)"/>
    <xsl:choose>
      <!-- An editors' note on a whole passage (an empty section, say) stands as a block of its own. -->
      <xsl:when test="w:in-block(.) and not(@place = 'inline')">
        <div class="note-block {w:note-class(.)}" id="{$id}">
          <p><span class="note-kind"><xsl:value-of select="w:note-name(.)"/></span><xsl:text>: </xsl:text><xsl:apply-templates mode="text"/></p>
        </div>
      </xsl:when>
      <!-- A note the source printed in the line (a bracketed query of the translator) stays there, as printed. -->
      <xsl:when test="@place = 'inline'">
        <span class="note-inline {w:note-class(.)}" id="{$id}">
          <xsl:text>[</xsl:text>
          <xsl:apply-templates mode="text"/>
          <xsl:text>]</xsl:text>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="number" select="accumulator-before('w:note-calls')"/>
        <sup class="noteref {w:note-class(.)}">
          <!-- The note's words are indexed here, in its turn, so that a search hit in a note leads to where it is called. -->
          <a id="{$id}-ref" href="#{$id}" data-note="{$id}" aria-label="{w:note-name(.)} {$number}"
             data-note-words="{w:plain(node())}" data-pagefind-index-attrs="data-note-words"><xsl:value-of select="$number"/></a>
        </sup>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The name of each kind of note, the same on the web and in print (docs/encoding.md). -->
  <xsl:function name="w:note-name" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="
      if ($note/@type = 'editorial' or $note/@resp = '#editors') then 'Editors’ note'
      else if ($note/@type = 'translator' and $note/@cert = ('low', 'unknown')) then 'Translator’s query'
      else if ($note/@type = 'translator') then 'Translator’s note'
      else 'Note'"/>
  </xsl:function>

  <xsl:function name="w:note-class" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="'note-' || (if ($note/@type = 'editorial' or $note/@resp = '#editors') then 'editorial'
                          else if ($note/@type = 'translator') then 'translator' else 'other')"/>
  </xsl:function>

  <!-- A note's own words, in the list of notes and in its popover; its number is its permalink's text. -->
  <xsl:template match="note" mode="footnote">
    <xsl:variable name="id" select="w:id(.)"/>
    <xsl:variable name="number" select="accumulator-before('w:note-calls')"/>
    <li id="{$id}" class="{w:note-class(.)}" value="{$number}">
      <div class="note-body">
        <p class="note-head">
          <a class="note-permalink" href="#{$id}" aria-label="Permalink to note {$number}"><xsl:value-of select="$number"/></a>
          <xsl:text> </xsl:text>
          <span class="note-kind"><xsl:value-of select="w:note-name(.)"/></span>
        </p>
        <xsl:choose>
          <xsl:when test="p | ab | list | lg | table">
            <xsl:apply-templates mode="text"/>
          </xsl:when>
          <xsl:otherwise><p class="note-words"><xsl:apply-templates mode="text"/></p></xsl:otherwise>
        </xsl:choose>
      </div>
      <p class="back" data-pagefind-ignore=""><a href="#{$id}-ref">Back to <xsl:value-of select="w:place(.)?label"/></a></p>
    </li>
  </xsl:template>

  <xsl:template match="foreign" mode="text">
    <i class="foreign">
      <xsl:if test="@xml:lang">
        <xsl:attribute name="lang" select="@xml:lang"/>
        <xsl:attribute name="data-language" select="w:language(@xml:lang)"/>
      </xsl:if>
      <xsl:apply-templates mode="text"/>
    </i>
  </xsl:template>

  <!-- A page break of the original: its number when known, a link to its facsimile when it has one.
       The marker's words are drawn by the style sheet, so the text copies without them. -->
  <xsl:template match="pb" mode="text">
    <xsl:variable name="facs" select="w:facsimile(.)"/>
    <xsl:element name="{if (w:in-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'pb' || (if (w:in-block(.)) then ' pb-block' else '')"/>
      <xsl:attribute name="id" select="w:id(.)"/>
      <xsl:attribute name="role" select="'separator'"/>
      <xsl:attribute name="aria-label" select="if (@n) then 'Page ' || @n || ' of the original' else 'Page break of the original'"/>
      <xsl:attribute name="data-page" select="if (@n) then 'p. ' || @n else 'page break'"/>
      <xsl:if test="$facs">
        <a class="pb-facs" href="{$facs}" aria-label="Facsimile of {if (@n) then 'page ' || @n else 'this page'}" rel="noopener"/>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- The facsimile of a page: @facs as a URL, or the graphic of the surface it points to. -->
  <xsl:function name="w:facsimile" as="xs:string?">
    <xsl:param name="pb" as="element()"/>
    <xsl:variable name="token" select="tokenize(normalize-space($pb/@facs), ' ')[1]"/>
    <xsl:variable name="surface" select="if (starts-with($token, '#')) then key('listed-facs', substring($token, 2), root($pb))[1] else ()"/>
    <xsl:variable name="pointer" select="if ($surface) then ($surface/descendant-or-self::graphic/@url)[1] else $pb/@facs"/>
    <xsl:sequence select="w:web-url($pointer, if ($surface) then normalize-space($pointer) else $token)[matches(., '^https?://')]"/>
  </xsl:function>

  <!-- A URL as the TEI means it: relative ones (an image server's file names) stand against the
       xml:base in force, as facsimiles often are; one that stays relative to the file itself names
       nothing on the site, and gives nothing. -->
  <xsl:function name="w:web-url" as="xs:string?">
    <xsl:param name="attribute" as="attribute()?"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:if test="$attribute and $value">
      <xsl:try>
        <xsl:sequence select="string(if (matches($value, '^[A-Za-z][A-Za-z0-9+.-]*:')) then $value
                                     else resolve-uri($value, string(base-uri($attribute/..))))"/>
        <xsl:catch/>
      </xsl:try>
    </xsl:if>
  </xsl:function>

  <xsl:key name="listed-facs" match="facsimile//*[@xml:id]" use="@xml:id"/>

  <xsl:template match="lb" mode="text"><br/></xsl:template>

  <!-- Where a turn the editors merged into the one before began: its anchor (t{n}, as the turn's
       was) still leads there. -->
  <xsl:template match="anchor[@type = 'merged-turn']" mode="text">
    <span class="merged-turn" id="{if (matches(@n, '^[A-Za-z0-9_.\-]+$')) then 't' || @n else @xml:id}"/>
  </xsl:template>

  <xsl:template match="cb" mode="text">
    <span class="cb" data-column="{(@n, '')[1]}"/>
  </xsl:template>

  <!-- The parts of a manuscript's identifier, one after another: "Florence, Biblioteca Laurenziana, Plut. 32.9". -->
  <xsl:template match="msIdentifier/*[preceding-sibling::*]" mode="text" priority="1">
    <xsl:text>, </xsl:text>
    <xsl:next-match/>
  </xsl:template>

  <xsl:template match="fw" mode="text">
    <span class="fw"><xsl:apply-templates mode="text"/></span>
  </xsl:template>

  <xsl:template match="space" mode="text"><xsl:text> </xsl:text></xsl:template>

  <!-- Phrases -->

  <xsl:template match="hi | emph" mode="text">
    <xsl:variable name="rend" select="tokenize(lower-case(normalize-space(@rend)), '\s+')"/>
    <xsl:element name="{if ($rend = ('bold', 'b', 'strong')) then 'b' else if ($rend = ('italic', 'i', 'italics') or self::emph) then 'i'
                        else if ($rend = ('sup', 'superscript')) then 'sup' else if ($rend = ('sub', 'subscript')) then 'sub' else 'span'}">
      <xsl:attribute name="class" select="string-join((local-name(), $rend ! ('rend-' || w:slug(.))), ' ')"/>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="persName | placeName | orgName | geogName | rs | name" mode="text">
    <xsl:variable name="key" select="$w:mention-keys(generate-id(.))"/>
    <xsl:variable name="kind" select="if ($key) then w:mention-kind(.) else ()"/>
    <xsl:choose>
      <xsl:when test="$kind">
        <xsl:variable name="entry" select="w:register-entry($key)"/>
        <a class="name" href="{if ($kind = 'place') then 'places' else 'people'}.html#{$key}">
          <xsl:if test="$w:first-mentions($key) ne generate-id(.)">
            <xsl:attribute name="tabindex" select="'-1'"/>
          </xsl:if>
          <xsl:if test="$entry and w:name($entry) ne normalize-space(.)">
            <xsl:attribute name="title" select="w:name($entry)"/>
          </xsl:if>
          <!-- The register's other forms (the original script, misspellings of the source) find this passage too. -->
          <!-- Each word of those forms once, and only those the name as written lacks, so a hit is not counted twice. -->
          <xsl:variable name="written" select="tokenize(lower-case(w:plain(.)), '[^\p{L}\p{N}]+')"/>
          <xsl:variable name="variants" select="distinct-values($entry/(persName | placeName)[not(@type = 'label')]
              ! tokenize(w:plain(.), '[^\p{L}\p{N}]+')[string-length(.) ge 3][not(lower-case(.) = $written)])"/>
          <xsl:if test="exists($variants)">
            <xsl:attribute name="data-variants" select="string-join($variants, ' ')"/>
            <xsl:attribute name="data-pagefind-index-attrs" select="'data-variants'"/>
          </xsl:if>
          <xsl:apply-templates mode="text"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="name {local-name()}"><xsl:apply-templates mode="text"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="date | time" mode="text">
    <xsl:choose>
      <xsl:when test="@when castable as xs:date or @when castable as xs:gYearMonth or @when castable as xs:gYear or @when castable as xs:dateTime">
        <time datetime="{@when}"><xsl:apply-templates mode="text"/></time>
      </xsl:when>
      <xsl:otherwise><span class="date"><xsl:apply-templates mode="text"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="title" mode="text">
    <cite class="title level-{w:slug((@level, 'm')[1])}{@rend ! (' ' || w:slug(.))}"><xsl:apply-templates mode="text"/></cite>
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

  <xsl:template match="code | eg" mode="text">
    <xsl:element name="{if (self::eg or w:in-block(.)) then 'pre' else 'code'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:value-of select="."/>
    </xsl:element>
  </xsl:template>

  <!-- Tokens of linguistic corpora (w, pc) carry no spaces between them: the space is put back
       unless the encoding joins them. -->
  <xsl:template match="w | pc" mode="text">
    <span class="{local-name()}"><xsl:apply-templates mode="text"/></span>
    <xsl:variable name="next" select="following-sibling::node()[1]"/>
    <xsl:if test="$next/self::*[self::w or self::pc or self::name or self::seg] and not(@join = ('right', 'both'))
                  and not($next/@join = ('left', 'both'))">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- Fallbacks: an element the edition does not expect is shown with its text, never dropped;
       its name stays in the markup for whoever wants to style it. -->
  <xsl:template match="*" mode="text" priority="-1">
    <xsl:element name="{if (w:in-block(.) or w:holds-blocks(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="(if (self::tei:*) then 'tei-' else 'x-') || w:slug(local-name())"/>
      <xsl:apply-templates mode="text"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="*" mode="footnote" priority="-1">
    <li><p><xsl:apply-templates mode="text"/></p></li>
  </xsl:template>

</xsl:stylesheet>
