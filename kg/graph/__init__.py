"""Graph: the extractions of all articles -> canonical entities, facts and deals
(`resolve`, `facts`, `canonical`) -> an rdflib Graph (`rdf`), checked by SHACL (`shacl`)."""
