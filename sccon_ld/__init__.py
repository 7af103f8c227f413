"""sccon-ld: the Smart Country Convention as a Linked Open Data knowledge graph.

The pipeline reads as the package does: ``read`` (documents to text) -> ``extract``
(text to facts) -> ``link`` (facts to shared entities across the corpus) -> ``emit``
(facts to RDF in one named graph per document) -> ``validate`` (SHACL) -> ``release``
(atomic release folder) -> ``web`` (Linked Data server, SPARQL, dumps).
"""

__version__ = "0.1.0"
