"""orbat.geo"""
