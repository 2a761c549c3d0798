"""`--engine dask` over a LocalCluster gives byte-for-byte the output of the local engine (after sorting)."""
import json

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
