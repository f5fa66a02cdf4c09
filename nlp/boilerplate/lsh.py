"""Candidate near-duplicate pairs by MinHash and locality-sensitive hashing (datasketch).

Each distinct normalised text is hashed once into a MinHash; :class:`CandidateIndex` queries
the LSH index before inserting, so every candidate pair comes out once, and the work grows
about linearly with the number of texts. Candidates are only candidates: the caller verifies
each pair exactly (:func:`nlp.boilerplate.shingles.jaccard`).

>>> from nlp.boilerplate.shingles import shingles
>>> index = CandidateIndex(threshold=0.5)
>>> index.add(0, shingles("资金按时足额拨付到位"))
[]
>>> index.add(1, shingles("资金按时足额拨付到位了"))
[0]
"""

from __future__ import annotations

from collections.abc import Set

from datasketch import MinHash, MinHashLSH

#: Permutations per MinHash: 64 keeps hashing cheap; exact verification removes the noise.
NUM_PERM = 64


def _identity(value: int) -> int:
    """Shingles arrive already hashed to 32 bits (see ``shingles.shingle_hash``)."""
    return value


class CandidateIndex:
    """An LSH index over MinHashes of shingle sets; ``add`` returns the earlier keys it collides with."""

    def __init__(self, *, threshold: float, num_perm: int = NUM_PERM, seed: int = 1) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.seed = seed
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._template = MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity)
        self.size = 0

    def minhash(self, shingle_set: Set[int]) -> MinHash:
        """The MinHash of one shingle set (permutations shared with the index)."""
        m = self._template.copy()
        m.update_batch(list(shingle_set))
        return m

    def query(self, shingle_set: Set[int]) -> tuple[MinHash | None, list[int]]:
        """The MinHash of ``shingle_set`` and the keys inserted before that collide with it."""
        if not shingle_set:
            return None, []
        m = self.minhash(shingle_set)
        return m, [int(k) for k in self._lsh.query(m)]

    def insert(self, key: int, minhash: MinHash | None) -> None:
        """Index ``minhash`` under ``key`` (an empty text, with no MinHash, is not indexed)."""
        if minhash is not None:
            self._lsh.insert(key, minhash, check_duplication=False)
            self.size += 1

    def add(self, key: int, shingle_set: Set[int]) -> list[int]:
        """Query, then insert: the earlier keys this set collides with."""
        m, found = self.query(shingle_set)
        self.insert(key, m)
        return found
