"""Serialize: graphs to files and back: every format (`formats`), streamed N-Quads
(`stream`), atomic writes (`atomic`), reading graph files (`read`), Oxigraph store folders
(`store`), the stored extractions behind a graph (`extractions`), Graph Store pushes (`push`)."""
