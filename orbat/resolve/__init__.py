"""orbat.resolve"""
