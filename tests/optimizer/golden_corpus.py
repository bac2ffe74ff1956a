"""A deterministic corpus of varied RSAs for the policy engine's golden-file regression test.

The word lists are copied from bench/policy_checks.py and the rule tests (not imported) so that an
edit to the benchmark or to a test cannot silently change the corpus: the snapshot in
tests/optimizer/data/ is only meaningful for exactly this corpus.

Regenerate the snapshot (only when a behaviour change is intended and reviewed):

    .venv/bin/python -m tests.optimizer.test_policy_golden --write
"""

from __future__ import annotations

import random
from typing import Any

ARTISTS = [
    "Luna",
    "AC/DC",
    "P!nk",
    "MØ",
    "U2",
    "The Tides",
    "Nova Lee",
    "Blink-182",
    "Ke$ha",
    "ABBA",
    "Bye Bye Bye",
]
HEADLINES = [
    "{a} New Album Out Now",
    "Stream {a} Today",
    "{a} Live In Berlin",
    "Tour Dates Across Europe",
    "Signed Vinyl While It Lasts",
    "Hear The New Single",
    "{a} Official Store",
    "Ten Songs In One Take",
    "Limited Blue Vinyl Pressing",
    "Watch The Live Session",
    "Join The Mailing List",
    "Acoustic Versions Soon",
    "1st Edition Vinyl",
    "Stream 24/7 On All Platforms",
    "Buy 1, Get 1 Half Off Posters",
    "Écoutez Le Nouvel Album",
    "新专辑现已上线",
    "{a} Tickets On Sale",
]
BAD_HEADLINES = [
    "NEW ALBUM OUT NOW!!",
    "{a} 🔥 New Single",
    "Call 555-123-4567 Today",
    "Free MP3 Download",
    "{a} New Album Out Now On Every Platform Today",
    "Click Here For Tickets",
    "See U At The Show",
    "Stream  The Album",
    "Best Live Show Ever",
    "Tour Tour Tour",
]
DESCRIPTIONS = [
    "Stream the new album on all platforms, ten new songs about the sea.",
    "See the tour dates and get signed vinyl from the official store.",
    "Recorded live in one take in a lighthouse on the North Sea coast.",
    "Join the mailing list for presale news and early access to new music.",
    "Doors at 7:30 pm, tickets from $25, all ages welcome!",
]
BAD_DESCRIPTIONS = [
    "Get tickets now!!! Call (555) 123 4567 for groups.",
    "1) Vinyl 2) CD 3) Cassette, all signed and...",
    "You won't believe this new single, visit spotify.com today.",
]
# Failing and hard passing examples of the rule tests (headlines and descriptions mixed).
EXAMPLES = [
    "FREE Album Stream",
    "NEW ALBUM OUT NOW",
    "Stream The FlOwErS EP",
    "Get F.R.E.E. Merch Today",
    "The new album is out NOW on every platform.",
    "Tickets On Sale Now!",
    "Why wait?? Stream the new album today.",
    "Stream it now!!! Ten new songs about the sea.",
    "New Album 🔥",
    "★ New Single ★",
    "► Stream Now",
    "New Merch 4 U",
    "Stream The New F1owers EP",
    "Fl@wers Out Now",
    "Find The Lowest $",
    "C-L-I-C-K For Tour Dates",
    "*Limited* Vinyl Pressing",
    "See U At The Show",
    "Luna Live @ The Forum",
    "Great news! New album out. Stream it today!",
    "Tour ｶﾀｶﾅ",
    "Sale,buy tickets",
    "Stream  The Album",
    " Stream The Album",
    "Stream It F r e e",
    "Out now .Stream the new album.",
    "Tour Tour Tour",
    "Deals, deals, deals on the new vinyl edition.",
    "stream tides today!",
    "Call 555-123-4567 for group tickets to the show.",
    "Call +44 20 7946 0958",
    "Order by phone: 1-800-FLOWERS, open every day.",
    "Tickets hotline (555) 123 4567, call us today.",
    "Click Here For Tickets",
    "Visit this site to hear the new album.",
    "1) Vinyl 2) CD 3) Cassette, all signed.",
    "Tickets For The",
    "Stream the new album and...",
    "The new album is availible on every platform.",
    "Stream {keyword} Now",
    "{KeyWord} Tickets",
    "See {lpurl} for the tour dates and the new album.",
    "Click to win a signed copy of the new album.",
    "Stream it on spotify.com today, ten new songs.",
    "Free Album Download",
    "Tides MP3 Download",
    "Get the full album torrent and all the bonus tracks.",
    "Replica Tour Jerseys",
    "Cheap fake band merch shipped worldwide in two days.",
    "Knock-off Luna Hoodies",
    "The #1 Band In Texas",
    "Best Live Show Ever",
    "You won't believe this new single from the band.",
    "Stream Luna On Spotify",
    "Fans of Taylor Swift will love the new album Tides.",
    "Get tickets on Ticketmaster for the Berlin show.",
    "Win Tickets To The Show",
    "Enter our giveaway for a signed copy of the album.",
    "Luna Tickets On Sale",
    "Luna New Album Out Now On Every Platform",
    "ルナの新しいアルバムが今すぐ配信中です",
    "{KeyWord:Luna New Album Stream It Today Now}",
    "ABBA Tribute Night",
    "AC/DC Live In Berlin",
    "New EP And LP Out Now",
    "VIP Packages In NYC",
    "Stream On YouTube Music",
    "McCartney Covers Night",
    "Vol. II Out Now",
    "DJs And MCs Welcome",
    "P!nk Live In Berlin",
    "Ke$ha New Single",
    "Stream 24/7",
    "Buy 1, get 1 half off on all tour posters this week.",
    "U2 Tribute Night",
    "Blink-182 Live",
    "Vinyl From $25",
    "Shows At 8pm",
    "Rated 5* By Fans",
    "Best Of The 90s",
    "Doors at 7:30 pm. Tickets from $25, all ages welcome!",
    "Hi-Fi Vinyl In 4K Video",
    "MØ Live In Copenhagen",
    "Doors 7:30 pm, show 8:45 pm. Tickets from $25.50 each.",
    "Visit lunamusic.com for the tour dates and the new album.",
    "Nouvel album disponible !",
    "Bye Bye Bye Tribute",
    "Tour 2025-2026 across 40 cities and 1,000,000 streams.",
    "Out on 12.05.2026 with a 1 000 000 stream launch.",
    "Sign Up For Updates",
    "Luna Tour Dates",
    "1. Platz in den Charts: das neue Album jetzt hören.",
    "{KeyWord:Luna Tickets}",
    "{CUSTOMIZER.city:Berlin} Shows",
    "Find the shop at store.lunamusic.com for new vinyl.",
    "Download The New Album",
    "Stream Free On All Platforms",
    "Faux Leather Tour Jackets",
    "Official Luna Merch",
    "Billboard Top 10 Debut",
    "Live In Chicago And Boston",
    "Limited Pink Vinyl",
    "Luna Official Site",
    "Grammy-winning Songwriter",
    "Ecoutez le nouvel album",
    "Tickets für das Konzert",
    "Entradas para el concierto",
    "最好的专辑",
    "チケット発売中",
    "콘서트 티켓 최고",
    "Das beste Album des Jahres",
    "Le meilleur album",
    "Write to fans@lunamusic.com",
    "Visit www.Luna-Music.co.uk/tour",
    "u r gr8, thx 4ever",
    "2 the top",
    "Bet on the next single",
    "Chance to win VIP passes",
    "You have won a prize",
    "Claim your prize now",
    "This one trick will shock you",
    "Leaked album zip",
    "yt2mp3 converter",
    "320kbps rips",
    "Tour Dates {LOCATION(City):Here}",
    "Stream {Keyword:Luna}",
    "Open {brace",
    "close} brace",
    "{:}",
    "Hello\u200bWorld",
    "Tab\there",
    "Line\nbreak",
    "𝐍𝐞𝐰 Album",
    "① Vinyl ② CD",
    "Ｆｕｌｌ Width",
    "Tickets 👍🏽 Today",
    "Family 👨\u200d👩\u200d👧 Tour",
    "Keycap 1\ufe0f\u20e3",
    "McDONALD Tour",
    "NEWs Today",
    "iPhone Case",
    "eBay Store",
    "LeBron Loves It",
    "DaBaby Feature",
    "Vol. IV Part II",
    "Q&A Night",
    "R&B Classics",
    "The DJ's Set",
    "DJ'S NIGHT",
    "AC/DC'S LAST SHOW",
]
EMOJI = ["🔥", "🎸", "⭐", "✨", "❤️", "🎶", "👉", "✅", "🤘🏼", "☀"]
CJK = ["新专辑", "ライブ", "콘서트", "最好", "チケット", "东京", "ｶﾀｶﾅ", "ＶＩＮＹＬ"]
PHONES = [
    "555-123-4567",
    "(555) 123 4567",
    "+44 20 7946 0958",
    "0044 20 7946 0958",
    "1-800-FLOWERS",
    "555.123.4567",
    "+1 (212) 555-0199",
    "2025-2026",
    "12.05.2026",
    "1 000 000",
    "call 0800 123 456",
]
URLS = [
    "lunamusic.com",
    "spotify.com",
    "www.example.com/tour",
    "https://artist.example.com/new",
    "shop.example.co.uk",
    "bandcamp.com/luna",
    "fans@lunamusic.com",
    "artist.example.com",
    "store.lunamusic.com",
]
FINAL_URLS = [
    "https://artist.example.com/new",
    "https://lunamusic.com/tides",
    "http://example.co.uk/a",
    "",
    "lunamusic.com/tides",
    "https://lunamusic.com/{lpurl}",
    "https://bad host.com",
    "ftp://x.com",
    "https://xn--mller-kva.de/",
    "https://münster.de/tour",
    "https://lunamusic.com:99999/",
]
PATHS = [
    ("new-album", ""),
    ("", ""),
    ("tour", "dates"),
    ("", "vinyl"),
    ("new/album", ""),
    ("spotify.com", ""),
    ("  vinyl", "A\tB"),
    ("TICKETS", "2026"),
    ("新专辑", ""),
]
LANGUAGES = ["en", "en", "en", "fr", "de", "es", "zh", "ja", "ko", "da", "EN-gb", "it"]
THIRD_PARTY = [[], [], ["Nova Lee"], ["Phoebe", "The Tides", "X"], ["Luna"]]


def _recase(rng: random.Random, s: str) -> str:
    return rng.choice(
        [
            str.upper,
            str.lower,
            str.swapcase,
            str.title,
            str.capitalize,
            lambda t: "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(t)),
        ]
    )(s)


def _mutate(rng: random.Random, s: str) -> str:
    """One random edit of the kind marketers (and LLMs) make."""
    op = rng.randrange(14)
    words = s.split(" ")
    if op == 0:
        return _recase(rng, s)
    if op == 1:
        i = rng.randrange(len(words))
        words[i] = _recase(rng, words[i])
        return " ".join(words)
    if op == 2:
        return s + rng.choice(
            ["!", "!!", "?", "??", "...", "…", " !", ".", " -", ",", " and", " the", "*", "!?"]
        )
    if op == 3:
        i = rng.randrange(len(words) + 1)
        return " ".join(words[:i] + [rng.choice(EMOJI)] + words[i:])
    if op == 4:
        return s + " " + rng.choice(CJK)
    if op == 5:
        return s + " " + rng.choice(PHONES)
    if op == 6:
        return s + " " + rng.choice(URLS)
    if op == 7:
        i = rng.randrange(len(s) + 1)
        return (
            s[:i]
            + rng.choice(["  ", " ,", ",", ".", "\u200b", "\u00a0", "\t", "@", "$", "#1 ", "-", "4 u "])
            + s[i:]
        )
    if op == 8:
        return " ".join(words + [words[-1], words[-1]])
    if op == 9:
        return (
            rng.choice(["{KeyWord:", "{keyword:", "{CUSTOMIZER.x:", "{Bad:", "{"])
            + s
            + rng.choice(["}", "", "}}"])
        )
    if op == 10:
        return " " + s if rng.random() < 0.5 else s + " "
    if op == 11:
        return s.replace("o", rng.choice(["0", "@", "o"])).replace("e", rng.choice(["3", "e"]))
    if op == 12:
        return rng.choice(EXAMPLES)
    return s


def make_corpus(n: int = 3200, seed: int = 20240607) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """(ad, context) pairs; context None for part of them (the default context)."""
    rng = random.Random(seed)
    out: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    for i in range(n):
        artist = rng.choice(ARTISTS)
        n_heads = rng.choice([rng.randint(3, 15), rng.randint(3, 15), rng.randint(0, 17)])
        n_descs = rng.choice([rng.randint(2, 4), rng.randint(2, 4), rng.randint(0, 5)])
        pool_h = HEADLINES + BAD_HEADLINES + EXAMPLES
        pool_d = DESCRIPTIONS + BAD_DESCRIPTIONS + EXAMPLES
        if i % 3 == 0:  # a plain ad, as most real ones are: distinct stock assets, no mutation
            heads = rng.sample(HEADLINES, rng.randint(3, 15))
            descs = rng.sample(DESCRIPTIONS, rng.randint(2, 4))
            mutation_rate = 0.0
        else:
            heads = [
                rng.choice(HEADLINES) if rng.random() < 0.6 else rng.choice(pool_h) for _ in range(n_heads)
            ]
            descs = [
                rng.choice(DESCRIPTIONS) if rng.random() < 0.6 else rng.choice(pool_d) for _ in range(n_descs)
            ]
            mutation_rate = rng.choice([0.0, 0.1, 0.3, 0.6])
        heads = [h.format(a=artist) if "{a}" in h else h for h in heads]
        descs = [d.format(a=artist) if "{a}" in d else d for d in descs]
        heads = [_mutate(rng, h) if rng.random() < mutation_rate else h for h in heads]
        descs = [_mutate(rng, d) if rng.random() < mutation_rate else d for d in descs]
        plain = mutation_rate == 0.0 and i % 3 == 0
        if not plain and rng.random() < 0.1 and heads:
            heads[rng.randrange(len(heads))] = ""
        if not plain and rng.random() < 0.1 and len(heads) > 1:
            heads.append(heads[0].upper())  # a duplicate up to case
        # Pins on some assets (descriptions may carry an invalid 3).
        head_assets: list[Any] = [
            {"text": h, "pin": rng.choice([1, 2, 3])} if rng.random() < 0.15 else h for h in heads
        ]
        desc_assets: list[Any] = [
            {"text": d, "pin": rng.choice([1, 2, 3])} if rng.random() < 0.15 else d for d in descs
        ]
        if rng.random() < 0.05:
            head_assets = [{"text": h, "pin": 3} for h in heads]
        path1, path2 = rng.choice(PATHS) if not plain and rng.random() < 0.4 else ("new-album", "")
        final_url = rng.choice(FINAL_URLS) if not plain and rng.random() < 0.3 else FINAL_URLS[0]
        ad = {
            "headlines": head_assets,
            "descriptions": desc_assets,
            "path1": path1,
            "path2": path2,
            "final_url": final_url,
        }
        r = rng.random()
        if r < 0.2:
            ctx: dict[str, Any] | None = None
        elif r < 0.25:
            ctx = {}
        else:
            ctx = {
                "brand_terms": rng.choice(
                    [[artist], [artist, "Tides"], [], [artist.upper()], ["  ", artist]]
                ),
                "language": rng.choice(LANGUAGES),
                "country": rng.choice(["US", "DE", "JP"]),
                "keywords": rng.choice([[artist.lower(), "new album"], [], [{"text": "luna tickets"}]]),
                "third_party_terms": rng.choice(THIRD_PARTY),
            }
            if rng.random() < 0.1:
                ctx["theme"] = "ignored extra key"
        out.append((ad, ctx))
    return out
