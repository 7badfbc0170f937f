"""Models of the people app."""
