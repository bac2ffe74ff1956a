"""Which languages a campaign can be written in right now, read by the SUPERVISOR at submission (a
language nobody can write is refused there, never answered in English) and by MARKETING.

The offline writer writes the languages it has a phrasebook for (`marketing/phrasebooks/<lang>.json`;
a test keeps this tuple and those files in step). Any other language needs an LLM provider that can
really write it: a live provider with its credentials. In sandbox mode the OpenAI stand-in composes
its answer with the offline writer, so it writes exactly the offline languages and is no writer for
Japanese or Korean: there, only the offline languages are accepted."""

from __future__ import annotations

from shared.settings import Settings

OFFLINE_LANGUAGES: tuple[str, ...] = ("en", "fr", "de", "es", "pt", "it")
# What makes each LLM provider configured: the variable that must be set (its key, or its URL for a
# server that needs no key). The SUPERVISOR may not import MARKETING's provider registry
# (marketing/llm), so this mirrors it; tests/marketing/test_languages.py keeps the two in step.
LLM_CONFIGURED_BY: dict[str, str] = {
    "openai": "OPENAI_API_KEY",
    "openrouter": "OPENROUTER_API_KEY",
    "selfhosted": "LLM_BASE_URL",
}


def llm_writer_configured(settings: Settings, mode: str | None = None) -> str | None:
    """The first LLM provider that can write any language, or None. Sandbox mode has none (see above)."""
    if (mode or settings.BSC_MODE) == "sandbox":
        return None
    chosen = [n.strip().lower() for n in settings.LLM_PROVIDERS.split(",") if n.strip()]
    for name in chosen or list(LLM_CONFIGURED_BY):
        if name == "offline":
            break
        var = LLM_CONFIGURED_BY.get(name)
        if var and settings.secret(var):
            return name
    return None


def unwritable(languages: list[str], settings: Settings, mode: str | None = None) -> list[str]:
    """The requested languages no configured writer can write (empty when all can be written)."""
    if llm_writer_configured(settings, mode):
        return []
    return [lang for lang in languages if lang[:2].lower() not in OFFLINE_LANGUAGES]
