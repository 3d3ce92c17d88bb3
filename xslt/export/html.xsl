<?xml version="1.0" encoding="UTF-8"?>
<!--
  A TEI document's text as XHTML, for the EPUB chapters and the DOCX's intermediate (pandoc reads it).

  Two modes: x:block for elements that stand between paragraphs, x:inline for running text. An
  element that would be a block inside running text (a list in a paragraph, a paragraph in a note)
  becomes a span of its kind, so the XHTML stays valid whatever the nesting. An element without a
  template keeps its text and its name as a class. Notes, and the other reading of a choice or an
  apparatus entry, become footnotes linked both ways (epub:type noteref / footnote).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:x="urn:teikit:export"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:include href="common.xsl"/>

  <xsl:mode name="x:block" on-no-match="shallow-skip" use-accumulators="#all"/>
  <xsl:mode name="x:inline" on-no-match="shallow-skip" use-accumulators="#all"/>



  <xsl:function name="x:heading" as="xs:integer">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="min((6, 2 + count($element/ancestor::*[self::tei:div or starts-with(local-name(), 'div')][ancestor::tei:text])))"/>
  </xsl:function>

  <xsl:function name="x:id" as="xs:string">
    <xsl:param name="raw" as="xs:string"/>
    <xsl:sequence select="replace($raw, '[^A-Za-z0-9_.\-]', '-')"/>
  </xsl:function>

  <!-- The turns of x:turns by their number: a turn's namesakes looked for among all the turns made a
       document's time grow with the square of its turns (2.7 s for one of 2,000 turns). -->
  <xsl:key name="x:turn-by-number" match="tei:text//tei:sp | tei:text//tei:u" use="x:turn-number(.)"/>

  <!-- A turn's anchor: t{n} as on the web, made unique where @n repeats. -->
  <xsl:function name="x:turn-id" as="xs:string">
    <xsl:param name="turn" as="element()"/>
    <xsl:variable name="n" select="x:turn-number($turn)"/>
    <xsl:variable name="same" select="key('x:turn-by-number', $n, root($turn))"/>
    <xsl:sequence select="x:id('t' || $n || (if (count($same) gt 1 and not($turn is $same[1])) then '-' || $turn/accumulator-before('x:turn-position') else ''))"/>
  </xsl:function>

  <xsl:template name="x:lang">
    <xsl:if test="@xml:lang">
      <xsl:attribute name="xml:lang" select="@xml:lang"/>
      <xsl:attribute name="lang" select="@xml:lang"/>
    </xsl:if>
  </xsl:template>

  <!-- ===== blocks ===== -->

  <xsl:template match="text()" mode="x:block">
    <xsl:if test="normalize-space()"><p><xsl:value-of select="."/></p></xsl:if>
  </xsl:template>

  <xsl:template match="tei:text | tei:body | tei:front | tei:back | tei:group" mode="x:block">
    <xsl:apply-templates mode="x:block"/>
  </xsl:template>

  <xsl:template match="tei:group/tei:text" mode="x:block" priority="2">
    <section class="text">
      <xsl:call-template name="x:lang"/>
      <xsl:apply-templates mode="x:block"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7 | tei:spGrp | tei:floatingText" mode="x:block">
    <section class="{local-name()}{@type ! (' ' || x:id(.))}">
      <xsl:call-template name="x:lang"/>
      <xsl:apply-templates mode="x:block"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:head" mode="x:block">
    <xsl:element name="h{x:heading(.)}">
      <xsl:if test="not(preceding-sibling::tei:head) and parent::*[not(self::tei:list or self::tei:table or self::tei:figure or self::tei:lg)]">
        <!-- The section's place in its document, not generate-id(), which also numbers the documents
             the processor parsed before it: the same TEI then gets the same ids in every run. -->
        <xsl:attribute name="id" select="'s' || count(../(ancestor::* | preceding::*)) + 1"/>
      </xsl:if>
      <xsl:call-template name="x:lang"/>
      <xsl:apply-templates mode="x:inline"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:list/tei:head | tei:table/tei:head | tei:figure/tei:head | tei:lg/tei:head" mode="x:block" priority="2">
    <p class="head"><xsl:apply-templates mode="x:inline"/></p>
  </xsl:template>

  <xsl:template match="tei:sp" mode="x:block">
    <section class="turn" id="{x:turn-id(.)}">
      <xsl:call-template name="x:lang"/>
      <p class="speaker"><xsl:call-template name="x:turn-label"/></p>
      <xsl:for-each-group select="node() except tei:speaker" group-adjacent="x:runs-on(.)">
        <xsl:choose>
          <xsl:when test="current-grouping-key()">
            <p><xsl:apply-templates select="current-group()" mode="x:inline"/></p>
          </xsl:when>
          <xsl:otherwise>
            <xsl:apply-templates select="current-group()" mode="x:block"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each-group>
    </section>
  </xsl:template>

  <!-- Words and phrases directly in a turn (between its paragraphs) are gathered into paragraphs. -->
  <xsl:function name="x:runs-on" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/self::text()[normalize-space()])
                          or exists($node/self::*[not(self::tei:*[local-name() = $x:block-names])]
                                                 [not(self::tei:pb or self::tei:cb or self::tei:milestone or self::tei:note or self::tei:gap)])"/>
  </xsl:function>

  <xsl:template name="x:turn-label">
    <a class="turn-no" href="#{x:turn-id(.)}"><xsl:value-of select="x:turn-number(.)"/></a>
    <xsl:text> </xsl:text>
    <span class="label">
      <xsl:choose>
        <xsl:when test="tei:speaker"><xsl:apply-templates select="tei:speaker/node()" mode="x:inline"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="x:label(.)"/></xsl:otherwise>
      </xsl:choose>
    </span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:u" mode="x:block">
    <section class="turn" id="{x:turn-id(.)}">
      <xsl:call-template name="x:lang"/>
      <p class="speaker"><xsl:call-template name="x:turn-label"/></p>
      <xsl:choose>
        <xsl:when test="x:holds-blocks(.)"><xsl:apply-templates mode="x:block"/></xsl:when>
        <xsl:otherwise><p><xsl:apply-templates mode="x:inline"/></p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:dateline | tei:salute | tei:signed | tei:byline | tei:docImprint | tei:docAuthor
                       | tei:docDate | tei:titlePart | tei:trailer | tei:stage | tei:label | tei:l | tei:castItem | tei:bibl
                       | tei:biblStruct | tei:respStmt | tei:address | tei:person | tei:place | tei:org | tei:event" mode="x:block">
    <p class="{local-name()}">
      <xsl:call-template name="x:lang"/>
      <xsl:if test="self::tei:l and @n"><span class="line-no"><xsl:value-of select="@n"/></span><xsl:text> </xsl:text></xsl:if>
      <xsl:apply-templates mode="x:inline"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:quote | tei:cit | tei:epigraph | tei:argument | tei:postscript | tei:opener | tei:closer" mode="x:block">
    <xsl:element name="{if (self::tei:quote or self::tei:cit or self::tei:epigraph) then 'blockquote' else 'div'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:call-template name="x:lang"/>
      <xsl:choose>
        <xsl:when test="x:holds-blocks(.)"><xsl:apply-templates mode="x:block"/></xsl:when>
        <xsl:otherwise><p><xsl:apply-templates mode="x:inline"/></p></xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:lg | tei:castList | tei:castGroup | tei:titlePage | tei:docTitle | tei:listBibl | tei:listPerson
                       | tei:listPlace | tei:listOrg | tei:listEvent | tei:msDesc | tei:entry | tei:sense | tei:form" mode="x:block">
    <div class="{local-name()}">
      <xsl:call-template name="x:lang"/>
      <xsl:choose>
        <xsl:when test="x:holds-blocks(.)"><xsl:apply-templates mode="x:block"/></xsl:when>
        <xsl:otherwise><p><xsl:apply-templates mode="x:inline"/></p></xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <xsl:template match="tei:list" mode="x:block">
    <xsl:apply-templates select="tei:head" mode="x:block"/>
    <xsl:element name="{if (@type = ('ordered', 'numbered') or @rend = ('numbered', 'ordered')) then 'ol' else 'ul'}">
      <xsl:attribute name="class" select="'list'"/>
      <xsl:call-template name="x:lang"/>
      <xsl:for-each select="tei:item">
        <li>
          <xsl:variable name="label" select="preceding-sibling::*[1][self::tei:label]"/>
          <xsl:if test="$label"><span class="label"><xsl:apply-templates select="$label/node()" mode="x:inline"/></span><xsl:text> </xsl:text></xsl:if>
          <xsl:choose>
            <xsl:when test="x:holds-blocks(.)"><xsl:apply-templates mode="x:block"/></xsl:when>
            <xsl:otherwise><xsl:apply-templates mode="x:inline"/></xsl:otherwise>
          </xsl:choose>
        </li>
      </xsl:for-each>
      <!-- Anything else a list holds (a label without an item, a note) keeps its words in an item of its own. -->
      <xsl:for-each select="* except (tei:item, tei:head, tei:label[following-sibling::*[1][self::tei:item]])">
        <li class="{local-name()}"><xsl:apply-templates select="." mode="x:inline"/></li>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:table" mode="x:block">
    <xsl:apply-templates select="tei:head" mode="x:block"/>
    <table class="table">
      <xsl:for-each select="tei:row">
        <tr>
          <xsl:for-each select="tei:cell">
            <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
              <xsl:if test="@cols[. castable as xs:integer][xs:integer(.) gt 1]"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
              <xsl:if test="@rows[. castable as xs:integer][xs:integer(.) gt 1]"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
              <xsl:apply-templates mode="x:inline"/>
            </xsl:element>
          </xsl:for-each>
          <xsl:if test="not(tei:cell)"><td><xsl:apply-templates mode="x:inline"/></td></xsl:if>
        </tr>
      </xsl:for-each>
      <xsl:if test="not(tei:row)"><tr><td><xsl:apply-templates select="node() except tei:head" mode="x:inline"/></td></tr></xsl:if>
    </table>
  </xsl:template>

  <xsl:template match="tei:figure" mode="x:block">
    <figure class="figure">
      <!-- Everything but the caption: its paragraphs, inner figures, a drawing in SVG (its words, words.xsl). -->
      <xsl:apply-templates select="* except (tei:graphic, tei:figDesc)" mode="x:block"/>
      <xsl:if test="tei:figDesc or tei:graphic">
        <figcaption>
          <xsl:apply-templates select="tei:graphic | tei:figDesc" mode="x:inline"/>
        </figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <xsl:template match="tei:milestone[@rend = 'rule']" mode="x:block"><hr class="rule"/></xsl:template>
  <xsl:template match="tei:milestone | tei:pb | tei:cb | tei:anchor[not(node())] | tei:lb" mode="x:block"/>

  <!-- Apparatus that stands between paragraphs gets a paragraph of its own. -->
  <xsl:template match="tei:gap | tei:note | tei:fw | tei:choice | tei:app | tei:supplied | tei:unclear | tei:hi | tei:seg
                       | tei:persName | tei:placeName | tei:name | tei:date | tei:ref | tei:foreign | tei:del | tei:add
                       | tei:graphic | tei:formula | tei:num | tei:w | tei:pc | tei:s | tei:phr | tei:q | tei:said | tei:emph
                       | tei:incident | tei:vocal | tei:kinesic | tei:pause | tei:shift | tei:writing" mode="x:block">
    <p class="{local-name()}-block"><xsl:apply-templates select="." mode="x:inline"/></p>
  </xsl:template>

  <!-- Anything else: a paragraph when it holds words, a division when it holds blocks. -->
  <xsl:template match="*" mode="x:block">
    <xsl:choose>
      <xsl:when test="x:holds-blocks(.)">
        <div class="tei-{local-name()}"><xsl:call-template name="x:lang"/><xsl:apply-templates mode="x:block"/></div>
      </xsl:when>
      <xsl:when test="normalize-space()">
        <p class="tei-{local-name()}"><xsl:call-template name="x:lang"/><xsl:apply-templates mode="x:inline"/></p>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- ===== running text ===== -->

  <xsl:template match="text()" mode="x:inline" priority="1">
    <xsl:value-of select="x:text(.)"/>
  </xsl:template>

  <xsl:template match="tei:lb" mode="x:inline"><br/></xsl:template>
  <xsl:template match="tei:lb[x:word-break(.)] | tei:pb[not(@n)] | tei:cb | tei:milestone | tei:anchor[not(node())] | tei:graphic[not(tei:desc)]"
                mode="x:inline" priority="1"/>

  <!-- What export text prints as a paragraph of its own stays apart from the words around it (words.xsl). -->
  <xsl:template match="*[x:set-apart(.)]" mode="x:inline" priority="10">
    <xsl:text> </xsl:text>
    <xsl:next-match/>
    <xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="tei:pb[@n]" mode="x:inline">
    <span class="pb" title="page {@n}"> </span>
  </xsl:template>

  <xsl:template match="tei:hi" mode="x:inline">
    <xsl:variable name="rend" select="tokenize(lower-case(string-join((@rend, @style, @rendition), ' ')), '[\s;:#]+')"/>
    <xsl:element name="{if ($rend = ('bold', 'b', 'strong')) then 'b'
                        else if ($rend = ('italic', 'i', 'italics')) then 'i'
                        else if ($rend = ('sup', 'superscript')) then 'sup'
                        else if ($rend = ('sub', 'subscript')) then 'sub'
                        else 'span'}">
      <xsl:attribute name="class" select="string-join(('hi', $rend[matches(., '^[a-z][a-z0-9-]*$')]), ' ')"/>
      <xsl:call-template name="x:lang"/>
      <xsl:apply-templates mode="x:inline"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:emph | tei:title | tei:term | tei:mentioned | tei:soCalled | tei:foreign" mode="x:inline">
    <xsl:element name="{if (self::tei:emph) then 'em' else if (self::tei:title) then 'cite' else 'i'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:call-template name="x:lang"/>
      <xsl:apply-templates mode="x:inline"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:ref[matches(@target, '^(https?|mailto):')] | tei:ptr[matches(@target, '^(https?|mailto):')]" mode="x:inline">
    <a href="{tokenize(normalize-space(@target), ' ')[1]}">
      <xsl:apply-templates mode="x:inline"/>
      <xsl:if test="self::tei:ptr"><xsl:value-of select="@target"/></xsl:if>
    </a>
  </xsl:template>

  <xsl:template match="tei:gap" mode="x:inline">
    <xsl:variable name="why" select="string-join((@reason ! ('reason: ' || .), (@quantity, @unit, @extent) => string-join(' ')) [normalize-space()], '; ')"/>
    <span class="gap">
      <xsl:if test="normalize-space($why)"><xsl:attribute name="title" select="'Omitted (' || $why || ')'"/></xsl:if>
      <xsl:text>[</xsl:text>
      <xsl:choose>
        <xsl:when test="normalize-space(tei:desc)"><xsl:apply-templates select="tei:desc/node()" mode="x:inline"/></xsl:when>
        <xsl:otherwise>…</xsl:otherwise>
      </xsl:choose>
      <xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <!-- What happens rather than is said (a pause, a laugh, a noise): in brackets, as export text prints it. -->
  <xsl:template match="tei:incident | tei:vocal | tei:kinesic | tei:pause | tei:shift | tei:writing" mode="x:inline">
    <xsl:text> </xsl:text>
    <span class="event {local-name()}">
      <xsl:text>[</xsl:text>
      <xsl:choose>
        <xsl:when test="normalize-space()"><xsl:apply-templates mode="x:inline"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="local-name()"/></xsl:otherwise>
      </xsl:choose>
      <xsl:text>]</xsl:text>
    </span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="x:inline">
    <span class="supplied" title="Supplied by the editor{@reason ! (' (' || translate(., '-', ' ') || ')')}">
      <xsl:text>[</xsl:text><xsl:apply-templates mode="x:inline"/><xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <xsl:template match="tei:addrLine" mode="x:inline">
    <span class="addrLine"><xsl:apply-templates mode="x:inline"/></span><br/>
  </xsl:template>

  <xsl:template match="tei:unclear | tei:damage | tei:sic | tei:orig | tei:abbr | tei:expan | tei:reg | tei:corr | tei:seg
                       | tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs | tei:date | tei:time | tei:num | tei:quote
                       | tei:q | tei:said | tei:speaker | tei:w | tei:pc | tei:s | tei:phr | tei:c" mode="x:inline">
    <span class="{local-name()}">
      <xsl:call-template name="x:lang"/>
      <xsl:apply-templates mode="x:inline"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:del" mode="x:inline"><del><xsl:apply-templates mode="x:inline"/></del></xsl:template>
  <xsl:template match="tei:add" mode="x:inline"><ins><xsl:apply-templates mode="x:inline"/></ins></xsl:template>

  <!-- choice and app: one reading in the text, the others in a footnote (never both run together). -->
  <xsl:template match="tei:choice[count(*) gt 1]" mode="x:inline">
    <xsl:variable name="shown" select="x:shown-reading(.)"/>
    <span class="choice"><xsl:apply-templates select="$shown/node()" mode="x:inline"/></span>
    <xsl:call-template name="x:noteref"/>
  </xsl:template>

  <xsl:template match="tei:app[tei:rdg]" mode="x:inline">
    <span class="app"><xsl:apply-templates select="(tei:lem, tei:rdg)[1]/node()" mode="x:inline"/></span>
    <xsl:call-template name="x:noteref"/>
  </xsl:template>


  <!-- In the header (the source's description) a note is part of the description itself. -->
  <xsl:template match="tei:note[not(ancestor::tei:text)] | tei:choice[not(ancestor::tei:text)] | tei:app[not(ancestor::tei:text)]"
                mode="x:inline" priority="2">
    <span class="{local-name()}"><xsl:apply-templates mode="x:inline"/></span>
  </xsl:template>

  <xsl:template match="tei:note" mode="x:inline">
    <xsl:call-template name="x:noteref"/>
  </xsl:template>

  <xsl:template name="x:noteref">
    <xsl:variable name="n" select="x:footnote-number(.)"/>
    <a class="noteref" epub:type="noteref" href="#fn{$n}" id="fnref{$n}"><xsl:value-of select="$n"/></a>
  </xsl:template>

  <xsl:template match="tei:figure | tei:figDesc | tei:graphic" mode="x:inline">
    <span class="{local-name()}"><xsl:apply-templates mode="x:inline"/></span>
  </xsl:template>

  <xsl:template match="tei:table" mode="x:inline">
    <span class="table">
      <xsl:for-each select=".//tei:cell | tei:head">
        <span class="cell"><xsl:apply-templates mode="x:inline"/></span>
        <xsl:text> </xsl:text>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- A block inside running text (a paragraph in a note, a list in a paragraph): a span of its kind. -->
  <xsl:template match="*" mode="x:inline">
    <span class="tei-{local-name()}">
      <xsl:call-template name="x:lang"/>
      <xsl:if test="x:spaced(.)"><xsl:text> </xsl:text></xsl:if>
      <xsl:apply-templates mode="x:inline"/>
      <xsl:if test="x:spaced(.)"><xsl:text> </xsl:text></xsl:if>
    </span>
  </xsl:template>

  <!-- ===== footnotes ===== -->

  <xsl:template name="x:footnotes">
    <xsl:param name="text" as="element()*"/>
    <xsl:variable name="notes" select="x:footnoted($text)"/>
    <xsl:if test="$notes">
      <section class="footnotes" epub:type="footnotes">
        <h2>Notes</h2>
        <xsl:for-each select="$notes">
          <xsl:variable name="n" select="x:footnote-number(.)"/>
          <aside class="footnote" epub:type="footnote" id="fn{$n}">
            <xsl:choose>
              <xsl:when test="self::tei:note and x:holds-blocks(.)">
                <p><a class="backlink" href="#fnref{$n}"><xsl:value-of select="$n"/></a><xsl:text> </xsl:text><xsl:value-of select="x:note-kind(.)"/></p>
                <xsl:apply-templates mode="x:block"/>
              </xsl:when>
              <xsl:otherwise>
                <p>
                  <a class="backlink" href="#fnref{$n}"><xsl:value-of select="$n"/></a>
                  <xsl:text> </xsl:text>
                  <xsl:value-of select="x:note-kind(.)"/>
                  <xsl:text> </xsl:text>
                  <xsl:apply-templates select="." mode="x:note-content"/>
                </p>
              </xsl:otherwise>
            </xsl:choose>
          </aside>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>


  <xsl:template match="tei:note" mode="x:note-content">
    <xsl:apply-templates mode="x:inline"/>
  </xsl:template>

  <xsl:template match="tei:choice" mode="x:note-content">
    <xsl:variable name="shown" select="x:shown-reading(.)"/>
    <xsl:for-each select="* except $shown">
      <span class="{local-name()}"><xsl:apply-templates mode="x:inline"/></span>
      <xsl:if test="position() ne last()"><xsl:text>; </xsl:text></xsl:if>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:app" mode="x:note-content">
    <xsl:for-each select="tei:rdg | tei:lem[preceding-sibling::tei:lem]">
      <span class="rdg"><xsl:apply-templates mode="x:inline"/></span>
      <xsl:if test="@wit"><xsl:text> </xsl:text><span class="wit"><xsl:value-of select="@wit"/></span></xsl:if>
      <xsl:if test="position() ne last()"><xsl:text>; </xsl:text></xsl:if>
    </xsl:for-each>
    <xsl:for-each select="tei:note | tei:witDetail">
      <xsl:text>. </xsl:text>
      <span class="{local-name()}"><xsl:apply-templates mode="x:inline"/></span>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== the document's description, from its header ===== -->

  <xsl:template name="x:description">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="header" select="$tei/tei:teiHeader"/>
    <section class="source" id="source">
      <h2>Source</h2>
      <xsl:apply-templates select="$header/tei:fileDesc/tei:sourceDesc/*" mode="x:block"/>
      <xsl:if test="$header/tei:profileDesc/tei:abstract">
        <h3>Summary</h3>
        <xsl:apply-templates select="$header/tei:profileDesc/tei:abstract/node()" mode="x:block"/>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- A document's text and footnotes, after its title (h1) and the description of its source. -->
  <xsl:template name="x:document-body">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <h1 id="title"><xsl:value-of select="x:title($tei)"/></h1>
    <xsl:call-template name="x:description"><xsl:with-param name="tei" select="$tei"/></xsl:call-template>
    <section class="text" id="text">
      <xsl:for-each select="$tei/tei:text"><xsl:call-template name="x:lang"/></xsl:for-each>
      <xsl:apply-templates select="$tei/tei:text" mode="x:block"/>
    </section>
    <xsl:call-template name="x:footnotes"><xsl:with-param name="text" select="$tei/tei:text"/></xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
