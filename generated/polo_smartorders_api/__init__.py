"""A client library for accessing Poloniex spot API v3 — smart orders"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
