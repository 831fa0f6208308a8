"""orbat.events"""
