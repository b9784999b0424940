"""Every explorer of every student notebook, in a real JupyterLab: a slider moved by keyboard
changes the readout and the plot, and the plot has real content (counted drawn pixels)."""

import io

import numpy as np
import pytest
from matplotlib.image import imread

from nn_course.course import LANGUAGES, Course

ASSIGNMENTS = Course().assignments()


BLANK = 0.05  # empty axes with ticks, labels and a title draw about 3 % of the pixels


def drawn_fraction(png: bytes) -> float:
    """Fraction of pixels that differ from the image's most common (background) colour."""
    pixels = imread(io.BytesIO(png))[..., :3].reshape(-1, 3)
    colours, counts = np.unique(np.round(pixels * 255).astype(int), axis=0, return_counts=True)
    background = colours[np.argmax(counts)]
    return float(np.mean(np.any(np.abs(pixels * 255 - background) > 8, axis=1)))


def press_and_time(page, handle, image) -> float | None:
    """Press ArrowRight on a slider handle; ms from the keydown to the plot's new source (None if
    the plot did not change within 10 s)."""
    image.evaluate("""img => { window.__plotChanged = Promise.race([
        new Promise(resolve => new MutationObserver(() => resolve(performance.now()))
            .observe(img, {attributes: true, attributeFilter: ['src']})),
        new Promise(resolve => setTimeout(() => resolve(null), 10000))]); }""")
    handle.evaluate("h => h.addEventListener('keydown', () => { window.__keyDown ="
                    " performance.now(); }, {once: true, capture: true})")
    handle.press("ArrowRight")
    return page.evaluate("async () => { const t = await window.__plotChanged;"
                         " return t === null ? null : t - window.__keyDown; }")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_explorer_responds_to_its_sliders(lab_page, notebook_path, assignment, language,
                                                screenshots, capsys):
    page = lab_page.page
    lab_page.open(notebook_path(language, assignment))
    lab_page.run_all()
    assert lab_page.errors() == []
    explorers = lab_page.explorers()
    assert explorers, f"{assignment}: no explorer rendered"
    for index, explorer in enumerate(explorers):
        explorer.scroll_into_view_if_needed()
        image = explorer.locator("img.widget-image").first
        readout = explorer.locator(".widget-html-content").first
        handle = explorer.locator(".noUi-handle[role='slider']").first
        for button in explorer.locator("button").all()[:1]:  # a stepper: take a few steps first
            for _ in range(3):
                button.click()
            page.wait_for_timeout(300)
        before_png, before_src = image.screenshot(), image.get_attribute("src")
        before_text = readout.inner_text()
        assert drawn_fraction(before_png) > BLANK, f"explorer {index} starts blank"
        latencies = [press_and_time(page, handle, image) for _ in range(3)]
        assert None not in latencies, f"explorer {index}: a keypress did not change the plot"
        page.wait_for_timeout(300)  # let the last frame settle before the screenshot
        after_png = image.screenshot()
        assert readout.inner_text() != before_text, f"explorer {index}: readout did not change"
        assert image.get_attribute("src") != before_src, f"explorer {index}: plot not replaced"
        assert after_png != before_png, f"explorer {index}: plot looks the same"
        assert drawn_fraction(after_png) > BLANK, f"explorer {index}: blank after the change"
        name = f"{assignment}-explorer{index}" + ("" if language == "en" else f"-{language}")
        explorer.screenshot(path=str(screenshots / f"{name}.png"))
        with capsys.disabled():
            print(f"\n{assignment} ({language}) explorer {index}: keypress -> new plot "
                  f"{', '.join(f'{ms:.0f}' for ms in latencies)} ms")
