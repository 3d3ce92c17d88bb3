<?xml version="1.0" encoding="UTF-8"?>
<!-- Functions and the page frame shared by every page of the web edition. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:w="urn:teikit:web"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tk="urn:teikit"
  xmlns:err="http://www.w3.org/2005/xqt-errors"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- The edition's header as a TEI document: the register (with standOff listPerson/listPlace)
       when there is one, else one teikit made from the documents' headers (tk:derived="true"). -->
  <xsl:param name="register" as="document-node()?" select="()"/>
  <!-- The site's table of contents (teikit.web.pages.contents): the documents in the edition's
       order, with page names, titles, dates and downloads. -->
  <xsl:param name="site" as="document-node()?" select="()"/>
  <!-- Absolute URL the site will be published at ("https://…/"), for permalinks in citations;
       empty: the pages compute it from where they are read. -->
  <xsl:param name="base-url" as="xs:string" select="''"/>

  <xsl:key name="register-entry" match="person[@xml:id] | place[@xml:id]" use="@xml:id"/>
  <xsl:key name="prefix" match="prefixDef" use="@ident"/>
  <xsl:key name="participant" match="particDesc//person" use="@xml:id"/>

  <xsl:variable name="w:shapes" as="xs:string+" select="('●', '■', '▲', '◆', '★', '⬢', '✚', '▼')"/>

  <xsl:variable name="w:edition-title" as="xs:string"
    select="(($register/TEI/teiHeader/fileDesc/seriesStmt/title)[1], ($register/TEI/teiHeader/fileDesc/titleStmt/title)[1], 'TEI edition')[1] => normalize-space()"/>
  <!-- Whether the edition has a register of its own (rather than a header made from the documents). -->
  <xsl:variable name="w:has-register" as="xs:boolean" select="exists($register/TEI[not(@tk:derived = 'true')])"/>

  <!-- Counts of elements of the text by name, in document order: the numbers of turns, notes and
       apparatus without an xml:id, each found at once rather than by counting what precedes. -->
  <xsl:accumulator name="w:counts" as="map(xs:string, xs:integer)" initial-value="map {}">
    <xsl:accumulator-rule match="text//(gap | note | supplied | unclear | choice | pb | div | div1 | div2 | div3 | div4 | div5 | div6 | div7 | text)" select="map:put($value, local-name(), ($value(local-name()), 0)[1] + 1)"/>
  </xsl:accumulator>
  <xsl:accumulator name="w:turns" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="text//sp | text//u" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="w:note-calls" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="text//note[not(@place = 'inline' or w:in-block(.))]" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:mode use-accumulators="#all"/>

  <!-- The href of a page the stylesheet writes, refused unless it is a plain name inside the output
       folder: the same pattern as teikit.web.names.SAFE_NAME, so "../" or "%2F" can never be written. -->
  <xsl:function name="w:output-href" as="xs:string">
    <xsl:param name="page" as="xs:string"/>
    <xsl:sequence select="w:output-href($page, 'html')"/>
  </xsl:function>

  <xsl:function name="w:output-href" as="xs:string">
    <xsl:param name="page" as="xs:string"/>
    <xsl:param name="extension" as="xs:string"/>
    <xsl:sequence select="if (matches($page, '^[A-Za-z0-9_][A-Za-z0-9_\-]{0,99}$')) then $page || '.' || $extension
      else error(QName('urn:teikit:web', 'w:unsafe-page-name'),
                 'refused to write the page ' || $page || '.' || $extension || ': a page name is letters, digits, - and _ only, inside the output folder')"/>
  </xsl:function>

  <!-- The register's id for a pointer such as "reg:gorbachev", resolved through the document's
       prefixDef when it has one, so that an edition using another prefix still links. Each distinct
       pointer of the document is resolved once: a prefixDef's pattern is a regex compiled per use. -->
  <xsl:variable name="w:pointers" as="map(xs:string, xs:string)" select="let $document := root() return map:merge(
      distinct-values(//(@ref | @sameAs) ! tokenize(normalize-space(.), ' ')[1])
      ! map:entry(., string(w:resolve-pointer(., $document))))"/>

  <xsl:function name="w:register-id" as="xs:string?">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:variable name="token" select="tokenize(normalize-space($pointer), ' ')[1]"/>
    <xsl:sequence select="if ($token) then $w:pointers($token)[.] else ()"/>
  </xsl:function>

  <xsl:function name="w:resolve-pointer" as="xs:string?">
    <xsl:param name="token" as="xs:string"/>
    <xsl:param name="document" as="document-node()"/>
    <xsl:variable name="prefix" select="substring-before($token, ':')"/>
    <xsl:variable name="definition" select="key('prefix', $prefix, $document)[1]"/>
    <xsl:choose>
      <xsl:when test="$definition[@matchPattern and @replacementPattern]">
        <xsl:variable name="local" select="substring-after($token, ':')"/>
        <!-- The pattern is the document's: one that is no regular expression is its fault, said at
             the prefixDef; one that matches the empty string (which replace() refuses) resolves nothing. -->
        <xsl:try>
          <xsl:if test="matches($local, concat('^', $definition/@matchPattern, '$'))">
            <xsl:sequence select="substring-after(replace($local, $definition/@matchPattern, $definition/@replacementPattern), '#')[.]"/>
          </xsl:if>
          <xsl:catch errors="err:FORX0002 err:FORX0004">
            <xsl:sequence select="error(QName('urn:teikit:web', 'w:located'),
              'at element ' || (count($definition/ancestor::*) + count($definition/preceding::*)) || ' &lt;prefixDef&gt;: document: its matchPattern or replacementPattern is not a valid regular expression ('
              || $err:description || '); correct it, or remove the prefixDef')"/>
          </xsl:catch>
          <xsl:catch errors="*"/>
        </xsl:try>
      </xsl:when>
      <xsl:when test="$prefix = 'reg'">
        <xsl:sequence select="substring-after($token, ':')"/>
      </xsl:when>
      <xsl:when test="contains($token, 'register.xml#')">
        <xsl:sequence select="substring-after($token, '#')"/>
      </xsl:when>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="w:register-entry" as="element()?">
    <xsl:param name="id" as="xs:string?"/>
    <xsl:sequence select="if ($id and $w:has-register) then key('register-entry', $id, $register)[1] else ()"/>
  </xsl:function>

  <!-- "Mikhail Gorbachev": the register's form of a name, else the name as written. -->
  <xsl:function name="w:name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" select="$entry/(persName | placeName | orgName | name)"/>
    <xsl:variable name="name" select="($names[@type = 'reg'], $names[not(@type)], $names)[1]"/>
    <xsl:sequence select="(if ($name) then w:plain($name) else (), normalize-space(string-join($entry/text(), ' ')) ! substring(., 1, 80),
                           string($entry/@xml:id), w:capitalise(local-name($entry)))[.][1]"/>
  </xsl:function>

  <!-- Sort key that puts people by surname: "Gorbachev Mikhail". -->
  <xsl:function name="w:sort-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="reg" select="($entry/persName[@type = 'reg'])[1]"/>
    <xsl:sequence select="if ($reg/surname)
      then normalize-space(string-join(($reg/surname, $reg/forename), ' '))
      else w:name($entry)"/>
  </xsl:function>

  <!-- A date for people: "19 November 1990", "November 1990", "1990", or the value as given. -->
  <xsl:function name="w:date" as="xs:string">
    <xsl:param name="when" as="xs:string?"/>
    <xsl:sequence select="
      if ($when castable as xs:date) then format-date(xs:date($when), '[D] [MNn] [Y]', 'en', (), ())
      else if ($when castable as xs:dateTime) then format-date(xs:date(xs:dateTime($when)), '[D] [MNn] [Y]', 'en', (), ())
      else if ($when castable as xs:gYearMonth) then format-date(xs:date($when || '-01'), '[MNn] [Y]', 'en', (), ())
      else string($when)"/>
  </xsl:function>

  <!-- The document's date (docs/encoding.md), as teikit.web.pages.entry read it for the table of contents. -->
  <xsl:function name="w:document-date" as="xs:string?">
    <xsl:param name="page" as="xs:string"/>
    <xsl:sequence select="$site/w:site/w:document[@page = $page]/@date[. != ''] ! string()"/>
  </xsl:function>

  <!-- The document's date in words: "19 November 1990", or the range a date is only known by. -->
  <xsl:function name="w:document-date-label" as="xs:string?">
    <xsl:param name="page" as="xs:string"/>
    <xsl:variable name="entry" select="$site/w:site/w:document[@page = $page]"/>
    <xsl:sequence select="($entry/@label[. != ''] ! string(), $entry/@date[. != ''] ! w:date(.))[1]"/>
  </xsl:function>

  <!-- Whether the document's date is exact (not a range). -->
  <xsl:function name="w:date-exact" as="xs:boolean">
    <xsl:param name="page" as="xs:string"/>
    <xsl:sequence select="not($site/w:site/w:document[@page = $page]/@label != '')"/>
  </xsl:function>

  <xsl:function name="w:language" as="xs:string">
    <xsl:param name="code" as="xs:string"/>
    <xsl:variable name="names" select="map {
        'en': 'English', 'ru': 'Russian', 'ru-Latn': 'Russian, in Latin letters', 'de': 'German',
        'fr': 'French', 'uk': 'Ukrainian', 'la': 'Latin', 'es': 'Spanish', 'it': 'Italian', 'pl': 'Polish'}"/>
    <xsl:sequence select="($names($code), $code)[1]"/>
  </xsl:function>

  <xsl:function name="w:plural" as="xs:string">
    <xsl:param name="count" as="xs:integer"/>
    <xsl:param name="noun" as="xs:string"/>
    <xsl:sequence select="$count || ' ' || $noun || (if ($count = 1) then '' else 's')"/>
  </xsl:function>

  <!-- The HTML id of a turn: its xml:id, else one made from its position, stable while the text is. -->
  <!-- A turn (sp, or u in spoken corpora) is numbered by its @n, else by its place among the turns
       of the text; its anchor is t{n} (the decision every output shares). -->
  <xsl:function name="w:turn-number" as="xs:string">
    <xsl:param name="turn" as="element()"/>
    <xsl:sequence select="(normalize-space($turn/@n)[.], string($turn/accumulator-before('w:turns')))[1]"/>
  </xsl:function>

  <xsl:function name="w:turn-id" as="xs:string">
    <xsl:param name="turn" as="element()"/>
    <xsl:variable name="n" select="w:turn-number($turn)"/>
    <xsl:sequence select="if (matches($n, '^[A-Za-z0-9_.\-]+$')) then 't' || $n else 't' || $turn/accumulator-before('w:turns')"/>
  </xsl:function>

  <!-- Where a node of the text is, as a fragment id and words for a reader: its turn, else its
       section, else the start of the text. -->
  <xsl:function name="w:place" as="map(xs:string, xs:string)">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="sp" select="$node/ancestor-or-self::*[self::sp or self::u][1]"/>
    <xsl:variable name="div" select="$node/ancestor-or-self::div[@xml:id][1]"/>
    <xsl:choose>
      <xsl:when test="$sp">
        <xsl:sequence select="map { 'id': w:turn-id($sp), 'label': 'turn ' || w:turn-number($sp) }"/>
      </xsl:when>
      <xsl:when test="$div">
        <xsl:sequence select="map { 'id': string($div/@xml:id), 'label': w:plain($div/head[1]) }"/>
      </xsl:when>
      <xsl:when test="$node/ancestor-or-self::teiHeader">
        <xsl:sequence select="map { 'id': 'about', 'label': 'header' }"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="before" select="$node/preceding::*[self::sp or self::u][1]"/>
        <xsl:sequence select="if ($before) then map { 'id': w:turn-id($before), 'label': 'after turn ' || w:turn-number($before) }
                              else map { 'id': 'text', 'label': 'opening' }"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Ids for apparatus without an xml:id: numbered by kind in document order. -->
  <xsl:function name="w:id" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="kind" select="local-name($node)"/>
    <xsl:sequence select="($node/@xml:id[matches(., '^[\p{L}_][\p{L}\p{N}_.\-]*$')],
      $kind || '-' || $node/accumulator-before('w:counts')($kind))[1]"/>
  </xsl:function>

  <!-- What a gap's extent says in words: "3 pages", "pages (number not stated)", "not stated". -->
  <xsl:function name="w:extent" as="xs:string">
    <xsl:param name="gap" as="element()"/>
    <xsl:sequence select="
      if ($gap/@quantity castable as xs:integer and $gap/@unit) then w:plural(xs:integer($gap/@quantity), $gap/@unit)
      else if ($gap/@quantity and $gap/@unit) then $gap/@quantity || ' ' || $gap/@unit
      else if ($gap/@extent) then string($gap/@extent)
      else if ($gap/@unit) then $gap/@unit || 's (number not stated)'
      else 'extent not stated'"/>
  </xsl:function>

  <xsl:function name="w:gap-reason" as="xs:string">
    <xsl:param name="gap" as="element()"/>
    <xsl:sequence select="(map {
        'omitted': 'Omitted in the source', 'illegible': 'Illegible', 'inaudible': 'Inaudible',
        'unclear': 'Unclear in the source' }(string($gap/@reason)), 'Gap in the text')[1]"/>
  </xsl:function>

  <xsl:function name="w:supplied-reason" as="xs:string">
    <xsl:param name="supplied" as="element()"/>
    <xsl:variable name="why" select="
      if ($supplied/ancestor::speaker) then 'Speaker label supplied by the editor'
      else if ($supplied/@reason = 'identification') then 'Supplied by the translator or editor to identify who is meant'
      else 'Supplied by the translator or editor for clarity'"/>
    <xsl:sequence select="$why || (if ($supplied/@cert = ('low', 'unknown')) then '; the insertion is uncertain' else '') || '. Not in the original.'"/>
  </xsl:function>

  <xsl:function name="w:kind" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="normalize-space(($tei/teiHeader/profileDesc/textClass/keywords/term[@type = 'genre'], 'document')[1])"/>
  </xsl:function>

  <xsl:function name="w:capitalise" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="upper-case(substring($text, 1, 1)) || substring($text, 2)"/>
  </xsl:function>

  <xsl:function name="w:is-link" as="xs:boolean">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:sequence select="matches(string($target), '^(https?:|mailto:)')"/>
  </xsl:function>

  <!-- What a page may load and run: its own files only (and images of the texts from the web);
       no inline script, no plugin, no other site in a frame or a form. Pagefind needs WebAssembly. -->
  <xsl:variable name="w:content-security-policy" as="xs:string" select="string-join((
      &quot;default-src 'self'&quot;, &quot;script-src 'self' 'wasm-unsafe-eval'&quot;, &quot;style-src 'self'&quot;,
      &quot;img-src 'self' data: https:&quot;, &quot;connect-src 'self'&quot;, &quot;object-src 'none'&quot;,
      &quot;base-uri 'none'&quot;, &quot;form-action 'self'&quot;), '; ')"/>

  <!-- The frame of every page: header with the edition's navigation, main, footer. -->
  <xsl:template name="w:page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="page" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="lang" as="xs:string" select="'en'"/>
    <xsl:param name="meta" as="element()*" select="()"/>
    <!-- The licence the page is under: the document's own on its page, else the edition's. -->
    <xsl:param name="availability" as="element(availability)*" select="$register/TEI/teiHeader/fileDesc/publicationStmt/availability"/>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta http-equiv="Content-Security-Policy" content="{$w:content-security-policy}"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:value-of select="if ($title = $w:edition-title) then $title else $title || ' — ' || $w:edition-title"/>
        </title>
        <meta name="generator" content="teikit"/>
        <xsl:sequence select="$meta"/>
        <!-- No icon file: browsers would otherwise ask for /favicon.ico. -->
        <link rel="icon" href="data:,"/>
        <link rel="stylesheet" href="assets/edition.css"/>
        <script src="assets/edition.js" defer="defer"/>
        <xsl:if test="$page = 'search'">
          <script src="assets/search.js" type="module"/>
        </xsl:if>
      </head>
      <body class="page-{$page}">
        <a class="skip" href="#main">Skip to content</a>
        <header class="site">
          <p class="edition-title"><a href="index.html"><xsl:value-of select="$w:edition-title"/></a></p>
          <nav aria-label="Edition">
            <ul>
              <xsl:for-each select="(['index', 'Documents'], ['people', 'People'], ['places', 'Places'],
                                     ['omissions', 'Omissions'], ['principles', 'Principles'], ['search', 'Search'])">
                <li>
                  <a href="{?1}.html">
                    <xsl:if test="?1 = $page"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                    <xsl:value-of select="?2"/>
                  </a>
                </li>
              </xsl:for-each>
            </ul>
          </nav>
          <xsl:if test="$page ne 'search'">
            <form class="quick-search" role="search" action="search.html" method="get">
              <label for="quick-search" class="visually-hidden">Search the edition</label>
              <input id="quick-search" name="q" type="search" autocomplete="off" placeholder="Search the edition"/>
              <button type="submit">Search</button>
            </form>
          </xsl:if>
        </header>
        <main id="main">
          <xsl:sequence select="$content"/>
        </main>
        <footer class="site">
          <xsl:call-template name="w:footer">
            <xsl:with-param name="availability" select="$availability"/>
          </xsl:call-template>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="w:footer">
    <xsl:param name="availability" as="element(availability)*"/>
    <xsl:variable name="publication" select="$register/TEI/teiHeader/fileDesc/publicationStmt"/>
    <xsl:variable name="editors" select="$register/TEI/teiHeader/fileDesc/(seriesStmt, titleStmt)[1]/editor ! w:plain(.)"/>
    <p>
      <xsl:value-of select="$w:edition-title"/>
      <xsl:if test="exists($editors)">
        <xsl:value-of select="', edited by ' || w:and($editors)"/>
      </xsl:if>
      <xsl:for-each select="$publication/publisher[1]">
        <xsl:text>. Published by </xsl:text>
        <xsl:value-of select="w:plain(.)"/>
      </xsl:for-each>
      <xsl:for-each select="$publication/date[1]">
        <xsl:text>, </xsl:text>
        <xsl:value-of select="(w:date(@when)[.], w:plain(.))[1]"/>
      </xsl:for-each>
      <xsl:text>.</xsl:text>
    </p>
    <xsl:apply-templates select="$availability" mode="licence"/>
    <p>
      <xsl:text>Encoded in TEI and published with teikit.</xsl:text>
      <xsl:if test="$w:has-register">
        <xsl:text> </xsl:text>
        <a href="tei/register.xml" download="register.xml">Download the register (TEI)</a>
        <xsl:text>.</xsl:text>
      </xsl:if>
    </p>
  </xsl:template>

  <!-- A licence, said the same way wherever it is shown (source description and footer). -->
  <xsl:template match="availability" mode="licence">
    <xsl:for-each select="licence">
      <p class="licence">
        <xsl:choose>
          <xsl:when test="w:is-link(@target)">
            <a href="{@target}" rel="license"><xsl:apply-templates mode="text"/></a>
          </xsl:when>
          <xsl:otherwise><xsl:apply-templates mode="text"/></xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:for-each>
    <xsl:for-each select="p">
      <p class="licence"><xsl:apply-templates mode="text"/></p>
    </xsl:for-each>
  </xsl:template>

  <!-- "A", "A and B", "A, B and C". -->
  <xsl:function name="w:and" as="xs:string">
    <xsl:param name="names" as="xs:string*"/>
    <xsl:sequence select="if (count($names) le 2) then string-join($names, ' and ')
                          else string-join($names[position() lt last()], ', ') || ' and ' || $names[last()]"/>
  </xsl:function>

</xsl:stylesheet>
