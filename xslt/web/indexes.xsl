<?xml version="1.0" encoding="UTF-8"?>
<!-- The edition-wide pages, made from the summaries of all documents (mode "edition"): home,
     people, places, omissions and uncertainties, encoding principles, search. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:w="urn:teikit:web"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- The edition's schema (schema/edition.xsd), whose documentation joins the principles page. -->
  <xsl:param name="schema" as="document-node()?" select="()"/>
  <!-- The folders of the search indexes the search page merges, when there are several (teikit.web.search). -->
  <xsl:param name="search-indexes" as="xs:string" select="''"/>

  <xsl:key name="mentions" match="w:said" use="@kind || ' ' || @key"/>
  <xsl:key name="turns" match="w:speaks" use="@key"/>
  <xsl:key name="setting" match="w:place" use="@key"/>
  <!-- By key alone, whatever the kind: an entry shows every listing and spelling of its key. -->
  <xsl:key name="listed" match="w:entity" use="@key"/>
  <xsl:key name="spelled" match="w:said" use="@key"/>
  <xsl:key name="position" match="w:site/w:document" use="@page"/>

  <xsl:variable name="w:collation" select="'http://www.w3.org/2013/collation/UCA?lang=en;strength=secondary'"/>

  <xsl:variable name="w:kinds" select="map {
      'omission': 'Omission', 'unreadable': 'Unreadable passage', 'uncertain': 'Uncertain reading',
      'uncertain-insertion': 'Uncertain editorial insertion', 'insertion': 'Editorial insertion',
      'translator-note': 'Translator’s note', 'editorial-note': 'Editors’ note', 'note': 'Note' }"/>

  <xsl:template match="/w:summaries" mode="edition">
    <xsl:variable name="documents" select="w:in-order(w:document)"/>
    <xsl:call-template name="w:write-page">
      <xsl:with-param name="page" select="'index'"/>
      <xsl:with-param name="title" select="$w:edition-title"/>
      <xsl:with-param name="content">
        <xsl:apply-templates select="." mode="w:page-index"><xsl:with-param name="documents" select="$documents" tunnel="yes"/></xsl:apply-templates>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="w:write-page">
      <xsl:with-param name="page" select="'people'"/>
      <xsl:with-param name="title" select="'People'"/>
      <xsl:with-param name="content">
        <xsl:apply-templates select="." mode="w:page-people"><xsl:with-param name="documents" select="$documents" tunnel="yes"/></xsl:apply-templates>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="w:write-page">
      <xsl:with-param name="page" select="'places'"/>
      <xsl:with-param name="title" select="'Places'"/>
      <xsl:with-param name="content">
        <xsl:apply-templates select="." mode="w:page-places"/>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="w:write-page">
      <xsl:with-param name="page" select="'omissions'"/>
      <xsl:with-param name="title" select="'Omissions and uncertainties'"/>
      <xsl:with-param name="content">
        <xsl:apply-templates select="." mode="w:page-omissions"><xsl:with-param name="documents" select="$documents" tunnel="yes"/></xsl:apply-templates>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="w:write-page">
      <xsl:with-param name="page" select="'principles'"/>
      <xsl:with-param name="title" select="'Encoding principles'"/>
      <xsl:with-param name="content">
        <xsl:apply-templates select="." mode="w:page-principles"><xsl:with-param name="documents" select="$documents" tunnel="yes"/></xsl:apply-templates>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="w:write-page">
      <xsl:with-param name="page" select="'search'"/>
      <xsl:with-param name="title" select="'Search'"/>
      <xsl:with-param name="content">
        <xsl:apply-templates select="." mode="w:page-search"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="w:write-page">
    <xsl:param name="page" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:result-document href="{w:output-href($page)}" format="page">
      <xsl:call-template name="w:page">
        <xsl:with-param name="page" select="$page"/>
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="content" select="$content"/>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>

  <!-- The edition's order (by date, undated last, then by title), as the table of contents has it. -->
  <xsl:function name="w:in-order" as="element(w:document)*">
    <xsl:param name="documents" as="element(w:document)*"/>
    <xsl:perform-sort select="$documents">
      <xsl:sort select="xs:integer((key('position', @file, $site)/@position, 0)[1])"/>
    </xsl:perform-sort>
  </xsl:function>

  <xsl:template name="w:document-link">
    <xsl:param name="document" as="element(w:document)"/>
    <xsl:param name="fragment" as="xs:string?" select="()"/>
    <a href="{$document/@file}.html{$fragment ! ('#' || .)}"><xsl:value-of select="$document/@title"/></a>
    <xsl:if test="$document/@date != ''">
      <xsl:text> </xsl:text>
      <span class="date">(<xsl:value-of select="$document/@date-label"/>)</span>
    </xsl:if>
  </xsl:template>

  <!-- Home -->

  <xsl:template match="w:summaries" mode="w:page-index">
    <xsl:param name="documents" as="element(w:document)*" tunnel="yes"/>
    <xsl:variable name="header" select="$register/TEI/teiHeader"/>
    <xsl:variable name="editors" select="$header/fileDesc/(seriesStmt, titleStmt)[editor][1]/editor ! w:plain(.)"/>
    <header class="page-head edition-head">
      <h1><xsl:value-of select="$w:edition-title"/></h1>
      <xsl:if test="exists($editors)">
        <p class="editors">Edited by <xsl:value-of select="w:and($editors)"/></p>
      </xsl:if>
      <xsl:for-each select="$header/encodingDesc/projectDesc/p">
        <p class="lead"><xsl:apply-templates mode="text"/></p>
      </xsl:for-each>
    </header>
    <xsl:if test="$site/w:site/w:edition/w:file">
      <div class="edition-downloads">
        <xsl:call-template name="w:downloads">
          <xsl:with-param name="files" select="$site/w:site/w:edition/w:file"/>
          <xsl:with-param name="tei" select="false()"/>
        </xsl:call-template>
      </div>
    </xsl:if>
    <section aria-labelledby="documents">
      <h2 id="documents">Documents</h2>
      <p class="count">
        <xsl:value-of select="w:plural(count($documents), 'document')"/>
        <xsl:variable name="dates" select="$documents/@date[. != '']"/>
        <!-- A range only when every date is exact: "16 July 2018" would misstate one known only as "after 16 July 2018". -->
        <xsl:if test="$dates and not($documents[@date != '' and @date-label != w:date(@date)])">
          <xsl:value-of select="', ' || w:date(min($dates ! string(.))) || (if (count(distinct-values($dates)) gt 1) then ' to ' || w:date(max($dates ! string(.))) else '')"/>
        </xsl:if>
        <xsl:text>, in the order of their dates.</xsl:text>
      </p>
      <ol class="documents">
        <!-- Each document's card is written once, when its summary changes (mode w:parts), and the
             cards are put here in the edition's order by teikit.web.pages.assemble: the shell does
             not follow the order, so a document moved in it leaves the shell as it was. -->
        <xsl:comment select="'teikit-parts index ' || count($documents)"/>
      </ol>
    </section>
  </xsl:template>

  <!-- A document's card on the home page (FILE.index.html). -->
  <xsl:template match="w:document" mode="w:card">
    <li>
      <article class="card">
        <h3><a href="{@file}.html"><xsl:value-of select="@title"/></a></h3>
        <dl class="facts">
          <div><dt>Date</dt><dd><xsl:value-of select="(@date-label[. != ''], 'not stated')[1]"/></dd></div>
          <div><dt>Place</dt><dd><xsl:apply-templates select="w:place" mode="w:place-name"/><xsl:if test="not(w:place)">not stated</xsl:if></dd></div>
          <div>
            <dt>Participants</dt>
            <dd>
              <xsl:value-of select="(string-join(distinct-values((w:participant, w:turn[not(@key = ../w:participant/@key)]/@name) ! normalize-space()[.]), ', ')[.], 'not stated')[1]"/>
            </dd>
          </div>
          <div><dt>Kind</dt><dd><xsl:value-of select="w:capitalise(@kind)"/></dd></div>
        </dl>
        <xsl:for-each select="w:summary">
          <p class="summary"><xsl:value-of select="."/></p>
        </xsl:for-each>
      </article>
    </li>
  </xsl:template>

  <xsl:template match="w:place" mode="w:place-name">
    <xsl:variable name="entry" select="w:register-entry(@key)"/>
    <a href="places.html#{@key}"><xsl:value-of select="if ($entry) then w:name($entry) else ."/></a>
  </xsl:template>

  <!-- People and places: the register's entries, the persons and places the documents list
       themselves, and every name they mention or speaker they give, each under one key. -->

  <xsl:template match="w:summaries" mode="w:page-people">
    <xsl:call-template name="w:entities">
      <xsl:with-param name="kind" select="'person'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="w:summaries" mode="w:page-places">
    <xsl:call-template name="w:entities">
      <xsl:with-param name="kind" select="'place'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="w:entities">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="summaries" select="root(.)"/>
    <xsl:variable name="registered" select="$register[$w:has-register]//standOff//(if ($kind = 'person') then person else place)[@xml:id]"/>
    <!-- Everything the documents say of this kind, by key: listed entities, mentions, speakers, settings. -->
    <xsl:variable name="said" select="//w:entity[@kind = $kind] | //w:said[@kind = $kind]
                                      | (if ($kind = 'person') then //w:speaks else //w:place)"/>
    <xsl:variable name="entries" as="element(w:entry)*">
      <xsl:for-each select="$registered">
        <w:entry key="{@xml:id}" name="{w:name(.)}" sort="{if (self::person) then w:sort-name(.) else w:name(.)}" registered="true"/>
      </xsl:for-each>
      <xsl:for-each-group select="$said[not(@key = $registered/@xml:id)]" group-by="(@key, 'n-' || w:slug(.))[1]">
        <!-- Each name as often as it is written: a w:said stands for its document's @n mentions, a
             w:speaks for its @n turns. -->
        <xsl:variable name="names" as="element(w:name)*">
          <xsl:for-each select="current-group()/self::w:entity/@name"><w:name n="1"><xsl:value-of select="."/></w:name></xsl:for-each>
          <xsl:for-each select="current-group()">
            <xsl:for-each select="@name[normalize-space()]"><w:name n="{(../@n, 1)[1]}"><xsl:value-of select="."/></w:name></xsl:for-each>
            <xsl:for-each select="self::w:place/text()[normalize-space()]"><w:name n="1"><xsl:value-of select="."/></w:name></xsl:for-each>
          </xsl:for-each>
        </xsl:variable>
        <xsl:variable name="name" select="(current-group()/self::w:entity/@name, w:most-common($names))[1]"/>
        <w:entry key="{current-grouping-key()}" name="{$name}" sort="{w:surname-first($name, $kind)}" registered="false"/>
      </xsl:for-each-group>
    </xsl:variable>
    <!-- Entries of one name in an order of their own (the registered first, then by key), not in
         the order the documents first name them: the edition's order moves no entry. -->
    <xsl:variable name="sorted" as="element(w:entry)*">
      <xsl:perform-sort select="$entries">
        <xsl:sort select="@sort" collation="{$w:collation}"/>
        <xsl:sort select="@registered" order="descending"/>
        <xsl:sort select="@key"/>
      </xsl:perform-sort>
    </xsl:variable>
    <header class="page-head">
      <h1><xsl:value-of select="if ($kind = 'person') then 'People' else 'Places'"/></h1>
      <p class="lead">
        <xsl:choose>
          <xsl:when test="$kind = 'person'">Everyone the edition’s documents name or give a voice, with the turns they speak and the
            passages that name them. Follow a number to read the turn.</xsl:when>
          <xsl:otherwise>Every place the edition’s documents name, with the documents written or set there and the
            passages that name it.</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$w:has-register and $entries[@registered = 'false']"> Names not in the edition’s register are marked so.</xsl:if>
      </p>
    </header>
    <xsl:if test="empty($entries)">
      <p class="notice">The documents name no <xsl:value-of select="if ($kind = 'person') then 'persons' else 'places'"/> in their encoding.</p>
    </xsl:if>
    <xsl:call-template name="w:initials">
      <xsl:with-param name="entries" select="$sorted"/>
    </xsl:call-template>
    <xsl:for-each select="$sorted">
      <xsl:variable name="key" select="string(@key)"/>
      <xsl:variable name="registered" select="w:register-entry($key)"/>
      <xsl:variable name="listed" select="key('listed', $key, $summaries)"/>
      <section class="entry" aria-labelledby="{$key}">
        <h2 id="{$key}"><xsl:value-of select="@name"/></h2>
        <xsl:choose>
          <xsl:when test="$registered">
            <xsl:for-each select="$registered">
              <p class="entry-facts">
                <xsl:value-of select="string-join((
                    persName[@type = 'full'][normalize-space() != w:name(current())] ! normalize-space(),
                    if (birth/@when or death/@when) then substring(birth/@when, 1, 4) || '–' || substring(death/@when, 1, 4) else (),
                    occupation ! normalize-space(), @type ! w:capitalise(.)), ' · ')"/>
              </p>
              <xsl:call-template name="w:other-names"/>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <xsl:for-each select="distinct-values($listed/w:facts)">
              <p class="entry-facts"><xsl:value-of select="."/></p>
            </xsl:for-each>
            <xsl:variable name="also" select="distinct-values(($listed/w:also, key('spelled', $key, $summaries)/@name)[. != current()/@name])"/>
            <xsl:if test="exists($also)">
              <p class="other-names"><span class="label">Also written </span><xsl:value-of select="string-join($also, ', ')"/></p>
            </xsl:if>
            <xsl:for-each-group select="$listed/w:authority" group-by="@href">
              <p class="authority"><a href="{@href}"><xsl:value-of select="."/></a></p>
            </xsl:for-each-group>
            <xsl:if test="$w:has-register"><p class="entry-facts">Not in the edition’s register.</p></xsl:if>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$kind = 'place'">
          <xsl:call-template name="w:occurrences">
            <xsl:with-param name="heading" select="'Documents from here'"/>
            <xsl:with-param name="hits" select="key('setting', $key, $summaries)"/>
            <xsl:with-param name="piece" select="w:piece($key, 'here')"/>
            <xsl:with-param name="page" select="'places'"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="$kind = 'person'">
          <xsl:call-template name="w:occurrences">
            <xsl:with-param name="heading" select="'Speaks'"/>
            <xsl:with-param name="hits" select="key('turns', $key, $summaries)"/>
            <xsl:with-param name="piece" select="w:piece($key, 'speaks')"/>
            <xsl:with-param name="page" select="'people'"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:call-template name="w:occurrences">
          <xsl:with-param name="heading" select="'Named'"/>
          <xsl:with-param name="hits" select="key('mentions', $kind || ' ' || $key, $summaries)"/>
          <xsl:with-param name="piece" select="w:piece($key, 'named')"/>
          <xsl:with-param name="page" select="if ($kind = 'person') then 'people' else 'places'"/>
        </xsl:call-template>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- The name written most often (the first written of those tied). -->
  <xsl:function name="w:most-common" as="xs:string?">
    <xsl:param name="names" as="element(w:name)*"/>
    <xsl:variable name="grouped" as="xs:string*">
      <xsl:for-each-group select="$names[normalize-space()]" group-by="normalize-space()">
        <xsl:sort select="sum(current-group()/@n)" order="descending"/>
        <xsl:sequence select="current-grouping-key()"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:sequence select="$grouped[1]"/>
  </xsl:function>

  <!-- "Ivan Petrov" sorts as "Petrov Ivan"; places and one-word names as written. -->
  <xsl:function name="w:surname-first" as="xs:string">
    <xsl:param name="name" as="xs:string?"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="words" select="tokenize(normalize-space($name), ' ')"/>
    <xsl:sequence select="if ($kind = 'person' and count($words) gt 1) then string-join(($words[last()], $words[position() lt last()]), ' ')
                          else string($name)"/>
  </xsl:function>

  <xsl:template name="w:initials">
    <xsl:param name="entries" as="element(w:entry)*"/>
    <xsl:if test="count($entries) gt 12">
      <nav class="initials" aria-label="Jump to a letter">
        <ul>
          <xsl:for-each-group select="$entries" group-by="upper-case(substring(@sort, 1, 1))" collation="{$w:collation}">
            <li><a href="#{current-group()[1]/@key}"><xsl:value-of select="current-grouping-key()"/></a></li>
          </xsl:for-each-group>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template name="w:other-names">
    <xsl:variable name="shown" select="w:name(.)"/>
    <xsl:variable name="others" select="(persName | placeName)[not(@type = ('reg', 'full'))][normalize-space() != $shown]"/>
    <xsl:if test="$others">
      <p class="other-names">
        <span class="label">Also written </span>
        <xsl:for-each select="$others">
          <xsl:if test="position() gt 1"><xsl:text>, </xsl:text></xsl:if>
          <span>
            <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
            <xsl:value-of select="normalize-space(.)"/>
          </span>
        </xsl:for-each>
      </p>
    </xsl:if>
    <xsl:for-each select="idno[@type = 'wikidata']">
      <p class="authority"><a href="https://www.wikidata.org/wiki/{normalize-space(.)}">Wikidata <xsl:value-of select="normalize-space(.)"/></a></p>
    </xsl:for-each>
  </xsl:template>

  <!-- The documents with turns or passages of one entry: each document's item is written once,
       when its summary changes (mode w:parts), and the items are put here in the edition's order
       by teikit.web.pages.assemble; the mark says how many there are. -->
  <xsl:template name="w:occurrences">
    <xsl:param name="heading" as="xs:string"/>
    <xsl:param name="hits" as="element()*"/>
    <xsl:param name="piece" as="xs:string"/>
    <xsl:param name="page" as="xs:string"/>
    <xsl:if test="$hits">
      <h3><xsl:value-of select="$heading"/></h3>
      <ul class="occurrences">
        <xsl:comment select="'teikit-parts ' || $page || ' ' || count($hits/..) || ' ' || $piece"/>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- One document's item of an entry's list: the link to it and to each turn or passage. -->
  <xsl:template name="w:occurrence">
    <xsl:param name="document" as="element(w:document)"/>
    <xsl:param name="hits" as="element()*" select="()"/>
    <xsl:param name="piece" as="xs:string"/>
    <xsl:comment select="'teikit-piece ' || $piece"/>
    <li>
      <xsl:call-template name="w:document-link">
        <xsl:with-param name="document" select="$document"/>
      </xsl:call-template>
      <xsl:call-template name="w:turn-links">
        <xsl:with-param name="hits" select="$hits"/>
      </xsl:call-template>
    </li>
  </xsl:template>

  <!-- Where an entry's item of one document is found in that document's part: the key, which
       may hold any character of a name, as a token a comment can carry. -->
  <xsl:function name="w:piece" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="list" as="xs:string"/>
    <xsl:sequence select="replace(encode-for-uri($key), '-', '%2D') || '.' || $list"/>
  </xsl:function>

  <xsl:template name="w:turn-links">
    <xsl:param name="hits" as="element()*"/>
    <xsl:if test="$hits">
      <xsl:text>: </xsl:text>
      <xsl:for-each select="$hits">
        <xsl:if test="position() gt 1"><xsl:text>, </xsl:text></xsl:if>
        <a href="{../@file}.html#{(@id, @place)[1]}">
          <xsl:value-of select="if (self::w:turn) then 'turn ' || @n else @label"/>
        </a>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- Omissions and uncertainties -->

  <xsl:template match="w:summaries" mode="w:page-omissions">
    <xsl:param name="documents" as="element(w:document)*" tunnel="yes"/>
    <xsl:variable name="items" select="$documents/w:items"/>
    <header class="page-head">
      <h1>Omissions and uncertainties</h1>
      <p class="lead">Every gap, translator’s note, uncertain reading and editorial insertion in the edition, in the
        order of the documents. Each links to its place in the text.</p>
    </header>
    <xsl:choose>
      <xsl:when test="$items">
        <ul class="tally">
          <xsl:for-each-group select="$items" group-by="@kind">
            <xsl:sort select="sum(current-group()/@n)" order="descending"/>
            <li><xsl:value-of select="sum(current-group()/@n) || ' × ' || $w:kinds(current-grouping-key())"/></li>
          </xsl:for-each-group>
        </ul>
        <div class="table-wrap">
          <table class="apparatus">
            <caption class="visually-hidden">Omissions and uncertainties, by document</caption>
            <thead>
              <tr>
                <th scope="col">Where</th>
                <th scope="col">Kind</th>
                <th scope="col">In the text</th>
                <th scope="col">Extent or explanation</th>
              </tr>
            </thead>
            <!-- Each document's rows are written once, when its summary changes (mode w:parts), and
                 put here in the edition's order by teikit.web.pages.assemble. -->
            <xsl:comment select="'teikit-parts omissions ' || count($documents[w:items])"/>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <p>The documents of this edition have no gaps, notes, uncertain readings or editorial insertions.</p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The parts of the edition-wide pages that come from one document each: its frame; its entry
       of search-turns.json, as FILE.turns.json; its card of the home page and a link to it (for
       the principles), as FILE.index.html and FILE.link.html; its rows of the omissions page, as
       FILE.omissions.html; and its items of the entries of the people and places pages, as
       FILE.people.html and FILE.places.html. -->
  <xsl:template match="w:summaries" mode="w:parts">
    <xsl:for-each select="w:document">
      <xsl:result-document href="{w:output-href(@file, 'frame.xml')}" method="xml" omit-xml-declaration="yes" indent="no">
        <xsl:apply-templates select="." mode="w:frame"/>
      </xsl:result-document>
    </xsl:for-each>
    <xsl:for-each select="w:document">
      <!-- Who speaks each turn, so that a search narrowed to a speaker shows only their turns: the
           document's entry of search-turns.json. -->
      <xsl:result-document href="{w:output-href(@file, 'turns.json')}" method="json">
        <xsl:sequence select="map:merge(w:turn[@name != ''] ! map:entry(string(@id), string(@name)), map { 'duplicates': 'use-first' })"/>
      </xsl:result-document>
      <xsl:result-document href="{w:output-href(@file, 'index.html')}" format="page">
        <xsl:apply-templates select="." mode="w:card"/>
      </xsl:result-document>
      <xsl:result-document href="{w:output-href(@file, 'link.html')}" format="page">
        <a href="{@file}.html"><xsl:value-of select="@title"/></a>
      </xsl:result-document>
    </xsl:for-each>
    <xsl:for-each select="w:document[w:item]">
      <xsl:result-document href="{w:output-href(@file, 'omissions.html')}" format="page">
        <xsl:apply-templates select="." mode="w:omissions-rows"/>
      </xsl:result-document>
    </xsl:for-each>
    <xsl:for-each select="w:document[w:turn[@key != ''] | w:mention[@kind = 'person']]">
      <xsl:result-document href="{w:output-href(@file, 'people.html')}" format="page">
        <xsl:for-each-group select="w:turn[@key != '']" group-by="@key">
          <xsl:call-template name="w:occurrence">
            <xsl:with-param name="document" select="current-group()[1]/.."/>
            <xsl:with-param name="hits" select="current-group()"/>
            <xsl:with-param name="piece" select="w:piece(current-grouping-key(), 'speaks')"/>
          </xsl:call-template>
        </xsl:for-each-group>
        <xsl:for-each-group select="w:mention[@kind = 'person']" group-by="@key">
          <xsl:call-template name="w:occurrence">
            <xsl:with-param name="document" select="current-group()[1]/.."/>
            <xsl:with-param name="hits" select="current-group()"/>
            <xsl:with-param name="piece" select="w:piece(current-grouping-key(), 'named')"/>
          </xsl:call-template>
        </xsl:for-each-group>
      </xsl:result-document>
    </xsl:for-each>
    <xsl:for-each select="w:document[w:place | w:mention[@kind = 'place']]">
      <xsl:result-document href="{w:output-href(@file, 'places.html')}" format="page">
        <xsl:for-each-group select="w:place" group-by="@key">
          <xsl:call-template name="w:occurrence">
            <xsl:with-param name="document" select="current-group()[1]/.."/>
            <xsl:with-param name="piece" select="w:piece(current-grouping-key(), 'here')"/>
          </xsl:call-template>
        </xsl:for-each-group>
        <xsl:for-each-group select="w:mention[@kind = 'place']" group-by="@key">
          <xsl:call-template name="w:occurrence">
            <xsl:with-param name="document" select="current-group()[1]/.."/>
            <xsl:with-param name="hits" select="current-group()"/>
            <xsl:with-param name="piece" select="w:piece(current-grouping-key(), 'named')"/>
          </xsl:call-template>
        </xsl:for-each-group>
      </xsl:result-document>
    </xsl:for-each>
  </xsl:template>

  <!-- What the edition-wide pages read of a document (FILE.frame.xml): its summary without its
       title, with its turns counted by speaker (w:speaks), its mentions by name (w:said) and its
       omissions and uncertainties by kind (w:items); the card, rows, lists and links made from the
       rest are the document's parts. -->
  <xsl:template match="w:document" mode="w:frame">
    <xsl:copy>
      <xsl:copy-of select="@* except @title, * except (w:turn | w:mention | w:item | w:summary | w:participant | editorialDecl)"/>
      <xsl:for-each-group select="w:turn[@key != '']" group-by="@key, @name" composite="yes">
        <w:speaks key="{@key}" name="{@name}" n="{count(current-group())}"/>
      </xsl:for-each-group>
      <xsl:for-each-group select="w:mention" group-by="@kind, @key, @name" composite="yes">
        <w:said kind="{@kind}" key="{@key}" name="{@name}" n="{count(current-group())}"/>
      </xsl:for-each-group>
      <xsl:for-each-group select="w:item" group-by="@kind">
        <w:items kind="{@kind}" n="{count(current-group())}"/>
      </xsl:for-each-group>
      <xsl:copy-of select="editorialDecl"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="w:document" mode="w:omissions-rows">
    <tbody>
      <tr class="document-row">
        <th scope="colgroup" colspan="4">
          <xsl:call-template name="w:document-link">
            <xsl:with-param name="document" select="."/>
          </xsl:call-template>
        </th>
      </tr>
      <xsl:for-each select="w:item">
        <tr class="kind-{@kind}">
          <td data-label="Where"><a href="{../@file}.html#{@id}"><xsl:value-of select="w:capitalise(@label)"/></a></td>
          <td data-label="Kind"><xsl:value-of select="$w:kinds(@kind)"/></td>
          <td data-label="In the text"><xsl:value-of select="."/></td>
          <td data-label="Extent or explanation">
            <xsl:value-of select="string-join((@reason, @extent), ', ')"/>
          </td>
        </tr>
      </xsl:for-each>
    </tbody>
  </xsl:template>

  <!-- Encoding principles -->

  <xsl:template match="w:summaries" mode="w:page-principles">
    <xsl:param name="documents" as="element(w:document)*" tunnel="yes"/>
    <xsl:variable name="statements" select="$documents/editorialDecl/*"/>
    <header class="page-head">
      <h1>Encoding principles</h1>
      <p class="lead">How the transcripts were read and encoded in TEI, as the headers of the documents declare it.
        A principle that holds for only some documents names them.</p>
    </header>
    <xsl:for-each select="$register/TEI/teiHeader/encodingDesc/projectDesc">
      <section aria-labelledby="project">
        <h2 id="project">The project</h2>
        <xsl:for-each select="p"><p><xsl:apply-templates mode="text"/></p></xsl:for-each>
      </section>
    </xsl:for-each>
    <xsl:for-each-group select="$statements" group-by="local-name()">
      <xsl:sort select="(index-of(('normalization', 'segmentation', 'quotation', 'interpretation'), current-grouping-key()), 99)[1]"/>
      <xsl:variable name="kind" select="current-grouping-key()"/>
      <section aria-labelledby="decl-{$kind}">
        <h2 id="decl-{$kind}">
          <xsl:value-of select="(map {
              'normalization': 'Transcription', 'segmentation': 'Turns, paragraphs and pages',
              'quotation': 'Quotations', 'interpretation': 'How the brackets of the transcripts were read',
              'correction': 'Corrections', 'hyphenation': 'Hyphenation', 'punctuation': 'Punctuation',
              'stdVals': 'Standard values' }($kind), w:capitalise($kind))[1]"/>
        </h2>
        <xsl:variable name="conventions" select="current-group()/p[@n]"/>
        <xsl:if test="$conventions">
          <table class="conventions">
            <caption class="visually-hidden">Brackets and their encoding</caption>
            <thead>
              <tr><th scope="col">As printed</th><th scope="col">Read as</th><th scope="col">Documents</th></tr>
            </thead>
            <tbody>
              <xsl:for-each-group select="$conventions" group-by="normalize-space(.)">
                <tr>
                  <td data-label="As printed"><xsl:apply-templates select="mentioned[1]" mode="text"/></td>
                  <td data-label="Read as">
                    <xsl:for-each select="node() except mentioned[1]">
                      <xsl:choose>
                        <!-- "[…]: an omission" – the colon joined the bracket to its reading. -->
                        <xsl:when test="self::text() and preceding-sibling::node()[1] is ../mentioned[1]">
                          <xsl:value-of select="w:capitalise(replace(., '^\s*:\s*', ''))"/>
                        </xsl:when>
                        <xsl:otherwise><xsl:apply-templates select="." mode="text"/></xsl:otherwise>
                      </xsl:choose>
                    </xsl:for-each>
                  </td>
                  <td data-label="Documents"><xsl:call-template name="w:applies-to"><xsl:with-param name="documents" select="$documents"/></xsl:call-template></td>
                </tr>
              </xsl:for-each-group>
            </tbody>
          </table>
        </xsl:if>
        <xsl:for-each-group select="current-group()/(p[not(@n)] | * except p)" group-by="normalize-space(.)">
          <div class="principle">
            <xsl:apply-templates select="." mode="text"/>
            <p class="applies-to"><xsl:call-template name="w:applies-to"><xsl:with-param name="documents" select="$documents"/></xsl:call-template></p>
          </div>
        </xsl:for-each-group>
      </section>
    </xsl:for-each-group>
    <xsl:apply-templates select="$schema/w:schemas" mode="w:schema"/>
  </xsl:template>

  <!-- Which documents a grouped statement comes from: "All documents" or their titles. -->
  <xsl:template name="w:applies-to">
    <xsl:param name="documents" as="element(w:document)*"/>
    <xsl:variable name="from" select="current-group()/ancestor::w:document"/>
    <xsl:choose>
      <xsl:when test="count($from) = count($documents)">All documents</xsl:when>
      <xsl:otherwise>
        <!-- Their links, put in the edition's order by teikit.web.pages.assemble. -->
        <xsl:comment select="'teikit-links ' || string-join(sort($from/@file ! string()), ' ')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The edition's schema, its parts gathered and read untrusting by teikit (teikit.web.sources). -->
  <xsl:template match="w:schemas" mode="w:schema">
    <xsl:variable name="elements" select="xs:schema//xs:element[@name][xs:annotation/xs:documentation[normalize-space()]]"/>
    <section class="schema" aria-labelledby="schema">
      <h2 id="schema">The schema</h2>
      <xsl:for-each select="xs:schema/xs:annotation/xs:documentation[normalize-space()]">
        <p><xsl:value-of select="normalize-space(.)"/></p>
      </xsl:for-each>
      <p>The elements of the edition’s schema (<a href="schema/{@file}"><xsl:value-of select="@file"/></a>) and what each is for.</p>
      <dl class="schema-elements">
        <xsl:for-each-group select="$elements" group-by="@name">
          <xsl:sort select="current-grouping-key()" collation="{$w:collation}"/>
          <div class="row">
            <dt><code class="gi">&lt;<xsl:value-of select="current-grouping-key()"/>&gt;</code></dt>
            <dd>
              <xsl:for-each select="distinct-values(current-group()/xs:annotation/xs:documentation ! normalize-space())">
                <p><xsl:value-of select="."/></p>
              </xsl:for-each>
            </dd>
          </div>
        </xsl:for-each-group>
      </dl>
    </section>
  </xsl:template>

  <!-- Search: the script asks the index Pagefind built over the document pages. -->

  <xsl:template match="w:summaries" mode="w:page-search">
    <header class="page-head">
      <h1>Search</h1>
      <p class="lead">Search the words of every document, their notes and the other forms of the names they mention.
        Each hit leads to its turn, with the words marked.</p>
    </header>
    <form class="search-form" role="search" action="search.html" method="get">
      <xsl:if test="$search-indexes != ''"><xsl:attribute name="data-indexes" select="$search-indexes"/></xsl:if>
      <label for="q">Words to find</label>
      <input id="q" name="q" type="search" autocomplete="off"/>
      <button type="submit">Search</button>
      <div class="search-filters" hidden="hidden"/>
    </form>
    <p class="search-status" role="status" aria-live="polite"/>
    <ol class="search-results"/>
    <noscript>
      <p class="notice">Searching needs JavaScript. Without it, the <a href="people.html">people</a>,
        <a href="places.html">places</a> and <a href="omissions.html">omissions</a> lead into the texts.</p>
    </noscript>
  </xsl:template>

</xsl:stylesheet>
