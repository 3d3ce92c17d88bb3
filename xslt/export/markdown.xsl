<?xml version="1.0" encoding="UTF-8"?>
<!--
  A TEI document as Markdown, for readers and static-site generators: YAML front matter from the
  header, headings, turns opening with the speaker's label in bold, notes as footnotes ([^n]).
  Every character Markdown could read as markup is escaped, so the words come back as written.

  docx.xsl imports this stylesheet for pandoc's Markdown (labels in small caps, turn anchors as
  bookmarks): $flavour = 'pandoc'.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:x="urn:teikit:export"
    xmlns:md="urn:teikit:export:markdown"
    default-mode="md:document"
    exclude-result-prefixes="#all">

  <xsl:include href="common.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:mode name="md:document" use-accumulators="#all"/>
  <xsl:mode name="md:block" on-no-match="shallow-skip" use-accumulators="#all"/>
  <xsl:mode name="md:inline" on-no-match="shallow-skip" use-accumulators="#all"/>

  <xsl:param name="flavour" as="xs:string" select="'commonmark'"/>
  <!-- Part of a book of many documents (the DOCX of the edition): no front matter of its own. -->
  <xsl:param name="in-book" as="xs:boolean" select="false()"/>
  <!-- Whether the document's title opens it as a heading (a DOCX of one document has it as the book's title). -->
  <xsl:param name="title-heading" as="xs:boolean" select="true()"/>

  <xsl:variable name="md:nl" select="'&#10;'"/>
  <xsl:variable name="md:break" select="'&#10;&#10;'"/>

  <xsl:template match="/tei:TEI" mode="md:document">
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:if test="not($in-book)"><xsl:sequence select="md:front-matter(.)"/></xsl:if>
      <xsl:if test="$title-heading"><xsl:sequence select="md:heading(1, md:escape(x:title(.)), 'title')"/></xsl:if>
      <xsl:sequence select="md:heading(2, 'Source', ())"/>
      <xsl:apply-templates select="tei:teiHeader/tei:fileDesc/tei:sourceDesc/*" mode="md:block"/>
      <xsl:if test="tei:teiHeader/tei:profileDesc/tei:abstract">
        <xsl:sequence select="md:heading(3, 'Summary', ())"/>
        <xsl:apply-templates select="tei:teiHeader/tei:profileDesc/tei:abstract/node()" mode="md:block"/>
      </xsl:if>
      <xsl:apply-templates select="tei:text" mode="md:block"/>
      <xsl:sequence select="md:footnotes(tei:text)"/>
    </xsl:variable>
    <xsl:value-of select="string-join($blocks[normalize-space()], $md:break) || $md:nl"/>
  </xsl:template>

  <!-- ===== front matter ===== -->

  <xsl:function name="md:front-matter" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="fields" as="xs:string*">
      <xsl:sequence select="'title: ' || md:yaml(x:title($tei))"/>
      <xsl:sequence select="x:date($tei)[.] ! ('date: ' || md:yaml(.))"/>
      <xsl:sequence select="x:place($tei)[.] ! ('place: ' || md:yaml(.))"/>
      <xsl:sequence select="'lang: ' || md:yaml(x:language($tei))"/>
      <xsl:variable name="contributors" select="x:contributors($tei)"/>
      <xsl:if test="exists($contributors)">
        <xsl:sequence select="'contributors:'"/>
        <xsl:sequence select="$contributors ! ('  - name: ' || md:yaml(?name) || $md:nl || '    role: ' || md:yaml(?role))"/>
      </xsl:if>
      <xsl:sequence select="'edition: ' || md:yaml(x:edition-title())"/>
      <xsl:sequence select="x:licence($tei)[.] ! ('license: ' || md:yaml(.))"/>
      <xsl:sequence select="'source: ' || md:yaml($stem || '.xml')"/>
      <xsl:variable name="speakers" select="distinct-values(x:turns($tei) ! x:speaker-name(.)[.])"/>
      <xsl:if test="exists($speakers)">
        <xsl:sequence select="'speakers:'"/>
        <xsl:sequence select="$speakers ! ('  - ' || md:yaml(.))"/>
      </xsl:if>
    </xsl:variable>
    <xsl:sequence select="string-join(('---', $fields, '---'), $md:nl)"/>
  </xsl:function>

  <xsl:function name="md:yaml" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="'&quot;' || replace(replace(normalize-space($value), '\\', '\\\\'), '&quot;', '\\&quot;') || '&quot;'"/>
  </xsl:function>

  <!-- ===== escaping ===== -->

  <!-- Markup characters anywhere, and what would start a block at the beginning of a paragraph. -->
  <xsl:function name="md:escape" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="replace($text, '([\\`*_\[\]&lt;&gt;#|~^$@&amp;{}])', '\\$1')"/>
  </xsl:function>

  <xsl:function name="md:paragraph" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="one-line" select="normalize-space(replace($text, '\\&#10;', '&#xE010;'))"/>
    <xsl:variable name="safe" select="replace($one-line, '^([-+=>:%]|\d+[.)])', '\\$1')"/>
    <xsl:sequence select="replace($safe, '\s*&#xE010;\s*', '\\&#10;')"/>
  </xsl:function>

  <xsl:function name="md:heading" as="xs:string">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="id" as="xs:string?"/>
    <xsl:variable name="marks" select="string-join((1 to min((6, $level))) ! '#')"/>
    <xsl:variable name="words" select="normalize-space(replace($text, '\\&#10;', ' '))"/>
    <xsl:sequence select="$marks || ' ' || (if ($words) then $words else '\-')
                          || (if ($flavour = 'pandoc' and $id) then ' {#' || $stem || '-' || $id || '}' else '')"/>
  </xsl:function>

  <!-- ===== blocks ===== -->

  <xsl:template match="text()" mode="md:block" as="xs:string?">
    <xsl:if test="normalize-space()"><xsl:sequence select="md:paragraph(md:escape(.))"/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:text | tei:body | tei:front | tei:back | tei:group | tei:group/tei:text" mode="md:block" as="xs:string*">
    <xsl:apply-templates mode="md:block"/>
  </xsl:template>

  <!-- A division is its blocks, whatever else it holds between them (an incident between two turns). -->
  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7 | tei:spGrp
                       | tei:floatingText" mode="md:block" as="xs:string*">
    <xsl:apply-templates mode="md:block"/>
  </xsl:template>

  <xsl:template match="tei:head" mode="md:block" as="xs:string">
    <xsl:sequence select="md:heading(2 + count(ancestor::*[self::tei:div or starts-with(local-name(), 'div')][ancestor::tei:text]), md:inline(.), ())"/>
  </xsl:template>

  <xsl:template match="tei:list/tei:head | tei:table/tei:head | tei:figure/tei:head | tei:lg/tei:head" mode="md:block" priority="2" as="xs:string">
    <xsl:sequence select="'**' || md:inline(.) || '**'"/>
  </xsl:template>

  <xsl:template match="tei:sp | tei:u" mode="md:block" as="xs:string*">
    <xsl:variable name="label" select="if (tei:speaker) then md:inline(tei:speaker) else md:escape(x:label(.))"/>
    <xsl:variable name="shown" select="if ($flavour = 'pandoc') then '[' || $label || ']{.smallcaps}' else $label"/>
    <xsl:variable name="anchor" select="if ($flavour = 'pandoc') then '[]{#' || $stem || '-' || x:turn-anchor(.) || '}'
                                        else '&lt;a id=&quot;' || x:turn-anchor(.) || '&quot;&gt;&lt;/a&gt;'"/>
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:choose>
        <xsl:when test="self::tei:u and not(x:holds-blocks(.))"><xsl:sequence select="md:paragraph(md:inline(.))"/></xsl:when>
        <xsl:otherwise>
          <xsl:for-each-group select="node() except tei:speaker" group-adjacent="md:runs-on(.)">
            <xsl:choose>
              <xsl:when test="current-grouping-key()">
                <xsl:sequence select="md:paragraph(string-join(current-group() ! md:inline-node(.)))"/>
              </xsl:when>
              <xsl:otherwise><xsl:apply-templates select="current-group()" mode="md:block"/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each-group>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="opening" select="$anchor || (if (normalize-space($label)) then '**' || $shown || '**' else '')"/>
    <xsl:sequence select="if (empty($blocks[normalize-space()])) then $opening
                          else ($opening || ' ' || $blocks[normalize-space()][1], tail($blocks[normalize-space()]))"/>
  </xsl:template>

  <xsl:function name="md:runs-on" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/self::text()[normalize-space()])
                          or exists($node/self::*[not(self::tei:*[local-name() = $x:block-names])]
                                                 [not(self::tei:pb or self::tei:cb or self::tei:milestone)])"/>
  </xsl:function>

  <xsl:template match="tei:list" mode="md:block" as="xs:string*">
    <xsl:apply-templates select="tei:head" mode="md:block"/>
    <xsl:variable name="marker" select="if (@type = ('ordered', 'numbered') or @rend = ('numbered', 'ordered')) then '1. ' else '- '"/>
    <xsl:sequence select="string-join(tei:item ! ($marker || normalize-space(
                            string-join((preceding-sibling::*[1][self::tei:label] ! md:inline(.), md:inline(.)), ' '))), $md:nl)"/>
    <xsl:sequence select="(* except (tei:item, tei:head, tei:label[following-sibling::*[1][self::tei:item]])) ! md:paragraph(md:inline(.))"/>
  </xsl:template>

  <xsl:template match="tei:table" mode="md:block" as="xs:string*">
    <xsl:apply-templates select="tei:head" mode="md:block"/>
    <xsl:sequence select="(tei:row ! md:paragraph(string-join(tei:cell ! md:inline(.), ' · ')),
                           if (not(tei:row)) then md:paragraph(md:inline(.)) else ())"/>
  </xsl:template>

  <xsl:template match="tei:lg" mode="md:block" as="xs:string*">
    <xsl:apply-templates select="tei:head" mode="md:block"/>
    <xsl:sequence select="string-join(tei:l ! (string(@n)[.] ! (. || ' ') || normalize-space(md:inline(.))), '\' || $md:nl)"/>
    <xsl:apply-templates select="* except (tei:l, tei:head)" mode="md:block"/>
  </xsl:template>

  <!-- A note between paragraphs: its mark stands as a paragraph of its own (its words are in the footnote). -->
  <xsl:template match="tei:text//tei:note[not(parent::tei:app[tei:rdg])]" mode="md:block" as="xs:string">
    <xsl:sequence select="md:footnote-mark(.)"/>
  </xsl:template>

  <xsl:template match="tei:gap | tei:incident | tei:vocal | tei:kinesic | tei:pause | tei:shift | tei:writing" mode="md:block" as="xs:string">
    <xsl:sequence select="md:paragraph(md:inline-node(.))"/>
  </xsl:template>

  <!-- A line of verse outside a line group (in a turn, as in drama): numbered as the source numbers it. -->
  <xsl:template match="tei:l" mode="md:block" as="xs:string">
    <xsl:sequence select="md:paragraph(string(@n)[.] ! (md:escape(.) || ' ') || md:inline(.))"/>
  </xsl:template>

  <xsl:template match="tei:quote[x:holds-blocks(.)] | tei:cit[x:holds-blocks(.)]" mode="md:block" as="xs:string*">
    <xsl:variable name="inner" as="xs:string*"><xsl:apply-templates mode="md:block"/></xsl:variable>
    <xsl:sequence select="$inner ! ('&gt; ' || replace(., '&#10;', '&#10;&gt; '))"/>
  </xsl:template>

  <xsl:template match="tei:milestone[@rend = 'rule']" mode="md:block" as="xs:string">---</xsl:template>
  <xsl:template match="tei:milestone | tei:pb | tei:cb | tei:anchor[not(node())] | tei:lb" mode="md:block"/>

  <!-- Anything else: a paragraph when it holds words, its blocks when it holds blocks. -->
  <xsl:template match="*" mode="md:block" as="xs:string*">
    <xsl:choose>
      <xsl:when test="x:holds-blocks(.)"><xsl:apply-templates mode="md:block"/></xsl:when>
      <xsl:when test="normalize-space() or .//tei:note or .//tei:gap">
        <xsl:sequence select="md:paragraph(md:inline(.))"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- ===== running text ===== -->

  <xsl:function name="md:inline" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="string-join($element/node() ! md:inline-node(.))"/>
  </xsl:function>

  <xsl:function name="md:inline-node" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="parts" as="xs:string*"><xsl:apply-templates select="$node" mode="md:inline"/></xsl:variable>
    <xsl:sequence select="string-join($parts)"/>
  </xsl:function>

  <xsl:template match="text()" mode="md:inline" as="xs:string">
    <xsl:sequence select="md:escape(replace(x:text(.), '\s+', ' '))"/>
  </xsl:template>

  <xsl:template match="tei:lb" mode="md:inline" as="xs:string">
    <xsl:sequence select="'\' || $md:nl"/>
  </xsl:template>
  <xsl:template match="tei:lb[x:word-break(.)] | tei:pb | tei:cb | tei:milestone | tei:anchor[not(node())]" mode="md:inline"
                as="xs:string" priority="1"><xsl:sequence select="''"/></xsl:template>

  <!-- What export text prints as a paragraph of its own stays apart from the words around it (words.xsl). -->
  <xsl:template match="*[x:set-apart(.)]" mode="md:inline" as="xs:string" priority="10">
    <xsl:variable name="inner" as="xs:string*"><xsl:next-match/></xsl:variable>
    <xsl:sequence select="' ' || string-join($inner) || ' '"/>
  </xsl:template>

  <xsl:function name="md:wrap" as="xs:string">
    <xsl:param name="mark" as="xs:string"/>
    <xsl:param name="content" as="xs:string"/>
    <!-- Emphasis cannot open or close on a space: the spaces go outside the marks. -->
    <xsl:variable name="inner" select="normalize-space($content)"/>
    <xsl:sequence select="if (not($inner)) then $content
                          else (if (matches($content, '^\s')) then ' ' else '') || $mark || $inner || $mark
                               || (if (matches($content, '\s$')) then ' ' else '')"/>
  </xsl:function>

  <xsl:template match="tei:hi" mode="md:inline" as="xs:string">
    <xsl:variable name="rend" select="tokenize(lower-case(string-join((@rend, @style, @rendition), ' ')), '[\s;:#]+')"/>
    <xsl:sequence select="if ($rend = ('bold', 'b', 'strong')) then md:wrap('**', md:inline(.))
                          else if ($rend = ('italic', 'i', 'italics')) then md:wrap('*', md:inline(.))
                          else md:inline(.)"/>
  </xsl:template>

  <xsl:template match="tei:emph | tei:title[not(ancestor::tei:teiHeader)] | tei:foreign | tei:term | tei:mentioned" mode="md:inline" as="xs:string">
    <xsl:sequence select="md:wrap('*', md:inline(.))"/>
  </xsl:template>

  <xsl:template match="tei:ref[matches(@target, '^(https?|mailto):')]" mode="md:inline" as="xs:string">
    <xsl:variable name="words" select="md:inline(.)"/>
    <xsl:sequence select="if (normalize-space($words)) then '[' || $words || '](&lt;' || replace(tokenize(normalize-space(@target), ' ')[1], '[&lt;&gt;\s]', '') || '&gt;)' else ''"/>
  </xsl:template>

  <xsl:template match="tei:ptr[matches(@target, '^(https?|mailto):[^\s&lt;&gt;]+$')]" mode="md:inline" as="xs:string">
    <xsl:sequence select="'&lt;' || normalize-space(@target) || '&gt;'"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="md:inline" as="xs:string">
    <xsl:sequence select="'\[' || (if (normalize-space(tei:desc)) then md:inline(tei:desc) else '…') || '\]'"/>
  </xsl:template>

  <!-- What happens rather than is said (a pause, a laugh, a noise): in brackets, as export text prints it. -->
  <xsl:template match="tei:incident | tei:vocal | tei:kinesic | tei:pause | tei:shift | tei:writing" mode="md:inline" as="xs:string">
    <xsl:sequence select="' \[' || (if (normalize-space()) then normalize-space(md:inline(.)) else local-name()) || '\] '"/>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="md:inline" as="xs:string">
    <xsl:sequence select="'\[' || md:inline(.) || '\]'"/>
  </xsl:template>

  <xsl:template match="tei:text//tei:app[tei:rdg]/tei:note" mode="md:inline" as="xs:string" priority="2">
    <xsl:sequence select="''"/>
  </xsl:template>

  <xsl:template match="tei:text//tei:note" mode="md:inline" as="xs:string">
    <xsl:sequence select="md:footnote-mark(.)"/>
  </xsl:template>

  <xsl:template match="tei:text//tei:choice[count(*) gt 1]" mode="md:inline" as="xs:string">
    <xsl:sequence select="md:inline(x:shown-reading(.)) || md:footnote-mark(.)"/>
  </xsl:template>

  <xsl:template match="tei:text//tei:app[tei:rdg]" mode="md:inline" as="xs:string">
    <xsl:sequence select="md:inline((tei:lem, tei:rdg)[1]) || md:footnote-mark(.)"/>
  </xsl:template>

  <xsl:template match="tei:table" mode="md:inline" as="xs:string">
    <xsl:sequence select="string-join(.//tei:cell ! md:inline(.), ' · ')"/>
  </xsl:template>

  <!-- Elements of running text without a rendering of their own, and blocks inside running text: their words. -->
  <xsl:template match="*" mode="md:inline" as="xs:string">
    <xsl:variable name="spaced" select="x:spaced(.)"/>
    <xsl:sequence select="(if ($spaced) then ' ' else '') || md:inline(.) || (if ($spaced) then ' ' else '')"/>
  </xsl:template>

  <!-- ===== footnotes ===== -->

  <!-- [^n]; in a book of many documents the label carries the document's name, to stay unique. -->
  <xsl:function name="md:footnote-label" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="'[^' || (if ($in-book) then replace($stem, '[^A-Za-z0-9]', '-') || '-' else '') || x:footnote-number($element) || ']'"/>
  </xsl:function>

  <!-- A note's mark in the text. pandoc reads two marks side by side, [^1][^2], as a reference link and drops
       the second note: an empty comment (which pandoc's DOCX leaves out) keeps them apart. -->
  <xsl:function name="md:footnote-mark" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="md:footnote-label($element) || (if ($flavour = 'pandoc') then '&lt;!-- --&gt;' else '')"/>
  </xsl:function>

  <xsl:function name="md:footnotes" as="xs:string*">
    <xsl:param name="text" as="element()*"/>
    <xsl:for-each select="x:footnoted($text)">
      <xsl:variable name="content" as="xs:string">
        <xsl:choose>
          <xsl:when test="self::tei:choice">
            <xsl:sequence select="string-join((* except x:shown-reading(.)) ! md:inline(.), '; ')"/>
          </xsl:when>
          <xsl:when test="self::tei:app">
            <xsl:sequence select="string-join(((tei:rdg, tei:lem[preceding-sibling::tei:lem]) ! (md:inline(.) || (@wit ! (' ' || md:escape(.)))),
                                               (tei:note, tei:witDetail) ! md:inline(.)), '; ')"/>
          </xsl:when>
          <xsl:otherwise><xsl:sequence select="md:inline(.)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:sequence select="md:footnote-label(.) || ': ' || md:escape(x:note-kind(.)) || ' '
                            || replace(normalize-space(replace($content, '\\&#10;', ' ')), '^([-+=>:%]|\d+[.)])', '\\$1')"/>
    </xsl:for-each>
  </xsl:function>

</xsl:stylesheet>
