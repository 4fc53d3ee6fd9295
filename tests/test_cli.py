"""The ``vn-govie`` command line on files, folders and standard input."""

import io
import json
import sys

from vn_govie.cli import main

TEXT = "Chiều 11/10, Phó Chủ tịch UBND TP Hà Minh Hải chủ trì hội nghị tại Hà Nội."


def test_extract_a_file_as_json(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["extract", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"] == str(path)
    assert any(e["label"] == "PERSON" and e["text"] == "Hà Minh Hải" for e in data["entities"])


def test_extract_a_folder_as_jsonl_and_as_a_table(tmp_path, capsys):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    assert main(["extract", str(tmp_path), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [json.loads(line)["source"].rsplit("/", 1)[-1] for line in lines] == ["a.txt", "b.txt"]
    assert main(["extract", str(tmp_path / "a.txt"), "--format", "table"]) == 0
    assert "PERSON" in capsys.readouterr().out


def test_extract_from_standard_input(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(TEXT))
    assert main(["extract", "-", "--format", "jsonl"]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == TEXT


def test_a_missing_input_is_a_clear_error(tmp_path):
    try:
        main(["extract", str(tmp_path / "nope.txt")])
    except SystemExit as exit:
        assert "no such file" in str(exit.code)
    else:
        raise AssertionError("expected SystemExit")
