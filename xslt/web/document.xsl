<?xml version="1.0" encoding="UTF-8"?>
<!-- One document of the edition: its page (header, source description, reading text, notes,
     citation, downloads, neighbours) and the summary the edition-wide pages are made from
     (mode "summary"). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:w="urn:teikit:web"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- The document's page name (teikit.web.names): its page is FILE.html, its source tei/FILE.xml. -->
  <xsl:param name="file" as="xs:string" select="'document'"/>

  <xsl:mode name="summary" on-no-match="shallow-skip"/>

  <xsl:variable name="w:entry" as="element(w:document)?" select="$site/w:site/w:document[@page = $file]"/>

  <xsl:function name="w:title" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="titles" select="$tei/teiHeader/fileDesc/titleStmt/title"/>
    <xsl:sequence select="(($titles[@type = 'main'], $titles[not(@type = 'sub')], $titles) ! w:plain(.))[.] => head() => string()"/>
  </xsl:function>

  <xsl:function name="w:permalink" as="xs:string">
    <xsl:param name="file" as="xs:string"/>
    <xsl:variable name="base" select="if ($base-url and not(ends-with($base-url, '/'))) then $base-url || '/' else $base-url"/>
    <xsl:sequence select="$base || $file || '.html'"/>
  </xsl:function>

  <!-- A value made safe inside a BibTeX field: no brace, backslash or TeX special can end the field
       or start another ("1990}, author = {…" stays the words it is). -->
  <xsl:function name="w:bibtex" as="xs:string">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:variable name="text" select="normalize-space($value)"/>
    <xsl:variable name="text" select="replace($text, '\\', '\\textbackslash')"/>
    <xsl:variable name="text" select="replace($text, '([{}&amp;%$#_])', '\\$1')"/>
    <xsl:variable name="text" select="replace(replace($text, '~', '\\textasciitilde{}'), '\^', '\\textasciicircum{}')"/>
    <xsl:sequence select="replace($text, '\\textbackslash', '\\textbackslash{}')"/>
  </xsl:function>

  <!-- A date for MLA: "19 Nov. 1990". -->
  <xsl:function name="w:date-mla" as="xs:string">
    <xsl:param name="when" as="xs:string?"/>
    <xsl:variable name="months" select="('Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.')"/>
    <xsl:sequence select="
      if ($when castable as xs:date) then day-from-date(xs:date($when)) || ' ' || $months[month-from-date(xs:date($when))] || ' ' || year-from-date(xs:date($when))
      else w:date($when)"/>
  </xsl:function>

  <!-- A date for Chicago: "November 19, 1990". -->
  <xsl:function name="w:date-chicago" as="xs:string">
    <xsl:param name="when" as="xs:string?"/>
    <xsl:sequence select="if ($when castable as xs:date) then format-date(xs:date($when), '[MNn] [D], [Y]', 'en', (), ()) else w:date($when)"/>
  </xsl:function>

  <xsl:template match="/TEI" mode="page">
    <xsl:variable name="title" select="(w:title(.)[.], string($w:entry/@title), $file)[.][1]"/>
    <xsl:result-document href="{w:output-href($file)}" format="page">
      <xsl:call-template name="w:page">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="page" select="'document'"/>
        <xsl:with-param name="lang" select="(@xml:lang, text/@xml:lang, 'en')[1]"/>
        <xsl:with-param name="meta" as="element()*">
          <xsl:apply-templates select="." mode="meta"><xsl:with-param name="title" select="$title"/></xsl:apply-templates>
        </xsl:with-param>
        <xsl:with-param name="availability" select="(teiHeader/fileDesc/publicationStmt/availability[licence or p],
                                                     $register/TEI/teiHeader/fileDesc/publicationStmt/availability)[1]"/>
        <xsl:with-param name="content">
          <xsl:apply-templates select="." mode="document">
            <xsl:with-param name="title" select="$title"/>
            <xsl:with-param name="file" select="$file" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>

  <!-- What a reference manager (Zotero) reads off the page: the Highwire Press citation_* tags. -->
  <xsl:template match="TEI" mode="meta">
    <xsl:param name="title" as="xs:string"/>
    <xsl:variable name="date" select="w:document-date($file)"/>
    <meta name="citation_title" content="{$title}"/>
    <xsl:for-each select="teiHeader/fileDesc/titleStmt/author[normalize-space()]">
      <meta name="citation_author" content="{w:plain(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="w:translators(.)">
      <meta name="citation_translator" content="{.}"/>
    </xsl:for-each>
    <xsl:for-each select="w:editors()">
      <meta name="citation_editor" content="{.}"/>
    </xsl:for-each>
    <xsl:if test="$date and w:date-exact($file)">
      <meta name="citation_date" content="{translate($date, '-', '/')}"/>
    </xsl:if>
    <xsl:for-each select="w:edition-year()[.]">
      <meta name="citation_publication_date" content="{.}"/>
    </xsl:for-each>
    <meta name="citation_book_title" content="{$w:edition-title}"/>
    <xsl:for-each select="w:publisher()[.]">
      <meta name="citation_publisher" content="{.}"/>
    </xsl:for-each>
    <meta name="citation_language" content="{(text/@xml:lang, @xml:lang, 'en')[1]}"/>
    <xsl:if test="$base-url">
      <meta name="citation_public_url" content="{w:permalink($file)}"/>
    </xsl:if>
    <xsl:for-each select="$w:entry/w:file[@kind = 'pdf']">
      <meta name="citation_pdf_url" content="{if ($base-url) then replace(w:permalink($file), '[^/]*$', '') || @href else @href}"/>
    </xsl:for-each>
    <xsl:for-each select="teiHeader/profileDesc/abstract[1]">
      <meta name="citation_abstract" content="{w:plain(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$w:entry/preceding-sibling::w:document[1]">
      <link rel="prev" href="{@page}.html"/>
    </xsl:for-each>
    <xsl:for-each select="$w:entry/following-sibling::w:document[1]">
      <link rel="next" href="{@page}.html"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:function name="w:translators" as="xs:string*">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:sequence select="distinct-values($tei/teiHeader/fileDesc/titleStmt/respStmt[resp[matches(., 'translat', 'i')]]
                          /(persName | name[not(@type = 'software')] | orgName)[not(matches(., 'not named', 'i'))] ! w:plain(.))"/>
  </xsl:function>

  <xsl:function name="w:editors" as="xs:string*">
    <xsl:sequence select="$register/TEI/teiHeader/fileDesc/(seriesStmt, titleStmt)[editor][1]/editor ! w:plain(.)"/>
  </xsl:function>

  <xsl:function name="w:publisher" as="xs:string?">
    <xsl:sequence select="($register/TEI/teiHeader/fileDesc/publicationStmt/publisher)[1] ! w:plain(.)"/>
  </xsl:function>

  <xsl:function name="w:edition-year" as="xs:string?">
    <xsl:sequence select="($register/TEI/teiHeader/fileDesc/publicationStmt/date/@when)[1] ! substring(., 1, 4)[matches(., '^\d{4}$')]"/>
  </xsl:function>

  <xsl:template match="TEI" mode="document">
    <xsl:param name="title" as="xs:string"/>
    <xsl:variable name="profile" select="teiHeader/profileDesc"/>
    <xsl:variable name="date" select="w:document-date($file)"/>
    <xsl:variable name="place" select="($profile/creation//placeName, $profile/settingDesc/setting//placeName)[1]"/>
    <xsl:variable name="event-date" select="($profile/settingDesc/setting//date/@when)[1][. != $date]"/>
    <article class="document" data-pagefind-body="">
      <header class="document-head">
        <p class="kind"><xsl:value-of select="w:capitalise(w:kind(.))"/></p>
        <h1 data-pagefind-meta="title" data-pagefind-filter="document"><xsl:value-of select="$title"/></h1>
        <xsl:for-each select="teiHeader/fileDesc/titleStmt/title[not(w:plain(.) = $title)][normalize-space()]">
          <p class="subtitle"><xsl:apply-templates mode="text"/></p>
        </xsl:for-each>
        <p class="facts" data-pagefind-ignore="">
          <xsl:if test="$date">
            <time datetime="{$date}" data-pagefind-meta="date" data-pagefind-filter="year:{substring($date, 1, 4)}">
              <xsl:value-of select="w:document-date-label($file)"/>
            </time>
          </xsl:if>
          <xsl:if test="$date and $place"><xsl:text> · </xsl:text></xsl:if>
          <xsl:apply-templates select="$place" mode="text"/>
          <xsl:if test="$event-date">
            <xsl:text> · about the events of </xsl:text>
            <time datetime="{$event-date}"><xsl:value-of select="w:date($event-date)"/></time>
          </xsl:if>
        </p>
        <xsl:call-template name="w:sequence"/>
      </header>
      <div class="document-layout">
        <aside class="about" aria-labelledby="about" data-pagefind-ignore="all">
          <h2 id="about">About this document</h2>
          <xsl:for-each select="$profile/abstract">
            <div class="summary">
              <xsl:apply-templates mode="text"/>
            </div>
          </xsl:for-each>
          <xsl:call-template name="w:downloads">
            <xsl:with-param name="files" select="$w:entry/w:file"/>
          </xsl:call-template>
          <xsl:apply-templates select="teiHeader" mode="source"/>
          <xsl:call-template name="w:cite">
            <xsl:with-param name="title" select="$title"/>
            <xsl:with-param name="date" select="$date"/>
          </xsl:call-template>
        </aside>
        <section class="reading" aria-labelledby="text">
          <xsl:if test="not(text//body/head)">
            <h2 id="text" class="visually-hidden">Text</h2>
          </xsl:if>
          <xsl:call-template name="w:legend"/>
          <div class="text">
            <xsl:apply-templates select="text" mode="text"/>
          </div>
          <xsl:variable name="called" select="text//note[not(@place = 'inline' or w:in-block(.))]"/>
          <xsl:if test="$called">
            <section class="footnotes" aria-labelledby="notes" data-pagefind-ignore="all">
              <h2 id="notes">Notes</h2>
              <ol>
                <xsl:apply-templates select="$called" mode="footnote"/>
              </ol>
            </section>
          </xsl:if>
        </section>
      </div>
    </article>
  </xsl:template>

  <!-- The documents before and after this one, in the edition's order (by date). -->
  <xsl:template name="w:sequence">
    <xsl:variable name="before" select="$w:entry/preceding-sibling::w:document[1]"/>
    <xsl:variable name="after" select="$w:entry/following-sibling::w:document[1]"/>
    <xsl:if test="$before or $after">
      <nav class="sequence" aria-label="Documents in date order" data-pagefind-ignore="all">
        <xsl:for-each select="$before">
          <a class="previous" rel="prev" href="{@page}.html">
            <span class="direction">Previous</span>
            <span class="neighbour"><xsl:value-of select="@title"/><xsl:if test="@date != ''"> (<xsl:value-of select="w:document-date-label(@page)"/>)</xsl:if></span>
          </a>
        </xsl:for-each>
        <xsl:for-each select="$after">
          <a class="next" rel="next" href="{@page}.html">
            <span class="direction">Next</span>
            <span class="neighbour"><xsl:value-of select="@title"/><xsl:if test="@date != ''"> (<xsl:value-of select="w:document-date-label(@page)"/>)</xsl:if></span>
          </a>
        </xsl:for-each>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- The other formats of a document (or of the edition) that the build found, and the TEI. -->
  <xsl:template name="w:downloads">
    <xsl:param name="files" as="element(w:file)*"/>
    <xsl:param name="tei" as="xs:boolean" select="true()"/>
    <section class="downloads" aria-labelledby="downloads">
      <h3 id="downloads">Download</h3>
      <ul>
        <xsl:for-each select="$files">
          <li>
            <a href="{@href}" download="">
              <xsl:value-of select="@label"/>
            </a>
            <xsl:if test="@size != ''">
              <span class="size"><xsl:value-of select="' ' || w:size(xs:integer(@size))"/></span>
            </xsl:if>
          </li>
        </xsl:for-each>
        <xsl:if test="$tei">
          <li><a href="tei/{$file}.xml" download="{$file}.xml" type="application/tei+xml">TEI (XML)</a></li>
        </xsl:if>
      </ul>
    </section>
  </xsl:template>

  <xsl:function name="w:size" as="xs:string">
    <xsl:param name="bytes" as="xs:integer"/>
    <xsl:sequence select="if ($bytes ge 1048576) then format-number($bytes div 1048576, '0.0') || ' MB'
                          else if ($bytes ge 1024) then format-number($bytes div 1024, '0') || ' KB' else $bytes || ' bytes'"/>
  </xsl:function>

  <xsl:template name="w:legend">
    <xsl:variable name="pointers" select="distinct-values(text//(sp | u)/@who ! tokenize(normalize-space(.), ' ')[starts-with(., '#')] ! substring(., 2))"/>
    <xsl:variable name="speakers" select="teiHeader/profileDesc/particDesc//person[@xml:id = $pointers]"/>
    <xsl:if test="$speakers">
      <div class="legend" data-pagefind-ignore="all">
        <p class="legend-title">Speakers</p>
        <ul>
          <xsl:for-each select="$speakers">
            <xsl:variable name="index" select="w:speaker-index(.)"/>
            <li class="speaker-{$index}" data-shape="{w:shape($index)}">
              <a href="people.html#{w:listed-key(.)}"><xsl:value-of select="(w:register-entry(w:listed-key(.)) ! w:name(.), w:name(.))[1]"/></a>
              <xsl:for-each select="persName[@type = 'label']">
                <span class="label-as-printed"> (printed “<xsl:value-of select="normalize-space(.)"/>”)</span>
              </xsl:for-each>
            </li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- "Cite this": the document as a whole in four forms; the script names the turn a reader
       follows and the day they read it. -->
  <xsl:template name="w:cite">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="date" as="xs:string?"/>
    <xsl:variable name="authors" select="teiHeader/fileDesc/titleStmt/author[normalize-space()] ! w:plain(.)"/>
    <xsl:variable name="translators" select="w:translators(.)"/>
    <xsl:variable name="editors" select="w:editors()"/>
    <xsl:variable name="publisher" select="w:publisher()"/>
    <xsl:variable name="year" select="w:edition-year()"/>
    <xsl:variable name="url" select="w:permalink($file)"/>
    <xsl:variable name="turn"><span class="cite-turn" hidden="hidden">, turn <span class="cite-n"/></span></xsl:variable>
    <section class="cite" aria-labelledby="cite" data-pagefind-ignore="all" data-permalink="{$url}" data-absolute="{boolean($base-url)}">
      <h3 id="cite">Cite this</h3>
      <details class="cite-details" open="open">
      <summary>Citation: plain text, Chicago, MLA, BibTeX</summary>
      <p class="cite-scope" aria-live="polite">Citing the whole document. To cite one turn, follow its number in the margin.</p>
      <h4>Plain text</h4>
      <p class="citation" id="cite-plain">
        <xsl:if test="exists($authors)"><xsl:value-of select="w:and($authors) || ', '"/></xsl:if>
        <xsl:value-of select="'“' || $title || '”'"/>
        <xsl:if test="$date"><xsl:value-of select="', ' || w:document-date-label($file)"/></xsl:if>
        <xsl:if test="exists($translators)">
          <xsl:value-of select="', translated by ' || w:and($translators)"/>
        </xsl:if>
        <xsl:value-of select="'. In ' || $w:edition-title"/>
        <xsl:if test="exists($editors)"><xsl:value-of select="', edited by ' || w:and($editors)"/></xsl:if>
        <xsl:value-of select="string-join(('', $publisher[.], $year[.]), ', ') ! replace(., '^, ', '. ')"/>
        <xsl:sequence select="$turn"/>
        <xsl:text>. </xsl:text>
        <span class="cite-url"><xsl:value-of select="$url"/></span>
        <xsl:text>.</xsl:text>
        <span class="cite-accessed" data-style="plain" hidden="hidden"/>
      </p>
      <h4>Chicago</h4>
      <p class="citation" id="cite-chicago">
        <xsl:if test="exists($authors)"><xsl:value-of select="w:and($authors) || '. '"/></xsl:if>
        <xsl:value-of select="'“' || $title || '.”'"/>
        <xsl:if test="$date"><xsl:value-of select="' ' || (if (w:date-exact($file)) then w:date-chicago($date) else w:capitalise(w:document-date-label($file))) || '.'"/></xsl:if>
        <xsl:if test="exists($translators)"><xsl:value-of select="' Translated by ' || w:and($translators) || '.'"/></xsl:if>
        <xsl:text> In </xsl:text>
        <i><xsl:value-of select="$w:edition-title"/></i>
        <xsl:if test="exists($editors)"><xsl:value-of select="', edited by ' || w:and($editors)"/></xsl:if>
        <xsl:sequence select="$turn"/>
        <xsl:text>.</xsl:text>
        <xsl:value-of select="string-join(($publisher[.], $year[.]), ', ') ! (' ' || . || '.')"/>
        <span class="cite-accessed" data-style="chicago" hidden="hidden"/>
        <xsl:text> </xsl:text>
        <span class="cite-url"><xsl:value-of select="$url"/></span>
        <xsl:text>.</xsl:text>
      </p>
      <h4>MLA</h4>
      <p class="citation" id="cite-mla">
        <xsl:if test="exists($authors)"><xsl:value-of select="w:and($authors) || '. '"/></xsl:if>
        <xsl:value-of select="'“' || $title || '.”'"/>
        <xsl:if test="$date"><xsl:value-of select="' ' || (if (w:date-exact($file)) then w:date-mla($date) else w:capitalise(w:document-date-label($file))) || '.'"/></xsl:if>
        <xsl:text> </xsl:text>
        <i><xsl:value-of select="$w:edition-title"/></i>
        <xsl:if test="exists($editors)"><xsl:value-of select="', edited by ' || w:and($editors)"/></xsl:if>
        <xsl:if test="exists($translators)"><xsl:value-of select="', translated by ' || w:and($translators)"/></xsl:if>
        <xsl:value-of select="string-join(($publisher[.], $year[.]), ', ') ! (', ' || .)"/>
        <xsl:sequence select="$turn"/>
        <xsl:text>, </xsl:text>
        <span class="cite-url"><xsl:value-of select="$url"/></span>
        <xsl:text>.</xsl:text>
        <span class="cite-accessed" data-style="mla" hidden="hidden"/>
      </p>
      <h4>BibTeX</h4>
      <pre id="cite-bibtex"><code>
        <xsl:value-of select="'@incollection{' || $file"/>
        <span class="cite-turn" hidden="hidden">-t<span class="cite-n"/></span>
        <xsl:value-of select="',&#10;  title = {' || w:bibtex($title) || '},&#10;'"/>
        <xsl:if test="exists($authors)">
          <xsl:value-of select="'  author = {' || string-join($authors ! ('{' || w:bibtex(.) || '}'), ' and ') || '},&#10;'"/>
        </xsl:if>
        <xsl:if test="$date and w:date-exact($file)"><xsl:value-of select="'  origdate = {' || w:bibtex($date) || '},&#10;'"/></xsl:if>
        <xsl:if test="exists($translators)">
          <xsl:value-of select="'  translator = {' || string-join($translators ! ('{' || w:bibtex(.) || '}'), ' and ') || '},&#10;'"/>
        </xsl:if>
        <xsl:value-of select="'  booktitle = {' || w:bibtex($w:edition-title) || '},&#10;'"/>
        <xsl:if test="exists($editors)">
          <xsl:value-of select="'  editor = {' || string-join($editors ! ('{' || w:bibtex(.) || '}'), ' and ') || '},&#10;'"/>
        </xsl:if>
        <xsl:if test="$publisher"><xsl:value-of select="'  publisher = {' || w:bibtex($publisher) || '},&#10;'"/></xsl:if>
        <xsl:if test="$year"><xsl:value-of select="'  year = {' || $year || '},&#10;'"/></xsl:if>
        <span class="cite-turn" hidden="hidden">  note = {Turn <span class="cite-n"/>},&#10;</span>
        <xsl:text>  url = {</xsl:text>
        <span class="cite-url" data-escape="bibtex"><xsl:value-of select="w:bibtex-url($url)"/></span>
        <xsl:text>}</xsl:text>
        <span class="cite-accessed" data-style="bibtex" hidden="hidden"/>
        <xsl:text>&#10;}</xsl:text>
      </code></pre>
      </details>
    </section>
  </xsl:template>

  <!-- A URL inside a BibTeX field: the characters that could close the field percent-encoded. -->
  <xsl:function name="w:bibtex-url" as="xs:string">
    <xsl:param name="url" as="xs:string"/>
    <xsl:sequence select="replace(replace(replace(replace($url, '%', '%25'), '\{', '%7B'), '\}', '%7D'), '\\', '%5C')"/>
  </xsl:function>

  <!-- The summary: what the edition-wide pages need to know of this document. -->

  <xsl:template match="/TEI" mode="summary">
    <xsl:variable name="profile" select="teiHeader/profileDesc"/>
    <xsl:variable name="place" select="($profile/creation//placeName, $profile/settingDesc/setting//placeName)[1]"/>
    <w:document file="{$file}" date="{w:document-date($file)}" date-label="{w:document-date-label($file)}" kind="{w:kind(.)}" title="{(w:title(.)[.], string($w:entry/@title), $file)[.][1]}">
      <xsl:for-each select="$place">
        <w:place key="{if (@ref) then w:mention-key(.) else 'n-' || w:slug(w:plain(.))}"><xsl:value-of select="w:plain(.)"/></w:place>
      </xsl:for-each>
      <xsl:for-each select="$profile/abstract">
        <w:summary><xsl:value-of select="w:plain(.)"/></w:summary>
      </xsl:for-each>
      <xsl:for-each select="$profile/particDesc//person">
        <w:participant key="{w:listed-key(.)}" speaker="{@role = 'speaker'}">
          <xsl:value-of select="(w:register-entry(w:listed-key(.)) ! w:name(.), w:name(.))[1]"/>
        </w:participant>
      </xsl:for-each>
      <!-- The persons and places the document lists itself (particDesc, listPerson, listPlace, standOff). -->
      <xsl:for-each select="//(person | personGrp | place)[not(w:register-entry(w:listed-key(.)))]">
        <w:entity kind="{if (self::place) then 'place' else 'person'}" key="{w:listed-key(.)}" name="{w:name(.)}">
          <xsl:for-each select="distinct-values((persName | placeName | name)[not(@type = 'label')] ! w:plain(.))[. != w:name(current())]">
            <w:also><xsl:value-of select="."/></w:also>
          </xsl:for-each>
          <xsl:variable name="facts" select="(birth/@when ! substring(., 1, 4), death/@when ! substring(., 1, 4)),
                                             (occupation, roleName, state, trait, location/(settlement, region, country))[normalize-space()] ! w:plain(.),
                                             (@sex[. = ('M', 'F', 'm', 'f', '1', '2')] ! map { 'M': 'man', 'm': 'man', '1': 'man', 'F': 'woman', 'f': 'woman', '2': 'woman' }(.))"/>
          <xsl:if test="exists($facts)"><w:facts><xsl:value-of select="string-join(distinct-values($facts), ' · ')"/></w:facts></xsl:if>
          <xsl:for-each select="idno[matches(normalize-space(.), '^(https?://|Q\d+$)')]">
            <w:authority href="{if (matches(normalize-space(.), '^Q\d+$')) then 'https://www.wikidata.org/wiki/' || normalize-space(.) else normalize-space(.)}">
              <xsl:value-of select="(@type, 'authority')[1] || ' ' || normalize-space(.)"/>
            </w:authority>
          </xsl:for-each>
        </w:entity>
      </xsl:for-each>
      <xsl:for-each select="text//(sp | u)">
        <xsl:variable name="key" select="w:speaker-key(.)"/>
        <w:turn id="{w:turn-id(.)}" n="{w:turn-number(.)}" key="{$key}" name="{w:speaker-filter-name(.)}"/>
      </xsl:for-each>
      <xsl:for-each-group select="$w:mentions" group-by="$w:mention-keys(generate-id(.)) || ' ' || w:place(.)?id">
        <w:mention kind="{w:mention-kind(.)}" key="{$w:mention-keys(generate-id(.))}" name="{w:plain(.)}"
                   place="{w:place(.)?id}" label="{w:place(.)?label}"/>
      </xsl:for-each-group>
      <xsl:apply-templates select="text" mode="summary"/>
      <xsl:copy-of select="teiHeader/encodingDesc/editorialDecl"/>
    </w:document>
  </xsl:template>

  <xsl:template match="gap | note | supplied | unclear" mode="summary">
    <w:item kind="{w:apparatus-kind(.)}" id="{w:id(.)}" place="{w:place(.)?id}" label="{w:place(.)?label}">
      <xsl:if test="self::gap">
        <xsl:attribute name="extent" select="w:extent(.)"/>
        <xsl:attribute name="reason" select="w:gap-reason(.)"/>
      </xsl:if>
      <xsl:if test="self::supplied">
        <xsl:attribute name="reason" select="w:supplied-reason(.)"/>
      </xsl:if>
      <xsl:if test="self::note">
        <xsl:attribute name="reason" select="
          if (@cert = ('low', 'unknown')) then 'The translator’s query; the words are theirs'
          else if (foreign[@xml:lang]) then 'Given by the translator in ' || w:language((foreign/@xml:lang)[1])
          else if (@type = 'editorial' or @resp = '#editors') then 'The editors’ explanation; not in the source'
          else if (@type = 'translator') then 'A note of the translator'
          else 'A note'"/>
      </xsl:if>
      <xsl:value-of select="if (self::gap) then '[' || (w:plain(desc)[.], w:gap-reason(.) || ': ' || w:extent(.))[1] || ']'
                            else if (self::supplied) then '[' || w:plain(node()) || ']'
                            else w:plain(node())"/>
    </w:item>
    <xsl:apply-templates mode="summary"/>
  </xsl:template>

  <xsl:function name="w:apparatus-kind" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="
      if ($element/self::gap[@reason = 'omitted' or not(@reason)]) then 'omission'
      else if ($element/self::gap) then 'unreadable'
      else if ($element/self::note[@cert = ('low', 'unknown')] or $element/self::unclear) then 'uncertain'
      else if ($element/self::supplied[@cert = ('low', 'unknown')]) then 'uncertain-insertion'
      else if ($element/self::supplied) then 'insertion'
      else if ($element/self::note[@type = 'editorial' or @resp = '#editors']) then 'editorial-note'
      else if ($element/self::note[@type = 'translator']) then 'translator-note'
      else 'note'"/>
  </xsl:function>

</xsl:stylesheet>
