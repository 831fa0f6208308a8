"""orbat.web"""
