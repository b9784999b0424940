"""The blank-plot hazard (jupyterlab#19719, ipympl#610) stays fixed in plain `jupyter lab`.

JupyterLab's default sends widget messages over kernel subshells, so ipykernel 7 runs widget
callbacks on another thread while cells run on the main one, and matplotlib drawing from both at
once leaves plots blank or half drawn. The course installs a settings override turning that off.
The probe records which thread runs a slider's callback: the main thread with the course's
settings; the negative control re-enables subshells in the user settings (which win over the
override) and must see a subshell thread, proving the probe can fail.
"""

import nbformat

PROBE = [
    "import threading\nimport ipywidgets as widgets\nthreads = []\n"
    "probe = widgets.IntSlider(value=0, min=0, max=10)\n"
    "probe.observe(lambda change: threads.append(threading.current_thread().name), "
    "names='value')\nprobe",
    "print('callback threads:', sorted(set(threads)))",
]


def write_probe(lab):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(src) for src in PROBE])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, str(lab.work / "thread_probe.ipynb"))


def callback_threads(lab_page) -> str:
    lab_page.open("thread_probe.ipynb")
    lab_page.run_all()
    handle = lab_page.page.locator(".noUi-handle[role='slider']").first
    for _ in range(3):
        handle.press("ArrowRight")
    lab_page.page.wait_for_timeout(500)
    return lab_page.run_cell(1)


def test_slider_callbacks_run_on_the_main_thread(lab, page_on):
    write_probe(lab)
    assert callback_threads(page_on(lab)).strip() == "callback threads: ['MainThread']"


def test_probe_sees_subshell_threads_when_the_fix_is_overridden(lab_factory, page_on):
    subshells = {"@jupyterlab/apputils-extension/kernels-settings":
                 {"commsOverSubshells": "perCommTarget"}}
    unfixed = lab_factory(settings=subshells, prepare=write_probe)
    threads = callback_threads(page_on(unfixed)).strip()
    assert threads.startswith("callback threads: [") and "subshell" in threads, threads
