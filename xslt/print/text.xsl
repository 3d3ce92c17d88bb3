<?xml version="1.0" encoding="UTF-8"?>
<!-- The text of a document: turns of speech, paragraphs, sections, and the
     editorial signs inside them. An element without a template here keeps its
     text (the mode skips only the element itself). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tp="urn:teikit:print"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:mode name="text" on-no-match="shallow-skip"/>

  <xsl:variable name="tp:parbreak" as="xs:string" select="'&#10;&#10;'"/>

  <!-- A composite text (group) prints each inner text in order, with its own heads. -->
  <xsl:template match="text | group" mode="text">
    <xsl:apply-templates mode="text"/>
  </xsl:template>

  <!-- A head that holds no words (only a graphic) is not a heading a reader can find:
       it prints as what it holds. So does the head of a list, table, figure or stanza. -->
  <xsl:template match="head[not(normalize-space())] | head[parent::list or parent::table or parent::figure or parent::lg]" mode="text">
    <xsl:text>#block-head[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
    <xsl:value-of select="$tp:parbreak"/>
  </xsl:template>

  <xsl:template match="head" mode="text">
    <xsl:text>#heading(level: </xsl:text>
    <xsl:value-of select="max((count(ancestor::div[head]), 1)) + 1"/>
    <xsl:text>)[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
    <xsl:if test="not(following-sibling::node()[self::* or normalize-space()])">
      <xsl:text> &lt;empty-section&gt;</xsl:text>
    </xsl:if>
    <xsl:value-of select="$tp:parbreak"/>
  </xsl:template>

  <!-- Elements that stand as paragraphs of their own in any TEI: what they hold, then a break. -->
  <xsl:template match="opener | closer | salute | signed | byline | docTitle | titlePart | docAuthor | docImprint
      | docDate | argument | epigraph | trailer | postscript | castItem | stage[not(ancestor::p or ancestor::l)]
      | label[not(parent::list)] | q[parent::div or parent::body] | quote[parent::div or parent::body] | entryFree | entry | sense
      | bibl[parent::listBibl] | person[parent::listPerson] | place[parent::listPlace] | event | desc[parent::div or parent::body]"
      mode="text">
    <xsl:apply-templates mode="text"/>
    <xsl:value-of select="$tp:parbreak"/>
  </xsl:template>

  <!-- Verse: one line each, its number in the right margin (@n, else its place in the poem) every fifth line. -->
  <xsl:template match="l" mode="text">
    <xsl:variable name="n" select="(@n[normalize-space()], count(preceding::l[not(ancestor::note)]) + 1 - count(ancestor::text[1]/preceding::l[not(ancestor::note)]))[1]"/>
    <xsl:text>#verse-line(n: </xsl:text>
    <xsl:value-of select="tp:string(string($n))"/>
    <xsl:text>)[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
    <xsl:value-of select="$tp:parbreak"/>
  </xsl:template>

  <xsl:template match="lg" mode="text">
    <xsl:text>#stanza[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
    <xsl:value-of select="$tp:parbreak"/>
  </xsl:template>

  <!-- One reading in the text (the regularised, corrected or expanded one), the other as a note. -->
  <xsl:template match="choice" mode="text">
    <xsl:variable name="shown" select="(reg, corr, expan, seg, *)[1]"/>
    <xsl:apply-templates select="$shown" mode="text"/>
    <xsl:for-each select="* except $shown">
      <xsl:text>#reading-note[</xsl:text>
      <xsl:value-of select="tp:text(tp:reading-label(local-name()) || ': ')"/>
      <xsl:apply-templates mode="text"/>
      <xsl:text>]</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <xsl:function name="tp:reading-label" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="
      if ($name = 'orig') then 'Original spelling'
      else if ($name = 'sic') then 'Original reading'
      else if ($name = 'abbr') then 'Abbreviated'
      else if ($name = 'reg') then 'Regularised'
      else if ($name = 'corr') then 'Corrected'
      else if ($name = 'expan') then 'Expanded'
      else 'Also'"/>
  </xsl:function>

  <!-- An apparatus entry: the lemma in the text, the variant readings as a note. -->
  <xsl:template match="app" mode="text">
    <xsl:variable name="shown" select="(lem, rdg)[1]"/>
    <xsl:apply-templates select="$shown" mode="text"/>
    <xsl:if test="(rdg, rdgGrp/rdg) except $shown">
      <xsl:text>#reading-note[</xsl:text>
      <xsl:for-each select="(rdg, rdgGrp/rdg) except $shown">
        <xsl:if test="position() gt 1">
          <xsl:value-of select="tp:text('; ')"/>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="normalize-space()">
            <xsl:apply-templates mode="text"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:text>#emph[</xsl:text>
            <xsl:value-of select="tp:text('om.')"/>
            <xsl:text>]</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:for-each select="(@wit, @source)[1]">
          <xsl:value-of select="tp:text(' ' || normalize-space(translate(., '#', '')))"/>
        </xsl:for-each>
      </xsl:for-each>
      <xsl:text>]</xsl:text>
    </xsl:if>
    <!-- The apparatus's own notes, witnesses' details and the rest keep their words. -->
    <xsl:apply-templates select="* except (lem, rdg, rdgGrp)" mode="text"/>
  </xsl:template>

  <xsl:template match="table" mode="text">
    <xsl:apply-templates select="head" mode="text"/>
    <xsl:variable name="columns" select="max((row ! sum(cell ! (if (@cols castable as xs:integer) then xs:integer(@cols) else 1)), 1))"/>
    <xsl:text>#text-table(columns: </xsl:text>
    <xsl:value-of select="$columns"/>
    <xsl:for-each select="row/cell">
      <xsl:text>, table.cell(colspan: </xsl:text>
      <xsl:value-of select="if (@cols castable as xs:integer) then min((xs:integer(@cols), $columns)) else 1"/>
      <xsl:text>)[</xsl:text>
      <xsl:apply-templates mode="text"/>
      <xsl:text>]</xsl:text>
    </xsl:for-each>
    <xsl:text>)</xsl:text>
    <xsl:value-of select="$tp:parbreak"/>
  </xsl:template>

  <!-- A figure prints its heading and its description; the image itself is not in the TEI. -->
  <xsl:template match="figure" mode="text">
    <xsl:text>#text-figure[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
    <xsl:value-of select="$tp:parbreak"/>
  </xsl:template>

  <xsl:template match="graphic" mode="text">
    <xsl:text>#graphic-sign(</xsl:text>
    <xsl:value-of select="tp:string(tokenize(@url, '/')[last()])"/>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <xsl:template match="figDesc" mode="text">
    <xsl:text>#emph[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <!-- An utterance of a spoken text: a turn, its speaker named from @who. -->
  <xsl:template match="u" mode="text">
    <xsl:text>#turn(who: (</xsl:text>
    <xsl:value-of select="string-join(tp:speaker-keys(.) ! (tp:string(.) || ','), ' ')"/>
    <xsl:text>), key: </xsl:text>
    <xsl:value-of select="tp:string(tp:stem(.) || '-' || (@xml:id, generate-id())[1])"/>
    <xsl:text>, number: </xsl:text>
    <xsl:value-of select="tp:string(tp:turn-number(.))"/>
    <xsl:text>)[</xsl:text>
    <xsl:if test="@who">
      <xsl:text>#speaker[</xsl:text>
      <xsl:value-of select="tp:text(string-join(tokenize(@who) ! tp:who-name(., current()), ', ') || ':')"/>
      <xsl:text>]</xsl:text>
    </xsl:if>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]&#10;</xsl:text>
  </xsl:template>

  <!-- Struck out in the source: in double brackets (a strike-through could not combine with
       the underline of an uncertain reading in a tagged PDF). -->
  <xsl:template match="del" mode="text">
    <xsl:text>#deleted[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="hi[matches(@rend, 'sup')]" mode="text" priority="2">
    <xsl:text>#super[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="hi[matches(@rend, 'sub')]" mode="text" priority="2">
    <xsl:text>#sub[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="hi[matches(@rend, 'small-?caps', 'i')]" mode="text" priority="2">
    <xsl:text>#smallcaps[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="hi[matches(@rend, 'underline')]" mode="text" priority="2">
    <xsl:text>#underline[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="p | ab" mode="text">
    <xsl:apply-templates mode="text"/>
    <xsl:value-of select="$tp:parbreak"/>
  </xsl:template>

  <!-- A turn: the speaker's label runs into the first paragraph. -->
  <xsl:template match="sp" mode="text">
    <xsl:text>#turn(who: (</xsl:text>
    <xsl:value-of select="string-join(tp:speaker-keys(.) ! (tp:string(.) || ','), ' ')"/>
    <xsl:text>), key: </xsl:text>
    <xsl:value-of select="tp:string(tp:stem(.) || '-' || (@xml:id, generate-id())[1])"/>
    <xsl:text>, number: </xsl:text>
    <xsl:value-of select="tp:string(tp:turn-number(.))"/>
    <xsl:text>)[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]&#10;</xsl:text>
  </xsl:template>

  <!-- A turn's number, as the web and DTS give it: @n, else its place among the document's turns. -->
  <xsl:function name="tp:turn-number" as="xs:string">
    <xsl:param name="turn" as="element()"/>
    <xsl:sequence select="($turn/@n[normalize-space()] ! normalize-space(),
      string(count($turn/preceding::*[self::sp or self::u][not(ancestor::note)]) + 1))[1]"/>
  </xsl:function>

  <!-- Who speaks an utterance, by the document's list of participants, else the id itself. -->
  <xsl:function name="tp:who-name" as="xs:string">
    <xsl:param name="ref" as="xs:string"/>
    <xsl:param name="context" as="element()"/>
    <xsl:variable name="id" select="replace($ref, '^.*#', '')"/>
    <xsl:variable name="person" select="(root($context)//particDesc//*[@xml:id = $id])[1]"/>
    <xsl:sequence select="(normalize-space(($person/persName, $person/name, $person)[1])[. != ''], $id)[1]"/>
  </xsl:function>

  <xsl:template match="speaker" mode="text">
    <xsl:text>#speaker[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="dateline" mode="text">
    <xsl:text>#dateline[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
    <xsl:value-of select="$tp:parbreak"/>
  </xsl:template>

  <xsl:template match="milestone[@rend = 'rule']" mode="text">
    <xsl:text>#section-rule()&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="list | listBibl[not(bibl)] | castList" mode="text">
    <xsl:apply-templates select="head" mode="text"/>
    <xsl:text>#text-list(</xsl:text>
    <xsl:for-each select="* except head">
      <xsl:text>[</xsl:text>
      <xsl:apply-templates mode="text"/>
      <xsl:text>], </xsl:text>
    </xsl:for-each>
    <xsl:text>)</xsl:text>
    <xsl:value-of select="$tp:parbreak"/>
  </xsl:template>

  <xsl:template match="lb" mode="text">
    <xsl:text>#linebreak()</xsl:text>
  </xsl:template>

  <xsl:template match="pb" mode="text">
    <xsl:text>#page-break-sign()</xsl:text>
  </xsl:template>

  <xsl:template match="hi[matches(@rend, 'italic|^i$')] | title[@level = 'm'] | emph | term | mentioned | soCalled" mode="text">
    <xsl:text>#emph[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="hi[matches(@rend, 'bold|^b$')]" mode="text">
    <xsl:text>#strong[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="foreign" mode="text">
    <xsl:text>#foreign-words(lang: </xsl:text>
    <xsl:value-of select="(@xml:lang ! tp:string(tokenize(., '-')[1]), 'none')[1]"/>
    <xsl:text>)[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <!-- The name as printed, then an invisible mark that puts its page in the index. -->
  <xsl:template match="persName[@ref]" mode="text">
    <xsl:apply-templates mode="text"/>
    <xsl:text>#named(</xsl:text>
    <xsl:value-of select="tp:string(tp:name-key(.))"/>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <!-- A place as printed, then a mark that puts its page and line in the index of places. -->
  <xsl:template match="placeName[ancestor::text] | settlement[ancestor::text][not(ancestor::placeName)] | country[ancestor::text][not(ancestor::placeName)]" mode="text">
    <xsl:apply-templates mode="text"/>
    <xsl:text>#named-place(</xsl:text>
    <xsl:value-of select="tp:string(tp:place-key(.))"/>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <xsl:template match="supplied" mode="text">
    <xsl:text>#supplied[</xsl:text>
    <xsl:choose>
      <xsl:when test="@cert = ('low', 'unknown')">
        <xsl:call-template name="ledger-mark">
          <xsl:with-param name="kind" select="'Uncertain insertion'"/>
        </xsl:call-template>
        <xsl:text>#uncertain[</xsl:text>
        <xsl:apply-templates mode="text"/>
        <xsl:text>]</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="text"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="unclear" mode="text">
    <xsl:call-template name="ledger-mark">
      <xsl:with-param name="kind" select="'Uncertain reading'"/>
    </xsl:call-template>
    <xsl:text>#uncertain[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="note" mode="text">
    <xsl:variable name="query" select="@cert = ('low', 'unknown')"/>
    <xsl:if test="$query">
      <xsl:call-template name="ledger-mark">
        <xsl:with-param name="kind" select="'Translator''s query'"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:text>#translator-note(editorial: </xsl:text>
    <xsl:value-of select="if (@type = 'editorial') then 'true' else 'false'"/>
    <xsl:text>, query: </xsl:text>
    <xsl:value-of select="if ($query) then 'true' else 'false'"/>
    <xsl:text>, original: </xsl:text>
    <xsl:value-of select="if (foreign and not(text()[normalize-space()]) and count(*) = 1) then 'true' else 'false'"/>
    <xsl:text>)[</xsl:text>
    <xsl:apply-templates mode="text"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="gap" mode="text">
    <xsl:call-template name="ledger-mark">
      <xsl:with-param name="kind" select="tp:gap-kind(@reason)"/>
      <xsl:with-param name="wording" select="tp:gap-wording(.)"/>
    </xsl:call-template>
    <xsl:text>#gap-marker(wording: [</xsl:text>
    <xsl:value-of select="tp:text(tp:gap-wording(.))"/>
    <xsl:text>], extent: </xsl:text>
    <xsl:value-of select="(tp:gap-extent(.) ! tp:string(.), 'none')[1]"/>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <xsl:function name="tp:gap-wording" as="xs:string">
    <xsl:param name="gap" as="element(gap)"/>
    <xsl:sequence select="(normalize-space($gap/desc)[. != ''], '…')[1]"/>
  </xsl:function>

  <!-- "3 pages": the extent the source states, when it states a number. -->
  <xsl:function name="tp:gap-extent" as="xs:string?">
    <xsl:param name="gap" as="element(gap)"/>
    <xsl:sequence select="if ($gap/@quantity and $gap/@unit)
      then $gap/@quantity || ' ' || $gap/@unit || (if (number($gap/@quantity) = 1) then '' else 's')
      else ()"/>
  </xsl:function>

  <xsl:function name="tp:gap-kind" as="xs:string">
    <xsl:param name="reason" as="xs:string?"/>
    <xsl:sequence select="
      if ($reason = 'illegible') then 'Illegible'
      else if ($reason = 'inaudible') then 'Inaudible'
      else if ($reason = 'unclear') then 'Unclear passage'
      else 'Omission'"/>
  </xsl:function>

</xsl:stylesheet>
