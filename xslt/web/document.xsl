<?xml version="1.0" encoding="UTF-8"?>
<!-- One document of the edition: its page (header, source description, reading text, notes,
     citation) and the summary the edition-wide pages are made from (mode "summary"). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:w="urn:teikit:web"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- The document's file name without ".xml": its page is FILE.html, its source tei/FILE.xml. -->
  <xsl:param name="file" as="xs:string" select="'document'"/>

  <xsl:mode name="summary" on-no-match="shallow-skip"/>

  <xsl:function name="w:title" as="xs:string">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:variable name="titles" select="$tei/teiHeader/fileDesc/titleStmt/title"/>
    <xsl:sequence select="(($titles[@type = 'main'], $titles)[1] ! w:plain(.))[.] => head() => string()"/>
  </xsl:function>

  <xsl:function name="w:permalink" as="xs:string">
    <xsl:param name="file" as="xs:string"/>
    <xsl:variable name="base" select="if ($base-url and not(ends-with($base-url, '/'))) then $base-url || '/' else $base-url"/>
    <xsl:sequence select="$base || $file || '.html'"/>
  </xsl:function>

  <xsl:function name="w:bibtex" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="replace(normalize-space($value), '([{}&amp;%$#_\\])', '\\$1')"/>
  </xsl:function>

  <xsl:template match="/TEI" mode="page">
    <xsl:variable name="title" select="(w:title(.)[.], $file)[1]"/>
    <xsl:result-document href="{$file}.html" format="page">
      <xsl:call-template name="w:page">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="page" select="'document'"/>
        <xsl:with-param name="lang" select="(@xml:lang, text/@xml:lang, 'en')[1]"/>
        <xsl:with-param name="content">
          <xsl:apply-templates select="." mode="document">
            <xsl:with-param name="title" select="$title"/>
            <xsl:with-param name="file" select="$file" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>

  <xsl:template match="TEI" mode="document">
    <xsl:param name="title" as="xs:string"/>
    <xsl:variable name="profile" select="teiHeader/profileDesc"/>
    <xsl:variable name="date" select="w:document-date(.)"/>
    <xsl:variable name="place" select="($profile/creation/placeName, $profile/settingDesc/setting/placeName)[1]"/>
    <article class="document" data-pagefind-body="" data-pagefind-meta="date:{w:date($date)}">
      <header class="document-head">
        <p class="kind"><xsl:value-of select="w:capitalise(w:kind(.))"/></p>
        <h1 data-pagefind-meta="title"><xsl:value-of select="$title"/></h1>
        <p class="facts">
          <xsl:if test="$date"><time datetime="{$date}"><xsl:value-of select="w:date($date)"/></time></xsl:if>
          <xsl:if test="$date and $place"><xsl:text> · </xsl:text></xsl:if>
          <xsl:apply-templates select="$place" mode="text"/>
        </p>
      </header>
      <div class="document-layout">
        <aside class="about" aria-labelledby="about">
          <h2 id="about">About this document</h2>
          <xsl:for-each select="$profile/abstract">
            <div class="summary">
              <xsl:apply-templates mode="text"/>
            </div>
          </xsl:for-each>
          <xsl:apply-templates select="teiHeader" mode="source"/>
          <xsl:call-template name="w:cite">
            <xsl:with-param name="title" select="$title"/>
            <xsl:with-param name="date" select="$date"/>
          </xsl:call-template>
        </aside>
        <section class="reading" aria-labelledby="text">
          <xsl:if test="not(text/body/head)">
            <h2 id="text" class="visually-hidden">Text</h2>
          </xsl:if>
          <xsl:call-template name="w:legend"/>
          <div class="text">
            <xsl:apply-templates select="text/(front, body, back)" mode="text"/>
          </div>
          <xsl:if test="text//note">
            <section class="footnotes" aria-labelledby="notes">
              <h2 id="notes">Notes</h2>
              <ol>
                <xsl:apply-templates select="text//note" mode="footnote"/>
              </ol>
            </section>
          </xsl:if>
        </section>
      </div>
    </article>
  </xsl:template>

  <xsl:template name="w:legend">
    <xsl:variable name="speakers" select="teiHeader/profileDesc/particDesc//person[@xml:id = (current()//sp/@who ! tokenize(normalize-space(.), ' ') ! substring-after(., '#'))]"/>
    <xsl:if test="$speakers">
      <div class="legend" data-pagefind-ignore="">
        <p class="legend-title">Speakers</p>
        <ul>
          <xsl:for-each select="$speakers">
            <xsl:variable name="index" select="w:speaker-index(.)"/>
            <xsl:variable name="entry" select="w:register-entry(w:register-id(@sameAs))"/>
            <li class="speaker-{$index}">
              <span class="shape" aria-hidden="true"><xsl:value-of select="w:shape($index)"/></span>
              <xsl:text> </xsl:text>
              <xsl:choose>
                <xsl:when test="$entry">
                  <a href="people.html#{$entry/@xml:id}"><xsl:value-of select="w:name($entry)"/></a>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="w:name(.)"/></xsl:otherwise>
              </xsl:choose>
              <xsl:for-each select="persName[@type = 'label']">
                <span class="label-as-printed"> (printed “<xsl:value-of select="normalize-space(.)"/>”)</span>
              </xsl:for-each>
            </li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- "Cite this": the document as a whole; the script names the turn a reader follows. -->
  <xsl:template name="w:cite">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="date" as="xs:string?"/>
    <xsl:variable name="translators" select="teiHeader/fileDesc/titleStmt/respStmt[matches(resp, '^translated by', 'i')]/persName ! normalize-space()"/>
    <xsl:variable name="editors" select="$register//seriesStmt/editor ! normalize-space()"/>
    <xsl:variable name="publisher" select="normalize-space(($register//publicationStmt/publisher)[1])"/>
    <xsl:variable name="year" select="substring(($register//publicationStmt/date/@when)[1], 1, 4)"/>
    <xsl:variable name="url" select="w:permalink($file)"/>
    <section class="cite" aria-labelledby="cite" data-pagefind-ignore="" data-permalink="{$url}" data-absolute="{boolean($base-url)}">
      <h3 id="cite">Cite this</h3>
      <details class="cite-details" open="open">
      <summary>Citation, plain text and BibTeX</summary>
      <p class="cite-scope" aria-live="polite">Citing the whole document. To cite one turn, follow its number in the margin.</p>
      <p class="citation" id="cite-plain">
        <xsl:value-of select="'“' || $title || '”'"/>
        <xsl:if test="$date"><xsl:value-of select="', ' || w:date($date)"/></xsl:if>
        <xsl:if test="exists($translators)">
          <xsl:value-of select="', translated by ' || string-join($translators, ' and ')"/>
        </xsl:if>
        <xsl:value-of select="'. In ' || $w:edition-title"/>
        <xsl:if test="exists($editors)"><xsl:value-of select="', edited by ' || string-join($editors, ' and ')"/></xsl:if>
        <xsl:value-of select="'. ' || string-join(($publisher[.], $year[.]), ', ')"/>
        <span class="cite-turn" hidden="hidden">, turn <span class="cite-n"/></span>
        <xsl:text>. </xsl:text>
        <span class="cite-url"><xsl:value-of select="$url"/></span>
        <xsl:text>.</xsl:text>
      </p>
      <details class="bibtex">
      <summary>BibTeX</summary>
      <pre id="cite-bibtex"><code>
        <xsl:value-of select="'@incollection{' || $file"/>
        <span class="cite-turn" hidden="hidden">-t<span class="cite-n"/></span>
        <xsl:value-of select="',&#10;  title = {' || w:bibtex($title) || '},&#10;'"/>
        <xsl:if test="$date"><xsl:value-of select="'  origdate = {' || $date || '},&#10;'"/></xsl:if>
        <xsl:if test="exists($translators)">
          <xsl:value-of select="'  translator = {' || w:bibtex(string-join($translators, ' and ')) || '},&#10;'"/>
        </xsl:if>
        <xsl:value-of select="'  booktitle = {' || w:bibtex($w:edition-title) || '},&#10;'"/>
        <xsl:if test="exists($editors)">
          <xsl:value-of select="'  editor = {' || string-join($editors ! ('{' || w:bibtex(.) || '}'), ' and ') || '},&#10;'"/>
        </xsl:if>
        <xsl:if test="$publisher"><xsl:value-of select="'  publisher = {' || w:bibtex($publisher) || '},&#10;'"/></xsl:if>
        <xsl:if test="$year"><xsl:value-of select="'  year = {' || $year || '},&#10;'"/></xsl:if>
        <span class="cite-turn" hidden="hidden">  note = {Turn <span class="cite-n"/>},&#10;</span>
        <xsl:text>  url = {</xsl:text>
        <span class="cite-url"><xsl:value-of select="$url"/></span>
        <xsl:text>}&#10;}</xsl:text>
      </code></pre>
      </details>
      </details>
    </section>
  </xsl:template>

  <!-- The summary: what the edition-wide pages need to know of this document. -->

  <xsl:template match="/TEI" mode="summary">
    <xsl:variable name="profile" select="teiHeader/profileDesc"/>
    <xsl:variable name="place" select="($profile/creation/placeName, $profile/settingDesc/setting/placeName)[1]"/>
    <w:document file="{$file}" date="{w:document-date(.)}" kind="{w:kind(.)}" title="{(w:title(.)[.], $file)[1]}">
      <xsl:for-each select="$place">
        <w:place ref="{w:register-id(@ref)}"><xsl:value-of select="w:plain(.)"/></w:place>
      </xsl:for-each>
      <xsl:for-each select="$profile/abstract">
        <w:summary><xsl:value-of select="w:plain(.)"/></w:summary>
      </xsl:for-each>
      <xsl:for-each select="$profile/particDesc//person">
        <w:participant id="{@xml:id}" ref="{w:register-id(@sameAs)}" speaker="{@role = 'speaker'}">
          <xsl:value-of select="w:name(.)"/>
        </w:participant>
      </xsl:for-each>
      <xsl:for-each select="text//sp">
        <xsl:variable name="person" select="w:speaker(.)"/>
        <w:turn id="{w:turn-id(.)}" n="{w:turn-number(.)}" speaker="{$person/@xml:id}" ref="{w:register-id($person/@sameAs)}"/>
      </xsl:for-each>
      <xsl:for-each-group select="text//(persName | placeName)[@ref]" group-by="w:register-id(@ref) || ' ' || w:place(.)?id">
        <w:mention kind="{if (self::persName) then 'person' else 'place'}" ref="{w:register-id(@ref)}"
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
      else if ($element/self::note[@type = 'translator']) then 'translator-note'
      else 'note'"/>
  </xsl:function>

</xsl:stylesheet>
