"""The practice sandbox of `polo-smartorders --sandbox`, kept between commands in an SQLite file.

One row holds the engine's whole state as JSON (`Sandbox.state()`: amounts as decimal text, no pickle), its markets
and balances included: `set_up` changes them (`--sandbox-markets`, `--sandbox-balance`) until a reset. Each command
opens a write transaction (BEGIN IMMEDIATE) before it loads the state and commits after it saved it, so two commands
run at once take turns instead of losing each other's orders.

Where: $POLO_SANDBOX_STATE if set, else the user's data directory ($XDG_DATA_HOME or ~/.local/share on Linux,
~/Library/Application Support on macOS, %LOCALAPPDATA% on Windows) / polo-smartorders / sandbox.sqlite3.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from decimal import Decimal
from pathlib import Path

from ._engine import Sandbox, funds
from ._errors import SandboxError
from ._markets import ZERO, Market

ENV_STATE: str = "POLO_SANDBOX_STATE"
APP_DIR = "polo-smartorders"
FILE_NAME = "sandbox.sqlite3"
#: How long a command waits for another one holding the sandbox before giving up, in seconds.
LOCK_TIMEOUT_S = 30.0

_SCHEMA = "CREATE TABLE IF NOT EXISTS sandbox (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL)"


class StateError(Exception):
    """The state file cannot be used (unreadable, locked too long, or not a sandbox state)."""


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The user's data directory for this program (created by `open_sandbox` when first needed)."""
    env = os.environ if environ is None else environ
    if sys.platform == "win32":
        base = env.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        xdg = env.get("XDG_DATA_HOME", "")
        base = xdg if os.path.isabs(xdg) else str(Path.home() / ".local" / "share")  # the spec: relative is ignored
    return Path(base) / APP_DIR


def state_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the practice sandbox lives: $POLO_SANDBOX_STATE, else `data_dir()` / sandbox.sqlite3."""
    env = os.environ if environ is None else environ
    override = env.get(ENV_STATE)
    return Path(override).expanduser() if override else data_dir(env) / FILE_NAME


def reset(path: Path) -> bool:
    """Forget the practice sandbox at `path` (waiting for a command using it); True if there was one."""
    if not path.exists():
        return False
    if path.is_dir():
        raise StateError(f"the sandbox state {path} is a directory: point {ENV_STATE} at a file")
    if not _is_sqlite(path):  # a damaged file (not a database at all): nothing in it to keep
        path.unlink()
        return True
    try:
        with _transaction(path) as connection:
            existed = connection.execute("DELETE FROM sandbox").rowcount > 0
    except StateError:  # a database damaged past reading: starting over is what was asked
        path.unlink()
        return True
    return existed


def _is_sqlite(path: Path) -> bool:
    with path.open("rb") as file:
        header = file.read(16)
    return header == b"SQLite format 3\x00" or header == b""


@contextmanager
def _transaction(path: Path) -> Iterator[sqlite3.Connection]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=LOCK_TIMEOUT_S, isolation_level=None)
    except (OSError, sqlite3.Error) as error:
        raise StateError(f"cannot open the sandbox state {path}: {error}") from None
    with closing(connection):
        try:
            connection.execute("BEGIN IMMEDIATE")  # the write lock first: concurrent commands take turns
            connection.execute(_SCHEMA)
        except sqlite3.Error as error:
            raise StateError(f"cannot use the sandbox state {path}: {error}; --sandbox-reset starts over") from None
        try:
            yield connection
        finally:  # committed even when the command failed: what the sandbox did stays done (see open_sandbox)
            if connection.in_transaction:
                connection.execute("COMMIT")


@contextmanager
def open_sandbox(path: Path) -> Iterator[Sandbox]:
    """A sandbox engine with the state saved at `path` (a new one if none); its state is saved back on exit.

    Holds the file's write lock from loading to saving. The state is saved also when the block raises (the engine
    is consistent after any operation: what the exchange did stays done), except when it could not be loaded.
    """
    with _transaction(path) as connection:
        engine = Sandbox()
        row = connection.execute("SELECT state FROM sandbox WHERE id = 1").fetchone()
        if row is not None:
            try:
                engine.restore(json.loads(row[0]))
            except (ValueError, TypeError, RecursionError, ArithmeticError) as error:  # JSONDecodeError: ValueError
                raise StateError(
                    f"the sandbox state {path} is not usable ({error}); --sandbox-reset starts over"
                ) from None
        try:
            yield engine
        finally:
            text = json.dumps(engine.state(), separators=(",", ":"))
            connection.execute("INSERT OR REPLACE INTO sandbox (id, state) VALUES (1, ?)", (text,))


def set_up(
    engine: Sandbox, markets: Sequence[Market] = (), balances: Mapping[str, str | Decimal] | None = None
) -> None:
    """Trade `markets` (added, or replacing the market of the same symbol) and give every account `balances` (each
    currency set; from the first, an account holds no funds it was not given). All checked before anything changes:
    ValueError says what is wrong."""
    checked = funds(balances) or {}
    prices = engine.prices()
    for market in markets:  # Sandbox.set_market refuses a priceScale the market's price breaks: checked first here
        try:
            market.check_price("price", prices.get(market.symbol, ZERO))
        except SandboxError as error:
            raise ValueError(f"{error.message}: set a price it allows first") from None
    for market in markets:
        engine.set_market(market)
    for account in engine.accounts:
        for currency, amount in checked.items():
            engine.set_balance(account, currency, amount)
