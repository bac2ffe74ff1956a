"""Event ticket sales: ads that sell or link to concert tickets need Google's event-ticket
certification. Approved (limited) until the account is certified; reported once per ad."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shared.models import Finding
from shared.policy.base import AdView, Text, finding, triggers

TRIGGERS = triggers(
    "ticket tickets tix presale presales pre sale sales box vip season billet billets billetterie eintrittskarten konzertkarten entradas boletos biglietti ingressos kaartjes biljetter bilety bilhetes"
)
POLICY = "event_ticket_sales"

TICKETS = re.compile(
    r"(?<!\w)(?:tickets?|tix|pre-?sales?|box\s+office|vip\s+packages?|season\s+pass(?:es)?|billets?|billetterie"
    r"|eintrittskarten|konzertkarten|entradas|boletos|biglietti|ingressos|kaartjes|biljetter|bilety|bilhetes)(?!\w)"
    r"|チケット|门票|票务|티켓|入場券",
    re.IGNORECASE,
)


def ticket_finding(t: Text) -> Finding | None:
    """The finding this text would raise; the rule reports only the ad's first one."""
    m = TICKETS.search(t.masked) if t.has_any(TRIGGERS) else None
    if m is None:
        return None
    return finding(
        POLICY,
        "limited",
        t.field,
        f"Sells or links to event tickets ('{m.group(0)}'): Google requires event ticket"
        " certification (resellers must also disclose it).",
        "Apply for event ticket sales certification before the ad serves widely.",
    )


def event_ticket_sales(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        f = ticket_finding(t)
        if f is not None:
            yield f
            return
