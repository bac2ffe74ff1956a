"""A labelled corpus for the policy engine in eight languages: for each capability of issue 9, texts
that break a Google policy (with the policy expected) and texts that must pass (None).

Written from Google's policies, not from the engine's word lists: many cases use words or forms
the vocabularies do not list verbatim (inflections, word order, mixed scripts), so the corpus
measures how far the rules generalise. `tests/policy/test_corpus.py` reports recall and clean pass
per language (printed with -s) and fails below the floor it states; the same cases feed the
fused-versus-plain equality test.

A case is (language, where, text, expected policy or None, brand terms). `where` is "h"
(headline), "d" (description), "p" (display path 1) or "u" (final URL).
"""

from __future__ import annotations

from typing import NamedTuple


class Case(NamedTuple):
    language: str
    where: str
    text: str
    policy: str | None
    brands: tuple[str, ...] = ()


CAP = "capitalization"
PUNCT = "punctuation_and_symbols"
SPACE = "unacceptable_spacing"
PHONE = "phone_number_in_ad_text"
STYLE = "style_and_spelling"
FEATURES = "misuse_of_ad_features"
DEST = "destination_requirements"
COPY = "copyrights"
FAKE = "counterfeit_goods"
CLAIM = "misrepresentation"
TM = "trademarks"
GAMBLING = "gambling_and_games"
TICKETS = "event_ticket_sales"
LIMIT = "character_limit"

# Neutral assets around the case, per language (clean, distinct, no trigger words).
FILLER: dict[str, tuple[list[str], list[str]]] = {
    "en": (
        ["New Album Out Friday", "Hear The Single", "Recorded In Lisbon"],
        ["Ten new songs, recorded live.", "Stream the album on your phone."],
    ),
    "fr": (
        ["Nouvel Album Vendredi", "Écoutez Le Single", "Enregistré À Lisbonne"],
        ["Dix chansons enregistrées en live.", "Écoutez l'album sur votre téléphone."],
    ),
    "de": (
        ["Neues Album Am Freitag", "Hör Die Single", "Aufgenommen In Lissabon"],
        ["Zehn neue Songs, live aufgenommen.", "Hör das Album auf deinem Handy."],
    ),
    "es": (
        ["Nuevo Disco El Viernes", "Escucha El Sencillo", "Grabado En Lisboa"],
        ["Diez canciones nuevas grabadas en vivo.", "Escucha el disco en tu teléfono."],
    ),
    "pt": (
        ["Novo Álbum Na Sexta", "Ouça O Single", "Gravado Em Lisboa"],
        ["Dez músicas novas gravadas ao vivo.", "Ouça o álbum no seu celular."],
    ),
    "it": (
        ["Nuovo Album Venerdì", "Ascolta Il Singolo", "Registrato A Lisbona"],
        ["Dieci brani nuovi registrati dal vivo.", "Ascolta l'album sul telefono."],
    ),
    "ja": (
        ["新アルバム金曜発売", "新曲を聴こう", "リスボン録音"],
        ["全10曲をライブ録音しました。", "アルバムをスマホで聴こう。"],
    ),
    "ko": (
        ["새 앨범 금요일 공개", "신곡을 들어 보세요", "리스본 녹음"],
        ["라이브로 녹음한 10곡입니다.", "휴대폰으로 앨범을 들어 보세요."],
    ),
}


def _cases(language: str, rows: list[tuple]) -> list[Case]:
    return [Case(language, *row) for row in rows]


EN = _cases(
    "en",
    [
        ("h", "Replica Band Tees", FAKE),
        ("h", "Fake Gucci Tour Bags", FAKE),
        ("d", "Knock-off hoodies at half the price of the real thing.", FAKE),
        ("d", "Our Spotify clone plays every track you want.", FAKE),
        ("h", "Free MP3 Download Of Tides", COPY),
        ("d", "Grab the leaked album before it is taken down.", COPY),
        ("d", "Download the full album for free, no account needed.", COPY),
        ("h", "Torrent The New Album", COPY),
        ("h", "Bet On The Grammy Winner", GAMBLING),
        ("d", "Enter our sweepstakes for a signed guitar.", GAMBLING),
        ("h", "Online Casino Night Live", GAMBLING),
        ("h", "Click To Win VIP Passes", FEATURES),
        ("d", "Congratulations, you have won two backstage passes.", FEATURES),
        ("d", "You won't believe what happened at the show.", CLAIM),
        ("h", "Shocking Tour Footage", CLAIM),
        ("h", "The Best Band In Texas", CLAIM),
        ("h", "Better Than Coldplay Live", CLAIM),
        ("h", "#1 Album In The World", CLAIM),
        ("h", "Click Here For The Album", STYLE),
        ("d", "Visit this site to hear the new single today.", STYLE),
        ("h", "Resale Seats Available Now", TICKETS),
        ("d", "Sold-out shows, seats above face value.", TICKETS),
        ("h", "Tickets For The Paris Show", TICKETS),
        ("h", "Call 1-800-555-0199 Today", PHONE),
        ("d", "Questions? Call +1 (212) 555-0147 any time.", PHONE),
        ("h", "NEW ALBUM OUT NOW", CAP),
        ("h", "LUNA Live In Paris", CAP, ("Luna",)),
        ("h", "Stream The FlOwErS EP", CAP),
        ("h", "Big News!!", PUNCT),
        ("h", "New Single 🔥", PUNCT),
        ("h", "Hear It 4 U", PUNCT),
        ("h", "f1owers On Vinyl", PUNCT),
        ("d", "Stream the album  on every platform.", SPACE),
        ("d", "Sale,buy the vinyl now.", SPACE),
        ("h", "Buyflowershere Vinyl", STYLE),
        ("h", "Tickets on sale tomor", STYLE),
        ("h", "Lorem Ipsum Dolor", STYLE),
        ("h", "Xkcdqz Vinyl Drop", STYLE),
        ("d", "Stream it at bit.ly/new-tides today.", DEST),
        ("d", "Write to mailto:band@example.com for news.", DEST),
        ("d", "Get the album at tides.zip for your player.", DEST),
        ("d", "Hear it on spotify.com before anyone else.", DEST),
        ("u", "https://bit.ly/3xTides", DEST),
        ("u", "https://luna.example.com/files/album.zip", DEST),
        ("u", "mailto:hello@luna.example.com", DEST),
        ("p", "free stuff", DEST),
        ("p", "50%-off", FEATURES),
        ("h", "Listen On Spotify Today", TM),
        ("h", "Listen On SPOTIFY Today", TM),
        ("h", "Now On TIDAL And More", TM),
        ("h", "Stream It On Deezer", TM),
        ("d", "As heard at Coachella, the new single is out.", TM),
        ("h", "Luna Luna Luna Live", "repetition", ("Luna",)),
        ("h", "The New Album Is Out On Every Platform Today", LIMIT),
        # clean
        ("h", "New Album Out Friday Night", None),
        ("h", "33⅓ RPM Vinyl Pressing", None),
        ("h", "120 BPM Club Mix", None),
        ("h", 'Limited 12" Vinyl And CD', None),
        ("h", "Doors 8pm EST", None),
        ("h", "Live In NYC, 8 PM ET", None),
        ("h", "5.1 Surround Mix On Blu-ray", None),
        ("h", "U.S. Tour Dates Announced", None),
        ("h", "P!nk Live In London", None, ("P!nk",)),
        ("h", "AC/DC Back In Black Remaster", None, ("AC/DC",)),
        ("h", "Drake New Single Out Now", None, ("Drake",)),
        ("h", "MØ New Album Out Friday", None, ("MØ",)),
        ("h", "Fake Love Acoustic Version", None),
        ("h", "Best Of Compilation Out", None),
        ("d", "All the best from the band, see you in Berlin.", None),
        ("d", "Buy 1, get 1 half off posters this weekend.", None),
        ("d", "Stream the deluxe edition with two bonus tracks.", None),
        ("d", "Recorded in one take in a lighthouse on the coast.", None),
        ("h", "Official Store: Signed Vinyl", None),
        ("h", "Watch The Live Session", None),
        ("h", "Vol. II Out On LP And EP", None),
        ("d", "Pre-order the 2LP gatefold edition on 180g vinyl.", None),
        ("h", "Headliners Announce Dates", None),
        ("p", "new-album", None),
        ("u", "https://luna.example.com/tour", None),
    ],
)

FR = _cases(
    "fr",
    [
        ("h", "T-shirts Contrefaçon Pas Chers", FAKE),
        ("h", "Répliques Des Sacs De La Tournée", FAKE),
        ("d", "Faux sweats Nike à prix cassé pour les fans.", FAKE),
        ("h", "Téléchargement Gratuit De L'album", COPY),
        ("d", "Téléchargez gratuitement l'album complet en mp3.", COPY),
        ("d", "L'album fuité est déjà disponible en torrent.", COPY),
        ("h", "Pariez Sur Le Vainqueur", GAMBLING),
        ("d", "Jeu concours : deux places à gagner pour Paris.", GAMBLING),
        ("h", "Casino En Ligne Et Concert", GAMBLING),
        ("h", "Cliquez Pour Gagner Un Vinyle", FEATURES),
        ("d", "Félicitations, vous avez gagné un pass backstage.", FEATURES),
        ("d", "Vous n'allez pas croire ce qui s'est passé au concert.", CLAIM),
        ("h", "Le Meilleur Groupe De France", CLAIM),
        ("h", "Mieux Que Stromae En Live", CLAIM),
        ("h", "N°1 Des Ventes En Europe", CLAIM),
        ("h", "Cliquez Ici Pour L'album", STYLE),
        ("d", "Revente de billets pour les concerts complets.", TICKETS),
        ("h", "Billets Pour Le Concert", TICKETS),
        ("h", "Places Assises Disponibles", TICKETS),
        ("h", "Appelez Le 01 23 45 67 89", PHONE),
        ("h", "NOUVEL ALBUM DISPONIBLE", CAP),
        ("h", "Incroyable !!", PUNCT),
        ("h", "Nouveau Single 🎶", PUNCT),
        ("d", "Écoutez l'album  sur toutes les plateformes.", SPACE),
        ("h", "Achetezicimaintenant Le Vinyle", STYLE),
        ("h", "Nouvel album disponi", STYLE),
        ("h", "Votre Texte Ici", STYLE),
        ("d", "Retrouvez-nous sur bit.ly/album-fr dès maintenant.", DEST),
        ("h", "Écoutez-le Sur Deezer", TM),
        ("h", "Disponible Sur SPOTIFY", TM),
        ("p", "gratuit", FEATURES),
        # clean
        ("h", "Les Pirates En Concert À Lyon", None),  # a name, not a copy
        ("h", "Nouvel Album Disponible", None),
        ("h", "Vinyle 33 Tours Et CD", None),
        ("h", "En Concert À Lyon Le 12 Mai", None),
        ("h", "Concert À 20 h, Heure De Paris", None),
        ("d", "L'album est enregistré en live, 10 titres inédits.", None),
        ("d", "Écoutez le nouveau single, puis l'album en entier.", None),
        ("h", "Édition Limitée En Vinyle", None),
        ("h", "Stromae Nouvel Album", None, ("Stromae",)),
        ("d", "Enregistré aux États-Unis et en France, etc.", None),
        ("h", "Remix À 128 BPM", None),
        ("h", "Coffret 2 CD Et DVD", None),
        ("h", "Tournée Européenne 2026", None),
        ("d", "Le clip est en ligne, regardez-le dès aujourd'hui.", None),
        ("h", "SNCF Partenaire De La Tournée", None),
    ],
)

DE = _cases(
    "de",
    [
        ("h", "Gefälschte Band-Shirts Günstig", FAKE),
        ("h", "Replika Tour-Hoodies", FAKE),
        ("d", "Fake Adidas Jacken im Stil der Tour.", FAKE),
        ("h", "Album Kostenlos Herunterladen", COPY),
        ("d", "Raubkopie des Albums als Torrent verfügbar.", COPY),
        ("h", "Sportwetten Zum Konzert", GAMBLING),
        ("d", "Gewinnspiel: Wir verlosen zwei Tickets.", GAMBLING),
        ("h", "Online Casino Und Konzert", GAMBLING),
        ("h", "Klicken Und Gewinnen Sie", FEATURES),
        ("d", "Herzlichen Glückwunsch, Sie haben gewonnen!", FEATURES),
        ("d", "Sie werden nicht glauben, was beim Konzert passierte.", CLAIM),
        ("h", "Die Beste Band Deutschlands", CLAIM),
        ("h", "Besser Als Rammstein Live", CLAIM),
        ("h", "Nr. 1 In Den Charts", CLAIM),
        ("h", "Hier Klicken Für Das Album", STYLE),
        ("d", "Weiterverkauf für ausverkaufte Shows, über Nennwert.", TICKETS),
        ("h", "Konzertkarten Für Berlin", TICKETS),
        ("h", "Sitzplätze Jetzt Sichern", TICKETS),
        ("h", "Ruf An: 030 1234 5678", PHONE),
        ("h", "NEUES ALBUM JETZT", CAP),
        ("h", "Jetzt Da!!", PUNCT),
        ("h", "Neue Single ★ Jetzt", PUNCT),
        ("d", "Hör das Album  auf allen Plattformen.", SPACE),
        ("h", "Jetztkaufen Das Vinyl", STYLE),
        ("h", "Das Album ist erhältl", STYLE),
        ("h", "Platzhalter Überschrift", STYLE),
        ("d", "Mehr unter tinyurl.com/album-de im Netz.", DEST),
        ("h", "Jetzt Auf Spotify Hören", TM),
        ("p", "rabatt", FEATURES),
        # clean
        ("h", "Neues Album Am Freitag", None),
        ("h", "Konzert In Berlin, 20 Uhr MEZ", None),
        ("h", "Vinyl Mit 45 RPM", None),
        ("d", "Aufgenommen in Hamburg, z. B. im Studio am Hafen.", None),
        ("d", "Die Tour führt durch die BRD und Österreich.", None),
        ("h", "Limitierte Auflage Auf Vinyl", None),
        ("h", "Konzertfilm Jetzt Ansehen", None),
        ("d", "Das Album hat zehn Songs, u. a. die neue Single.", None),
        ("h", "Rammstein Neues Album", None, ("Rammstein",)),
        ("h", "Doppel-LP Und CD", None),
        ("h", "Live Im Studio Aufgenommen", None),
        ("d", "Hör die neue Single und das Album im Stream.", None),
        ("h", "Sommerkonzert Im Park", None),
    ],
)

ES = _cases(
    "es",
    [
        ("h", "Camisetas Réplica De La Gira", FAKE),
        ("h", "Bolsos Falsificados Baratos", FAKE),
        ("d", "Gorras falsas de Supreme con el logo de la gira.", FAKE),
        ("h", "Descarga Gratis El Disco", COPY),
        ("d", "Descargar mp3 del álbum filtrado en torrent.", COPY),
        ("h", "Apuestas En Vivo Del Show", GAMBLING),
        ("d", "Sorteo de dos entradas para el concierto.", GAMBLING),
        ("h", "Casino Online Y Concierto", GAMBLING),
        ("h", "Haz Clic Y Gana Un Vinilo", FEATURES),
        ("d", "Felicidades, has ganado un pase VIP.", FEATURES),
        ("d", "No vas a creer lo que pasó en el concierto.", CLAIM),
        ("h", "La Mejor Banda De España", CLAIM),
        ("h", "Mejor Que Rosalía En Vivo", CLAIM),
        ("h", "Nº 1 En Ventas", CLAIM),
        ("h", "Haz Clic Aquí Para El Disco", STYLE),
        ("d", "Reventa de entradas agotadas, sobre el valor nominal.", TICKETS),
        ("h", "Entradas Para Madrid", TICKETS),
        ("h", "Llama Al 912 345 678", PHONE),
        ("h", "NUEVO DISCO YA DISPONIBLE", CAP),
        ("h", "¡¡Ya Está Aquí!!", PUNCT),
        ("h", "Nuevo Sencillo 🔥", PUNCT),
        ("d", "Escucha el disco  en todas las plataformas.", SPACE),
        ("h", "Texto Aquí Para Titular", STYLE),
        ("d", "Síguenos en bit.ly/disco-es ahora.", DEST),
        ("h", "Escúchalo En Spotify", TM),
        ("p", "oferta", FEATURES),
        # clean
        ("h", "Radio Pirata En Vivo Hoy", None),  # a name, not a copy
        ("h", "Nuevo Disco Ya Disponible", None),
        ("h", "Gira Por EE. UU. En 2026", None),
        ("d", "Producido por Discos Luna S.A. en Madrid.", None),
        ("h", "Vinilo De 12 Pulgadas", None),
        ("h", "Concierto A Las 21 h", None),
        ("d", "Escucha el nuevo sencillo y el disco completo.", None),
        ("h", "Edición Limitada En Vinilo", None),
        ("h", "Rosalía Nuevo Disco", None, ("Rosalía",)),
        ("h", "Grabado En Directo", None),
        ("d", "Diez canciones grabadas en Buenos Aires.", None),
        ("h", "Remezcla A 124 BPM", None),
        ("h", "Doble LP Y CD", None),
    ],
)

PT = _cases(
    "pt",
    [
        ("h", "Camisetas Réplica Da Turnê", FAKE),
        ("h", "Bonés Falsificados Baratos", FAKE),
        ("h", "Baixar Grátis O Álbum", COPY),
        ("d", "Álbum vazado para baixar em torrent.", COPY),
        ("h", "Apostas Ao Vivo No Show", GAMBLING),
        ("d", "Sorteio de dois ingressos para o show.", GAMBLING),
        ("h", "Clique E Ganhe Um Vinil", FEATURES),
        ("d", "Parabéns, você ganhou um passe VIP.", FEATURES),
        ("d", "Você não vai acreditar no que aconteceu no show.", CLAIM),
        ("h", "A Melhor Banda Do Brasil", CLAIM),
        ("h", "Melhor Que Anitta Ao Vivo", CLAIM),
        ("h", "Clique Aqui Para O Álbum", STYLE),
        ("d", "Revenda de ingressos esgotados acima do valor de face.", TICKETS),
        ("h", "Ingressos Para São Paulo", TICKETS),
        ("h", "Ligue (11) 91234-5678", PHONE),
        ("h", "NOVO ÁLBUM DISPONÍVEL", CAP),
        ("h", "Chegou!!", PUNCT),
        ("d", "Ouça o álbum  em todas as plataformas.", SPACE),
        ("h", "Texto Aqui Do Título", STYLE),
        ("d", "Acesse bit.ly/album-pt agora mesmo.", DEST),
        ("h", "Ouça No Deezer Agora", TM),
        ("p", "desconto", FEATURES),
        # clean
        ("h", "Os Piratas Ao Vivo Em Lisboa", None),  # a name, not a copy
        ("h", "Novo Álbum Já Disponível", None),
        ("h", "Show Às 21h Em Lisboa", None),
        ("d", "Produzido pela Discos Luna S.A. no Rio.", None),
        ("h", "Vinil De 180 Gramas", None),
        ("d", "Ouça o novo single e o álbum completo.", None),
        ("h", "Edição Limitada Em Vinil", None),
        ("h", "Anitta Novo Álbum", None, ("Anitta",)),
        ("h", "Gravado Ao Vivo No Rio", None),
        ("d", "Dez músicas gravadas em Salvador, com a banda toda.", None),
        ("h", "Turnê Pelos EUA Em 2026", None),
        ("h", "Remix A 128 BPM", None),
    ],
)

IT = _cases(
    "it",
    [
        ("h", "Magliette Contraffatte Del Tour", FAKE),
        ("h", "Borse Replica Della Band", FAKE),
        ("h", "Scarica Gratis L'album", COPY),
        ("d", "Album trapelato da scaricare in torrent.", COPY),
        ("h", "Scommesse Live Sul Concerto", GAMBLING),
        ("d", "Concorso: in palio due biglietti per Milano.", GAMBLING),
        ("h", "Clicca E Vinci Un Vinile", FEATURES),
        ("d", "Congratulazioni, hai vinto un pass VIP.", FEATURES),
        ("d", "Non crederai a cosa è successo al concerto.", CLAIM),
        ("h", "La Migliore Band D'Italia", CLAIM),
        ("h", "Meglio Di Måneskin Dal Vivo", CLAIM),
        ("h", "Clicca Qui Per L'album", STYLE),
        ("d", "Rivendita di biglietti esauriti sopra il valore nominale.", TICKETS),
        ("h", "Biglietti Per Milano", TICKETS),
        ("h", "Chiama Lo 02 1234 5678", PHONE),
        ("h", "NUOVO ALBUM DISPONIBILE", CAP),
        ("h", "Ci Siamo!!", PUNCT),
        ("d", "Ascolta l'album  su tutte le piattaforme.", SPACE),
        ("h", "Testo Qui Del Titolo", STYLE),
        ("d", "Seguici su bit.ly/album-it subito.", DEST),
        ("h", "Ascoltalo Su Spotify", TM),
        ("p", "sconto", FEATURES),
        # clean
        ("h", "I Pirati Dal Vivo A Roma", None),  # a name, not a copy
        ("h", "Nuovo Album Disponibile", None),
        ("h", "Concerto Alle 21, Ora CET", None),
        ("d", "Prodotto da Dischi Luna S.p.A. a Milano.", None),
        ("h", "Vinile A 33 Giri", None),
        ("d", "Ascolta il nuovo singolo e l'album completo.", None),
        ("h", "Edizione Limitata In Vinile", None),
        ("h", "Måneskin Nuovo Album", None, ("Måneskin",)),
        ("h", "Registrato Dal Vivo A Roma", None),
        ("h", "Doppio LP E CD", None),
        ("d", "Dieci brani registrati a Napoli con la band.", None),
    ],
)

JA = _cases(
    "ja",
    [
        ("h", "ツアーTシャツのコピー品", FAKE),
        ("h", "偽ブランドのグッズ販売", FAKE),
        ("h", "アルバム無料ダウンロード", COPY),
        ("d", "流出音源をトレントで配布中。", COPY),
        ("h", "オンラインカジノで遊ぼう", GAMBLING),
        ("d", "抽選で2名様にサイン入りLPが当たる。", GAMBLING),
        ("h", "クリックで当選チャンス", FEATURES),
        ("d", "おめでとうございます、あなたが当選しました。", FEATURES),
        ("d", "衝撃のライブ映像を公開。", CLAIM),
        ("h", "日本一のロックバンド", CLAIM),
        ("h", "史上最高のアルバム", CLAIM),
        ("h", "ここをクリックして試聴", STYLE),
        ("h", "チケット好評発売中", TICKETS),
        ("d", "完売公演のリセール受付中。", TICKETS),
        ("h", "電話03-1234-5678まで", PHONE),
        ("h", "お問い合わせ０３－１２３４－５６７８", PHONE),
        ("h", "新曲🔥配信開始", PUNCT),
        ("h", "ｱﾙﾊﾞﾑ配信開始", PUNCT),
        ("h", "SPOTIFYで配信中", TM),
        ("h", "レコチョクで配信中", TM),
        ("h", "ぴあで発売中", TM),
        ("d", "詳しくはbit.ly/jp-albumへ。", DEST),
        ("h", "ダミーテキスト見出し", STYLE),
        ("h", "新作アルバムの", STYLE),
        ("h", "ニューアルバム発売記念の特別ライブ開催決定", LIMIT),
        # clean
        ("h", "新アルバム配信開始", None),
        ("h", "限定盤3枚組", None),
        ("h", "全12曲収録", None),
        ("h", "東京公演は5月3日", None),
        ("d", "Lunaの新作を今すぐ聴こう。全10曲。", None, ("Luna",)),
        ("h", "LPとCDで発売", None),
        ("h", "開演19時 JST", None),
        ("d", "アナログ盤は180g重量盤です。", None),
        ("h", "Lunaの新曲", None, ("Luna",)),
        ("h", "ライブ映像を公開", None),
        ("d", "新曲のミュージックビデオを公開しました。", None),
        ("h", "2枚組LP発売", None),
    ],
)

KO = _cases(
    "ko",
    [
        ("h", "투어 티셔츠 짝퉁 판매", FAKE),
        ("h", "가품 굿즈 특가", FAKE),
        ("h", "앨범 무료 다운로드", COPY),
        ("d", "유출 음원을 토렌트로 공유합니다.", COPY),
        ("h", "온라인 카지노 이벤트", GAMBLING),
        ("d", "추첨을 통해 2명에게 사인 LP 증정.", GAMBLING),
        ("h", "클릭하면 당첨 기회", FEATURES),
        ("d", "축하합니다! 당신이 당첨되었습니다.", FEATURES),
        ("d", "충격적인 공연 영상 공개.", CLAIM),
        ("h", "국내 최고의 밴드", CLAIM),
        ("h", "음원차트 1위 앨범", CLAIM),
        ("h", "BTS보다 나은 무대", CLAIM),
        ("h", "여기를 클릭해서 듣기", STYLE),
        ("h", "티켓 예매 오픈", TICKETS),
        ("d", "매진 공연 티켓 양도 받습니다.", TICKETS),
        ("h", "문의 02-1234-5678로", PHONE),
        ("h", "010-1234-5678로 문의", PHONE),
        ("h", "신곡 🔥 공개", PUNCT),
        ("h", "SPOTIFY에서 감상", TM),
        ("h", "멜론에서 스트리밍", TM),
        ("h", "인터파크 티켓 단독", TM),
        ("d", "자세한 내용은 bit.ly/kr-album 참고.", DEST),
        ("h", "더미 텍스트 제목", STYLE),
        ("h", "새 앨범을", STYLE),
        # clean
        ("h", "새 앨범 공개", None),
        ("h", "한정판 3장 세트", None),
        ("h", "총 12곡 수록", None),
        ("h", "서울 공연 5월 3일", None),
        ("d", "Luna의 새 앨범을 지금 들어 보세요.", None, ("Luna",)),
        ("h", "LP와 CD 발매", None),
        ("h", "오후 8시 KST 공개", None),
        ("d", "180g 중량반 LP로 발매됩니다.", None),
        ("h", "MØ의 신곡 공개", None, ("MØ",)),
        ("h", "라이브 영상 공개", None),
        ("d", "신곡 뮤직비디오를 공개했습니다.", None),
        ("h", "2LP 발매 소식", None),
    ],
)

CASES: list[Case] = EN + FR + DE + ES + PT + IT + JA + KO


def request(case: Case) -> tuple[dict, dict]:
    """The ad and context a case is checked in: the case's text at its place, neutral filler
    assets of the same language elsewhere."""
    heads, descs = (list(x) for x in FILLER[case.language])
    ad = {"headlines": heads, "descriptions": descs, "path1": "", "final_url": "https://luna.example.com/"}
    if case.where == "h":
        ad["headlines"] = [case.text, *heads]
    elif case.where == "d":
        ad["descriptions"] = [case.text, *descs]
    elif case.where == "p":
        ad["path1"] = case.text
    else:
        ad["final_url"] = case.text
    return ad, {"language": case.language, "brand_terms": list(case.brands)}


FIELD = {"h": "headlines[0]", "d": "descriptions[0]", "p": "path1", "u": "final_url"}
