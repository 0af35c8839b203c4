"""Kafka's default partitioner (murmur2 of the key), so re-keying can be skipped when a
producer already put a record where the re-keyed copy would go."""

from __future__ import annotations

__all__ = ["kafka_partition", "murmur2"]

_SEED = 0x9747B28C
_M = 0x5BD1E995
_MASK = 0xFFFFFFFF


def murmur2(data: bytes) -> int:
    """MurmurHash2 as the Java Kafka client computes it (unsigned 32-bit result)."""
    length = len(data)
    h = (_SEED ^ length) & _MASK
    whole = length - length % 4
    for index in range(0, whole, 4):
        k = int.from_bytes(data[index : index + 4], "little")
        k = (k * _M) & _MASK
        k ^= k >> 24
        k = (k * _M) & _MASK
        h = ((h * _M) & _MASK) ^ k
    tail = data[whole:]
    if len(tail) >= 3:
        h ^= tail[2] << 16
    if len(tail) >= 2:
        h ^= tail[1] << 8
    if tail:
        h = ((h ^ tail[0]) * _M) & _MASK
    h ^= h >> 13
    h = (h * _M) & _MASK
    return h ^ (h >> 15)


def kafka_partition(key: bytes, partitions: int) -> int:
    """The partition the default Kafka partitioner picks for `key` among `partitions`."""
    return (murmur2(key) & 0x7FFFFFFF) % partitions
