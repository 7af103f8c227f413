"""Word tokens with offsets, enough for the name and title patterns (no full tokenizer needed)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"Prof\.|Dr\.(?:-Ing\.)?|Dipl\.-\w+\.|Mag\.|h\.\s?c\.|[A-Z]\.(?=\s+[A-ZÄÖÜ])|\w[\w.’'&*:-]*\w|\w|[^\w\s]")
# Academic titles before a name: "Prof. Dr.", "Dr.-Ing.", "Dipl.-Ing.", "Mag." (Austria), "Dr. h. c.".
HONORIFICS = ("Prof.", "Dr.", "Dr.-Ing.", "Dipl.-Ing.", "Dipl.-Kfm.", "Mag.", "h.c.", "h. c.")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


def tokenize(text: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group(0).rstrip(":*")  # "Bitkom-Präsident:" -> word + ":" handled by the caller
        if word and word != m.group(0) and not word.endswith("innen"):
            out.append(Token(word, m.start(), m.start() + len(word)))
            rest = m.group(0)[len(word):]
            out.append(Token(rest, m.start() + len(word), m.end()))
        else:
            out.append(Token(m.group(0), m.start(), m.end()))
    return out
