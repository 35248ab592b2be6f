"""The process model: pure data and analysis. Imports nothing of ours above it."""

__all__: list[str] = []
