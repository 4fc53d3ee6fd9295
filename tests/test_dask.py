"""Extraction on a Dask cluster (``vn_govie.dask``, ``vn-govie extract DIR --dask``): same answers as one process.

One local cluster of two worker processes serves the whole module, as a real
cluster would: each worker loads the pipeline on its first task and keeps it.
"""

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("dask.distributed")  # a guard only: CI installs the [dask] extra

import dask.bag as db  # noqa: E402

import vn_govie  # noqa: E402
from vn_govie.cli import main  # noqa: E402
from vn_govie.dask import extract_bag, extract_dataframe  # noqa: E402

SENTENCES = [
    "Sáng 5/3, Chủ tịch UBND tỉnh Nguyễn Văn An chủ trì cuộc họp về giải ngân vốn đầu tư công.",
    "Dự án đường ven biển được bố trí 1.200 tỷ đồng từ ngân sách tỉnh.",
    "Thủ tướng Chính phủ ban hành Quyết định số 12/QĐ-TTg ngày 20/1/2024.",
    "Bộ trưởng Bộ Tài chính Trần Thị Bình dự hội nghị tại Hà Nội.",
    "Tỷ lệ giải ngân đạt 45,5% kế hoạch vốn.",
    "",
]
YEAR = 2024
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


@pytest.fixture(scope="module")
def texts(seed_texts):
    return list(seed_texts) + SENTENCES


@pytest.fixture(scope="module")
def serial(texts):
    """The single-process answer every distributed run must equal."""
    return [r.to_dict() for r in vn_govie.extract_many(texts, doc_year=YEAR)]


def test_a_bag_of_texts_gives_what_one_process_gives(client, texts, serial):
    bag = db.from_sequence(texts, npartitions=4)
    results = extract_bag(bag, doc_year=YEAR).compute()
    assert results == serial
    assert any(e["label"] == "PERSON" for r in results for e in r["entities"])


def test_ids_ride_along_with_pairs_and_dicts(client, texts, serial):
    items = [(f"doc-{i}", text) if i % 2 else {"id": i, "text": text, "url": "ignored"} for i, text in enumerate(texts)]
    results = extract_bag(db.from_sequence(items, npartitions=3), doc_year=YEAR).compute()
    assert [r.pop("id") for r in results] == [f"doc-{i}" if i % 2 else i for i in range(len(texts))]
    assert results == serial


def test_each_worker_loads_the_pipeline_once_and_keeps_it(client, texts):
    def pipeline():
        import vn_govie.api

        return sorted(vn_govie.api._cache), id(vn_govie.load())

    bag = db.from_sequence(SENTENCES, npartitions=4)
    extract_bag(bag).compute()
    before = client.run(pipeline)
    extract_bag(bag).compute()
    after = client.run(pipeline)
    assert after == before
    assert all(len(keys) == 1 for keys, _ in after.values())


def test_a_bad_item_is_a_type_error_naming_it(client):
    with pytest.raises(TypeError, match="item 1 of a partition is int"):
        extract_bag(db.from_sequence(["Hà Nội", 7], npartitions=1)).compute()
    with pytest.raises(TypeError, match=r"id 'a'.* text of type NoneType"):
        extract_bag(db.from_sequence([("a", None)], npartitions=1)).compute()
    with pytest.raises(TypeError, match="dict without a 'text' key"):
        extract_bag(db.from_sequence([{"id": 1, "body": "x"}], npartitions=1)).compute()
    with pytest.raises(TypeError, match="an id is a str or an int"):
        extract_bag(db.from_sequence([(1.5, "x")], npartitions=1)).compute()
    with pytest.raises(TypeError, match="expects a dask.bag.Bag"):
        extract_bag(SENTENCES)
    with pytest.raises(ValueError, match="batch_size"):
        extract_bag(db.from_sequence(SENTENCES), batch_size=0)


def test_a_dataframe_column_gives_one_result_per_row(client, texts, serial):
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    frame = pd.DataFrame({"doc": [f"d{i}" for i in range(len(SENTENCES))], "text": SENTENCES})
    df = dd.from_pandas(frame, npartitions=2)
    results = extract_dataframe(df, id_column="doc", doc_year=YEAR).compute()
    assert [r.pop("id") for r in results] == list(frame["doc"])
    assert results == serial[-len(SENTENCES):]
    assert extract_dataframe(df, doc_year=YEAR).compute() == serial[-len(SENTENCES):]
    with pytest.raises(KeyError, match="'body' is not a column"):
        extract_dataframe(df, text_column="body")


def _articles(folder):
    """The seed articles and the short sentences as .txt files, some in a subfolder."""
    (folder / "short").mkdir(parents=True)
    for path in sorted((ROOT / "corpus" / "seeds").glob("*.txt"))[:3]:
        shutil.copy(path, folder / path.name)
    for i, sentence in enumerate(SENTENCES[:4]):
        (folder / "short" / f"s{i}.txt").write_text(sentence, encoding="utf-8")
    return folder


def _parts(folder):
    return sorted(p.name for p in folder.iterdir())


def test_the_cli_writes_parts_whose_union_is_the_serial_output(client, tmp_path, capsys):
    articles = _articles(tmp_path / "articles")
    out = tmp_path / "parts"
    args = ["extract", str(articles), "--year", str(YEAR)]
    assert main([*args, "--dask", client.scheduler.address, "--output", str(out), "--partition-size", "3"]) == 0
    assert "7 documents in 3 parts" in capsys.readouterr().out
    assert _parts(out) == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]  # no temporary file left
    lines = [json.loads(line) for part in sorted(out.glob("part-*.jsonl")) for line in part.read_text("utf-8").splitlines()]
    assert main([*args, "--format", "jsonl", "--output", str(tmp_path / "serial.jsonl")]) == 0
    expected = [json.loads(line) for line in (tmp_path / "serial.jsonl").read_text("utf-8").splitlines()]
    ids = [line.pop("id") for line in lines]
    assert ids == [os.path.relpath(line["source"], articles).replace(os.sep, "/") for line in lines]
    assert "short/s0.txt" in ids
    assert lines == expected


def test_the_cli_names_an_unreadable_file_and_writes_the_rest(client, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SENTENCES[0], encoding="utf-8")
    (folder / "b.txt").write_bytes("Hà Nội".encode("cp1258", "replace") + b"\xff")
    out = tmp_path / "out"
    assert main(["extract", str(folder), "--dask", client.scheduler.address, "-o", str(out), "--no-text"]) == 1
    err = capsys.readouterr().err
    assert "b.txt: not UTF-8" in err and "1 of 2 inputs could not be read" in err
    [line] = (out / "part-00000.jsonl").read_text("utf-8").splitlines()
    assert json.loads(line)["id"] == "a.txt" and "text" not in json.loads(line)
    # the folder now holds parts: a second run into it is refused rather than mixed in
    assert main(["extract", str(folder), "--dask", client.scheduler.address, "-o", str(out)]) == 2
    assert "already holds part files" in capsys.readouterr().err


def test_the_cli_errors_are_one_line(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SENTENCES[0], encoding="utf-8")

    def error(*args):
        assert main(["extract", str(folder), *args]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err
        return err

    assert "give their folder with --output OUTDIR" in error("--dask", "tcp://127.0.0.1:1")
    monkeypatch.setattr("vn_govie.dask.CONNECT_TIMEOUT", 1)
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in error("--dask", "tcp://127.0.0.1:1",
                                                                          "-o", str(tmp_path / "o"))
    assert not (tmp_path / "o").exists()
    assert "--format csv does not go with it" in error("--dask", "tcp://127.0.0.1:1", "-o", "x", "--format", "csv")
    assert "--records does not go with --dask" in error("--dask", "tcp://127.0.0.1:1", "-o", "x", "--format", "jsonl",
                                                        "--records", "officials")
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if Dask were not installed
    assert "pip install 'vn_govie[dask]'" in error("--dask", "tcp://127.0.0.1:1", "-o", str(tmp_path / "o"))


def test_a_worker_killed_midway_loses_no_document(client, texts, serial, tmp_path):
    marker = tmp_path / "killed-once"
    victim = len(texts) - 2  # in the last partition, when others are done or under way

    def die_once(item):
        """Pass the item on, but kill this worker process the first time the victim comes by."""
        if item[0] == victim:
            try:
                os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                return item
            os._exit(1)
        return item

    before = set(client.run(os.getpid).values())
    bag = db.from_sequence(list(enumerate(texts)), npartitions=4).map(die_once)
    results = extract_bag(bag, doc_year=YEAR).compute()
    assert marker.exists()
    assert set(client.run(os.getpid).values()) != before  # a worker process did die
    assert [r.pop("id") for r in results] == list(range(len(texts)))
    assert results == serial
