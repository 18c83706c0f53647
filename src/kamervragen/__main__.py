"""``python -m kamervragen``: the same as the ``kamervragen`` command."""

from kamervragen.cli import app

if __name__ == "__main__":
    app(prog_name="kamervragen")
