// Keeps the reference library non-empty while tests/reference has no sources.
