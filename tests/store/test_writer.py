"""kg/store/writer.py: items are written in order by the background thread, and its errors reach the caller."""
from __future__ import annotations

import pytest

from kg.errors import StoreError
from kg.store.writer import Writer


def test_items_are_written_in_order_before_the_block_ends():
    done: list[int] = []
    with Writer(done.append, backlog=2) as writer:
        for n in range(100):
            writer.put(n)
    assert done == list(range(100))


def test_an_error_in_the_writer_is_raised_in_the_caller_and_nothing_after_it_is_written():
    done: list[int] = []

    def write(n: int) -> None:
        if n == 3:
            raise StoreError("disk full")
        done.append(n)

    with pytest.raises(StoreError, match="disk full"):
        with Writer(write, backlog=1) as writer:
            for n in range(50):
                writer.put(n)
    assert done == [0, 1, 2]


def test_without_a_thread_items_are_written_at_once():
    done: list[int] = []
    with Writer(done.append, threaded=False) as writer:
        writer.put(1)
        assert done == [1]
