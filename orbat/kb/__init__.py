"""orbat.kb"""
