"""The offline copywriter's phrasebook: per-theme templates for each ad angle, and per-tone vocabulary,
in English and French. Placeholders are filled only from `ArtistFacts`; a template whose facts are
missing is skipped, so the writer never states something the research did not find.

{a} artist  {r} release  {kind} release type  {t} {t2} tracks  {c} {c2} cities  {co} country
{g} genre  {q} rising search  {adj} tone adjective  {noun} tone noun"""

from __future__ import annotations

SUPPORTED = ("en", "fr")

# Angles per theme: A and B lead with different things, so the OPTIMIZER can A/B test them.
ANGLES: dict[str, tuple[str, str]] = {
    "brand": ("official artist", "sound and mood"),
    "release": ("new release", "top tracks"),
    "similar_artists": ("scene fans", "discovery"),
    "genre_trend": ("genre", "what fans search"),
    "tickets": ("live experience", "book now"),
    "merch": ("official merch", "fan identity"),
    "presave": ("be first", "release day"),
}

TEMPLATES: dict[str, dict[str, dict[str, dict[str, list[str]]]]] = {
    "en": {
        "brand": {
            "A": {
                "h": [
                    "{a} Official Site",
                    "{a} Official",
                    "Listen to {a}",
                    "{a} Music",
                    "Stream {a} Now",
                    "{a} Songs and Albums",
                    "Discover {a}",
                    "The Sound of {a}",
                    "Hear {t} by {a}",
                    "{a} - {t}",
                    "All the Music of {a}",
                    "{a} New Music",
                    "Play {a} Today",
                    "Hear {a} Today",
                    "{a} Essentials",
                    "Get to Know {a}",
                ],
                "d": [
                    "Official home of {a}. Stream {t}, {t2} and the rest of the catalogue today.",
                    "Discover {a}: the songs, the {kind} {r} and everything new. Listen now.",
                    "Listen to {a} now. Every album, every single and the latest news in one place.",
                    "From {t} to the latest releases, the whole {a} catalogue is one tap away.",
                    "Get to know {a}: stream {t}, explore the catalogue and follow for what comes next.",
                ],
            },
            "B": {
                "h": [
                    "{adj} {g} by {a}",
                    "{a}: {adj} {g}",
                    "{g} From {a}",
                    "Loved in {c}",
                    "From {c} to {c2}",
                    "Listeners in {c} Know",
                    "Feel the {noun}",
                    "{a} Sounds Like This",
                    "{noun} From {a}",
                    "{adj} Sounds From {a}",
                    "Press Play on {a}",
                    "Turn Up {a}",
                    "Start With {t}",
                ],
                "d": [
                    "{adj} {g} with its own voice. Hear why listeners in {c} keep coming back.",
                    "{adj2} {g}, made by {a}. Press play on {t} and hear it for yourself.",
                    "No filler, just {noun}. Start with {t} and let {a} take it from there.",
                    "{adj} {g} from {a}, with {noun} in every song. Put on {t} and turn it up.",
                ],
            },
        },
        "release": {
            "A": {
                "h": [
                    "{r} Out Now",
                    "New {kind}: {r}",
                    "Stream {r} Now",
                    "{a} - {r}",
                    "Listen to {r}",
                    "{r} by {a}",
                    "The New {a} {kind}",
                    "Hear {r} Today",
                    "{r} Is Here",
                    "New Music From {a}",
                    "The Latest From {a}",
                    "{r} Coming Soon",
                    "{r}: Listen Now",
                    "Stream the New {kind}",
                    "Press Play on {r}",
                ],
                "d": [
                    "{r}, the new {kind} from {a}, is out now. Stream it today and add it to your library.",
                    "The new {a} {kind} {r} has landed. Listen now and hear the next chapter.",
                    "{r} is the new {kind} from {a}: {adj2} {g} from first note to last. Stream it now.",
                    "New music from {a} is here. Press play and find your new favourite track.",
                    "Add {r} by {a} to your library and hear the new {kind} from start to finish.",
                ],
            },
            "B": {
                "h": [
                    "Hear {t}",
                    "{t} by {a}",
                    "Play {t} Now",
                    "{t} on Repeat",
                    "Stream {t} Today",
                    "From {t} to {r}",
                    "{t} and More",
                    "Start With {t}",
                    "{t} - Listen Now",
                    "Listen to {t}",
                    "Press Play on {t}",
                    "{a} Top Tracks",
                ],
                "d": [
                    "Start with {t}, stay for {t2}. The {a} songs listeners play again and again.",
                    "{t}, {t2} and more: the tracks that made {a}. Stream them now.",
                    "Hear {t} and the rest of {r}. {adj2} {g} from {a}, ready to play.",
                    "Press play on {t}, then {t2}: the quickest way into the music of {a}.",
                ],
            },
        },
        "similar_artists": {
            "A": {
                "h": [
                    "For {g} Fans",
                    "Love {g}? Try {a}",
                    "{adj} {g} to Discover",
                    "Your Next {g} Fix",
                    "New {g} Music",
                    "If You Love {g}",
                    "{g} Fans Meet {a}",
                    "More {g}, Less Filler",
                    "{g} Fans, Try {a}",
                    "Into {g}? Hear {a}",
                    "{a} for {g} Fans",
                ],
                "d": [
                    "Into {g}? {a} is your next discovery. Start with {t} and hear the difference.",
                    "For fans of {adj2} {g}: meet {a}. Stream {t} now and add it to your playlists.",
                    "Fans of the genre are finding {a}. {adj} {g} you will want on repeat.",
                    "Love {g}? Press play on {a}, start with {t} and keep going from there.",
                ],
            },
            "B": {
                "h": [
                    "Discover New {g}",
                    "{g} Worth Discovering",
                    "Discover {a}",
                    "Meet {a}",
                    "Find Your New Sound",
                    "Your Next Favourite Artist",
                    "Hear {t} by {a}",
                    "New Artist to Discover",
                    "Press Play on {a}",
                    "Add {a} to Your Mix",
                ],
                "d": [
                    "Looking for something new? Hear {adj2} {g} from {a}. Start with {t}.",
                    "Your playlists need a new name. Discover {a} and the {kind} {r} now.",
                    "Meet {a}: the artist listeners of your favourite bands keep finding. Listen now.",
                    "Discover {a} today: start with {t}, then explore the rest of the catalogue.",
                ],
            },
        },
        "genre_trend": {
            "A": {
                "h": [
                    "{adj} {g} Music",
                    "New {g} Music",
                    "Stream {g} by {a}",
                    "{g} Right Now",
                    "Fresh {g} From {a}",
                    "{g} Playlist Picks",
                    "The New Face of {g}",
                    "Modern {g}",
                    "{g} by {a}",
                    "Hear {adj} {g}",
                    "Today's {g}: {a}",
                ],
                "d": [
                    "{adj} {g} for right now: {noun} you can feel. Stream {t} by {a} today.",
                    "The sound of {g} today: {a}. Hear {t} and the {kind} {r} now.",
                    "New {g} worth your time. Press play on {a} and hear what the scene is talking about.",
                    "Press play on {t}: {adj2} {g} from {a}, made for right now.",
                ],
            },
            "B": {
                "h": [
                    "{q}",
                    "{q} - Listen Now",
                    "Searching for {q}?",
                    "What Fans Are Searching",
                    "See Why Fans Search {a}",
                    "Catch Up With {a}",
                    "Play {t} by {a}",
                    "Catch Up on {t}",
                    "What's New With {a}",
                ],
                "d": [
                    "Searching for {q}? Start here: stream {a} and the track {t} now.",
                    "Fans are searching for {a}. Hear what the buzz is about and stream {t} today.",
                    "More and more listeners are finding {a}. Catch up with {t} and the latest music.",
                    "Catch up with {a}: stream {t} and the latest songs.",
                ],
            },
        },
        "tickets": {
            "A": {
                "h": [
                    "{a} Live",
                    "{a} Tour Dates",
                    "See {a} Live",
                    "{a} Concert Tickets",
                    "{a} Tickets",
                    "{a} Live in {c}",
                    "Catch {a} in {c}",
                    "{noun} Live on Stage",
                    "{a} Tour",
                    "{a} Live Shows",
                ],
                "d": [
                    "See {a} live and hear {t} the way it was meant to be heard. Get your tickets today.",
                    "{a} on tour: {adj2} {g} on stage. Check the dates and book your tickets now.",
                    "Live in {c}: {a} and the songs of {r} on stage. Find your date and book tickets.",
                ],
            },
            "B": {
                "h": [
                    "Book {a} Tickets",
                    "Get Your {a} Tickets",
                    "Don't Miss {a} Live",
                    "Find a Show Near You",
                    "Secure Your Spot Today",
                    "Tickets On Sale Now",
                    "Plan Your Night Out",
                    "Tour Dates and Tickets",
                ],
                "d": [
                    "Don't miss {a} live. Pick your city, book your tickets and sing along to {t}.",
                    "Tickets for {a} are on sale now. Check the tour dates and plan your night.",
                    "One night, {noun} and {a} on stage. Book your tickets while they last.",
                ],
            },
        },
        "merch": {
            "A": {
                "h": [
                    "Official {a} Merch",
                    "{a} Merch Store",
                    "{a} Shirts and Hoodies",
                    "{a} Vinyl and Merch",
                    "{r} on Vinyl",
                    "Shop {a} Merch",
                    "{a} Official Store",
                    "New {a} Merch",
                ],
                "d": [
                    "Official {a} merch: shirts, hoodies and {r} on vinyl. Shop the store today.",
                    "Shop official {a} merch and records. New designs, shipped from the official store.",
                    "Wear it, play it, collect it. Official {a} merch and vinyl, available now.",
                ],
            },
            "B": {
                "h": [
                    "Rep {a} in Style",
                    "Wear Your {g} Pride",
                    "Gear for {a} Fans",
                    "Show Your Love for {a}",
                    "Merch for True Fans",
                    "Made for {a} Fans",
                    "Dress the Part",
                ],
                "d": [
                    "Made for the fans who know every word of {t}. Official {a} merch, now in store.",
                    "{adj} designs for {g} fans. Show your love for {a} with official merch.",
                    "From the gig to the street: official {a} merch made for real fans. Shop now.",
                ],
            },
        },
        "presave": {
            "A": {
                "h": [
                    "Pre-Save {r}",
                    "Pre-Save the New {kind}",
                    "Be First to Hear {r}",
                    "{r} Is Coming",
                    "Pre-Save {r} Today",
                    "New {a} {kind} Soon",
                    "{a} - {r} Pre-Save",
                ],
                "d": [
                    "Pre-save {r}, the new {kind} from {a}, and hear it the moment it drops.",
                    "Be the first to hear {r}. Pre-save now and it lands in your library on release day.",
                    "The new {a} {kind} is coming. Pre-save {r} and never miss a track.",
                ],
            },
            "B": {
                "h": [
                    "Hear {r} on Release Day",
                    "Add {r} to Your Library",
                    "{a}: New Music Soon",
                    "Release Day Is Coming",
                    "Countdown to {r}",
                    "Get Ready for {r}",
                ],
                "d": [
                    "Release day is close. Add {r} to your library now and press play the moment it lands.",
                    "{adj2} {g} is on the way. Get ready for {r} by {a}: pre-save it today.",
                    "Warm up with {t} while you wait. {r} by {a} is coming soon, pre-save it now.",
                ],
            },
        },
    },
    "fr": {
        "brand": {
            "A": {
                "h": [
                    "{a} site officiel",
                    "{a} officiel",
                    "Écoutez {a}",
                    "La musique de {a}",
                    "{a} en streaming",
                    "Découvrez {a}",
                    "Le son de {a}",
                    "{a} : {t}",
                    "Écoutez {t} de {a}",
                    "Tout {a} ici",
                    "Les titres de {a}",
                    "{a} : nouveautés",
                    "Lancez {a}",
                    "L'essentiel de {a}",
                ],
                "d": [
                    "Le site officiel de {a}. Écoutez {t}, {t2} et tout le catalogue dès aujourd'hui.",
                    "Découvrez {a} : les chansons, {lk} {r} et toutes les nouveautés. À écouter.",
                    "Écoutez {a} maintenant. Albums, singles et actualités réunis au même endroit.",
                    "De {t} aux dernières sorties, tout le catalogue de {a} en un geste.",
                ],
            },
            "B": {
                "h": [
                    "{g} {adj}",
                    "{a}, {g} {adj}",
                    "Le {g} de {a}",
                    "Adoré à {c}",
                    "De {c} à {c2}",
                    "{c} écoute {a}",
                    "Ressentez {noun}",
                    "{a}, le son du moment",
                    "{a} : {noun}",
                    "{a} en boucle",
                    "Montez le son : {a}",
                ],
                "d": [
                    "Du {g} {adj} avec une vraie voix. Écoutez pourquoi {c} y revient sans cesse.",
                    "{a} fait du {g} {adj}. Lancez {t} et jugez par vous-même.",
                    "Aucun remplissage, seulement {noun}. Commencez par {t} et laissez {a} faire le reste.",
                    "{a} : du {g} {adj} et {noun}. Lancez {t} et montez le son.",
                ],
            },
        },
        "release": {
            "A": {
                "h": [
                    "{r} disponible",
                    "{nk} : {r}",
                    "Écoutez {r}",
                    "{a} - {r}",
                    "{r} de {a}",
                    "Le {nk} de {a}",
                    "{r} est sorti",
                    "Nouveautés de {a}",
                    "{r} arrive bientôt",
                    "Découvrez {r}",
                ],
                "d": [
                    "{r}, le {nk} de {a}, est disponible. Écoutez-le et ajoutez-le à votre bibliothèque.",
                    "Le {nk} de {a}, {r}, est là. Écoutez le prochain chapitre dès maintenant.",
                    "{r} : du {g} {adj} du premier au dernier titre. À écouter dès aujourd'hui.",
                    "Du nouveau chez {a}. Lancez l'écoute et trouvez votre titre préféré.",
                ],
            },
            "B": {
                "h": [
                    "Écoutez {t}",
                    "{t} de {a}",
                    "{t} en boucle",
                    "Lancez {t}",
                    "De {t} à {r}",
                    "{t} et plus encore",
                    "Commencez par {t}",
                    "{t} : à écouter",
                    "Réécoutez {t}",
                    "Les titres phares de {a}",
                ],
                "d": [
                    "Commencez par {t}, restez pour {t2}. Les titres de {a} qu'on réécoute sans fin.",
                    "{t}, {t2} et plus : les morceaux qui ont fait {a}. À écouter maintenant.",
                    "Écoutez {t} et tout {r}. Du {g} {adj} signé {a}, prêt à jouer.",
                    "Lancez {t}, puis {t2} : une bonne façon d'entrer dans l'univers de {a}.",
                ],
            },
        },
        "similar_artists": {
            "A": {
                "h": [
                    "Pour les fans de {g}",
                    "Fan de {g} ? Écoutez {a}",
                    "Du {g} à découvrir",
                    "Nouveau {g} à écouter",
                    "Si vous aimez le {g}",
                    "Les fans de {g} adorent",
                    "Votre dose de {g}",
                    "{a} pour les fans de {g}",
                    "Vous aimez le {g} ?",
                ],
                "d": [
                    "Fan de {g} ? {a} est votre prochaine découverte. Commencez par {t}.",
                    "Pour les amateurs de {g} {adj} : découvrez {a}. Écoutez {t} maintenant.",
                    "Les fans du genre découvrent {a}. Du {g} {adj} à garder en boucle.",
                    "Vous aimez le {g} ? Lancez {a}, commencez par {t} et laissez-vous porter.",
                ],
            },
            "B": {
                "h": [
                    "Découvrez du {g}",
                    "Du {g} à découvrir",
                    "Découvrez {a}",
                    "Rencontrez {a}",
                    "Un nouveau son pour vous",
                    "Écoutez {t} de {a}",
                    "Un artiste à découvrir",
                    "Ajoutez {a} à vos playlists",
                    "Lancez {a}",
                ],
                "d": [
                    "Envie de nouveauté ? {a} apporte du {g} {adj}. Commencez par {t}.",
                    "Vos playlists attendent un nouveau nom. Découvrez {a} et {lk} {r}.",
                    "Découvrez {a}, l'artiste que les fans de vos groupes préférés adoptent. À écouter.",
                    "Découvrez {a} dès aujourd'hui : commencez par {t} puis explorez tout le catalogue.",
                ],
            },
        },
        "genre_trend": {
            "A": {
                "h": [
                    "Musique {g}",
                    "Nouveau {g}",
                    "Le {g} de {a}",
                    "Le {g} du moment",
                    "{g} : {a}",
                    "Le {g} nouvelle génération",
                    "Du {g} {adj}",
                    "Le {g} selon {a}",
                    "Le {g} d'aujourd'hui",
                ],
                "d": [
                    "Du {g} {adj} pour aujourd'hui. {a} apporte {noun}. Écoutez {t} dès maintenant.",
                    "Le son du {g} actuel : {a}. Écoutez {t} et {lk} {r}.",
                    "Du nouveau {g} qui vaut le détour. Lancez {a} et écoutez ce dont la scène parle.",
                    "Lancez {t} et écoutez du {g} {adj} signé {a}, pour aujourd'hui.",
                ],
            },
            "B": {
                "h": [
                    "{q}",
                    "{q} : à écouter",
                    "Vous cherchez {q} ?",
                    "Ce que cherchent les fans",
                    "Rattrapez-vous avec {a}",
                    "Quoi de neuf chez {a}",
                    "Lancez {t} de {a}",
                    "Vous cherchez {a} ?",
                    "{t} en écoute",
                    "À écouter : {a}",
                ],
                "d": [
                    "Vous cherchez {q} ? Commencez ici : écoutez {a} et le titre {t}.",
                    "Les fans recherchent {a}. Découvrez pourquoi et écoutez {t} dès aujourd'hui.",
                    "De plus en plus d'auditeurs découvrent {a}. Rattrapez-vous avec {t}.",
                    "Rattrapez-vous avec {a} : écoutez {t} et les derniers titres.",
                ],
            },
        },
        "tickets": {
            "A": {
                "h": [
                    "{a} en concert",
                    "{a} en tournée",
                    "Voir {a} en live",
                    "Billets {a}",
                    "{a} en concert à {c}",
                    "{a} à {c}",
                    "Concerts de {a}",
                    "{a} sur scène",
                ],
                "d": [
                    "Vivez {a} en concert et écoutez {t} comme il se doit. Réservez vos billets.",
                    "{a} en tournée : du {g} {adj} sur scène. Consultez les dates et réservez.",
                    "En concert à {c} : {a} joue {r} sur scène. Trouvez votre date et réservez.",
                ],
            },
            "B": {
                "h": [
                    "Réservez vos billets",
                    "Billets en vente",
                    "Ne manquez pas {a}",
                    "Un concert près de chez vous",
                    "Dates et billets",
                    "Votre place pour {a}",
                    "Réservez votre soirée",
                ],
                "d": [
                    "Ne manquez pas {a} en concert. Choisissez votre ville et réservez vos billets.",
                    "Les billets pour {a} sont en vente. Consultez les dates et préparez votre soirée.",
                    "Une soirée, {noun} et {a} sur scène. Réservez vos billets dès maintenant.",
                ],
            },
        },
        "merch": {
            "A": {
                "h": [
                    "Merch officiel {a}",
                    "Boutique {a}",
                    "T-shirts et sweats {a}",
                    "Vinyles et merch {a}",
                    "{r} en vinyle",
                    "Boutique officielle {a}",
                    "Nouveau merch {a}",
                ],
                "d": [
                    "Merch officiel de {a} : t-shirts, sweats et {r} en vinyle. Visitez la boutique.",
                    "Le merch officiel et les disques de {a}. Nouveaux modèles dans la boutique.",
                    "À porter, à écouter, à collectionner. Le merch officiel de {a} est disponible.",
                ],
            },
            "B": {
                "h": [
                    "Portez les couleurs de {a}",
                    "Pour les vrais fans de {a}",
                    "Affichez votre amour du {g}",
                    "Le style {a}",
                    "Merch pour les fans",
                    "Montrez que vous êtes fan",
                ],
                "d": [
                    "Pour les fans qui connaissent {t} par cœur. Le merch officiel de {a} est là.",
                    "Des modèles {adj} pour les fans de {g}. Affichez votre amour pour {a}.",
                    "Du concert à la rue : le merch officiel de {a} pour les vrais fans.",
                ],
            },
        },
        "presave": {
            "A": {
                "h": [
                    "Pré-enregistrez {r}",
                    "{r} arrive bientôt",
                    "Écoutez {r} en premier",
                    "{nk} de {a}",
                    "{a} - {r} en pré-save",
                    "Pré-save : {r}",
                ],
                "d": [
                    "Pré-enregistrez {r}, le {nk} de {a}, et écoutez-le dès sa sortie.",
                    "Soyez les premiers à écouter {r}. Pré-enregistrez-le dès maintenant.",
                    "Le {nk} de {a} arrive. Pré-enregistrez {r} et ne ratez aucun titre.",
                ],
            },
            "B": {
                "h": [
                    "{r} le jour J",
                    "Ajoutez {r} à vos titres",
                    "{a} : du nouveau bientôt",
                    "La sortie approche",
                    "Compte à rebours : {r}",
                    "Préparez-vous pour {r}",
                ],
                "d": [
                    "La sortie approche. Ajoutez {r} à votre bibliothèque et écoutez-le dès sa sortie.",
                    "Du {g} {adj} arrive. Préparez-vous pour {r} de {a} : pré-enregistrez-le dès maintenant.",
                    "Patientez avec {t}. {r} de {a} arrive bientôt, pré-enregistrez-le maintenant.",
                ],
            },
        },
    },
}

# Tone vocabulary. `adj`/`adj2` are title-case / sentence-case adjectives (EN); FR adjectives follow
# the noun so one form serves. `lines` are stand-alone headlines, `desc` stand-alone descriptions.
TONES: dict[str, dict[str, dict[str, list[str]]]] = {
    "en": {
        "dark": {
            "adj": ["Raw", "Cold", "Relentless", "Ferocious", "Uncompromising"],
            "noun": ["cold riffs", "pure atmosphere", "blast beats"],
            "lines": [
                "Raw. Cold. Relentless.",
                "Embrace the Darkness",
                "Music for the Long Night",
                "Riffs Forged in Frost",
                "No Light, Only Sound",
                "Heavy Music, No Compromise",
            ],
            "desc": [
                "Cold riffs, blast beats and pure atmosphere. Turn off the lights and press play.",
                "Uncompromising, raw and heavy. Music for those who never wanted the light.",
            ],
        },
        "kpop": {
            "adj": ["Bright", "Dazzling", "Addictive", "Electric", "Playful"],
            "noun": ["addictive hooks", "sharp choreography", "pure energy"],
            "lines": [
                "Comeback Season Is Here",
                "Hooks You Can't Shake",
                "Learn the Choreo",
                "Stream It on Repeat",
                "Fandom, This One Is Yours",
                "Sparkling New Era",
            ],
            "desc": [
                "Addictive hooks, sharp choreography and pure energy. Join the fandom today.",
                "A bright new era has started. Stream it, learn the moves, share it with your bias.",
            ],
        },
        "hiphop": {
            "adj": ["Hard-Hitting", "Raw", "Real", "Heavy", "Fearless"],
            "noun": ["hard-hitting bars", "heavy beats", "real stories"],
            "lines": [
                "Bars That Hit Different",
                "Beats, Bars, Real Stories",
                "Turn the Bass Up",
                "Straight From the Block",
                "Real Talk Over Heavy Beats",
            ],
            "desc": [
                "Hard-hitting bars over heavy beats. Real stories, no filler. Press play.",
                "Turn the bass up and listen close: every verse tells a real story.",
            ],
        },
        "electronic": {
            "adj": ["Euphoric", "Hypnotic", "Pulsing", "Deep", "Electric"],
            "noun": ["the drop", "deep basslines", "late-night energy"],
            "lines": [
                "Made for the Dancefloor",
                "Wait for the Drop",
                "Lose Yourself Tonight",
                "Pulse, Bass and Euphoria",
                "Sounds for Late Nights",
            ],
            "desc": [
                "Deep basslines, hypnotic builds and the drop you wait for. Made for late nights.",
                "Close your eyes and move. Euphoric sounds made for the dancefloor.",
            ],
        },
        "latin": {
            "adj": ["Fiery", "Sensual", "Festive", "Warm", "Irresistible"],
            "noun": ["irresistible rhythm", "summer heat", "pure fiesta"],
            "lines": [
                "Rhythm That Moves You",
                "Made to Dance All Night",
                "Turn Up the Heat",
                "Pure Fiesta Energy",
                "Dance Like Nobody Is Watching",
            ],
            "desc": [
                "Irresistible rhythm and summer heat. Press play and start dancing.",
                "Warm, sensual and festive. The soundtrack of every night out.",
            ],
        },
        "rock": {
            "adj": ["Loud", "Raw", "Electric", "Wild", "Fearless"],
            "noun": ["loud guitars", "big choruses", "raw energy"],
            "lines": [
                "Loud Guitars, Big Choruses",
                "Turn It Up Loud",
                "Rock Music With Teeth",
                "Made to Be Played Loud",
                "Sweat, Guitars and Noise",
            ],
            "desc": [
                "Loud guitars, big choruses and raw energy. Turn it up and sing along.",
                "Made to be played loud: songs with teeth, heart and noise.",
            ],
        },
        "acoustic": {
            "adj": ["Heartfelt", "Honest", "Intimate", "Warm", "Gentle"],
            "noun": ["honest words", "warm guitars", "real stories"],
            "lines": [
                "Heartfelt Songs, Honest Words",
                "Stories Told in Song",
                "Songs That Feel Like Home",
                "Quiet Songs, Big Hearts",
                "Music for Slow Evenings",
            ],
            "desc": [
                "Honest words and warm guitars. Songs that tell real stories.",
                "Intimate, heartfelt music that feels like coming home. Press play and slow down.",
            ],
        },
        "soul": {
            "adj": ["Timeless", "Elegant", "Soulful", "Smooth", "Refined"],
            "noun": ["a timeless voice", "deep grooves", "real craft"],
            "lines": [
                "Timeless Sound, Modern Soul",
                "Elegant, Soulful, Timeless",
                "Grooves That Stay",
                "A Voice to Remember",
                "Music With Real Craft",
            ],
            "desc": [
                "A timeless voice and deep grooves. Elegant music made with real craft.",
                "Smooth, soulful and refined. Music for evenings that deserve better.",
            ],
        },
        "pop": {
            "adj": ["Catchy", "Bright", "Feel-Good", "Upbeat", "Irresistible"],
            "noun": ["catchy hooks", "big choruses", "feel-good energy"],
            "lines": [
                "Catchy Songs on Repeat",
                "Feel-Good Pop Hooks",
                "Sing Along All Day",
                "Your New Earworm",
                "Pop That Feels Good",
            ],
            "desc": [
                "Catchy hooks and big choruses you will be singing all day. Press play.",
                "Feel-good songs for every mood. Add them to your playlist and sing along.",
            ],
        },
        "neutral": {
            "adj": ["Fresh", "Original", "Distinctive", "New", "Bold"],
            "noun": ["original songs", "distinctive sound", "new music"],
            "lines": [
                "Music Worth Discovering",
                "Discover Their Sound",
                "New Music for You",
                "Press Play Today",
                "Songs Worth Sharing",
            ],
            "desc": [
                "Original songs with a distinctive sound. Press play and hear something new.",
                "New music worth your time. Listen now and share it with friends.",
            ],
        },
    },
    "fr": {
        "dark": {
            "adj": ["brut", "glacial", "implacable", "sombre", "sans concession"],
            "noun": ["des riffs glacials", "une atmosphère pure", "des blast beats"],
            "lines": [
                "Brut. Glacial. Implacable.",
                "Plongez dans l'obscurité",
                "Musique pour la longue nuit",
                "Des riffs forgés dans le givre",
                "Pas de lumière, que du son",
            ],
            "desc": [
                "Riffs glacials, blast beats et atmosphère pure. Éteignez la lumière et écoutez.",
                "Sans concession, brut et lourd. Une musique pour ceux qui fuient la lumière.",
            ],
        },
        "kpop": {
            "adj": ["pétillant", "éclatant", "addictif", "électrique", "ludique"],
            "noun": ["des refrains addictifs", "une choré millimétrée", "une énergie pure"],
            "lines": [
                "Le comeback est là",
                "Des refrains addictifs",
                "Apprenez la choré",
                "À écouter en boucle",
                "Fandom, c'est pour vous",
                "Une nouvelle ère commence",
            ],
            "desc": [
                "Refrains addictifs, choré millimétrée et énergie pure. Rejoignez le fandom.",
                "Une nouvelle ère commence. Écoutez, apprenez la choré et partagez avec votre bias.",
            ],
        },
        "hiphop": {
            "adj": ["percutant", "brut", "vrai", "lourd", "sans filtre"],
            "noun": ["des rimes percutantes", "des prods lourdes", "des histoires vraies"],
            "lines": [
                "Des rimes qui frappent fort",
                "Prods lourdes, vrais textes",
                "Montez le son",
                "Du rap sans filtre",
                "Des histoires vraies",
            ],
            "desc": [
                "Des rimes percutantes sur des prods lourdes. Des histoires vraies, sans filtre.",
                "Montez le son et écoutez bien : chaque couplet raconte une histoire vraie.",
            ],
        },
        "electronic": {
            "adj": ["euphorique", "hypnotique", "pulsé", "profond", "électrique"],
            "noun": ["le drop", "des basses profondes", "l'énergie de la nuit"],
            "lines": [
                "Fait pour le dancefloor",
                "Attendez le drop",
                "Perdez-vous ce soir",
                "Basses, pulsation, euphorie",
                "Des sons pour la nuit",
            ],
            "desc": [
                "Basses profondes, montées hypnotiques et le drop tant attendu. Pour la nuit.",
                "Fermez les yeux et dansez. Des sons euphoriques faits pour le dancefloor.",
            ],
        },
        "latin": {
            "adj": ["brûlant", "sensuel", "festif", "chaleureux", "irrésistible"],
            "noun": ["un rythme irrésistible", "la chaleur de l'été", "la fiesta"],
            "lines": [
                "Un rythme qui fait bouger",
                "Dansez toute la nuit",
                "Montez la température",
                "L'énergie de la fiesta",
                "Dansez sans retenue",
            ],
            "desc": [
                "Un rythme irrésistible et la chaleur de l'été. Lancez la musique et dansez.",
                "Chaleureux, sensuel et festif. La bande-son de toutes vos soirées.",
            ],
        },
        "rock": {
            "adj": ["puissant", "brut", "électrique", "sauvage", "intense"],
            "noun": ["des guitares puissantes", "des refrains fédérateurs", "une énergie brute"],
            "lines": [
                "Guitares fortes, grands refrains",
                "Montez le volume",
                "Du rock qui a du mordant",
                "À écouter fort",
                "Sueur, guitares et bruit",
            ],
            "desc": [
                "Des guitares puissantes, des refrains fédérateurs et une énergie brute. Montez le son.",
                "À écouter fort : des chansons avec du mordant, du cœur et du bruit.",
            ],
        },
        "acoustic": {
            "adj": ["sincère", "intime", "chaleureux", "doux", "authentique"],
            "noun": ["des mots sincères", "des guitares chaleureuses", "de vraies histoires"],
            "lines": [
                "Des chansons sincères",
                "Des histoires en chansons",
                "Des chansons comme à la maison",
                "Petites chansons, grand cœur",
                "Musique pour les soirées douces",
            ],
            "desc": [
                "Des mots sincères et des guitares chaleureuses. Des chansons qui racontent la vie.",
                "Une musique intime et sincère, comme un retour à la maison. Prenez le temps.",
            ],
        },
        "soul": {
            "adj": ["intemporel", "élégant", "soulful", "velouté", "raffiné"],
            "noun": ["une voix intemporelle", "des grooves profonds", "un vrai savoir-faire"],
            "lines": [
                "Un son intemporel",
                "Élégant et intemporel",
                "Des grooves qui restent",
                "Une voix qui marque",
                "La musique comme un art",
            ],
            "desc": [
                "Une voix intemporelle et des grooves profonds. Une musique élégante et raffinée.",
                "Veloutée, profonde et raffinée. Une musique pour les soirées qui comptent.",
            ],
        },
        "pop": {
            "adj": ["entraînant", "lumineux", "joyeux", "pétillant", "irrésistible"],
            "noun": ["des refrains entraînants", "de grands refrains", "de la bonne humeur"],
            "lines": [
                "Des refrains en boucle",
                "De la pop qui fait du bien",
                "À chanter toute la journée",
                "Votre nouveau refrain préféré",
                "Une pop lumineuse",
            ],
            "desc": [
                "Des refrains entraînants que vous chanterez toute la journée. Lancez l'écoute.",
                "Des chansons qui font du bien, pour toutes les humeurs. Ajoutez-les à vos playlists.",
            ],
        },
        "neutral": {
            "adj": ["original", "singulier", "nouveau", "audacieux", "unique"],
            "noun": ["des chansons originales", "un son singulier", "de la nouvelle musique"],
            "lines": [
                "Une musique à découvrir",
                "Découvrez leur univers",
                "De la nouvelle musique",
                "Lancez l'écoute",
                "Des titres à partager",
            ],
            "desc": [
                "Des chansons originales au son singulier. Lancez l'écoute et laissez-vous surprendre.",
                "De la nouvelle musique qui vaut le détour. Écoutez et partagez avec vos amis.",
            ],
        },
    },
}

# Release types as they read in copy; unknown types fall back to a neutral word.
KINDS: dict[str, dict[str, str]] = {
    "en": {"album": "Album", "single": "Single", "ep": "EP", "compile": "Album", "": "Release"},
    "fr": {"album": "album", "single": "single", "ep": "EP", "compile": "album", "": "album"},
}

# Words for paths (<= 15 chars, no spaces) per theme.
PATHS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "brand": ("Official", "Music"),
        "release": ("New-Release", "Listen"),
        "similar_artists": ("Discover", "New-Music"),
        "genre_trend": ("Trending", "Listen"),
        "tickets": ("Tickets", "Tour"),
        "merch": ("Merch", "Store"),
        "presave": ("Pre-Save", "New"),
    },
    "fr": {
        "brand": ("Officiel", "Musique"),
        "release": ("Nouveau", "Ecouter"),
        "similar_artists": ("Decouvrir", "Musique"),
        "genre_trend": ("Tendance", "Ecouter"),
        "tickets": ("Billets", "Concerts"),
        "merch": ("Boutique", "Merch"),
        "presave": ("Pre-Save", "Sortie"),
    },
}

# Keyword suffixes per theme, in the language of the searcher (fans search in English a lot too).
KEYWORDS: dict[str, dict[str, list[str]]] = {
    "en": {
        "brand": ["{a}", "{a} music", "{a} songs", "{a} official", "{a} {t}"],
        "release": [
            "{a} {r}",
            "{r}",
            "{t}",
            "{r} {a}",
            "{a} new album",
            "{a} new song",
            "{a} {t}",
            "stream {r}",
        ],
        "similar_artists": ["{s}", "bands like {s}", "{g} music", "new {g}", "{g} bands", "{g}"],
        "genre_trend": ["{g} music", "new {g} music", "{g}", "{q}", "{g} playlist"],
        "tickets": [
            "{a} tickets",
            "{a} tour",
            "{a} concert",
            "{a} live",
            "{a} tickets {c}",
            "{a} tour dates",
        ],
        "merch": ["{a} merch", "{a} shirt", "{a} hoodie", "{a} vinyl", "{a} official merch"],
        "presave": [
            "{a} {r} pre save",
            "{r}",
            "{a} new album",
            "{a} {r}",
            "{r} release date",
            "pre save {r}",
        ],
    },
    "fr": {
        "brand": ["{a}", "{a} musique", "{a} chansons", "{a} officiel", "{a} {t}"],
        "release": [
            "{a} {r}",
            "{r}",
            "{t}",
            "{r} {a}",
            "{a} nouvel album",
            "{a} nouveau single",
            "{a} {t}",
            "écouter {r}",
        ],
        "similar_artists": ["{s}", "groupes comme {s}", "musique {g}", "{g}", "nouveau {g}"],
        "genre_trend": ["musique {g}", "nouveau {g}", "{g}", "{q}", "playlist {g}"],
        "tickets": [
            "{a} billets",
            "billets {a}",
            "{a} concert",
            "{a} en concert",
            "concert {a}",
            "{a} tournée",
            "{a} concert {c}",
        ],
        "merch": [
            "{a} merch",
            "merch {a}",
            "merch officiel {a}",
            "boutique {a}",
            "{a} t-shirt",
            "{a} vinyle",
            "{a} sweat",
        ],
        "presave": ["{a} {r} pre save", "{r}", "{a} nouvel album", "{a} {r}", "{r} date de sortie"],
    },
}
