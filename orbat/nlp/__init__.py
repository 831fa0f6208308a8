"""orbat.nlp"""
