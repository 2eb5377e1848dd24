"""The review workflow in a real browser: Playwright driving Debian's Chromium against the real
server (`kehoach review` in a subprocess), then `kehoach export` and a re-run of `kehoach run`.

Set KEHOACH_SCREENSHOTS=DIR to keep screenshots of the queue and the document view there
(the README's come from `KEHOACH_SCREENSHOTS=docs`).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kehoach.cli import main
from kehoach.review import ReviewFolder

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not CHROMIUM.exists(), reason="apt-get install chromium")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(outdir: Path):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kehoach.cli", "review", str(outdir), "--port", str(port),
                             "--no-browser", "--reviewer", "Lan"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert proc.poll() is None, proc.stderr.read()
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def page(server: str):
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 900})
        tab.set_default_timeout(15_000)
        yield tab
        browser.close()


def shot(page, name: str) -> None:
    where = os.environ.get("KEHOACH_SCREENSHOTS")
    if where:
        Path(where).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(where) / name))


def test_review_a_task_in_the_browser_then_export_and_rerun(server: str, page, outdir: Path, run_again,
                                                             tmp_path: Path) -> None:
    expect = playwright.expect
    page.goto(server + "/")
    expect(page.locator("table.queue tbody tr")).to_have_count(2)
    shot(page, "review-queue.png")
    page.get_by_role("link", name="308/KH-UBND").click()
    expect(page.locator("h1")).to_contain_text("308/KH-UBND")

    # Selecting a task highlights its source box on the page image (the tallest box: a task
    # whose lines run over a page break is boxed on its first page only, maybe one line).
    tasks = page.locator("form.item[id^='item-task-']")
    heights = [float((tasks.nth(i).get_attribute("data-box") or "0,0,0,0").split(",")[3]) for i in range(tasks.count())]
    task = tasks.nth(heights.index(max(heights)))
    task_id = task.get_attribute("id").removeprefix("item-")
    number = task.get_attribute("data-page")
    assert number and task.get_attribute("data-box")
    task.locator("textarea[name=description]").click()
    highlight = page.locator(f"#page-{number} .hl")
    expect(highlight).to_be_visible()
    expect(page.locator(".hl:visible")).to_have_count(1)
    box, image = highlight.bounding_box(), page.locator(f"#page-{number} img").bounding_box()
    left, top, width, height = map(float, task.get_attribute("data-box").split(","))
    assert box["x"] == pytest.approx(image["x"] + image["width"] * left / 100, abs=4)
    assert box["y"] == pytest.approx(image["y"] + image["height"] * top / 100, abs=4)
    assert box["width"] == pytest.approx(image["width"] * width / 100, abs=4)
    assert box["height"] == pytest.approx(image["height"] * height / 100, abs=4)
    assert box["width"] > 100 and box["height"] > 20  # a paragraph, not a speck
    expect(highlight).to_be_in_viewport()  # the page pane scrolled to it
    page.wait_for_function(f"document.querySelector('#page-{number} img').naturalWidth > 0")
    shot(page, "review-document.png")

    # Correct the lead agency; an impossible deadline is refused beside its field, in Vietnamese.
    task.locator("textarea[name=lead]").fill("Sở Nội vụ\nSở Khoa học và Công nghệ")
    task.locator("input[name=deadline]").fill("30/02/2026")
    task.get_by_role("button", name="Lưu").click()
    task = page.locator(f"#item-{task_id}")
    expect(task.locator("p.error[data-field=deadline]")).to_have_text("Ngày 30/02/2026 không tồn tại.")
    expect(task.locator("textarea[name=lead]")).to_have_value("Sở Nội vụ\nSở Khoa học và Công nghệ")  # kept
    assert ReviewFolder(outdir).log.entries() == []  # nothing half-saved

    task.locator("input[name=deadline]").fill("27/02/2026")
    task.locator("input[name=deadline]").press("Control+s")  # the save shortcut
    expect(page.locator(f"#item-{task_id} p.error")).to_have_count(0)
    expect(page.locator(f"#item-{task_id} input[name=deadline]")).to_have_value("27/02/2026")
    expect(page.locator(f"#item-{task_id} .itemid")).to_contain_text("đã sửa 2 lần")

    # Approve with the keyboard; the queue shows it approved, last.
    page.locator("body").press("Control+Enter")
    expect(page.locator("table.queue")).to_be_visible()
    last_row = page.locator("table.queue tbody tr").last
    expect(last_row).to_contain_text("308/KH-UBND")
    expect(last_row.locator(".badge")).to_have_text("Đã duyệt")

    # Export carries the correction; a re-run of `kehoach run` keeps it.
    assert main(["export", str(outdir), "-o", str(tmp_path / "exp")]) == 0
    exported = json.loads((tmp_path / "exp" / "kh-308-ha-noi_text-layer.pdf.json").read_text(encoding="utf-8"))
    corrected = next(t for t in exported["tasks"] if t["id"] == task_id)
    assert corrected["lead"] == ["Sở Nội vụ", "Sở Khoa học và Công nghệ"] and corrected["deadline"] == "2026-02-27"
    assert run_again(outdir, "--force") == 0
    page.goto(server + "/")
    page.get_by_role("link", name="308/KH-UBND").click()
    expect(page.locator(f"#item-{task_id} textarea[name=lead]")).to_have_value("Sở Nội vụ\nSở Khoa học và Công nghệ")
    expect(page.locator("#status")).to_have_text("Đã duyệt")


def test_next_flagged_item_shortcut_and_marked_tokens(server: str, page) -> None:
    expect = playwright.expect
    page.goto(server + "/?q=bac ninh")
    page.get_by_role("link", name="32/KH-UBND").click()
    flagged = page.locator("form.item.flagged")
    assert flagged.count() > 3
    expect(page.locator("form.item.flagged mark").first).to_be_visible()
    page.locator("body").press("n")
    expect(flagged.nth(0)).to_have_class("item flagged selected")
    page.locator("h1").click()
    page.locator("body").press("n")
    expect(flagged.nth(1)).to_have_class("item flagged selected")
    # A text input has no page image: the source lines of the selected item are marked instead.
    expect(page.locator("ol.lines li.on").first).to_be_visible()
