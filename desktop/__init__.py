"""Houqin's front ends: the Qt desktop (``app``) and the command line (``cli``).

Importing this package imports no Qt; only ``desktop.app`` and the modules it loads do.
"""
