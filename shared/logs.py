"""Logging for every process: one line per record, with the service name, and secrets redacted.

Redaction is a filter on the root handler: whatever a library logs (a URL with an api_key query
parameter, an Authorization header), configured secret values never reach the output."""

from __future__ import annotations

import logging
import os
import re
import sys

from shared.settings import EXTERNAL_SECRET_ENV, get_settings

_QUERY_SECRET = re.compile(r"(?i)((?:api_key|apikey|token|refreshtoken|secret|key)=)[^&\s\"']+")
_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._\-~+/=]+")


class RedactSecrets(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        settings = get_settings()
        self.values = [v for v in settings.secret_values() if len(v) >= 4]
        self.values += [v for n in EXTERNAL_SECRET_ENV if len(v := os.environ.get(n, "")) >= 4]
        self._formatter = logging.Formatter()

    def redact(self, text: str) -> str:
        for value in self.values:
            text = text.replace(value, "***")
        text = _QUERY_SECRET.sub(r"\1***", text)
        return _BEARER.sub(r"\1***", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self.redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        # A traceback is formatted after the filters run; format it here so it is redacted too
        # (an exception message can carry a URL with a key in it).
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True


_configured: set[str] = set()


def setup_logging(service: str) -> None:
    if service in _configured:
        return
    _configured.add(service)
    root = logging.getLogger()
    if not any(getattr(h, "_bsc", False) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler._bsc = True  # type: ignore[attr-defined]
        handler.setFormatter(logging.Formatter(f"%(asctime)s {service} %(levelname)s %(name)s: %(message)s"))
        handler.addFilter(RedactSecrets())
        root.addHandler(handler)
        root.setLevel(get_settings().LOG_LEVEL.upper())
