"""orbat.store"""
