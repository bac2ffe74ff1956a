"""What the writers share besides the phrasebooks: which languages the offline writer writes and the
ad angles per theme (read from the English phrasebook, which names them for prompts and the UI).
The words themselves live in `marketing/phrasebooks/<lang>.toml`."""

from __future__ import annotations

from marketing import phrasebook

SUPPORTED: tuple[str, ...] = phrasebook.available()
ANGLES: dict[str, tuple[str, str]] = {
    theme: (pair[0], pair[1]) for theme, pair in phrasebook.load("en")["angles"].items()
}
