"""OpenRouter: many vendors' models behind one OpenAI-compatible API (models named vendor/model)."""

from marketing.llm import ProviderSpec

PROVIDER = ProviderSpec(
    "openrouter",
    order=20,
    url_env="OPENROUTER_BASE_URL",
    live_url="https://openrouter.ai/api/v1",
    key_env="OPENROUTER_API_KEY",
    vendor_prefix="openai/",
)
