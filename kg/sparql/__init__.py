"""SPARQL: safe queries (`query`), named queries (`named`), result formats (`results`), the
Oxigraph engine (`engine`), limits in a worker process (`sandbox`) and the endpoint
(`server`)."""
