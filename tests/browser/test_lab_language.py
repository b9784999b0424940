"""JupyterLab in Spanish for the Spanish edition: with the language pack (the optional extra
``es``) and the locale chosen in Lab's settings, the menus are Spanish; the course's English
setup keeps English menus (the negative control)."""

SPANISH = {"@jupyterlab/translation-extension/plugin": {"locale": "es_ES"}}


def menu_labels(lab_page, path: str) -> list[str]:
    lab_page.open(path)
    return lab_page.page.locator(".lm-MenuBar-itemLabel").all_inner_texts()


def test_the_spanish_edition_opens_in_a_spanish_jupyterlab(lab_factory, page_on, serve,
                                                           notebook_path, screenshots):
    spanish = lab_factory(settings=SPANISH, prepare=lambda lab: serve(lab, "es"))
    lab_page = page_on(spanish)
    labels = menu_labels(lab_page, notebook_path("es", "01_perceptron"))
    assert {"Archivo", "Editar", "Ver", "Ayuda"} <= set(labels), labels
    assert "File" not in labels
    lab_page.page.screenshot(path=str(screenshots / "lab-es.png"))


def test_without_the_setting_the_menus_stay_english(lab_page, notebook_path):
    assert {"File", "Edit", "View", "Help"} <= set(menu_labels(lab_page, notebook_path(
        "en", "01_perceptron")))
