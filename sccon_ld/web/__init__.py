"""The web layer: Cool URIs (303 + content negotiation), HTML pages, and the dataset's services.

Entry points: :func:`sccon_ld.web.app.create_app` and ``sccon_ld.web.wsgi:app`` (gunicorn).
"""
