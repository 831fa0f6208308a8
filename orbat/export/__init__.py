"""orbat.export"""
