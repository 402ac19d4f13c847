"""Viz: a graph -> an interactive HTML network: read it (`read`), choose what to draw
(`select`), lay it out (`layout`), build the vis-network data (`network`), write the page
(`page`)."""
