"""Any OpenAI-compatible server of your own (vLLM, Ollama, LiteLLM...): used once LLM_BASE_URL is set."""

from marketing.llm import ProviderSpec

PROVIDER = ProviderSpec(
    "selfhosted", order=30, url_env="LLM_BASE_URL", live_url=None, key_env="LLM_API_KEY", key_required=False
)
