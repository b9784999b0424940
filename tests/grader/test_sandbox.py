"""The grading sandbox (bubblewrap): what student code can see, reach and use."""

import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from nn_course import sandbox
from nn_course.course import Course

if not sandbox.available():
    if os.environ.get("NN_COURSE_REQUIRE_SANDBOX"):
        pytest.fail("bubblewrap is required (NN_COURSE_REQUIRE_SANDBOX=1) but not usable",
                    pytrace=False)
    pytest.skip("bubblewrap (bwrap) is not available", allow_module_level=True)

COURSE = Course()


def run_cells(*sources, folder=None):
    """Outputs (text or 'Error: message') of each cell, run in a sandboxed kernel."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    client = NotebookClient(nb, kernel_manager_class=sandbox.SandboxedKernelManager, timeout=60,
                            allow_errors=True,
                            resources={"metadata": {"path": str(folder or tempfile.gettempdir())}})
    client.execute()
    return ["".join(o.get("text", "") if o.output_type == "stream"
                    else f"{o.get('ename', '')}: {o.get('evalue', '')}" for o in c.outputs).strip()
            for c in nb.cells]


@pytest.fixture(scope="module")
def listener():
    """A TCP server of this (the grader's) machine the sandbox must not reach."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    yield server.getsockname()[1]
    server.close()


def test_student_code_sees_only_the_system_python_and_its_working_copy(tmp_path, listener):
    (tmp_path / "data.csv").write_text("1,2\n")
    (tmp_path / "01_perceptron.ipynb").write_text("{}")  # the notebook with hidden tests
    secret = COURSE.solution_notebook(COURSE.assignments()[0])
    host_tmp = Path(tempfile.gettempdir()) / "nn-course-host-file"
    host_tmp.write_text("another user's file")
    uid, listing, solutions, course_root, tmp, env, net = run_cells(
        "import os; print(os.getuid())",
        "print(sorted(os.listdir('.')))",
        f"open({str(secret)!r})",
        f"os.listdir({str(COURSE.root)!r})",
        "print(os.listdir('/tmp'))",
        "print(os.environ.get('NN_COURSE_GRADING'), 'JPY_PARENT_PID' in os.environ)",
        f"import socket; socket.create_connection(('127.0.0.1', {listener}), timeout=2)",
        folder=tmp_path)
    assert uid == (str(sandbox.NOBODY) if os.geteuid() == 0 else str(os.geteuid()))
    assert listing == "['data.csv']"
    assert solutions.startswith("FileNotFoundError") and course_root.startswith(
        "FileNotFoundError")
    assert host_tmp.name not in tmp  # a private /tmp
    assert env == "1 False"
    assert net.startswith(("ConnectionRefusedError", "OSError")), net


def limited(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    runtime = Path(tempfile.mkdtemp())
    command = sandbox.wrap([sys.executable, "-c", code], tmp_path, runtime,
                           sandbox.Limits(memory_bytes=1024**3, processes=32))
    os.chmod(tmp_path, 0o777)
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_memory_limit_raises_memory_error(tmp_path):
    result = limited("b = bytearray(2 * 1024**3)", tmp_path)
    assert "MemoryError" in result.stderr


def test_process_limit_stops_a_fork_bomb(tmp_path):
    code = ("import os, time\nn = 0\ntry:\n    while True:\n        if os.fork() == 0:\n"
            "            time.sleep(5); os._exit(0)\n        n += 1\n"
            "except OSError as e:\n    print('stopped after', n, type(e).__name__)")
    result = limited(code, tmp_path)
    assert "stopped after" in result.stdout and "BlockingIOError" in result.stdout
    assert int(result.stdout.split()[2]) < 32


def test_files_written_outside_the_working_copy_do_not_persist(tmp_path):
    marker = Path(tempfile.gettempdir()) / "nn-course-sandbox-marker"
    marker.unlink(missing_ok=True)
    limited(f"open({str(marker)!r}, 'w').write('x')", tmp_path)
    assert not marker.exists()
