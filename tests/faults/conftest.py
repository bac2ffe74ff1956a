"""The fault suite's crews: each module starts its own `bandcrew up` (the faults here break it), on
free ports with its own data directory, and stops it at the end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bandcrew.harness import Crew, start_crew


@pytest.fixture(scope="module")
def faulty_crew(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crew]:
    crew = start_crew(tmp_path_factory.mktemp("faults"))
    yield crew
    crew.stop()
