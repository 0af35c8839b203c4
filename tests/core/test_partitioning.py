"""Our murmur2 partitioner agrees with the Kafka client's default partitioner."""

from __future__ import annotations

from aiokafka.partitioner import DefaultPartitioner
from hypothesis import given
from hypothesis import strategies as st

from stream.core.dedupe import partition_for
from stream.core.partitioning import kafka_partition, murmur2


@given(st.binary(max_size=300), st.integers(min_value=1, max_value=64))
def test_same_partition_as_the_aiokafka_default_partitioner(key: bytes, partitions: int) -> None:
    """Every key and partition count maps where aiokafka's producer would send it."""
    expected = DefaultPartitioner()(key, list(range(partitions)), [])
    assert kafka_partition(key, partitions) == expected


def test_known_murmur2_values_of_the_java_client() -> None:
    """Values the Java client's Utils.murmur2 gives (as unsigned 32-bit)."""
    assert murmur2(b"21") == -973932308 & 0xFFFFFFFF
    assert murmur2(b"foobar") == -790332482 & 0xFFFFFFFF
    assert murmur2(b"a-little-bit-long-string") == -985981536 & 0xFFFFFFFF


def test_dedupe_keys_use_the_default_partitioner() -> None:
    """A producer keying by dedupe key with default settings hits the dedupe partition."""
    key = "url:news.example/2017/01/02/mosul"
    assert partition_for(key, 6) == DefaultPartitioner()(key.encode(), list(range(6)), [])
