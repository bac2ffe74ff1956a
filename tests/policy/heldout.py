"""A second labelled set, written after the engine's rules were tuned on corpus.py and not used to
tune them: its figures (tests.policy.metrics --heldout) estimate how the rules generalise. Same
format as corpus.CASES."""

from __future__ import annotations

from tests.policy.corpus import (
    CAP,
    CLAIM,
    COPY,
    DEST,
    FAKE,
    FEATURES,
    GAMBLING,
    PHONE,
    PUNCT,
    SPACE,
    STYLE,
    TICKETS,
    TM,
    _cases,
)

HELDOUT = (
    _cases(
        "en",
        [
            ("h", "Counterfeit Tour Jackets", FAKE),
            ("d", "Cheap imitation Rolex watches with the band logo.", FAKE),
            ("h", "Rip The Album To MP3", COPY),
            ("d", "Get pirated copies of the deluxe edition here.", COPY),
            ("h", "Place Your Bets On The Encore", GAMBLING),
            ("d", "Win free tickets in our giveaway this week.", GAMBLING),
            ("h", "Tap To Win A Signed Guitar", FEATURES),
            ("h", "The Greatest Live Show Ever", CLAIM),
            ("h", "World's Best Jazz Trio", CLAIM),
            ("h", "Click Now To Hear It", STYLE),
            ("h", "Front Row Seats Left", TICKETS),
            ("d", "We resell tickets for sold out shows.", TICKETS),
            ("h", "Text 555 123 4567 For Info", PHONE),
            ("h", "FREE Vinyl Today", CAP),
            ("h", "Out Now???", PUNCT),
            ("h", "★ New Single ★", PUNCT),
            ("d", "Stream it now .Tickets soon.", SPACE),
            ("h", "Grab Ticketshere Today", STYLE),
            ("d", "Follow tinyurl.com/lunatour for dates.", DEST),
            ("h", "Now Playing On Apple Music", TM),
            ("h", "On Sale At Ticketmaster", TM),
            ("h", "New Album Out Now", None),
            ("h", 'Signed LP + 7" Bundle', None),
            ("h", "Live At 9 PM PST", None),
            ("d", "Ten songs written on the road, mixed in Berlin.", None),
            ("h", "The Deluxe Edition Is Here", None),
            ("d", "Watch the video, then hear the whole record.", None),
            ("h", "Mixed In Dolby Atmos", None),
        ],
    )
    + _cases(
        "fr",
        [
            ("h", "Fausses Casquettes De La Tournée", FAKE),
            ("d", "Mp3 gratuits de tout l'album, sans inscription.", COPY),
            ("h", "Tentez Votre Chance Ce Soir", GAMBLING),
            ("h", "Le Plus Grand Concert De L'année", CLAIM),
            ("d", "Prévente des billets dès vendredi.", TICKETS),
            ("h", "BIENTÔT EN CONCERT", CAP),
            ("h", "Clique Ici Pour Écouter", STYLE),
            ("h", "Nouvel Album En Vinyle", None),
            ("d", "Dix titres écrits en tournée et mixés à Paris.", None),
            ("h", "Concert Ce Soir À 21 h", None),
            ("h", "Édition Deluxe Disponible", None),
        ],
    )
    + _cases(
        "de",
        [
            ("h", "Nachgemachte Tour-Shirts", FAKE),
            ("d", "Das ganze Album gratis downloaden, ohne Anmeldung.", COPY),
            ("h", "Jetzt Gewinnen: Zwei Tickets", GAMBLING),
            ("h", "Unschlagbar Gut Live", CLAIM),
            ("d", "Restkarten für die ausverkaufte Tour.", TICKETS),
            ("h", "JETZT NEU IM SHOP", CAP),
            ("h", "Klick Hier Zum Anhören", STYLE),
            ("h", "Neues Album Auf Vinyl", None),
            ("d", "Zehn Songs, geschrieben auf Tour und gemischt in Köln.", None),
            ("h", "Konzert Heute Um 20 Uhr", None),
            ("h", "Deluxe-Edition Erhältlich", None),
        ],
    )
    + _cases(
        "es",
        [
            ("h", "Imitación Perfecta De Camisetas", FAKE),
            ("d", "Bájate gratis el disco completo en mp3.", COPY),
            ("h", "Participa Y Gana Entradas", GAMBLING),
            ("h", "El Mejor Directo Del Año", CLAIM),
            ("d", "Preventa de entradas desde el viernes.", TICKETS),
            ("h", "GRAN CONCIERTO HOY", CAP),
            ("h", "Pulsa Aquí Para Escuchar", STYLE),
            ("h", "Nuevo Disco En Vinilo", None),
            ("d", "Diez canciones escritas en la carretera.", None),
            ("h", "Concierto Hoy A Las 21 h", None),
        ],
    )
    + _cases(
        "pt",
        [
            ("h", "Camisetas Falsas Da Banda", FAKE),
            ("d", "Baixe de graça o álbum completo.", COPY),
            ("h", "Concorra A Ingressos VIP", GAMBLING),
            ("h", "O Melhor Show Do Ano", CLAIM),
            ("d", "Pré-venda de ingressos na sexta.", TICKETS),
            ("h", "GRANDE SHOW HOJE", CAP),
            ("h", "Clica Aqui Para Ouvir", STYLE),
            ("h", "Novo Álbum Em Vinil", None),
            ("d", "Dez músicas escritas na estrada.", None),
            ("h", "Show Hoje Às 21h", None),
        ],
    )
    + _cases(
        "it",
        [
            ("h", "Felpe Taroccate Del Tour", FAKE),
            ("d", "Scarica gratuitamente l'album completo.", COPY),
            ("h", "Partecipa E Vinci Biglietti", GAMBLING),
            ("h", "Il Miglior Concerto Dell'anno", CLAIM),
            ("d", "Prevendita dei biglietti da venerdì.", TICKETS),
            ("h", "GRANDE CONCERTO OGGI", CAP),
            ("h", "Clicca Ora Per Ascoltare", STYLE),
            ("h", "Nuovo Album In Vinile", None),
            ("d", "Dieci brani scritti in viaggio.", None),
            ("h", "Concerto Oggi Alle 21", None),
        ],
    )
    + _cases(
        "ja",
        [
            ("h", "スーパーコピーのグッズ", FAKE),
            ("d", "新譜を無料でダウンロードできます。", COPY),
            ("h", "抽選でチケットが当たる", GAMBLING),
            ("h", "世界一のライブバンド", CLAIM),
            ("h", "前売り券好評発売中", TICKETS),
            ("h", "こちらをクリックして再生", STYLE),
            ("h", "お電話は06-1234-5678へ", PHONE),
            ("h", "イープラスで先行受付", TM),
            ("h", "新作アルバム発売中", None),
            ("h", "全8曲を収録", None),
            ("h", "大阪公演19時開演", None),
            ("d", "Lunaが全国ツアーを開催します。", None, ("Luna",)),
        ],
    )
    + _cases(
        "ko",
        [
            ("h", "모조품 굿즈 판매", FAKE),
            ("d", "새 앨범을 무료로 다운로드하세요.", COPY),
            ("h", "경품 이벤트 응모하기", GAMBLING),
            ("h", "역대 최고의 라이브", CLAIM),
            ("h", "선예매 티켓 오픈", TICKETS),
            ("h", "지금 클릭하세요", STYLE),
            ("h", "전화 031-123-4567로 문의", PHONE),
            ("h", "벅스에서 듣기", TM),
            ("h", "새 앨범 발매 중", None),
            ("h", "총 8곡 수록", None),
            ("h", "부산 공연 오후 7시", None),
            ("d", "Luna가 전국 투어를 엽니다.", None, ("Luna",)),
        ],
    )
)
