"""nbgrader's Lab panels load for the course without an error banner."""

import pytest

ERROR_BANNERS = ".alert-danger, .jp-Dialog-header:has-text('Error')"
# menu item -> (tab label, text the loaded panel shows)
PANELS = {
    "Assignment List": ("Assignments", "Released assignments"),
    "Formgrader": ("Formgrader", "01_perceptron"),
}


@pytest.mark.parametrize("panel", PANELS)
def test_panel_loads_without_errors(lab_page, panel, screenshots):
    page = lab_page.page
    tab_label, loaded_text = PANELS[panel]
    lab_page.open("01_perceptron/01_perceptron.ipynb")
    lab_page.menu("Nbgrader", panel)
    page.locator(".lm-TabBar-tabLabel", has_text=tab_label).first.wait_for(timeout=30_000)
    frames = [page.main_frame, *(f for f in page.frames if f != page.main_frame)]
    page.wait_for_function(
        "text => document.body.innerText.includes(text)"
        " || [...document.querySelectorAll('iframe')].some(f => f.contentDocument?.body"
        "?.innerText.includes(text))", arg=loaded_text, timeout=30_000)
    banners = [text for frame in frames for text in frame.locator(ERROR_BANNERS).all_inner_texts()
               if text.strip()]
    page.screenshot(path=str(screenshots / f"nbgrader-{panel.replace(' ', '-').lower()}.png"))
    assert banners == [], f"{panel} shows errors: {banners}"
