"""The ``vn-govie`` command line on files, folders and standard input."""

import io
import unicodedata
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


def test_a_missing_input_is_a_clear_error(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.txt")]) == 2
    assert "no such file or directory" in capsys.readouterr().err


def test_a_folder_is_one_json_array_without_the_texts(tmp_path, capsys):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    assert main(["extract", str(tmp_path), "--no-text"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["source"].rsplit("/", 1)[-1] for d in data] == ["a.txt", "b.txt"]
    assert all("text" not in d for d in data)


def _cp1258(ch: str) -> bytes:
    """Windows-1258, the old Vietnamese code page: precomposed where it can, else a base and marks."""
    import unicodedata

    parts = unicodedata.normalize("NFD", ch)
    forms = [ch, unicodedata.normalize("NFC", parts[:2]) + parts[2:], parts]
    if len(parts) == 3:
        forms.append(unicodedata.normalize("NFC", parts[0] + parts[2]) + parts[1])
    for form in forms:
        try:
            return form.encode("cp1258")
        except UnicodeEncodeError:
            continue
    raise ValueError(ch)


def test_utf8_with_a_bom_and_utf16_are_read_and_other_encodings_named(tmp_path, capsys):
    (tmp_path / "bom.txt").write_bytes("\ufeff".encode("utf-8") + TEXT.encode("utf-8"))
    (tmp_path / "wide.txt").write_bytes(TEXT.encode("utf-16"))
    (tmp_path / "legacy.txt").write_bytes(b"".join(_cp1258(ch) for ch in TEXT))
    assert main(["extract", str(tmp_path), "--format", "jsonl"]) == 1
    captured = capsys.readouterr()
    done = {json.loads(line)["source"].rsplit("/", 1)[-1]: json.loads(line) for line in captured.out.splitlines()}
    assert set(done) == {"bom.txt", "wide.txt"}
    assert all(d["text"] == TEXT for d in done.values())
    assert "legacy.txt: not UTF-8" in captured.err and "--encoding" in captured.err
    assert main(["extract", str(tmp_path / "legacy.txt"), "--encoding", "cp1258", "--format", "jsonl"]) == 0
    legacy = json.loads(capsys.readouterr().out)
    assert unicodedata.normalize("NFC", legacy["text"]) == TEXT
    assert any(e["label"] == "PERSON" for e in legacy["entities"])


def test_output_is_written_whole_or_not_at_all(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["extract", str(tmp_path / "in"), "--output", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))[0]["source"].endswith("a.txt")
    assert capsys.readouterr().out == ""
    assert main(["extract", str(tmp_path / "in"), "--output", "/dev/full/x.json"]) in (1, 2)
    assert capsys.readouterr().err.startswith("vn-govie: ")


def test_an_empty_folder_and_an_unknown_encoding_are_usage_errors(tmp_path, capsys):
    assert main(["extract", str(tmp_path)]) == 2
    assert "no .txt files" in capsys.readouterr().err
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    assert main(["extract", str(tmp_path), "--encoding", "klingon"]) == 2
    assert "unknown encoding" in capsys.readouterr().err


def test_csv_rows_of_each_record_kind_carry_the_document(tmp_path, capsys):
    import csv

    path = tmp_path / "a.txt"
    path.write_text("Chủ tịch UBND tỉnh Quảng Ninh Nguyễn Văn An chủ trì hội nghị ngày 12/3/2024. "
                    "Dự án đường Vành đai 4 có tổng mức đầu tư 5.092 tỷ đồng.", encoding="utf-8")
    assert main(["extract", str(path), "--format", "csv", "--records", "officials"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows == [{"document": str(path), "name": "Nguyễn Văn An", "position": "Chủ tịch",
                     "body": "UBND tỉnh Quảng Ninh"}]
    assert main(["extract", str(path), "--format", "csv", "--records", "projects"]) == 0
    (row,) = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert (row["fact"], row["amount"], row["currency"]) == ("allocation", "5092000000000", "VND")
    assert main(["extract", str(path), "--records", "projects"]) == 2  # --records needs --format csv or jsonl


def test_json_lines_of_one_record_kind_keep_each_record_whole(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("Chủ tịch UBND tỉnh Quảng Ninh Nguyễn Văn An chủ trì hội nghị ngày 12/3/2024.", encoding="utf-8")

    assert main(["extract", str(path), "--format", "jsonl", "--records", "officials"]) == 0

    (line,) = capsys.readouterr().out.splitlines()
    official = json.loads(line)
    assert official["document"] == str(path) and official["name"] == "Nguyễn Văn An"
    assert official["positions"] == [{"position": "Chủ tịch", "body": "UBND tỉnh Quảng Ninh"}]


def test_version_and_worker_options(tmp_path, capsys):
    import pytest

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.startswith("vn-govie ")
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    assert main(["extract", str(tmp_path), "--format", "jsonl", "--n-process", "2", "--batch-size", "1"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 3
    assert main(["extract", str(tmp_path), "--n-process", "0"]) == 2


def test_ctrl_c_keeps_the_finished_documents_whole(tmp_path, monkeypatch, capsys):
    import vn_govie.api as api

    real = api.extract_many

    def interrupted(texts, **kwargs):
        for k, result in enumerate(real(texts, **kwargs)):
            if k == 2:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(api, "extract_many", interrupted)
    for k in range(5):
        (tmp_path / f"{k}.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["extract", str(tmp_path), "-o", str(out)]) == 130
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 2  # a closed JSON array of the two finished
    assert "after 2 of 5 documents" in capsys.readouterr().err
