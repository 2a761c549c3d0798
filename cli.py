"""vngov, the command line (typer): `uv run vngov …`, or `python cli.py …` from a checkout.

The commands are defined in pipeline/cli.py, inside the package, so that `pip install .` installs them with it.
"""
from pipeline.cli import app

if __name__ == "__main__":
    app()
