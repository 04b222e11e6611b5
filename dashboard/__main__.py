"""`python -m dashboard [--local] [--port N] [--address A]` (or `python PATH/TO/dashboard ...`
from another directory): start the dashboard from anywhere.

Streamlit reads its settings and secrets from the current directory as well as from beside the
script, and resolves relative paths from there: this launcher resolves the database and settings
paths the caller gave, then starts Streamlit from the top of the repository with the app's own
address and secrets file named explicitly. `--local` chooses local single-user mode (every team,
no sign-in), which serves this machine only.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# Run as `python path/to/dashboard`, the folder holding core/ is not on the path yet.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.settings import ACCESS_MODE_ENV, LOOPBACK, REPO_ROOT, SECRETS_FILE

APP = REPO_ROOT / "dashboard" / "app.py"
DEFAULT_ADDRESS = "127.0.0.1"
DEFAULT_PORT = 8501
PATH_VARIABLES = ("COMPLIANCE_DB", "COMPLIANCE_SETTINGS")


def streamlit_command(address: str, port: int) -> list[str]:
    """The `streamlit run` command line for the app, its address and secrets named."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        f"--server.address={address}",
        f"--server.port={port}",
        f"--secrets.files={SECRETS_FILE}",
    ]


def launch_environment(environ: dict[str, str], cwd: Path, local: bool) -> dict[str, str]:
    """The environment for Streamlit: paths made absolute from cwd, and the mode if --local."""
    env = dict(environ)
    for name in PATH_VARIABLES:
        if env.get(name):
            env[name] = str((cwd / env[name]).resolve())
    if local:
        env[ACCESS_MODE_ENV] = "local"
    return env


def main(argv: list[str] | None = None) -> int:
    """Start Streamlit in place of this process (exit status 2 on a usage mistake)."""
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    parser.add_argument(
        "--local",
        action="store_true",
        help="local single-user mode: no sign-in, every team, served on this machine only",
    )
    parser.add_argument("--address", default=DEFAULT_ADDRESS, help="default 127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="default 8501")
    args = parser.parse_args(argv)
    if args.local and args.address not in LOOPBACK:
        print(
            f"--local serves this machine only (every team, no sign-in): it cannot listen on "
            f"{args.address}. Configure sign-in for a shared server (docs/access.md).",
            file=sys.stderr,
        )
        return 2
    env = launch_environment(dict(os.environ), Path.cwd(), args.local)
    mode = (
        "local single-user mode (--local): no sign-in, every team"
        if args.local
        else f"access mode from {ACCESS_MODE_ENV} or settings (sign_in unless set to local)"
    )
    print(f"dashboard: {mode}; http://{args.address}:{args.port}", file=sys.stderr, flush=True)
    os.chdir(REPO_ROOT)
    os.execve(sys.executable, streamlit_command(args.address, args.port), env)
    return 0  # not reached: execve replaces this process


if __name__ == "__main__":
    sys.exit(main())
