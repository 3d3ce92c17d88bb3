<?xml version="1.0" encoding="UTF-8"?>
<!--
  Linked data in schema.org, as JSON-LD: the edition a Collection; each document an
  ArchiveComponent (a CreativeWork) with its date, place, language, licence, the persons and places
  it is about (its participants and setting) and those it mentions, its contributors (speakers,
  translators, editors) and the edition it is part of; persons and places with their Wikidata ids.
  The context ships with teikit (schema-context.jsonld) and is written into the output: no remote
  @context, so any reader works offline. teikit.export.rdf joins the graphs and writes Turtle.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:x="urn:teikit:export"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    default-mode="x:rdf"
    exclude-result-prefixes="#all">

  <xsl:include href="common.xsl"/>

  <xsl:output method="json" encoding="UTF-8" indent="no"/>
  <xsl:mode name="x:rdf" use-accumulators="#all"/>

  <!-- The IRI everything is named under: the site's address, or a URN of the edition when it has none. -->
  <xsl:param name="rdf-base" as="xs:string" select="'urn:teikit:edition:'"/>

  <xsl:variable name="x:context" select="json-doc(resolve-uri('schema-context.jsonld', static-base-uri()))?('@context')"/>

  <xsl:function name="x:iri" as="xs:string">
    <xsl:param name="path" as="xs:string"/>
    <xsl:sequence select="$rdf-base || $path"/>
  </xsl:function>

  <xsl:function name="x:entry-iri" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="x:iri((if ($entry/self::tei:place) then 'places.html#' else 'people.html#') || encode-for-uri(x:entry-id($entry)))"/>
  </xsl:function>

  <xsl:function name="x:edition-iri" as="xs:string">
    <xsl:sequence select="x:iri('index.html#edition')"/>
  </xsl:function>

  <!-- The edition's header: the edition itself, and the register's persons and places. -->
  <xsl:template match="/tei:TEI[not(tei:text)]" mode="x:rdf">
    <xsl:variable name="file" select="tei:teiHeader/tei:fileDesc"/>
    <xsl:variable name="licence" select="($file/tei:publicationStmt/tei:availability/tei:licence)[1]"/>
    <xsl:sequence select="map {
        '@context': $x:context,
        '@graph': array {
          map:merge((
            map { '@id': x:edition-iri(), '@type': 'Collection', 'name': x:edition-title(), 'url': x:iri('index.html') },
            if (exists(x:edition-editors())) then map { 'editor': array { x:edition-editors() ! map { '@type': 'Person', 'name': . } } } else (),
            $file/tei:publicationStmt/tei:publisher[normalize-space()][1] ! map { 'publisher': map { '@type': 'Organization', 'name': normalize-space() } },
            $licence[matches(@target, '^https?:')] ! map { 'license': string(@target) },
            map { 'inLanguage': string((@xml:lang, 'en')[1]) }
          )),
          (x:entries(., 'person'), x:entries(., 'place')) ! x:entry-node(.)
        }
      }"/>
  </xsl:template>

  <xsl:template match="/tei:TEI[tei:text]" mode="x:rdf">
    <xsl:variable name="document" select="."/>
    <xsl:variable name="profile" select="tei:teiHeader/tei:profileDesc"/>
    <xsl:variable name="participants" select="($profile/tei:particDesc//(tei:person | tei:personGrp), x:turns(.) ! x:speakers(.))"/>
    <xsl:variable name="setting" select="for $name in $profile/(tei:settingDesc, tei:creation)//tei:placeName[@ref], $p in x:pointers($name/@ref)
                                         return x:entry($p, $name)"/>
    <xsl:variable name="named" select="for $kind in ('person', 'place'), $name in x:names(tei:text, $kind), $p in x:pointers(($name/@ref, $name/@key)[1])
                                       return x:entry($p, $name)"/>
    <xsl:variable name="speakers" select="x:turns(.) ! x:speakers(.)"/>
    <xsl:variable name="page" select="x:iri(encode-for-uri($stem) || '.html')"/>
    <xsl:variable name="licence" select="x:licence(.)"/>
    <xsl:variable name="archive" select="(tei:teiHeader/tei:fileDesc/tei:sourceDesc//(tei:orgName[@type = 'archive'], tei:repository))[1]"/>
    <xsl:sequence select="map {
        '@graph': array {
          map:merge((
            map {
              '@id': $page,
              '@type': array { 'ArchiveComponent', 'CreativeWork' },
              'name': x:title(.),
              'identifier': $stem,
              'url': $page,
              'isPartOf': x:edition-iri(),
              'inLanguage': x:language(.),
              'encoding': map { '@type': 'MediaObject', 'contentUrl': x:iri(encode-for-uri($stem) || '.xml'), 'encodingFormat': 'application/tei+xml' }
            },
            x:date(.)[.] ! map { 'dateCreated': . },
            if (exists(($participants, $setting))) then map { 'about': array { distinct-values(($participants, $setting) ! x:entry-iri(.)) } } else (),
            if (exists($named)) then map { 'mentions': array { distinct-values($named ! x:entry-iri(.)) } } else (),
            if (exists($setting)) then map { 'contentLocation': x:entry-iri($setting[1]) } else (),
            if (exists(($speakers, x:contributors(.)))) then map { 'contributor': array {
                distinct-values($speakers ! x:entry-iri(.)),
                x:contributors(.) ! map { '@type': 'Person', 'name': ?name, 'description': ?role } } } else (),
            $licence[matches(., '^https?:')] ! map { 'license': . },
            $archive ! map { 'holdingArchive': map { '@type': 'ArchiveOrganization', 'name': normalize-space(string-join(.//text(), ' ')) } }
          )),
          distinct-values(($participants, $setting, $named) ! x:entry-id(.)) ! (let $id := . return
            (($participants, $setting, $named)[x:entry-id(.) = $id])[1] ! x:entry-node(.))
        }
      }"/>
  </xsl:template>

  <xsl:function name="x:entry-node" as="map(*)">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="registered" select="x:registered($entry)"/>
    <xsl:variable name="wikidata" select="x:wikidata($entry)[matches(., '^Q\d+$')]"/>
    <xsl:variable name="birth" select="((($registered, $entry)/tei:birth)[1]/@when)[matches(., '^\d{4}-\d\d-\d\d$')]"/>
    <xsl:variable name="death" select="((($registered, $entry)/tei:death)[1]/@when)[matches(., '^\d{4}-\d\d-\d\d$')]"/>
    <xsl:variable name="about" select="(($registered, $entry)/(tei:occupation, tei:note)[normalize-space()])[1]"/>
    <xsl:sequence select="map:merge((
        map {
          '@id': x:entry-iri($entry),
          '@type': if ($entry/self::tei:place) then 'Place' else if ($entry/self::tei:org) then 'Organization' else 'Person',
          'name': x:entry-name($entry),
          'identifier': x:entry-id($entry)
        },
        $wikidata ! map { 'sameAs': 'http://www.wikidata.org/entity/' || . },
        $birth ! map { 'birthDate': string(.) },
        $death ! map { 'deathDate': string(.) },
        $about ! map { 'description': normalize-space(string-join(.//text(), ' ')) }
      ))"/>
  </xsl:function>

</xsl:stylesheet>
