"""Houqin's domain: peewee models and the regulations as plain functions. No Qt here."""
