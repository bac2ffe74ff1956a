from __future__ import annotations

import pytest

from shared import store
from shared.models import CampaignRequest


def test_create_get_list_newest_first(redis_db):
    ids = [store.create(CampaignRequest(artist=f"Artist {i}"), mode="sandbox").id for i in range(3)]
    assert store.list_ids() == list(reversed(ids))
    assert [r.request.artist for r in store.list_records(limit=2)] == ["Artist 2", "Artist 1"]
    assert store.count() == 3
    assert store.get(ids[0]).state == "received"


def test_transition_is_guarded_and_records_history(redis_db):
    rec = store.create(CampaignRequest(artist="Björk"), mode="sandbox")
    moved = store.transition(rec.id, {"received"}, "analyzing")
    assert moved.state == "analyzing" and [m.state for m in moved.history] == ["received", "analyzing"]
    with pytest.raises(store.Conflict):
        store.transition(rec.id, {"received"}, "analyzing")  # a re-delivered step finds it moved on


def test_update_validates_before_writing(redis_db):
    rec = store.create(CampaignRequest(artist="Ok"), mode="sandbox")

    def corrupt(r):
        r.state = "nonsense"

    with pytest.raises(ValueError):
        store.update(rec.id, corrupt)
    assert store.get(rec.id).state == "received"  # nothing half-written


def test_parts_overwrite_on_rerun_and_delete(redis_db):
    rec = store.create(CampaignRequest(artist="X"), mode="sandbox")
    store.save_part(rec.id, "drafts", "brand", {"v": 1})
    store.save_part(rec.id, "drafts", "brand", {"v": 2})
    assert store.get_parts(rec.id, "drafts") == {"brand": {"v": 2}}
    store.delete(rec.id)
    assert store.get(rec.id) is None and store.get_parts(rec.id, "drafts") == {} and store.count() == 0
