"""Every API key and secret the suite uses, in one place. Each suite keeps its own pair (so a leaked value names the
suite it came from); none is a real credential."""

from __future__ import annotations

#: The scripted exchange (tests/support/exchange.py; the ``exchange``, ``client`` and ``async_client`` fixtures).
KEY = "test-api-key-7f3a"
SECRET = "test-api-secret-do-not-leak-91c2"
#: The sandbox exchange's default account (polo_smartorders.sandbox.create_app) as the suites sign for it.
SANDBOX_KEY = "sandbox-key"
SANDBOX_SECRET = "sandbox-secret"
#: A second client of the end-to-end tests.
E2E_KEY, E2E_SECRET = "e2e-key", "e2e-secret"
OTHER_KEY, OTHER_SECRET = "other-key", "other-secret"
#: The hostile-answer servers (client/test_hostile.py).
HOSTILE_KEY = "hostile-key-3c1d"
HOSTILE_SECRET = "hostile-secret-9e7a"
#: The never-answering resolver (client/test_deadline_dns.py).
DNS_KEY = "dns-key-5b2e"
DNS_SECRET = "dns-secret-0d41"
#: The jittery exchange of reliability/test_ratelimit.py.
RATELIMIT_KEY, RATELIMIT_SECRET = "key", "secret"
#: The exhaustive explorer (support/explore.py).
EXPLORER_KEY = "explorer-key"
#: The regeneration probe (support/regeneration_probe.py), run in a copy of the repo.
PROBE_KEY, PROBE_SECRET = "probe-key", "probe-secret"
