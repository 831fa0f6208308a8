"""orbat.relations"""
