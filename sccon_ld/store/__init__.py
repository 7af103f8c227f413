"""Where SPARQL runs: ``embedded`` (a release's Oxigraph store, read-only), ``remote`` (any
SPARQL 1.1 server holding a loaded release), ``load`` (``sccon-ld load``: a release into such a
server) and ``query_runner`` (queries in killable worker processes, over the protocol's dataset).
"""
