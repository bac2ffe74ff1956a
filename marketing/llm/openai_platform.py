"""OpenAI's own API."""

from marketing.llm import ProviderSpec

PROVIDER = ProviderSpec(
    "openai",
    order=10,
    url_env="OPENAI_BASE_URL",
    live_url="https://api.openai.com/v1",
    key_env="OPENAI_API_KEY",
)
