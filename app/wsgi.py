"""The WSGI entry point for gunicorn: ``gunicorn -w 4 app.wsgi:app``.

The application's own objects (routes, templates, the index's schema, the models'
metadata) live as long as the worker. Moved out of the garbage collector's reach once
built, they are no longer walked by every full collection: on the training plan (5 000
events) those collections were the slowest 5 % of requests (about 220 ms instead of 60).
"""

import gc

from app import create_app

app = create_app()
gc.collect()
gc.freeze()
