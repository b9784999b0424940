"""The grading executor: the student's cells in a sandbox, the tests in the grader.

:class:`GradingExecute` takes the place of nbgrader's ``Execute`` in the autograde pipeline. For
each submission it starts a sandboxed kernel (:mod:`nn_course.sandbox`) whose coursekit holds
only the material the notebook may use (:mod:`nn_course.restricted`), and walks the notebook
in order (:mod:`nn_course.plan`):

- student cells (and the locked cells they need) run in that kernel;
- each test cell runs in the grader's process (:mod:`nn_course.judge`), which calls the
  student's functions in the kernel with each case's arguments, as data
  (:mod:`nn_course.harness`), and judges what comes back. The test cell's outputs are the
  judge's verdict.

Faults cost only what they break. Time limits count the sandbox's CPU time, so a busy machine
does not change a verdict; a wall-clock limit (``wall_factor`` times longer) stops a kernel that
sleeps or hangs. A student cell past its limit, or that kills the kernel (``os._exit``, a crash,
the memory or process caps), is stopped: its output says why, a fresh kernel runs the cells
before it again, and grading goes on from the next cell. A call past its limit fails that case
the same way. Verdicts already reached are kept; when the notebook's CPU budget or its restarts
run out, the tests not reached yet fail with a note. Outputs are capped per cell and per
notebook, whatever their kind (``update_display_data`` and widget messages included).
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import zmq
import zmq.asyncio
from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Float, Integer

from coursekit.checks import ClosureOver, Outcome, PassedIn, describe_error
from coursekit.checks import _quietly as quietly
from coursekit.encoding import decode, encode
from coursekit.language import mark, tr
from nn_course import harness, plan, restricted, sandbox
from nn_course.judge import Judge, StudentFunction, error_output

FAULT_NAME = "GradingStopped"
# why grading stopped early (``finished``, compared: translated where shown)
OUT_OF_TIME = mark("the notebook used up its grading time")
TOO_MANY_RESTARTS = mark("the kernel was stopped too many times")
# what a stopped cell or call did ("this cell ...", "<function> ...")
BUDGET_USED = mark("used up the notebook's grading time")
KERNEL_DIED = mark("made the Python kernel stop (os._exit, a crash, or running out of the memory "
                   "or processes grading allows)")
COUNTED = {"stream", "display_data", "update_display_data", "execute_result", "error",
           "comm_open", "comm_msg"}
KEPT_MIME = {"text/plain", "image/png", "image/jpeg"}  # what a student's output may show
HARNESS = "nn_course_harness"  # the harness, in the kernel's sys.modules (%reset spares them)
INSTALL = ("import sys as _nn_sys, types as _nn_types\n"
           "_nn_sys.modules[{name!r}] = _nn_types.ModuleType({name!r})\n"
           "exec({source!r}, _nn_sys.modules[{name!r}].__dict__)\n"
           "del _nn_sys, _nn_types\n")


class Fault(Exception):
    """The student's kernel was stopped or died; the message says why."""


class GiveUp(Exception):
    """Grading of this notebook stops here (time budget or restarts used up)."""


class LocalKernelManager(AsyncKernelManager):
    """The unsandboxed kernel (no bubblewrap): only its CPU time is measured."""

    def cpu_seconds(self) -> float:
        pid = self.provisioner.pid if self.provisioner else None
        return sandbox.process_tree_cpu(pid) if pid else 0.0


class KernelChannel:
    """:class:`nn_course.judge.Channel` for the judge's thread: runs the requests on the
    executor's event loop, which owns the kernel."""

    def __init__(self, executor: GradingExecute, loop: asyncio.AbstractEventLoop):
        self.executor, self.loop = executor, loop

    def _run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    def lookup(self, names):
        return self._run(self.executor.lookup(names))

    def call(self, name, args, seconds, allowed):
        return self._run(self.executor.call(name, args, seconds, allowed))


class GradingExecute(Execute):
    """Grade one notebook: student cells in the sandbox, tests in the grader (module docs)."""

    cell_cpu_seconds = Float(60.0, help="CPU seconds one student cell may use.").tag(config=True)
    call_cpu_seconds = Float(
        10.0, help="CPU seconds one call of a student's function may use, at least.").tag(
        config=True)
    call_cpu_factor = Float(
        100.0, help="...or this many times what the reference took on the same case.").tag(
        config=True)
    notebook_cpu_seconds = Float(300.0, help="CPU seconds for the whole notebook.").tag(
        config=True)
    wall_factor = Float(
        4.0, help="A cell or call is also stopped after this many times its CPU limit of wall "
                  "time, plus wall_margin (a kernel that sleeps or hangs).").tag(config=True)
    wall_margin = Float(30.0, help="Seconds added to every wall-time limit.").tag(config=True)
    max_restarts = Integer(6, help="Fresh kernels after stopped cells, at most.").tag(config=True)
    max_output_bytes = Integer(100_000, help="Output bytes kept per cell.").tag(config=True)
    max_notebook_output_bytes = Integer(400_000, help="Output bytes kept per notebook.").tag(
        config=True)
    max_message_bytes = Integer(16 * 1024**2, help="Largest message a kernel may send.").tag(
        config=True)

    def __init__(self, *args, **kwargs):
        kwargs["kernel_manager_class"] = (sandbox.SandboxedKernelManager if sandbox.available()
                                          else LocalKernelManager)
        super().__init__(*args, **kwargs)
        self.interrupt_on_timeout = False  # a cell past its time is stopped, not interrupted
        self.shutdown_kernel = "immediate"

    # -- the notebook -------------------------------------------------------------------------

    def preprocess(self, nb, resources=None, km=None):
        self.nb, self.resources = nb, resources
        self.reset_execution_trackers()
        info = resources["nbgrader"]
        self.plan = plan.plan(nb, plan.course_cells(info["db_url"], info["notebook"],
                                                    info["assignment"]))
        self.coursekit = restricted.build(info["notebook"])
        self._async_run(self._grade())
        return self.nb, self.resources

    @staticmethod
    def _async_run(coroutine):
        """Run ``coroutine`` in a loop of its own, in a thread of its own (whatever loop the
        caller's thread may be running)."""
        with ThreadPoolExecutor(1) as runner:
            return runner.submit(asyncio.run, coroutine).result()

    async def _grade(self) -> None:
        self.stopped: dict[int, str] = {}
        self.finished: str | None = None  # why grading stopped early
        self.restarts, self.cpu_used, self.position = 0, 0.0, 0
        self.notebook_bytes = 0
        self.deadline = time.monotonic() + self._wall(self.notebook_cpu_seconds)
        channel = KernelChannel(self, asyncio.get_running_loop())
        judge_task = asyncio.ensure_future(asyncio.to_thread(
            Judge, self.plan.setup, self.plan.student_names, channel))
        try:
            await self._start_kernel()
            judge = await judge_task
            for index, cell in enumerate(self.nb.cells):
                self.position = index
                await self._grade_cell(judge, index, cell)
        finally:
            await self._stop_kernel()

    async def _grade_cell(self, judge: Judge, index: int, cell) -> None:
        self._check_budget()
        kind = self.plan.kinds.get(index)
        if kind == "test":
            cell.outputs = [error_output(FAULT_NAME, self._not_run())] if (
                self.finished) else await asyncio.to_thread(
                judge.run_test, self.plan.sources[index], cell.metadata.nbgrader["grade_id"])
        elif index in self.plan.in_kernel and not self.finished:
            try:
                await self._run_cell(index, cell)
            except Fault as fault:
                self.stopped[index] = tr(
                    "this cell {fault}; it scores 0, and the cells before it were run again in a "
                    "fresh kernel so that the rest of the notebook is graded").format(fault=fault)
                cell.outputs = [error_output(FAULT_NAME, self.stopped[index])]
                await self._restart()

    def _not_run(self) -> str:
        """Why a test was not run: grading stopped early (``finished``)."""
        return tr("not run: {why}").format(why=tr(self.finished))

    # -- the kernel ---------------------------------------------------------------------------

    def _wall(self, cpu_seconds: float) -> float:
        return self.wall_factor * cpu_seconds + self.wall_margin

    def _notebook_cpu(self) -> float:
        """CPU seconds this notebook's kernels have used so far."""
        km = getattr(self, "km", None)
        return self.cpu_used + (max(0.0, km.cpu_seconds() - self.kernel_cpu_start)
                                if km is not None else 0.0)

    def _check_budget(self) -> bool:
        """Whether the notebook has used up its CPU budget or its wall time (then grading
        stops: ``finished`` says why)."""
        if self._notebook_cpu() > self.notebook_cpu_seconds or time.monotonic() > self.deadline:
            self.finished = self.finished or OUT_OF_TIME
        return self.finished == OUT_OF_TIME

    async def _start_kernel(self) -> None:
        self.km = self.create_kernel_manager()
        self.km.context.setsockopt(zmq.MAXMSGSIZE, self.max_message_bytes)
        folder = str(restricted.package_folder())
        if isinstance(self.km, sandbox.SandboxedKernelManager):
            self.km.overlays = {str(self.coursekit): folder}
            await self.async_start_new_kernel()
        else:  # the restricted copy first on the path
            env = {**os.environ, "PYTHONPATH": str(self.coursekit.parent)}
            await self.async_start_new_kernel(env=env)
        await self.async_start_new_kernel_client()
        self.kernel_cpu_start = self.km.cpu_seconds()
        await self._exchange(INSTALL.format(name=HARNESS, source=Path(harness.__file__)
                                            .read_text()), self.cell_cpu_seconds)

    async def _stop_kernel(self) -> None:
        if getattr(self, "km", None) is not None:
            km = self.km
            await self._async_cleanup_kernel()
            self.cpu_used += max(0.0, km.cpu_seconds() - self.kernel_cpu_start)
            self.km = self.kc = None

    async def _restart(self) -> None:
        """A fresh kernel in the state the cells before the current position leave it."""
        while True:
            await self._stop_kernel()
            self.restarts += 1
            if self.restarts > self.max_restarts:
                self.finished = TOO_MANY_RESTARTS
            self._check_budget()
            if self.finished:
                return
            kept = self.notebook_bytes  # the replay's outputs are not kept, nor counted
            index = None
            try:
                await self._start_kernel()
                for index in self.plan.in_kernel:
                    if index < self.position and index not in self.stopped:
                        await self._run_cell(index, copy.deepcopy(self.nb.cells[index]))
                return
            except Fault as fault:
                if index is not None:
                    self.stopped[index] = tr(
                        "this cell {fault} when run again after a restart").format(fault=fault)
                    self.nb.cells[index].outputs = [error_output(FAULT_NAME,
                                                                 self.stopped[index])]
            finally:
                self.notebook_bytes = kept

    async def _watch(self, cpu_limit: float) -> str:
        """Stop the kernel once it uses ``cpu_limit`` more CPU seconds, or the notebook its
        budget; returns why (never returns otherwise)."""
        start = self.km.cpu_seconds()
        while True:
            await asyncio.sleep(0.1)
            used = self.km.cpu_seconds()
            if used - start > cpu_limit:
                why = tr("used more than {limit:g} s of CPU time (an infinite loop?)").format(
                    limit=cpu_limit)
            elif self._check_budget():
                why = tr(BUDGET_USED)
            else:
                continue
            await self.km.shutdown_kernel(now=True)
            return why

    async def _run_cell(self, index: int, cell) -> None:
        """Run one cell in the kernel (raises :class:`Fault` if it is stopped or kills it)."""
        if index in self.plan.sources:
            cell.source = self.plan.sources[index]  # the course's, for the locked cells
        self.cell_bytes = 0
        self.timeout = int(min(self._wall(self.cell_cpu_seconds),
                               max(1.0, self.deadline - time.monotonic())))
        watch = asyncio.ensure_future(self._watch(self.cell_cpu_seconds))
        try:
            await self.async_execute_cell(cell, index, store_history=True)
        except CellTimeoutError:
            raise Fault(tr("was stopped after {seconds} s (it was waiting, or far too "
                           "slow)").format(seconds=self.timeout)) from None
        except DeadKernelError:
            raise Fault(watch.result() if watch.done() else tr(KERNEL_DIED)) from None
        finally:
            watch.cancel()

    def process_message(self, msg, cell, cell_index):
        """Keep a cell's outputs, of every kind, until the cell's or notebook's cap; then one
        note. Displays keep only text and images (no HTML or script for a reader's browser)."""
        data = msg["content"].get("data")
        if isinstance(data, dict):  # no metadata: nbconvert writes it into <img> attributes
            msg["content"].update(data={k: v for k, v in data.items() if k in KEPT_MIME},
                                  metadata={})
            if not msg["content"]["data"]:
                return None
        if msg["msg_type"] in COUNTED:
            size = len(json.dumps(msg["content"], default=str))
            self.cell_bytes += size
            self.notebook_bytes += size
            if (self.cell_bytes > self.max_output_bytes
                    or self.notebook_bytes > self.max_notebook_output_bytes):
                note = tr("[output truncated: a cell may print or show {cell} kB, a notebook "
                          "{notebook} kB]").format(cell=self.max_output_bytes // 1000,
                                                   notebook=self.max_notebook_output_bytes
                                                   // 1000) + "\n"
                if not cell.outputs or cell.outputs[-1].get("text") != note:
                    cell.outputs.append(NotebookNode(output_type="stream", name="stdout",
                                                     text=note))
                return None
        return super().process_message(msg, cell, cell_index)

    # -- requests to the harness --------------------------------------------------------------

    async def _messages(self, timeout: float):
        """``(channel name, message)`` pairs ready within ``timeout`` seconds."""
        channels = {"iopub": self.kc.iopub_channel, "stdin": self.kc.stdin_channel,
                    "shell": self.kc.shell_channel}
        poller = zmq.asyncio.Poller()
        for channel in channels.values():
            poller.register(channel.socket, zmq.POLLIN)
        ready = dict(await poller.poll(timeout * 1000))
        out = []
        for name, channel in channels.items():
            if channel.socket in ready:
                out.append((name, await channel.get_msg(timeout=0)))
        return out

    async def _exchange(self, code: str, cpu_limit: float, callback=None):
        """Run ``code`` quietly in the kernel: the last reply it displayed (None if none).
        ``callback(prompt)`` answers its requests on the stdin channel. Raises :class:`Fault`
        when it passes ``cpu_limit`` CPU seconds, its wall time, the notebook's budget, or the
        kernel dies."""
        msg_id = self.kc.execute(code, silent=True, store_history=False, allow_stdin=True,
                                 stop_on_error=False)
        start = self.km.cpu_seconds()
        deadline = min(time.monotonic() + self._wall(cpu_limit), self.deadline)
        reply, idle, done = None, False, False
        while not (idle and done):
            try:
                messages = await self._messages(0.1)
            except Exception as error:  # noqa: BLE001 - an unreadable or oversized message
                await self.km.shutdown_kernel(now=True)
                raise Fault(tr("sent the grader a message it could not read ({error})").format(
                    error=error)) from None
            for channel, msg in messages:
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                content, kind = msg["content"], msg["msg_type"]
                if channel == "stdin" and kind == "input_request":
                    self.kc.input(callback(content.get("prompt", "")) if callback else "")
                elif kind == "display_data" and harness.MIME in content.get("data", {}):
                    reply = content["data"][harness.MIME]
                elif kind == "status" and content.get("execution_state") == "idle":
                    idle = True
                elif channel == "shell" and kind == "execute_reply":
                    done = True
            if idle and done:
                break
            used = self.km.cpu_seconds() - start
            if used > cpu_limit or time.monotonic() > deadline or self._check_budget():
                why = (tr(BUDGET_USED) if self.finished == OUT_OF_TIME else
                       tr("ran for more than {limit:g} s of CPU time (an infinite loop?)").format(
                           limit=cpu_limit) if used > cpu_limit else tr("did not finish in time"))
                await self.km.shutdown_kernel(now=True)
                raise Fault(why)
            if not await self.km.is_alive():
                raise Fault(tr(KERNEL_DIED))
        return reply

    def _request(self, request: dict) -> str:
        return f"__import__('sys').modules[{HARNESS!r}].serve({json.dumps(request)!r})"

    async def lookup(self, names: list[str]) -> dict[str, dict] | None:
        """See :meth:`nn_course.judge.Channel.lookup`."""
        if self.finished:
            return {}
        try:
            found = await self._exchange(self._request({"op": "lookup", "names": names}),
                                         self.call_cpu_seconds)
        except Fault:
            await self._restart()
            return {}
        if not isinstance(found, dict) or not all(isinstance(found.get(n), dict) for n in names):
            return None
        for entry in found.values():
            if entry.get("kind") == "value":
                entry["value"] = decode(harness.shown(entry.get("value")))
        return {name: found[name] for name in names}

    async def call(self, name: str, args: tuple, seconds: float,
                   allowed: int | None) -> Outcome:
        """See :meth:`nn_course.judge.Channel.call`."""
        if self.finished:
            return Outcome("error", f"{FAULT_NAME}: {self._not_run()}")
        functions: list = []  # call-backs, valid during this call only
        passed = PassedIn(allowed)

        def callable_data(function):
            if isinstance(function, StudentFunction):
                return {"function": function.__name__}
            closure = isinstance(function, ClosureOver)
            functions.append(function.function if closure else function)
            data = {"callback": len(functions) - 1}
            return {**data, "reads_argument": function.index} if closure else data

        def answer(prompt: str) -> str:
            try:
                request = json.loads(prompt)
                args = tuple(decode(request["args"]))
                kwargs = {str(k): v for k, v in decode(request["kwargs"]).items()}
                if problem := passed.count(args, kwargs):
                    return json.dumps({"error": problem})
                return json.dumps({"value": encode(quietly(functions[request["callback"]],
                                                           args, kwargs))})
            except Exception as error:  # noqa: BLE001 - reported to the student's code
                return json.dumps({"error": describe_error(error)})

        request = {"op": "call", "name": name, "args": encode(tuple(args), callable_data)}
        limit = max(self.call_cpu_seconds, self.call_cpu_factor * seconds)
        try:
            reply = await self._exchange(self._request(request), limit, answer)
        except Fault as fault:
            await self._restart()
            return Outcome("error", f"{FAULT_NAME}: {name} {fault}")
        if not isinstance(reply, dict) or reply.get("kind") not in ("value", "missing", "error"):
            return Outcome("error", f"{FAULT_NAME}: " + tr(
                "the call of {name} reported nothing the grader could read").format(name=name))
        if reply["kind"] != "value":
            return Outcome(reply["kind"], harness.shown(str(reply.get("value"))[:2000]))
        inputs = decode(reply.get("inputs"))
        return Outcome("value", decode(reply.get("value")),
                       inputs if isinstance(inputs, tuple) else None)

