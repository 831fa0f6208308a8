"""orbat.ingest: sources -> Article (readers, cleaning, language, identity, near-duplicates)."""

from orbat.ingest.clean import clean, find_regions
from orbat.ingest.dedup import NearDuplicateIndex, from_bytes, minhash, to_bytes
from orbat.ingest.language import detect_language, is_english
from orbat.ingest.meta import article_id, content_hash
from orbat.ingest.read import read_file, read_inputs
from orbat.ingest.source import ReadResult

__all__ = [
    "NearDuplicateIndex",
    "ReadResult",
    "article_id",
    "clean",
    "content_hash",
    "detect_language",
    "find_regions",
    "from_bytes",
    "is_english",
    "minhash",
    "read_file",
    "read_inputs",
    "to_bytes",
]
