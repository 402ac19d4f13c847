"""Ingest: files, bytes, corpus records and texts -> cleaned `Article`s.

`kg.ingest.read.read_inputs` is the one reader every build path uses: files and folders
(`files`: find, decode and repair, web pages via `html`), JSONL corpora (`corpus`), texts;
then cleaning (`clean`), language (`language`), splitting (`split`).
"""
