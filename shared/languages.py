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
_LLM_CREDENTIAL = {
    "openai": "OPENAI_API_KEY",
    "openrouter": "OPENROUTER_API_KEY",
    "selfhosted": "LLM_BASE_URL",
}


def llm_writer_configured(settings: Settings, mode: str | None = None) -> str | None:
    """The first LLM provider that can write any language, or None. Sandbox mode has none (see above)."""
    if (mode or settings.BSC_MODE) == "sandbox":
        return None
    names = [n.strip().lower() for n in settings.LLM_PROVIDERS.split(",") if n.strip()] or list(
        _LLM_CREDENTIAL
    )
    for name in names:
        if name == "offline":
            break
        var = _LLM_CREDENTIAL.get(name)
        if var == "LLM_BASE_URL" and settings.LLM_BASE_URL:
            return name
        if var and var != "LLM_BASE_URL" and settings.secret(var):
            return name
    return None


def unwritable(languages: list[str], settings: Settings, mode: str | None = None) -> list[str]:
    """The requested languages no configured writer can write (empty when all can be written)."""
    if llm_writer_configured(settings, mode):
        return []
    return [lang for lang in languages if lang[:2].lower() not in OFFLINE_LANGUAGES]
