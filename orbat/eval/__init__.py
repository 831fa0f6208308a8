"""orbat.eval"""
