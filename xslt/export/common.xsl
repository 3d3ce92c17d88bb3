<?xml version="1.0" encoding="UTF-8"?>
<!--
  What every export asks of a TEI document: its turns and their numbers, who speaks, who and what
  is mentioned, when and where the text was made, and the edition's register behind the names.

  $register is the edition's header as teikit.edition makes it: the register itself when the
  edition has one, else a header made from the documents (no persons, no places). Persons and
  places then come from the document's own particDesc, listPerson, listPlace and standOff.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:x="urn:teikit:export"
    exclude-result-prefixes="#all">

  <xsl:include href="words.xsl"/>

  <xsl:param name="register" as="document-node()?" select="()"/>
  <!-- The document's file name without .xml: its name in every export. -->
  <xsl:param name="stem" as="xs:string" select="''"/>
  <!-- Where the web edition is published (ends with /), for permalinks; '' gives links relative to the site. -->
  <xsl:param name="base-url" as="xs:string" select="''"/>

  <!-- Position of a turn among the sp and u of the document's text, counted once as the tree is read. -->
  <xsl:accumulator name="x:turn-position" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//tei:sp | tei:text//tei:u" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:key name="x:id" match="*[@xml:id]" use="@xml:id"/>
  <!-- Looked up for every pointer: a search of the whole document each time grew with the square of its size. -->
  <xsl:key name="x:prefix" match="tei:prefixDef" use="@ident"/>

  <xsl:function name="x:turns" as="element()*">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="root($root)/tei:TEI/tei:text//(tei:sp | tei:u)"/>
  </xsl:function>

  <!-- The turn's number: its @n, else its position (see the brief's "Turn numbers"). -->
  <xsl:function name="x:turn-number" as="xs:string">
    <xsl:param name="turn" as="element()"/>
    <xsl:sequence select="if (normalize-space($turn/@n)) then normalize-space($turn/@n)
                          else string($turn/accumulator-before('x:turn-position'))"/>
  </xsl:function>

  <xsl:function name="x:turn-anchor" as="xs:string">
    <xsl:param name="turn" as="element()"/>
    <xsl:sequence select="'t' || x:turn-number($turn)"/>
  </xsl:function>

  <xsl:function name="x:page" as="xs:string">
    <xsl:sequence select="$base-url || encode-for-uri($stem) || '.html'"/>
  </xsl:function>

  <xsl:function name="x:permalink" as="xs:string">
    <xsl:param name="turn" as="element()"/>
    <xsl:sequence select="x:page() || '#' || x:turn-anchor($turn)"/>
  </xsl:function>

  <!-- ===== pointers: "#id", "prefix:id" (listPrefixDef), "file.xml#id" ===== -->

  <xsl:function name="x:pointers" as="xs:string*">
    <xsl:param name="attribute" as="attribute()?"/>
    <xsl:sequence select="tokenize(normalize-space($attribute), ' ')[.]"/>
  </xsl:function>

  <!-- A pointer with its prefix expanded, as the document's listPrefixDef says. -->
  <xsl:function name="x:expand" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="prefix" select="substring-before($pointer, ':')"/>
    <xsl:variable name="definition" select="key('x:prefix', $prefix, root($context))[@matchPattern][@replacementPattern][1]"/>
    <xsl:variable name="local" select="substring-after($pointer, ':')"/>
    <xsl:sequence select="if ($definition and matches($local, '^(' || $definition/@matchPattern || ')$'))
                          then replace($local, '^' || $definition/@matchPattern || '$', $definition/@replacementPattern)
                          else $pointer"/>
  </xsl:function>

  <!-- The entry a pointer names in the document itself, or in the register. -->
  <xsl:function name="x:entry" as="element()?">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="expanded" select="x:expand($pointer, $context)"/>
    <xsl:variable name="id" select="if (contains($expanded, '#')) then substring-after($expanded, '#') else ()"/>
    <xsl:variable name="file" select="substring-before($expanded, '#')"/>
    <xsl:sequence select="(if ($id and $file = '') then key('x:id', $id, root($context)) else (),
                           if ($id and exists($register)) then key('x:id', $id, $register) else ())[1]"/>
  </xsl:function>

  <!-- The register's entry for a document's person or place (through @sameAs/@corresp), or the entry itself. -->
  <xsl:function name="x:registered" as="element()">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="same" select="for $p in x:pointers(($entry/@sameAs, $entry/@corresp)[1]) return x:entry($p, $entry)"/>
    <xsl:sequence select="($same[not(. is $entry)], $entry)[1]"/>
  </xsl:function>

  <!-- A stable id for a person or place: its register id, else its own xml:id, else where it stands:
       its document ("register" for the register's) and its number among the elements of its name
       there that have no xml:id, as in "1990-11-19-paris-gorbachev-bush/person[3]" (a "/" is never in an xml:id). Not
       generate-id(), which differs between processors and numbers the documents a processor has read
       (a worker's share of the build): the same file would get other ids in another build. -->
  <xsl:function name="x:entry-id" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="id" select="(x:registered($entry)/@xml:id, $entry/@xml:id)[1]"/>
    <xsl:choose>
      <xsl:when test="$id">
        <xsl:sequence select="string($id)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="name" select="node-name($entry)"/>
        <xsl:variable name="before" select="($entry/preceding::* | $entry/ancestor::*)[node-name() eq $name][not(@xml:id)]"/>
        <xsl:sequence select="(if (root($entry) is $register or $stem = '') then 'register' else $stem)
                              || '/' || local-name($entry) || '[' || count($before) + 1 || ']'"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="x:entry-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="registered" select="x:registered($entry)"/>
    <xsl:variable name="names" select="($registered, $entry)/(tei:persName, tei:placeName, tei:orgName, tei:name)[not(@type = 'label')]"/>
    <xsl:variable name="plain" select="$names[not(@xml:lang) or @xml:lang = root($entry)/tei:TEI/@xml:lang]"/>
    <xsl:sequence select="(($plain[@type = 'reg'], $plain, $names)[1] ! normalize-space(string-join(.//text(), '')),
                           normalize-space(string-join($entry/text(), '')), x:entry-id($entry))[.][1]"/>
  </xsl:function>

  <xsl:function name="x:wikidata" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="((x:registered($entry), $entry)/tei:idno[lower-case(@type) = 'wikidata'] ! normalize-space()[.])[1]"/>
  </xsl:function>

  <xsl:function name="x:kind" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if ($entry/self::tei:place) then 'place' else if ($entry/self::tei:org) then 'organisation'
                          else if ($entry/self::tei:personGrp) then 'group' else 'person'"/>
  </xsl:function>

  <!-- ===== who speaks ===== -->

  <xsl:function name="x:speakers" as="element()*">
    <xsl:param name="turn" as="element()"/>
    <xsl:sequence select="for $p in x:pointers($turn/@who) return x:entry($p, $turn)"/>
  </xsl:function>

  <!-- The speaker ids of a turn: the entries' ids, or the pointers as written when they lead nowhere. -->
  <xsl:function name="x:speaker-ids" as="xs:string*">
    <xsl:param name="turn" as="element()"/>
    <xsl:sequence select="for $p in x:pointers($turn/@who) return
                          (x:entry($p, $turn) ! x:entry-id(.), replace($p, '^#', ''))[1]"/>
  </xsl:function>

  <xsl:function name="x:speaker-name" as="xs:string">
    <xsl:param name="turn" as="element()"/>
    <xsl:sequence select="string-join(x:speakers($turn) ! x:entry-name(.), '; ')"/>
  </xsl:function>

  <!-- The label as printed, or, for a turn without one (u, sp without speaker), the speaker's name, or
       the speaker's id when the document and the register do not name it. -->
  <xsl:function name="x:label" as="xs:string">
    <xsl:param name="turn" as="element()"/>
    <xsl:sequence select="if ($turn/tei:speaker) then normalize-space(string-join($turn/tei:speaker//text()[not(ancestor::tei:note)], ''))
                          else (x:speaker-name($turn)[.], string-join(x:speaker-ids($turn), ', '))[1]"/>
  </xsl:function>

  <!-- ===== who and what is mentioned ===== -->

  <xsl:function name="x:names" as="element()*">
    <xsl:param name="scope" as="element()*"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="if ($kind = 'person')
                          then $scope//(tei:persName | tei:rs[@type = 'person'] | tei:name[@type = 'person'])[not(ancestor::tei:speaker)]
                          else $scope//(tei:placeName | tei:rs[@type = 'place'] | tei:name[@type = 'place'])"/>
  </xsl:function>

  <!-- Distinct ids of the persons (or places) named, or their names as written when they point nowhere. -->
  <xsl:function name="x:mentioned" as="xs:string*">
    <xsl:param name="scope" as="element()*"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="distinct-values(for $name in x:names($scope, $kind) return
                            if ($name/(@ref, @key)) then
                              (for $p in x:pointers(($name/@ref, $name/@key)[1])
                               return (x:entry($p, $name) ! x:entry-id(.), replace($p, '^#', ''))[1])
                            else normalize-space(string-join($name//text(), ''))[.])"/>
  </xsl:function>

  <!-- Entries (persons or places) the document lists or points to. -->
  <xsl:function name="x:entries" as="element()*">
    <xsl:param name="root" as="node()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="tei" select="root($root)/tei:TEI"/>
    <xsl:variable name="listed" select="if ($kind = 'person')
                                        then $tei//(tei:person | tei:personGrp)[ancestor::tei:listPerson]
                                        else $tei//tei:place[ancestor::tei:listPlace]"/>
    <xsl:variable name="pointed" select="(if ($kind = 'person') then $tei/tei:text//(tei:sp | tei:u) ! x:speakers(.) else (),
                                          for $name in x:names($tei/tei:text, $kind), $p in x:pointers(($name/@ref, $name/@key)[1])
                                          return x:entry($p, $name))"/>
    <xsl:sequence select="($listed | $pointed)"/>
  </xsl:function>

  <!-- ===== the document ===== -->

  <xsl:function name="x:title" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="titles" select="root($root)/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title"/>
    <xsl:sequence select="(($titles[@type = 'main'], $titles[not(@type)], $titles)[1] ! normalize-space(string-join(.//text(), ' '))[.],
                           $stem, 'Untitled')[.][1]"/>
  </xsl:function>

  <!-- When the text was made or spoken: creation, setting, the source's date (not the encoding's). -->
  <xsl:function name="x:date-element" as="element()?">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="header" select="root($root)/tei:TEI/tei:teiHeader"/>
    <xsl:sequence select="($header/tei:profileDesc/tei:creation//tei:date, $header/tei:profileDesc/tei:settingDesc//tei:date,
                           $header/tei:fileDesc/tei:sourceDesc//tei:bibl/tei:date,
                           $header/tei:fileDesc/tei:sourceDesc//tei:biblStruct//tei:imprint/tei:date)[1]"/>
  </xsl:function>

  <!-- An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) when the header gives one, else ''. -->
  <xsl:function name="x:date" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="date" select="x:date-element($root)"/>
    <xsl:sequence select="(($date/(@when, @when-iso, @notBefore, @from), $date/string()) ! normalize-space()
                           [matches(., '^-?\d{4}(-\d\d(-\d\d)?)?$')], '')[1]"/>
  </xsl:function>

  <!-- The date as the header words it. -->
  <xsl:function name="x:date-as-written" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="(x:date-element($root) ! normalize-space(string-join(.//text(), ''))[.], x:date($root))[1]"/>
  </xsl:function>

  <xsl:function name="x:place" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="profile" select="root($root)/tei:TEI/tei:teiHeader/tei:profileDesc"/>
    <xsl:variable name="place" select="($profile/tei:creation//tei:placeName, $profile/tei:settingDesc//tei:placeName,
                                        $profile/tei:settingDesc//tei:name[@type = 'place'])[1]"/>
    <xsl:sequence select="($place ! normalize-space(string-join(.//text(), '')), '')[1]"/>
  </xsl:function>

  <xsl:function name="x:language" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="tei" select="root($root)/tei:TEI"/>
    <xsl:sequence select="(($tei/tei:text/@xml:lang, $tei/@xml:lang,
                            $tei/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident) ! normalize-space()[.],
                           $register/tei:TEI/@xml:lang, 'en')[1]"/>
  </xsl:function>

  <xsl:function name="x:licence" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="licence" select="root($root)/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence[1]"/>
    <xsl:sequence select="((string($licence/@target), $licence ! normalize-space(string-join(.//text(), '')))[.], '')[1]"/>
  </xsl:function>

  <!-- ===== the edition ===== -->

  <xsl:function name="x:edition-title" as="xs:string">
    <xsl:variable name="file" select="$register/tei:TEI/tei:teiHeader/tei:fileDesc"/>
    <xsl:sequence select="(($file/tei:seriesStmt/tei:title, $file/tei:titleStmt/tei:title)[1] ! normalize-space(string-join(.//text(), ' ')), 'TEI documents')[.][1]"/>
  </xsl:function>

  <xsl:function name="x:edition-editors" as="xs:string*">
    <xsl:variable name="file" select="$register/tei:TEI/tei:teiHeader/tei:fileDesc"/>
    <xsl:sequence select="distinct-values(($file/tei:seriesStmt/tei:editor, $file/tei:titleStmt/tei:editor) ! normalize-space(string-join(.//text(), ' '))[.])"/>
  </xsl:function>

  <!-- The persons a document names as responsible for it: authors, editors, translators. -->
  <xsl:function name="x:contributors" as="map(xs:string, xs:string)*">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="stmt" select="root($root)/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt"/>
    <xsl:sequence select="($stmt/tei:author ! map { 'role': 'author', 'name': normalize-space(string-join(.//text(), ' ')) },
                           $stmt/tei:editor ! map { 'role': 'editor', 'name': normalize-space(string-join(.//text(), ' ')) },
                           $stmt/tei:respStmt[not(tei:name[@type = 'software'])] !
                             (for $who in (tei:persName, tei:name, tei:orgName)
                              return map { 'role': normalize-space(string-join(tei:resp[1]//text(), ' ')), 'name': normalize-space(string-join($who//text(), ' ')) }))
                          [?name]"/>
  </xsl:function>

  <!-- ===== structure shared by the exports of the text ===== -->

  <!-- Elements that make a footnote, numbered in document order as the tree is read. -->
  <xsl:accumulator name="x:footnote" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//tei:note[not(parent::tei:app[tei:rdg])] | tei:text//tei:choice[count(*) gt 1] | tei:text//tei:app[tei:rdg]"
                          select="$value + 1"/>
  </xsl:accumulator>

  <!-- The elements of a text that have a footnote (a note on an apparatus entry is part of the entry's). -->
  <xsl:function name="x:footnoted" as="element()*">
    <xsl:param name="text" as="element()*"/>
    <xsl:sequence select="$text//(tei:note[not(parent::tei:app[tei:rdg])] | tei:choice[count(*) gt 1] | tei:app[tei:rdg])"/>
  </xsl:function>

  <xsl:function name="x:footnote-number" as="xs:integer">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="$element/accumulator-before('x:footnote')"/>
  </xsl:function>

  <!-- Whether an element's content is blocks (no words of its own between its children). -->
  <xsl:function name="x:holds-blocks" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="not($element/text()[normalize-space()]) and exists($element/*)
                          and (every $child in $element/* satisfies
                               ($child/self::tei:*[local-name() = $x:block-names] or $child/self::tei:pb or $child/self::tei:cb
                                or $child/self::tei:milestone or $child/self::tei:anchor or $child/self::tei:gap
                                or $child/self::tei:note or $child/self::tei:fw))"/>
  </xsl:function>

  <xsl:function name="x:shown-reading" as="element()">
    <xsl:param name="choice" as="element()"/>
    <xsl:sequence select="($choice/tei:reg, $choice/tei:corr, $choice/tei:expan, $choice/tei:seg, $choice/*)[1]"/>
  </xsl:function>

  <xsl:function name="x:note-kind" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="if ($note/self::tei:choice) then 'Other reading:'
                          else if ($note/self::tei:app) then 'Readings:'
                          else if ($note/@type = 'translator' and $note/@cert = ('low', 'unknown')) then 'Translator’s query, uncertain:'
                          else if ($note/@type = 'translator') then 'Translator’s note:'
                          else if ($note/@resp or $note/@type = 'editorial') then 'Editor’s note:'
                          else 'Note:'"/>
  </xsl:function>

</xsl:stylesheet>
