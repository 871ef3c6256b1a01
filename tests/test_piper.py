"""A few real renders with the bundled Piper voice."""

from __future__ import annotations

import numpy as np
import pytest

from briefing.config import load_profile
from briefing.speech import get_engine

pytestmark = pytest.mark.piper


def test_piper_speaks_a_short_sentence() -> None:
    role = load_profile("piper").role("narrator")
    audio = get_engine("piper").synthesize("NATO pledged more support for Ukraine.", role)
    assert audio.sample_rate == 22050
    samples = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float64) / 32768
    assert 1.2 < audio.seconds < 5.0
    assert np.sqrt(np.mean(samples**2)) > 0.02  # speech, not silence


def test_speed_changes_length() -> None:
    profile = load_profile("piper")
    engine = get_engine("piper")
    from dataclasses import replace

    role = replace(profile.role("narrator"), noise_w=0.0)  # no random durations
    text = "The council met on Tuesday to discuss air defenses."
    slow = engine.synthesize(text, replace(role, speed=0.8))
    fast = engine.synthesize(text, replace(role, speed=1.25))
    assert slow.seconds > fast.seconds * 1.3


def test_release_frees_memory_and_the_voice_still_speaks() -> None:
    def rss_mb() -> float:
        with open("/proc/self/statm") as stat:
            return int(stat.read().split()[1]) * 4096 / 2**20

    role = load_profile("piper").role("narrator")
    engine = get_engine("piper")
    words = "The ministers met again on Thursday to agree a new package of support. " * 3
    engine.synthesize(words.strip(), role)
    before = rss_mb()
    engine.release()  # type: ignore[attr-defined]
    assert rss_mb() < before - 30  # the arena kept its peak from the long sentence
    assert engine.synthesize("Still here.", role).seconds > 0.3


def test_optimized_voice_copy_is_kept_and_rebuilt_when_damaged(tmp_path) -> None:
    from briefing.speech.piper import BUNDLED_VOICE, _session, voice_files

    model, _ = voice_files(BUNDLED_VOICE)
    _session(model, tmp_path)
    kept = list(tmp_path.glob("*.onnx"))
    assert len(kept) == 1 and kept[0].stat().st_size > 1_000_000
    assert not list(tmp_path.glob(".tmp-*"))
    loaded = _session(model, tmp_path)  # from the kept copy
    assert [i.name for i in loaded.get_inputs()][:2] == ["input", "input_lengths"]
    kept[0].write_bytes(b"damaged")
    _session(model, tmp_path)
    assert kept[0].stat().st_size > 1_000_000


def test_voice_loads_when_its_optimized_copy_cannot_be_saved(tmp_path, monkeypatch) -> None:
    import onnxruntime

    from briefing.speech.piper import BUNDLED_VOICE, _session, voice_files

    real = onnxruntime.InferenceSession

    def disk_full(path, sess_options=None, **kwargs):
        if sess_options is not None and sess_options.optimized_model_filepath:
            raise RuntimeError("No space left on device")
        return real(path, sess_options=sess_options, **kwargs)

    monkeypatch.setattr(onnxruntime, "InferenceSession", disk_full)
    model, _ = voice_files(BUNDLED_VOICE)
    (tmp_path / "en_US-joe-medium-1-2-ort0.0.onnx").write_bytes(b"older")
    (tmp_path / "en_US-joe-medium-extra-1-2-ort0.0.onnx").write_bytes(b"another voice")
    assert _session(model, tmp_path).get_inputs()[0].name == "input"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "en_US-joe-medium-1-2-ort0.0.onnx",
        "en_US-joe-medium-extra-1-2-ort0.0.onnx",
    ]
    monkeypatch.setattr(onnxruntime, "InferenceSession", real)
    _session(model, tmp_path)  # saved now: the older copy of this voice goes, the other stays
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "en_US-joe-medium-1-2-ort0.0.onnx" not in names
    assert "en_US-joe-medium-extra-1-2-ort0.0.onnx" in names and len(names) == 2
