"""The grading sandbox (bubblewrap): what student code can see, reach and use, and its limits."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from nn_course import restricted, sandbox
from nn_course.course import Course

if not sandbox.available():
    if os.environ.get("NN_COURSE_REQUIRE_SANDBOX"):
        pytest.fail("bubblewrap is required (NN_COURSE_REQUIRE_SANDBOX=1) but not usable",
                    pytrace=False)
    pytest.skip("bubblewrap (bwrap) is not available", allow_module_level=True)

COURSE = Course()
ROOT = os.geteuid() == 0


class Manager(sandbox.SandboxedKernelManager):
    """A sandboxed kernel whose coursekit is the one 02_activations is graded with."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.overlays = {str(restricted.build("02_activations")):
                         str(restricted.package_folder())}


def run_cells(*sources):
    """Outputs (text or 'Error: message') of each cell, run in a sandboxed kernel."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    client = NotebookClient(nb, kernel_manager_class=Manager, timeout=60, allow_errors=True)
    client.execute()
    return ["".join(o.get("text", "") if o.output_type == "stream"
                    else f"{o.get('ename', '')}: {o.get('evalue', '')}" for o in c.outputs).strip()
            for c in nb.cells]


def run_code(code: str, limits: sandbox.Limits | None = None) -> subprocess.CompletedProcess:
    box = sandbox.Sandbox(limits or sandbox.Limits())
    try:
        return subprocess.run(box.wrap([sys.executable, "-c", code]), capture_output=True,
                              text=True, timeout=120)
    finally:
        box.close()


@pytest.fixture(scope="module")
def listener():
    """A TCP server of this (the grader's) machine the sandbox must not reach."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    yield server.getsockname()[1]
    server.close()


def test_student_code_sees_the_system_python_an_empty_folder_and_no_course(listener):
    secret = COURSE.solution_notebook(COURSE.assignments()[0])
    host_tmp = Path(tempfile.gettempdir()) / "nn-course-host-file"
    host_tmp.write_text("another user's file")
    source = restricted.package_folder() / "activations.py"
    uid, listing, solutions, course_root, tmp, env, net, maths, stub = run_cells(
        "import os; print(os.getuid())",
        "print(sorted(os.listdir('.')), os.getcwd())",
        f"open({str(secret)!r})",
        f"os.listdir({str(COURSE.root)!r})",
        "print(os.listdir('/tmp'))",
        "print('JPY_PARENT_PID' in os.environ, os.environ['HOME'])",
        f"import socket; socket.create_connection(('127.0.0.1', {listener}), timeout=2)",
        "from coursekit import activations; activations.sigmoid(0.0)",
        f"print('_CourseMaterialUnavailable' in open({str(source)!r}).read())")
    assert int(uid) >= sandbox.UID_BASE if ROOT else int(uid) == os.geteuid()
    assert listing == f"[] {sandbox.WORKDIR}"
    assert solutions.startswith("FileNotFoundError") and course_root.startswith(
        "FileNotFoundError")
    assert host_tmp.name not in tmp  # a private /tmp
    assert env == "False /tmp"
    assert net.startswith(("ConnectionRefusedError", "OSError")), net
    assert maths.startswith("CourseMaterialUnavailable: coursekit.activations.sigmoid is not "
                            "available while 02_activations is graded")
    assert stub == "True"  # not even the source of the maths is there


def test_memory_limit_raises_memory_error():
    result = run_code("b = bytearray(2 * 1024**3)",
                      sandbox.Limits(address_space_bytes=1024**3))
    assert "MemoryError" in result.stderr


def test_process_limit_stops_a_fork_bomb():
    code = ("import os, time\nn = 0\ntry:\n    while True:\n        if os.fork() == 0:\n"
            "            time.sleep(5); os._exit(0)\n        n += 1\n"
            "except OSError as e:\n    print('stopped after', n, type(e).__name__)")
    result = run_code(code, sandbox.Limits(processes=32))
    assert "stopped after" in result.stdout and "BlockingIOError" in result.stdout
    assert int(result.stdout.split()[2]) < 32


@pytest.mark.parametrize("folder", ["/tmp", sandbox.WORKDIR, "/dev/shm"])
def test_every_writable_folder_is_small_and_in_memory(folder):
    code = (f"import os\nchunk = b'x' * 2**20\nwritten = 0\ntry:\n    for i in range(200):\n"
            f"        with open(os.path.join({folder!r}, f'f{{i}}'), 'wb') as f:\n"
            "            f.write(chunk)\n        written += 1\n"
            "except OSError as e:\n    print(written, e.errno)")
    result = run_code(code, sandbox.Limits(folder_bytes=8 * 2**20))
    written, errno = result.stdout.split()
    assert int(written) <= 16 and errno == "28", result  # ENOSPC: no space left on device


def test_files_written_outside_the_sandbox_folders_do_not_reach_the_machine():
    marker = Path(tempfile.gettempdir()) / "nn-course-sandbox-marker"
    marker.unlink(missing_ok=True)
    result = run_code(f"open({str(marker)!r}, 'w').write('x')\nprint('written')")
    assert "written" in result.stdout and not marker.exists()


def test_the_sandbox_counts_its_own_cpu_time():
    box = sandbox.Sandbox()
    try:
        process = subprocess.Popen(box.wrap([sys.executable, "-c",
                                             "import time\nt = time.process_time()\n"
                                             "while time.process_time() - t < 1.0: pass\n"]))
        box.started(process.pid)
        process.wait(timeout=120)
        assert box.cpu_seconds() >= 0.9 if box.cgroup else True
    finally:
        box.close()


@pytest.mark.skipif(not ROOT, reason="separate users and cgroups need root")
def test_one_sandbox_using_up_its_processes_leaves_another_its_own():
    hog = sandbox.Sandbox(sandbox.Limits(processes=16))
    bomb = ("import os, time\ntry:\n    while True:\n        if os.fork() == 0:\n"
            "            time.sleep(30); os._exit(0)\nexcept OSError:\n"
            "    print('full', flush=True)\n    time.sleep(30)\n")
    holder = subprocess.Popen(hog.wrap([sys.executable, "-c", bomb]), stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "full"
        other = run_code("import subprocess\nprint(subprocess.run(['true']).returncode, "
                         "[__import__('os').fork() for _ in range(0)])",
                         sandbox.Limits(processes=16))
        assert other.stdout.strip() == "0 []", other
        assert hog.uid != sandbox.UID_BASE - 1 and hog.slot.number >= 0
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
        hog.close()


@pytest.mark.skipif(not ROOT, reason="separate users need root")
def test_concurrent_sandboxes_get_different_users():
    first, second = sandbox.Sandbox(), sandbox.Sandbox()
    try:
        assert first.uid != second.uid
    finally:
        first.close()
        second.close()
    again = sandbox.Sandbox()
    again.close()
    assert again.uid == first.uid  # a slot is free again once its sandbox is closed


@pytest.mark.skipif(not ROOT, reason="separate users need root")
def test_a_slots_folder_a_student_made_first_in_tmp_changes_nothing(tmp_path, monkeypatch):
    """In /tmp a student could make the folder of slots first: every sandbox failed."""
    planted = tmp_path / "nn-course-slots"
    planted.mkdir()
    os.chown(planted, 65534, 65534)  # nobody's
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    box = sandbox.Sandbox()
    box.close()
    assert box.uid is not None and not any(planted.iterdir())


def test_closing_a_sandbox_stops_what_it_left_running():
    box = sandbox.Sandbox()
    process = subprocess.Popen(box.wrap([sys.executable, "-c",
                                         "import os, time\nif os.fork() == 0:\n"
                                         "    time.sleep(60)\ntime.sleep(60)\n"]))
    box.started(process.pid)
    time.sleep(0.5)
    inner = box.inner_pid
    process.kill()
    process.wait()
    box.close()
    time.sleep(0.5)
    status = Path(f"/proc/{inner}/status")
    assert not status.exists() or "State:\tZ" in status.read_text()  # gone, or a zombie
