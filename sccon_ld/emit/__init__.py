"""Emit: linked facts -> RDF quads, one named graph per document, plus the authority graph."""

from .rdf import authority_graph, document_graph, ontology_graph

__all__ = ["authority_graph", "document_graph", "ontology_graph"]
