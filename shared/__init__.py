"""Band Stream Crew's common package: settings, Redis, queues, events, the campaign store and the
pydantic models that every service shares. It is the only package a service may import from
another part of the crew; work crosses service lines as RQ jobs enqueued by dotted path or HTTP."""

from shared.compiled import install as _install_compiled

# The compiled policy engine, where one was built from the current source (shared/compiled.py).
_install_compiled()
