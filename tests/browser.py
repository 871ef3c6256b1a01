"""A headless Chromium driven over the DevTools protocol, and the npm-packaged checkers
(axe-core, the Nu HTML checker) the web player tests run. Whatever is missing is a skip with
its reason, never a silent pass."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

NPM_PACKAGES = ("axe-core@4", "vnu-jar@26")


def browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def npm_tools() -> Path:
    """A folder with axe-core and vnu-jar from npm (installed once per machine), or a skip."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm (Node.js) is not installed: axe-core and the Nu checker come from npm")
    root = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "briefing-tests"
    modules = root / "node_modules"
    if not (
        (modules / "axe-core" / "axe.min.js").is_file()
        and list(modules.glob("vnu-jar/build/dist/vnu.jar"))
    ):
        root.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            [
                npm,
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(root),
                *NPM_PACKAGES,
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0:
            pytest.skip(f"npm could not install {', '.join(NPM_PACKAGES)}: {result.stderr[-300:]}")
    return modules


class Page:
    """One tab of a headless Chromium: navigate, evaluate, press keys."""

    def __init__(self, profile: Path) -> None:
        import websocket

        self.process = subprocess.Popen(
            [
                browser() or "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--mute-audio",
                "--autoplay-policy=no-user-gesture-required",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                f"--user-data-dir={profile}",
                "--window-size=1000,800",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = profile / "DevToolsActivePort"
        for _ in range(300):
            if port_file.is_file() and port_file.read_text().strip():
                break
            time.sleep(0.05)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            targets = json.load(r)
        page = next(t for t in targets if t["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        self.ids = itertools.count(1)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        ident = next(self.ids)
        self.socket.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression: str, *, awaited: bool = False) -> Any:
        result = self.send(
            "Runtime.evaluate", expression=expression, awaitPromise=awaited, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 15) -> Any:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {expression}")

    def open(self, url: str) -> None:
        self.send("Page.enable")
        self.send("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete'")

    def press(self, code: str, *, shift: bool = False) -> None:
        keys = {
            "Space": (" ", 32),
            "Tab": ("Tab", 9),
            "Enter": ("Enter", 13),
            "ArrowLeft": ("ArrowLeft", 37),
            "ArrowRight": ("ArrowRight", 39),
        }
        key, vk = keys[code]
        text = {"Space": " ", "Enter": "\r"}.get(code)
        common = {
            "key": key,
            "code": code,
            "windowsVirtualKeyCode": vk,
            "modifiers": 8 if shift else 0,
        }
        self.send(
            "Input.dispatchKeyEvent",
            type="keyDown" if text else "rawKeyDown",
            text=text or "",
            **common,
        )
        self.send("Input.dispatchKeyEvent", type="keyUp", **common)

    def dark(self, on: bool = True) -> None:
        value = "dark" if on else "light"
        self.send(
            "Emulation.setEmulatedMedia",
            features=[{"name": "prefers-color-scheme", "value": value}],
        )

    def close(self) -> None:
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            self.process.wait(timeout=10)
