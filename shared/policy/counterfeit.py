"""Counterfeit goods: replica, fake or knock-off merchandise. Strong words are enough on their own;
weak ones (fake, clone, imitation) only count next to a merchandise word, so a song called "Fake
Love" stays clean; "faux" is left out because faux leather and faux fur are materials."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shared.models import Finding
from shared.policy.base import AdView, Text, TextEnv, finding, triggers

TRIGGERS = triggers(
    "replica replicas knock knockoff knockoffs counterfeit counterfeits bootleg 1 aaa mirror unlicensed fake fakes clone cloned clones imitation imitations copycat lookalike look copies"
)
POLICY = "counterfeit_goods"

STRONG = re.compile(
    r"(?<!\w)(?:replicas?|knock[\s-]?offs?|counterfeits?|bootleg\s+(?:merch|shirts?|tees?|hoodies?)"
    r"|1:1\s+cop(?:y|ies)|aaa\s+quality|mirror\s+image\s+(?:copy|replica)|unlicensed\s+merch(?:andise)?)(?!\w)",
    re.IGNORECASE,
)
MERCH = (
    r"(?:merch(?:andise)?|shirts?|t-shirts?|tees?|hoodies?|sweatshirts?|jerseys?|hats?|caps?|posters?|vinyls?"
    r"|records?|cds?|bags?|totes?|jackets?|sneakers?|shoes?|watch(?:es)?|goods|items?|products?|gear|apparel"
    r"|designer|branded|brand|logo|official|tour|band)"
)
WEAK = re.compile(
    rf"(?<!\w)(?:fake|clone[ds]?|imitation|copycat|lookalike|look-alike)\s+(?:\w+\s+){{0,2}}{MERCH}(?!\w)"
    rf"|(?<!\w){MERCH}\s+(?:\w+\s+){{0,1}}(?:fakes?|clones?|imitations?|copies)(?!\w)",
    re.IGNORECASE,
)


def counterfeit_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    m = (STRONG.search(t.masked) or WEAK.search(t.masked)) if t.has_any(TRIGGERS) else None
    if m:
        yield finding(
            POLICY,
            "disapproved",
            t.field,
            f"Suggests counterfeit merchandise ('{m.group(0)}').",
            "Cannot be fixed automatically: sell and describe official merchandise only.",
        )


def counterfeit_goods(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        yield from counterfeit_in_text(t, view.env)
