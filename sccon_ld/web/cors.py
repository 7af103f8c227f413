"""CORS for every resource: the data is public and read without credentials, so any origin may
read it (``Access-Control-Allow-Origin: *``, the same for every request, hence no ``Vary: Origin``).

Browser-side Linked Data clients (Comunica, rdflib.js, the JSON-LD playground) dereference
``/id`` (303) and ``/doc``, read dumps by ``Range``, VoID, the catalogue, SPARQL and the context;
the headers they need to see are exposed. Preflights (``OPTIONS`` with
``Access-Control-Request-Method``) are answered for every route.
"""

from __future__ import annotations

from flask import Flask, Response, request

# Response headers a cross-origin script may read beyond the CORS-safelisted ones.
EXPOSED = ("ETag", "Link", "Location", "Content-Range", "Accept-Ranges", "Content-Length", "Content-Location",
           "Retry-After", "X-SPARQL-Release")
# Request headers a cross-origin script may send when its preflight does not name them.
ALLOWED_HEADERS = "Accept, Accept-Language, Content-Type, Range, If-None-Match, If-Modified-Since, If-Range"
PREFLIGHT_MAX_AGE = "86400"


def _cors(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = ", ".join(EXPOSED)
    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
        response.headers["Access-Control-Allow-Methods"] = response.headers.get("Allow", "GET, HEAD, OPTIONS")
        response.headers["Access-Control-Allow-Headers"] = request.headers.get(
            "Access-Control-Request-Headers", ALLOWED_HEADERS)
        response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return response


def install(app: Flask) -> None:
    """Add the CORS headers to every response of ``app``, errors and redirects included."""
    app.after_request(_cors)
