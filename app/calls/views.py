from app.calls.blueprint import bp  # noqa: F401
