"""The release: what a build publishes, and everything derived from it.

``build`` (the ``sccon-ld build`` step: convert, validate, publish) -> ``folders`` (atomic release
folders under ``current``) with ``entity_index`` (the entity table written beside the store),
``dumps`` (the downloadable files), ``describe_dataset`` (VoID, DCAT-AP.de, the SPARQL service
description) and ``export_static`` (the release as static files plus an nginx configuration).
"""
