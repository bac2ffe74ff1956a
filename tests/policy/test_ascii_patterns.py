"""The ASCII spellings of the word patterns (shared/policy/text.py) equal the Unicode ones on ASCII."""

from __future__ import annotations


def test_ascii_spellings_of_the_word_patterns_are_equal_on_ascii_text() -> None:
    """shared/policy/text.py reads ASCII text with range classes instead of Unicode categories:
    the same words and duplicate keys, found faster."""
    import random

    from shared.policy import text

    rnd = random.Random(20261201)
    alphabet = "aZq09_'’ .,-!?&/:\t\n"
    for _ in range(20000):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24)))
        if not s.isascii():
            continue
        assert text.ASCII_WORD.findall(s) == text.WORD.findall(s) == text.SCRIPT_WORD.findall(s), s
        assert text._DUP_STRIP_ASCII.sub("", s.lower()) == text._DUP_STRIP.sub("", s.casefold()), s
