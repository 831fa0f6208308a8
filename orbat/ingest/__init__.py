"""orbat.ingest"""
