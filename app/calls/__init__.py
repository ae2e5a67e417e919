"""The shared call for projects (to come: issue "The shared call for projects").

Calls, applications, reviews and each member's decision on its share, on the shared
core, the network and the directory. Its layer is reserved in the import contracts
(pyproject.toml): it may import the agenda, the directory, the network and the core,
and only the web pages and the API may import it. Like every feature it will have an
``init_app(app)`` and one line in ``app.FEATURES``.
"""
