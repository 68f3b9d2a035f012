"""The preview's background job (preview/background.py): a newer job replaces the running one instead
of waiting for it; a failing job is logged; without fork the job runs in a thread and is waited for."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from disclosure import forks
from disclosure.preview.background import Background

needs_fork = pytest.mark.skipif(not Background().fork, reason="forked jobs need os.fork and os.waitid")


def writer(path: Path, text: str, slow: bool = False):
    def job() -> None:
        if slow:  # a job still running when the next one starts
            time.sleep(60)
        path.write_text(text, encoding="utf-8")
    return job


@needs_fork
def test_a_newer_job_stops_the_running_one(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="mkdocs.disclosure.serve")
    background = Background()
    background.start(writer(tmp_path / "first", "old", slow=True))
    background.start(writer(tmp_path / "second", "new"))
    background.settle()  # had the first job been waited for, it would have written its file by now
    assert (tmp_path / "second").read_text(encoding="utf-8") == "new"
    assert not (tmp_path / "first").exists()
    assert caplog.text.count("导出文件和检索数据已更新") == 1


@needs_fork
def test_a_batch_ends_when_its_last_job_ends(tmp_path, caplog):
    """An update's exports start beside its pages, its search data after them: one end is logged, after both."""
    caplog.set_level(logging.INFO, logger="mkdocs.disclosure.serve")
    background = Background()
    background.start(writer(tmp_path / "exports", "导出"), jobs=2)
    time.sleep(0.5)  # the first job has ended: the batch has not
    assert "导出文件和检索数据已更新" not in caplog.text
    background.add(writer(tmp_path / "search", "检索"))
    background.settle()
    assert (tmp_path / "exports").exists() and (tmp_path / "search").exists()
    assert caplog.text.count("导出文件和检索数据已更新") == 1


@needs_fork
def test_a_newer_batch_stops_every_job_of_the_running_one(tmp_path):
    background = Background()
    background.start(writer(tmp_path / "exports", "旧", slow=True), jobs=2)
    background.add(writer(tmp_path / "search", "旧", slow=True))
    background.start(writer(tmp_path / "exports2", "新"))
    background.settle()
    assert (tmp_path / "exports2").exists()
    assert not (tmp_path / "exports").exists() and not (tmp_path / "search").exists()


@needs_fork
def test_stopping_a_job_stops_the_child_it_forked(tmp_path):
    """The job writes the full-text index in a child of its own (forks.aside): a newer save stops both."""
    started, late = tmp_path / "started", tmp_path / "late"

    def grandchild() -> None:
        time.sleep(1)
        late.write_text("写于停止之后", encoding="utf-8")

    def job() -> None:
        written = forks.aside(grandchild)
        started.write_text("", encoding="utf-8")
        written()

    background = Background()
    background.start(job)
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    background.stop()
    time.sleep(2)
    assert started.exists() and not late.exists()


@needs_fork
def test_the_job_works_on_the_state_it_was_started_with(tmp_path):
    background = Background()
    state = {"title": "保存时的标题"}
    background.start(lambda: (tmp_path / "out").write_text(state["title"], encoding="utf-8"))
    state["title"] = "之后改的标题"  # the next update changes the build state at once
    background.settle()
    assert (tmp_path / "out").read_text(encoding="utf-8") == "保存时的标题"


@needs_fork
def test_a_failing_job_is_logged(caplog):
    background = Background()

    def failing() -> None:
        raise OSError("磁盘已满")

    background.start(failing)
    background.settle()
    assert "没有写完" in caplog.text


def test_without_fork_the_job_runs_in_a_thread_and_the_next_update_waits(tmp_path):
    background = Background(fork=False)
    background.start(writer(tmp_path / "out", "线程"))
    background.before_update()
    assert (tmp_path / "out").read_text(encoding="utf-8") == "线程"
    background.start(writer(tmp_path / "out", "第二次"))
    background.stop()  # a thread cannot be stopped: it is waited for
    assert (tmp_path / "out").read_text(encoding="utf-8") == "第二次"


@needs_fork
def test_written_says_whether_the_last_job_of_a_name_wrote_everything(tmp_path):
    background = Background()
    assert background.written("exports")  # nothing started: the full build wrote everything
    background.start(writer(tmp_path / "a", "一"), jobs=2, name="exports")
    background.add(writer(tmp_path / "b", "二"))
    background.settle()
    assert background.written("exports")
    background.start(writer(tmp_path / "c", "三", slow=True), name="exports")
    assert not background.written("exports")  # still running
    background.start(writer(tmp_path / "d", "四"))  # a batch without exports stops it
    background.settle()
    assert not background.written("exports")  # stopped before it wrote: another batch's end does not change that
    background.forget()  # a full build has written everything again
    assert background.written("exports")


def test_a_failing_job_in_a_thread_is_logged_and_left_unwritten(caplog):
    background = Background(fork=False)

    def failing() -> None:
        raise OSError("磁盘已满")

    background.start(failing, name="exports")
    background.settle()
    assert "没有写完" in caplog.text and not background.written("exports")
