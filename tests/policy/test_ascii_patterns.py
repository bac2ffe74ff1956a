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


def test_spacing_patterns_equal_their_look_behind_first_spellings() -> None:
    """shared/policy/spacing.py writes its look-behinds after the punctuation they are about (a
    search runs a leading look-behind at every position): the same matches as the plain spelling."""
    import random
    import re

    from shared.policy import spacing

    plain = {
        spacing.MISSING_AFTER: r"(?<=[^\W\d_]{2})[,;!?](?=[^\W\d_])|(?<=[^\W\d_]{2})[.:](?=[^\W\d_]{2})",
        spacing.SPACE_BEFORE: r"(?<=\w) +[,.](?!\d|\.)",
        spacing.SPACE_BEFORE_STRONG: r"(?<=\w) +[;:!?]",
    }
    rnd = random.Random(7)
    alphabet = "ab Zé9_.,;:!?\u00a0-'"
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24))) for _ in range(20000)]
    for fast, spelled in plain.items():
        reference = re.compile(spelled)
        for t in texts:
            assert [m.span() for m in fast.finditer(t)] == [m.span() for m in reference.finditer(t)], t
