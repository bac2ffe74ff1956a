"""Third-party marks a music ad is likely to name: streaming services, stores, ticket sellers,
social platforms, festivals and well-known artists. Names that are also ordinary words ("Tidal",
"Dice", "Queen") match only in their capitalised form; the rest match in any case."""

from __future__ import annotations

STREAMING = (
    "Spotify", "Apple Music", "iTunes", "YouTube", "YouTube Music", "Amazon Music", "Deezer", "SoundCloud",
    "Bandcamp", "Napster", "Qobuz", "Audiomack", "Shazam", "Anghami", "JioSaavn", "Boomplay", "QQ Music",
    "NetEase Cloud Music", "Yandex Music", "KKBox", "Joox", "Gaana", "Beatport", "Traxsource", "Mixcloud",
    )
STREAMING_CASED = ("Tidal", "Pandora")
TICKETING = (
    "Ticketmaster", "Live Nation", "StubHub", "SeatGeek", "Eventbrite", "Vivid Seats", "Viagogo", "See Tickets",
    "Songkick", "Bandsintown", "Eventim", "TicketSwap", "Ticketek", "Skiddle", "Resident Advisor",
    "Fnac Spectacles", "Ticketone", "Ticketportal", "Twickets", "Tixr", "Etix", "Ticketfly", )
TICKETING_CASED = ("DICE", "AXS")
PLATFORMS = (
    "TikTok", "Instagram", "Facebook", "Snapchat", "Twitch", "Discord", "Reddit", "WhatsApp", "Amazon", "eBay",
    "Etsy", "Walmart", "Best Buy", "Rough Trade", "HMV", "Fnac", "Zalando", "Redbubble", "Teespring", "Shopify",
)
FESTIVALS = (
    "Coachella", "Glastonbury", "Lollapalooza", "Tomorrowland", "Bonnaroo", "Primavera Sound", "Rock in Rio",
    "Download Festival", "Reading Festival", "Leeds Festival", "Ultra Music Festival", "Rock am Ring", "Roskilde",
    "Sziget", "Wacken", "Governors Ball", "Austin City Limits", "Outside Lands", "Electric Daisy Carnival",
    "Burning Man", "SXSW", "Hellfest", "Mad Cool", "Fuji Rock", "Summer Sonic", "Splendour in the Grass",
)
ARTISTS = (
    "Taylor Swift", "Drake", "Beyoncé", "Beyonce", "Ed Sheeran", "BTS", "Adele", "Rihanna", "Billie Eilish",
    "The Weeknd", "Ariana Grande", "Bad Bunny", "Coldplay", "Metallica", "AC/DC", "Eminem", "Kanye West", "Lady Gaga",
    "Bruno Mars", "Dua Lipa", "Harry Styles", "Olivia Rodrigo", "Post Malone", "Kendrick Lamar", "Travis Scott",
    "SZA", "Doja Cat", "Shakira", "Justin Bieber", "Katy Perry", "Maroon 5", "Imagine Dragons", "Arctic Monkeys",
    "Radiohead", "The Beatles", "Rolling Stones", "Led Zeppelin", "Pink Floyd", "Nirvana", "Foo Fighters",
    "Red Hot Chili Peppers", "Green Day", "Linkin Park", "Daft Punk", "Calvin Harris", "David Guetta", "Avicii",
    "Marshmello", "Skrillex", "Tiësto", "Martin Garrix", "Kylie Minogue", "Madonna", "Michael Jackson", "Elton John",
    "Bob Dylan", "Bruce Springsteen", "Fleetwood Mac", "ABBA", "U2", "Sia", "Lorde", "Lizzo", "Cardi B",
    "Nicki Minaj", "Megan Thee Stallion", "Karol G", "J Balvin", "Rosalía", "Peso Pluma", "BLACKPINK", "Stray Kids",
    "NewJeans", "Burna Boy", "Wizkid", "Stromae", "Rammstein", "Måneskin", "Sabrina Carpenter", "Chappell Roan",
    "Noah Kahan", "Zach Bryan", "Morgan Wallen", "Luke Combs", "Chris Stapleton", "Kacey Musgraves", "Dolly Parton",
    "Johnny Cash", "Miley Cyrus", "Selena Gomez", "Shawn Mendes", "Camila Cabello", "Charli XCX", "Lana Del Rey",
    "Hozier", "Mitski", "Phoebe Bridgers", "Arcade Fire", "The Killers", "The Strokes", "Tame Impala", "Gorillaz",
    "Bon Iver", "Vampire Weekend", "The 1975", "Paramore", "Fall Out Boy", "My Chemical Romance", "Slipknot",
    "Iron Maiden", "Black Sabbath", "Ozzy Osbourne", "Guns N' Roses", "Bon Jovi", "Aerosmith", "Depeche Mode",
    "Frank Ocean", "Tyler, the Creator", "Childish Gambino", "J. Cole", "Lil Nas X", "Lil Wayne", "Snoop Dogg",
    "Jay-Z", "50 Cent", "Dr. Dre", "Wu-Tang Clan", "Tupac", "Bob Marley", "Stevie Wonder", "Whitney Houston",
    "Mariah Carey", "Celine Dion", "Alicia Keys", "Sam Smith", "Lewis Capaldi", "George Ezra", "Ellie Goulding",
    "Mumford & Sons", "Kings of Leon", "The Black Keys", "Pearl Jam", "Rage Against the Machine",
    "System of a Down", "Twenty One Pilots", "Weezer", "Blink-182", "Jonas Brothers", "One Direction",
    "Backstreet Boys", "Spice Girls", "Little Mix", "Bee Gees",         "P!nk", "Ke$ha", "Kesha", "A$AP Rocky", "Khalid", "Usher", "Travis Barker",
    "Olivia Newton-John", "Billy Joel", "Elvis Presley", "Frank Sinatra", "The Rolling Stones", "The Cure",
    "Nine Inch Nails", "Deftones", "Korn", "Gojira", "Tate McRae", "Benson Boone", "Teddy Swims", "Gracie Abrams",
    "Mac DeMarco", "Clairo", "Rex Orange County", "Glass Animals", "Florence + The Machine", "Raye", "Central Cee",
    "Stormzy", "Aya Nakamura", "Angèle", "Shawn Colvin", "Anitta", "Maluma", "Ozuna", "Feid", "Rauw Alejandro",
)
# Artist names that are common words (or often are) must be written with their capitals to count.
# Band names that are ordinary words in Title Case copy ("Live in Chicago", "Pink Vinyl", "Twice the
# fun") are left out on purpose: a false trademark finding costs the marketer as much as a miss.
ARTISTS_CASED = frozenset({
    "Drake", "Raye", "Nirvana", "Madonna", "Tupac", "Khalid", "Usher", "Korn", "Sia", "Lorde", "Adele", "Hozier",
    "Weezer", "Paramore", "The Cure", "The Killers",
})
# Marks that are also everyday words: matched only as capitalised.
OTHER_CASED = ("Best Buy", "Rough Trade", "Discord", "Twitch", "Mad Cool")

CASE_INSENSITIVE: tuple[str, ...] = tuple(
    n for n in STREAMING + TICKETING + PLATFORMS + FESTIVALS + ARTISTS if n not in ARTISTS_CASED and n not in OTHER_CASED
)
CASE_SENSITIVE: tuple[str, ...] = STREAMING_CASED + TICKETING_CASED + OTHER_CASED + tuple(sorted(ARTISTS_CASED))

KIND: dict[str, str] = {}
for _n in STREAMING + STREAMING_CASED:
    KIND[_n.casefold()] = "streaming service"
for _n in TICKETING + TICKETING_CASED:
    KIND[_n.casefold()] = "ticket seller"
for _n in PLATFORMS:
    KIND[_n.casefold()] = "platform or store"
for _n in FESTIVALS:
    KIND[_n.casefold()] = "festival"
for _n in ARTISTS:
    KIND[_n.casefold()] = "artist"
