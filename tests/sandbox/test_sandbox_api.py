"""The sandbox over real HTTP, through the real client libraries: shapes, determinism, the
artist-universe rules, control endpoints and every injectable fault."""

from __future__ import annotations

import pytest
import requests
import spotipy
from serpapi import GoogleSearch
from spotipy.cache_handler import MemoryCacheHandler
from spotipy.oauth2 import SpotifyClientCredentials


def deezer(sandbox, path, **params):
    return requests.get(f"{sandbox.url}/deezer{path}", params=params, timeout=5)


def test_deezer_search_is_deterministic_and_ambiguous(sandbox):
    first = deezer(sandbox, "/search/artist", q="Björk").json()
    assert first == deezer(sandbox, "/search/artist", q="Björk").json()
    names = [a["name"] for a in first["data"]]
    assert names[0].startswith("Björk & ")  # Deezer's unhelpful order: a collaboration first
    assert "Björk" in names and "Björk Tribute Band" in names
    artist = next(a for a in first["data"] if a["name"] == "Björk" and a["nb_album"] > 1)
    for field in ("id", "link", "picture_medium", "picture_big", "nb_album", "nb_fan", "radio", "tracklist"):
        assert field in artist
    assert artist["type"] == "artist" and artist["sandbox"] is True
    assert artist["link"].startswith("https://sandbox.example.com/")
    # Accents and case do not change who the artist is.
    plain = deezer(sandbox, "/search/artist", q="bjork").json()["data"]
    assert max(a["nb_fan"] for a in plain if a["name"] == "bjork") == artist["nb_fan"]


def test_deezer_artist_endpoints_shapes(sandbox):
    found = deezer(sandbox, "/search/artist", q="Nekfeu").json()["data"]
    aid = next(a for a in found if a["name"] == "Nekfeu" and a["nb_album"] > 1)["id"]
    top = deezer(sandbox, f"/artist/{aid}/top", limit=5).json()
    assert len(top["data"]) == 5 and {"id", "title", "rank", "album"} <= set(top["data"][0])
    assert deezer(sandbox, f"/artist/{aid}/related").json()["data"][0]["type"] == "artist"
    albums = deezer(sandbox, f"/artist/{aid}/albums").json()["data"]
    assert {"id", "title", "release_date", "record_type", "genre_id"} <= set(albums[0])
    album = deezer(sandbox, f"/album/{albums[0]['id']}").json()
    assert album["genres"]["data"][0]["name"]
    assert deezer(sandbox, "/chart/0/artists").json()["data"][0]["position"] == 1
    assert deezer(sandbox, "/genre").json()["data"]
    assert deezer(sandbox, "/artist/1").json()["error"]["code"] == 800


@pytest.mark.parametrize("name, family_genre", [("방탄소년단", "K-Pop"), ("ヨルシカ", "J-Pop")])
def test_cjk_names_get_asian_pop(sandbox, name, family_genre):
    found = deezer(sandbox, "/search/artist", q=name).json()["data"]
    main = max((a for a in found if a["name"] == name), key=lambda a: a["nb_fan"])
    album = deezer(sandbox, f"/artist/{main['id']}/albums").json()["data"][0]
    genres = [g["name"] for g in deezer(sandbox, f"/album/{album['id']}").json()["genres"]["data"]]
    assert family_genre in genres


def test_unknown_and_near_miss_rules(sandbox):
    assert deezer(sandbox, "/search/artist", q="Qzzzzq").json() == {"data": [], "total": 0}
    near = [a["name"] for a in deezer(sandbox, "/search/artist", q="Lunaxxxx").json()["data"]]
    assert near and "Lunaxxxx" not in near


def test_spotify_through_spotipy(sandbox):
    auth = SpotifyClientCredentials("cid", "secret", cache_handler=MemoryCacheHandler())
    auth.OAUTH_TOKEN_URL = f"{sandbox.url}/spotify/api/token"
    sp = spotipy.Spotify(auth_manager=auth, retries=0, status_retries=0, requests_timeout=5)
    sp.prefix = f"{sandbox.url}/spotify/v1/"
    items = sp.search(q="Rosalía 🌹", type="artist", limit=10)["artists"]["items"]
    assert items[0]["name"] == "Rosalía 🌹" and items[0]["followers"]["total"] > 0
    aid = items[0]["id"]
    assert sp.artist(aid)["uri"] == f"spotify:artist:{aid}"
    assert len(sp.artist_top_tracks(aid)["tracks"]) == 10
    assert sp.artist_albums(aid)["items"][0]["release_date"]
    # A new app: the endpoints Spotify removed in November 2024.
    with pytest.raises(spotipy.SpotifyException) as related:
        sp.artist_related_artists(aid)
    assert related.value.http_status == 404
    with pytest.raises(spotipy.SpotifyException) as feats:
        sp.audio_features(["abc"])
    assert feats.value.http_status == 403
    requests.post(f"{sandbox.url}/_sandbox/config", json={"spotify_access": "extended"}, timeout=5)
    assert len(sp.artist_related_artists(aid)["artists"]) == 20
    requests.post(f"{sandbox.url}/_sandbox/config", json={"spotify_access": "dev_2026"}, timeout=5)
    assert "followers" not in sp.artist(aid)


def test_spotify_rejects_missing_token(sandbox):
    resp = requests.get(f"{sandbox.url}/spotify/v1/artists/x", timeout=5)
    assert resp.status_code == 401 and resp.json()["error"]["status"] == 401


def serp(sandbox, **params):
    client = GoogleSearch({**params, "api_key": "k"})
    client.BACKEND = f"{sandbox.url}/serpapi"
    client.timeout = 5
    return client.get_dict()


def test_serpapi_youtube_and_trends_shapes(sandbox):
    yt = serp(sandbox, engine="youtube", search_query="Aurora")
    assert yt["search_metadata"]["status"] == "Success" and yt["search_parameters"]["engine"] == "youtube"
    assert yt["channel_results"][0]["verified"] is True
    video = yt["video_results"][0]
    assert {"title", "link", "channel", "published_date", "views", "length", "thumbnail"} <= set(video)
    ts = serp(sandbox, engine="google_trends", q="Aurora", data_type="TIMESERIES")
    point = ts["interest_over_time"]["timeline_data"][0]
    assert point["values"][0]["extracted_value"] >= 0 and point["timestamp"].isdigit()
    geo = serp(sandbox, engine="google_trends", q="Aurora", data_type="GEO_MAP_0")
    assert geo["interest_by_region"][0]["extracted_value"] == 100
    rel = serp(sandbox, engine="google_trends", q="Aurora", data_type="RELATED_QUERIES")
    assert rel["related_queries"]["rising"][0]["value"] == "Breakout" and rel["related_queries"]["top"]
    assert "hasn't returned any results" in serp(sandbox, engine="youtube", search_query="zzzz")["error"]


def test_serpapi_requires_a_key(sandbox):
    resp = requests.get(
        f"{sandbox.url}/serpapi/search.json", params={"engine": "youtube", "search_query": "x"}, timeout=5
    )
    assert resp.status_code == 401 and "API key" in resp.json()["error"]


def test_chartmetric_token_then_obj_wrapped_reads(sandbox):
    base = f"{sandbox.url}/chartmetric"
    assert requests.get(f"{base}/api/search", params={"q": "x"}, timeout=5).status_code == 401
    tok = requests.post(f"{base}/api/token", json={"refreshtoken": "r"}, timeout=5).json()
    assert tok["expires_in"] == 3600
    h = {"Authorization": f"Bearer {tok['token']}"}
    found = requests.get(
        f"{base}/api/search", params={"q": "Aurora", "type": "artists"}, headers=h, timeout=5
    ).json()
    cid = found["obj"]["artists"][0]["id"]
    wpl = requests.get(f"{base}/api/artist/{cid}/where-people-listen", headers=h, timeout=5).json()["obj"]
    assert wpl["countries"] and wpl["cities"]
    assert requests.get(f"{base}/api/artist/{cid}/relatedartists", headers=h, timeout=5).json()["obj"]


def test_faults_over_http_and_call_counts(sandbox):
    sandbox.configure(
        faults="deezer:quota:1:1,deezer:429_7:1:1,deezer:503:1:1,deezer:malformed:1:1,deezer:error_700:1:1"
    )
    quota = deezer(sandbox, "/genre")
    assert quota.status_code == 200 and quota.json()["error"]["code"] == 4
    limited = deezer(sandbox, "/genre")
    assert limited.status_code == 429 and limited.headers["Retry-After"] == "7"
    assert deezer(sandbox, "/genre").status_code == 503
    with pytest.raises(ValueError):
        deezer(sandbox, "/genre").json()
    assert deezer(sandbox, "/genre").json()["error"]["code"] == 700
    assert "data" in deezer(sandbox, "/genre").json()  # faults used up
    assert sandbox.calls()["deezer"] == 6
    sandbox.reset()
    assert set(sandbox.calls().values()) == {0} and {"deezer", "openai", "gemini"} <= set(sandbox.calls())


def test_timeout_fault_outlasts_a_short_client_timeout(sandbox):
    sandbox.configure(faults="serpapi:timeout:1:1")
    with pytest.raises(requests.Timeout):
        requests.get(
            f"{sandbox.url}/serpapi/search.json",
            params={"engine": "youtube", "search_query": "a", "api_key": "k"},
            timeout=0.3,
        )


def test_bad_config_is_a_400_and_latency_is_applied(sandbox):
    resp = requests.post(f"{sandbox.url}/_sandbox/config", json={"faults": "deezer:boom"}, timeout=5)
    assert resp.status_code == 400 and "boom" in resp.json()["message"]
    sandbox.configure(latency_ms=150)
    assert requests.get(f"{sandbox.url}/_sandbox/config", timeout=5).json()["latency_ms"] == 150
    assert "data" in deezer(sandbox, "/genre").json()  # a delayed answer is still a full answer
