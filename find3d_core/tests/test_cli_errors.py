"""The CLI's error handling and its plugin commands (entry points; find3d_ros adds `bag` this way)."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest

from find3d_core import cli
from find3d_core.errors import UsageError

PLUGIN = '''
"""say hello (a test plugin)"""
class Refused(Exception):
    pass

USER_ERRORS = (Refused,)

def add_arguments(parser):
    parser.add_argument("--times", type=int, default=1)

def run_from_args(args):
    if args.times < 0:
        raise Refused("times must be >= 0")
    print("hello " * args.times)
    return args.times
'''


@pytest.fixture
def hello_plugin(tmp_path, monkeypatch):
    (tmp_path / "hello_plugin.py").write_text(PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path))
    points = [EntryPoint("hello", "hello_plugin", cli.PLUGIN_GROUP)]
    monkeypatch.setattr(cli, "entry_points", lambda group: points if group == cli.PLUGIN_GROUP else [])


def test_a_plugin_command_runs_with_its_own_options_and_errors(hello_plugin, capsys):
    assert cli.main(["hello", "--times", "3"]) == 3
    assert capsys.readouterr().out.split() == ["hello"] * 3
    assert cli.main(["hello", "--times", "-1"]) == 2
    assert "find3d: error: times must be >= 0" in capsys.readouterr().err
    assert "say hello (a test plugin)" in cli.build_parser().format_help()


def test_a_known_plugin_that_is_not_installed_says_how_to_get_it(monkeypatch, capsys):
    monkeypatch.setattr(cli, "entry_points", lambda group: [])
    assert cli.main(["bag", "in.db3", "out", "--topic", "/points"]) == 2
    assert "pip install -e find3d_ros" in capsys.readouterr().err


def test_a_plugin_whose_dependencies_are_missing_is_reported(tmp_path, monkeypatch, capsys):
    (tmp_path / "broken_plugin.py").write_text("import a_package_that_is_not_there\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    points = [EntryPoint("bag", "broken_plugin", cli.PLUGIN_GROUP)]
    monkeypatch.setattr(cli, "entry_points", lambda group: points)
    assert cli.main(["bag", "x"]) == 2
    assert "a_package_that_is_not_there" in capsys.readouterr().err


def test_user_errors_are_one_line_but_bugs_keep_their_traceback(monkeypatch, capsys):
    def refuse(args):
        raise UsageError("nothing selected; pass --categories")

    def bug(args):
        raise ValueError("operands could not be broadcast together")

    monkeypatch.setitem(cli.COMMANDS, "info", refuse)
    assert cli.main(["info"]) == 2
    assert capsys.readouterr().err.strip() == "find3d: error: nothing selected; pass --categories"
    monkeypatch.setitem(cli.COMMANDS, "info", bug)
    with pytest.raises(ValueError, match="broadcast"):
        cli.main(["info"])


def test_a_bad_up_axis_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit):
        cli.main(["segment", "scan.pcd", "-q", "handle", "--up", "w"])
    assert "invalid choice: 'w'" in capsys.readouterr().err
