"""Pipeline: composition only. `build` reads inputs, runs an engine (`local` or `dask`) and
resolves entities into a `Build`; `write` writes a build's files."""
