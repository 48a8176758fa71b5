import subprocess
import sys

import pytest
import typer.main
from typer.testing import CliRunner

from ficmeld import __version__
from ficmeld.cli import app

runner = CliRunner()


def all_commands(group=None, prefix=()):
    click_group = group or typer.main.get_command(app)
    for name, command in click_group.commands.items():
        path = prefix + (name,)
        yield path
        if hasattr(command, "commands"):
            yield from all_commands(command, path)


@pytest.mark.parametrize("path", list(all_commands()), ids=lambda p: " ".join(p))
def test_every_command_has_help(path):
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output
    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    assert command.help, f"`ficmeld {' '.join(path)}` has no help text"


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_module_entry_point():
    done = subprocess.run([sys.executable, "-m", "ficmeld", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and __version__ in done.stdout
