"""The API reference is complete and its examples are true."""

import doctest
from pathlib import Path

import vn_govie
from vn_govie.cli import build_parser

API = Path(__file__).resolve().parents[1] / "docs" / "api.md"


def test_the_examples_of_the_api_reference_run_as_written():
    failures, tried = doctest.testfile(str(API), module_relative=False, report=True,
                                       optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert tried > 40 and failures == 0


def _commands(parser, prefix=()):
    for action in parser._actions:
        for name, sub in getattr(action, "choices", None).items() if action.__class__.__name__ == "_SubParsersAction" else ():
            if any(a.__class__.__name__ == "_SubParsersAction" for a in sub._actions):
                yield from _commands(sub, prefix + (name,))
            else:
                yield " ".join(prefix + (name,)), sub


def test_every_public_name_and_command_is_described():
    text = API.read_text(encoding="utf-8")
    for name in vn_govie.__all__:
        assert f"`vn_govie.{name}" in text or f"`{name}" in text, name
    for command, _ in _commands(build_parser()):
        assert f"| `{command}` |" in text, command


def test_every_option_of_every_command_has_help():
    missing = [f"{command} {action.option_strings or action.dest}"
               for command, sub in _commands(build_parser())
               for action in sub._actions if not action.help and action.dest != "help"]
    assert missing == []
