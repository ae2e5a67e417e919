"""The agenda's blueprint, shared by its page views and its feed views."""

from flask import Blueprint

bp = Blueprint("agenda", __name__)
