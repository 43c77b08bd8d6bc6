"""Readable sources of the demo snapshot. Every text here is original, written for vaultkit."""
