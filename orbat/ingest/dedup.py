"""Near-duplicates (syndicated wire copy): MinHash over word 5-shingles, LSH index.

Signatures are stored as bytes in the store's ``article_minhash`` table. datasketch (which
imports SciPy, about a second) and numpy are imported on the first signature, not with this module, so
paths that never compare texts (extract, a re-ingest of unchanged articles) do not pay for it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datasketch import MinHash

NUM_PERM = 128
SCHEME = "affine32"  # datasketch 2 hashing scheme; stored signatures assume it
SHINGLE = 5
_WORD = re.compile(r"\w+")
_RECALL_MARGIN = 0.15


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Lower-cased word n-grams; a text shorter than ``size`` words is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def minhash(text: str, num_perm: int = NUM_PERM) -> MinHash:
    """The MinHash signature of the text's word 5-shingles."""
    from datasketch import MinHash

    mh = MinHash(num_perm=num_perm, scheme=SCHEME)
    mh.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return mh


def to_bytes(mh: MinHash) -> bytes:
    """The signature's hash values as little-endian bytes."""
    import numpy as np

    values = np.asarray(mh.hashvalues)
    return values.astype(values.dtype.newbyteorder("<")).tobytes()


def from_bytes(data: bytes, num_perm: int = NUM_PERM) -> MinHash:
    """Inverse of ``to_bytes``; the item width is inferred from ``len(data) / num_perm``."""
    if num_perm <= 0 or len(data) % num_perm:
        raise ValueError(f"{len(data)} bytes is not a MinHash signature of {num_perm} values")
    import numpy as np
    from datasketch import MinHash

    width = len(data) // num_perm
    values = np.frombuffer(data, dtype=np.dtype(f"<u{width}"))
    return MinHash(num_perm=num_perm, hashvalues=values, scheme=SCHEME)


class NearDuplicateIndex:
    """Articles seen so far; ``query`` names the first one whose text is a near-duplicate."""

    def __init__(self, threshold: float = 0.8, num_perm: int = NUM_PERM) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        # LSH only proposes candidates: a lower banding threshold trades a few extra Jaccard
        # estimates for fewer missed copies; ``query`` then applies the real threshold.
        self._lsh = MinHashLSH(threshold=max(0.5, threshold - _RECALL_MARGIN), num_perm=num_perm)
        self._order: dict[str, int] = {}
        self._sigs: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._order

    def add(self, article_id: str, mh: MinHash) -> None:
        """Index an article's signature (adding a known id again does nothing)."""
        if article_id in self._order:
            return
        self._lsh.insert(article_id, mh)
        self._order[article_id] = len(self._order)
        self._sigs[article_id] = mh

    def query(self, mh: MinHash) -> str | None:
        """The earliest-added article whose estimated Jaccard similarity reaches the threshold."""
        hits = [
            key for key in self._lsh.query(mh)
            if self._sigs[key].jaccard(mh) >= self.threshold
        ]
        return min(hits, key=self._order.__getitem__, default=None)
