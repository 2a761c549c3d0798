"""`--engine dask` over a LocalCluster gives byte-for-byte the output of the local engine (after sorting)."""
import json
import time

import pytest

distributed = pytest.importorskip("dask.distributed")

from pipeline.batch import run as batch  # noqa: E402
from pipeline.batch.run import run  # noqa: E402
from pipeline.export.tables import SCHEMA  # noqa: E402

BODY = ("Sáng {d}/5, Ban Chỉ đạo phòng, chống thiên tai tỉnh {p} họp triển khai nhiệm vụ. Đồng chí Trịnh Văn Lợi, "
        "Phó Chủ tịch UBND tỉnh {p} chủ trì. Năm nay có {n} hộ dân phải di dời khỏi vùng sạt lở.")
PROVINCES = ["Yên Bái", "Quảng Nam", "Phú Yên", "Lâm Đồng", "Bắc Kạn"]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as c:
        yield c


def corpus(folder, n):
    folder.mkdir()
    (folder / "sub").mkdir()
    for i in range(n):
        where = folder / "sub" if i % 3 == 2 else folder  # doc_ids relative to the folder given: "sub/t002"
        (where / f"t{i:03d}.txt").write_text(BODY.format(d=i % 28 + 1, p=PROVINCES[i % 5], n=40 + i), encoding="utf-8")
    (folder / "broken.jsonl").write_text('{"id": "ok-1", "text": "Tin ngắn."}\n[oops\n', encoding="utf-8")
    return folder


def files(out):
    return {p.name: sorted(p.read_bytes().splitlines()) for p in sorted(out.iterdir()) if p.suffix in (".jsonl", ".csv")}


def test_dask_engine_matches_local_engine(tmp_path, cluster, monkeypatch):
    monkeypatch.setattr(batch, "PARTITION", 4)  # several partitions, collected in order
    src = corpus(tmp_path / "in", 11)
    local = run([src], tmp_path / "local", fmt="csv", workers=1)
    remote = run([src], tmp_path / "dask", fmt="csv", engine="dask", scheduler=cluster.scheduler_address)
    assert (remote.docs, remote.errors) == (local.docs, local.errors) == (12, 1)
    assert files(tmp_path / "dask") == files(tmp_path / "local")
    assert len(files(tmp_path / "dask")) == 2 + len(SCHEMA)  # records, errors and every table
    ids = {json.loads(line)["doc_id"] for line in (tmp_path / "dask" / "records.jsonl").open(encoding="utf-8")}
    assert {"t000", "sub/t002", "ok-1"} <= ids


def test_dask_engine_resumes(tmp_path, cluster):
    src = corpus(tmp_path / "in", 6)
    run(sorted(src.glob("t00[0-3].txt")), tmp_path / "out", fmt="csv", workers=1)
    stats = run([src], tmp_path / "out", fmt="csv", engine="dask", scheduler=cluster.scheduler_address, resume=True)
    assert (stats.skipped, stats.docs) == (3, 4)
    run([src], tmp_path / "fresh", fmt="csv", workers=1)
    assert files(tmp_path / "out") == files(tmp_path / "fresh")


def test_relative_paths_are_read_where_the_client_is(tmp_path, monkeypatch):
    """A worker process runs in its own directory: the client sends absolute paths (the records keep the paths as
    given), so a relative input path reads the client's file, not a worker's."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "in").mkdir()  # a decoy where the worker would look: same relative path, other content
    (elsewhere / "in/t000.txt").write_text(BODY.format(d=1, p="Cà Mau", n=1), encoding="utf-8")
    monkeypatch.chdir(elsewhere)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", worker_dashboard_address=None) as process_cluster:  # its worker's directory: elsewhere
        client_dir = tmp_path / "client"
        client_dir.mkdir()
        corpus(client_dir / "in", 3)
        monkeypatch.chdir(client_dir)
        remote = run(["in"], tmp_path / "dask", fmt="csv", engine="dask", scheduler=process_cluster.scheduler_address)
    run(["in"], tmp_path / "local", fmt="csv", workers=1)
    assert (remote.docs, remote.errors) == (4, 1)
    assert files(tmp_path / "dask") == files(tmp_path / "local")  # same sources ("in/t000.txt"), same texts
    assert b"C\xc3\xa0 Mau" not in (tmp_path / "dask/records.jsonl").read_bytes()


def test_a_document_over_its_budget_on_a_dask_thread_is_an_error(tmp_path, cluster, monkeypatch):
    """Dask runs tasks in threads, where no alarm signal can be caught: the budget is raised in the thread."""
    from test_batch_faults import slow_stage
    slow_stage(monkeypatch, 600)
    src = corpus(tmp_path / "in", 3)
    (src / "slow.txt").write_text(BODY.format(d=3, p="Phú Yên", n=9), encoding="utf-8")
    start = time.monotonic()
    stats = run([src], tmp_path / "out", fmt="csv", engine="dask", scheduler=cluster.scheduler_address, doc_timeout=1)
    assert time.monotonic() - start < 60
    assert (stats.docs, stats.errors) == (4, 2)  # the slow one and the broken JSONL line
    assert any("timed out after 1 s" in line for line in (tmp_path / "out/errors.jsonl").read_text().splitlines())
