"""The fault suite's crew: one `bandcrew up` on free ports with its own data directory, shared by
the modules here (every fault is recovered from before the next test runs, which is the point),
stopped at the end; the SIGTERM test starts its own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bandcrew.harness import Crew, start_crew


@pytest.fixture(scope="session")
def faulty_crew(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crew]:
    crew = start_crew(tmp_path_factory.mktemp("faults"))
    yield crew
    crew.stop()
