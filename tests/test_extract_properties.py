"""Property-based tests of the readers and extractors (hypothesis, bounded): whatever bytes,
truncations, enormous lines, nested HTML or encodings arrive, conversion never crashes, fails
only with a DocumentError naming the problem, and never emits a triple the shapes reject."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sccon_ld.pipeline import convert
from sccon_ld.validate import validate_dataset

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "documents").iterdir())
WORDS = [
    "Smart Country Convention", "SCCON 2023", "SCCON", "2024", "Berlin", "15.000", "Teilnehmende", "Aussteller",
    "Speaker", "vier", "Bühnen", "vom 15. bis 17. Oktober 2024", "07.–09.11.2023", "Partnerland", "Ukraine",
    "Bundesinnenministerin", "Nancy Faeser", "Dr.", "Prof. Dr.", "Cem Özdemir (BMEL)", ",", ".", ":", "„", "“",
    "Platz", "den ersten Platz belegte", "gefolgt von", "Smart City Index Award", "München", "Hamburg", "und",
    "mehr als", "rund", "zum vierten Mal", "Schirmherrin", "unterstützt von", "Kontakt\n", "Telefon: +49 30 1\n",
    "E-Mail: a@b.de\n", "\n\n", "Berlin, 9. November 2023 -", "hybrid", "digital", "Premium Partner waren",
    "GmbH", "(VKU)", "Verband Kommunaler Unternehmen", "<p>", "</p>", "<div>", "---\n", "title: x\n", "#", "-",
    "Zukunftskongress", "Vorjahr", "erwartet", "Mitte Oktober", "ekom21", "KL.digital-Chefin", "&amp;", "\u00ad",
]
text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def convert_bytes(data: bytes, suffix: str = ".txt"):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_bytes(data)
        conversion = convert([path])
        for failure in conversion.failures:
            assert failure.path.endswith(path.name) and failure.reason
        return conversion


@FAST
@given(st.binary(max_size=4000))
def test_random_bytes_never_crash(data: bytes) -> None:
    convert_bytes(data)


@FAST
@given(st.sampled_from(SEEDS), st.floats(min_value=0.0, max_value=1.0))
def test_truncated_documents(seed: Path, fraction: float) -> None:
    data = seed.read_bytes()
    convert_bytes(data[: int(len(data) * fraction)])


@FAST
@given(text, st.sampled_from(["utf-8", "cp1252", "latin-1", "utf-16"]), st.sampled_from([".txt", ".md", ".html"]))
def test_generated_text_in_every_encoding(body: str, encoding: str, suffix: str) -> None:
    convert_bytes(body.encode(encoding, errors="replace"), suffix)


def test_enormous_line_and_deep_html() -> None:
    conversion = convert_bytes(("Smart Country Convention 2023 mit 15.000 Teilnehmenden " * 5_000).encode())
    [doc] = conversion.documents
    assert any("build.max_sentence_chars" in w for w in doc.warnings), doc.warnings
    nested = "<div>" * 5000 + "Die SCCON 2023 zählte 300 Aussteller." + "</div>" * 5000
    convert_bytes(f"<html><body>{nested}</body></html>".encode(), ".html")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text)
def test_generated_documents_validate(body: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_text(body, encoding="utf-8")
        conversion = convert([path], with_authority="all")
        if conversion.documents:
            result = validate_dataset(conversion.dataset)
            assert result.conforms, result.text()
