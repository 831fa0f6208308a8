"""orbat.ontology"""
