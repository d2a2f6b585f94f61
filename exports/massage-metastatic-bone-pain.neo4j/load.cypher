// Loads massage-metastatic-bone-pain.neo4j/nodes.csv and massage-metastatic-bone-pain.neo4j/relationships.csv with LOAD CSV.
// Copy the folder massage-metastatic-bone-pain.neo4j into Neo4j's import directory, then run this script
// (cypher-shell -f load.cypher). Re-running it updates rather than duplicates.
// Values that contain a backslash before a quote need
// dbms.import.csv.legacy_quote_escaping=false (the files quote the RFC 4180 way).
// The same files load offline with:
//   neo4j-admin database import full --nodes=import/massage-metastatic-bone-pain.neo4j/nodes.csv \
//     --relationships=import/massage-metastatic-bone-pain.neo4j/relationships.csv --multiline-fields=true

CREATE CONSTRAINT articlekg_resource_id IF NOT EXISTS FOR (n:Resource) REQUIRE n.id IS UNIQUE;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
MERGE (n:Resource {id: row.`id:ID`})
SET n.`altLabel` = row.`altLabel`,
    n.`armRole` = row.`armRole`,
    n.`claimType` = row.`claimType`,
    n.`code` = row.`code`,
    n.`color` = row.`color`,
    n.`dateModified` = row.`dateModified`,
    n.`durationMax` = toFloat(row.`durationMax:double`),
    n.`durationMin` = toFloat(row.`durationMin:double`),
    n.`durationUnit` = row.`durationUnit`,
    n.`effect` = row.`effect`,
    n.`endOffset` = toInteger(row.`endOffset:long`),
    n.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    n.`evidenceIri` = row.`evidenceIri`,
    n.`evidenceQuote` = row.`evidenceQuote`,
    n.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    n.`exactMatch` = row.`exactMatch`,
    n.`hedged` = toBoolean(row.`hedged:boolean`),
    n.`iri` = row.`iri`,
    n.`label` = row.`label`,
    n.`labels` = row.`labels`,
    n.`location` = row.`location`,
    n.`maxAge` = toInteger(row.`maxAge:long`),
    n.`maxValue` = toFloat(row.`maxValue:double`),
    n.`measure` = row.`measure`,
    n.`mediaType` = row.`mediaType`,
    n.`minAge` = toInteger(row.`minAge:long`),
    n.`minValue` = toFloat(row.`minValue:double`),
    n.`negated` = toBoolean(row.`negated:boolean`),
    n.`notation` = row.`notation`,
    n.`otherEvidence` = row.`otherEvidence`,
    n.`prefLabel` = row.`prefLabel`,
    n.`recommendationKind` = row.`recommendationKind`,
    n.`relation` = row.`relation`,
    n.`sampleSize` = toInteger(row.`sampleSize:long`),
    n.`scaleMax` = toFloat(row.`scaleMax:double`),
    n.`scope` = row.`scope`,
    n.`searchIntent` = row.`searchIntent`,
    n.`sectionKind` = row.`sectionKind`,
    n.`sessionMinutes` = toFloat(row.`sessionMinutes:double`),
    n.`sessions` = toInteger(row.`sessions:long`),
    n.`significant` = toBoolean(row.`significant:boolean`),
    n.`size` = toFloat(row.`size:double`),
    n.`sourceFile` = row.`sourceFile`,
    n.`startOffset` = toInteger(row.`startOffset:long`),
    n.`title` = row.`title`,
    n.`type` = row.`type`,
    n.`unit` = row.`unit`,
    n.`year` = toInteger(row.`year:long`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'Article' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`Article`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'Attribute' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`Attribute`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'Condition' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`Condition`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'ConditionRelation' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`ConditionRelation`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'Context' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`Context`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'Finding' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`Finding`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'Intervention' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`Intervention`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'Mechanism' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`Mechanism`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'MechanismClaim' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`MechanismClaim`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'Organization' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`Organization`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'Outcome' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`Outcome`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'Periodical' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`Periodical`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'Population' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`Population`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'Recommendation' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`Recommendation`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'Section' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`Section`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'Statistic' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`Statistic`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'Study' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`Study`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'StudyArm' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`StudyArm`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'StudyDesign' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`StudyDesign`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'Topic' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`Topic`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/nodes.csv' AS row
WITH row WHERE 'TopicalSection' IN split(row.`:LABEL`, ';')
MATCH (n:Resource {id: row.`id:ID`})
SET n:`TopicalSection`;

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'armOf'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`armOf` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'attributeOf'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`attributeOf` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'causedBy'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`causedBy` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'centralEntity'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`centralEntity` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'commonIn'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`commonIn` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'complicationOf'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`complicationOf` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'concerns'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`concerns` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'condition'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`condition` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'contextOf'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`contextOf` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'contextualLink'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`contextualLink` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'design'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`design` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'fromStudy'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`fromStudy` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'hasArm'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`hasArm` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'hasSection'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`hasSection` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'hasTopic'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`hasTopic` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'hasTopicalSection'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`hasTopicalSection` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'inArticle'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`inArticle` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'intervention'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`intervention` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'measures'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`measures` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'mechanism'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`mechanism` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'mentions'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`mentions` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'outcome'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`outcome` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'population'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`population` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'publishedIn'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`publishedIn` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'publisher'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`publisher` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'receives'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`receives` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'related'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`related` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'reportsStudy'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`reportsStudy` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'statisticOf'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`statisticOf` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);

LOAD CSV WITH HEADERS FROM 'file:///massage-metastatic-bone-pain.neo4j/relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'supportingEntity'
MATCH (a:Resource {id: row.`:START_ID`}), (b:Resource {id: row.`:END_ID`})
MERGE (a)-[r:`supportingEntity` {id: row.id}]->(b)
SET r.`evidenceEnd` = toInteger(row.`evidenceEnd:long`),
    r.`evidenceIri` = row.`evidenceIri`,
    r.`evidenceQuote` = row.`evidenceQuote`,
    r.`evidenceStart` = toInteger(row.`evidenceStart:long`),
    r.`iri` = row.`iri`,
    r.`label` = row.`label`,
    r.`otherEvidence` = row.`otherEvidence`,
    r.`predicate` = row.`predicate`,
    r.`structural` = toBoolean(row.`structural:boolean`);
