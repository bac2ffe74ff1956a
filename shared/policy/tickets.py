"""Event ticket sales: ads that sell, resell or link to concert tickets need Google's event-ticket
certification, and resellers must say so. Ticket words and resale wording (resale, seats, face
value, sold-out shows) in every supported language. Approved (limited) until the account is
certified; reported once per ad."""

from __future__ import annotations

from collections.abc import Iterator

from shared.models import Finding
from shared.policy.base import AdView, Text, finding

POLICY = "event_ticket_sales"


def ticket_finding(t: Text) -> Finding | None:
    """The finding this text would raise; the rule reports only the ad's first one."""
    for h in t.hits:
        if h.category in ("tickets", "resale"):
            term = t.norm[h.start : h.end]
            what = "Resells event tickets" if h.category == "resale" else "Sells or links to event tickets"
            return finding(
                POLICY,
                "limited",
                t.field,
                f"{what} ('{term}'): Google requires event ticket certification (resellers must"
                " also disclose that they resell, and the face value).",
                "Apply for event ticket sales certification before the ad serves widely.",
            )
    return None


def event_ticket_sales(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        f = ticket_finding(t)
        if f is not None:
            yield f
            return
