// The page works without this script; with it: one briefing plays at a time, Space and the
// arrow keys control the one playing, speed and position are remembered in this browser,
// the next briefing follows, and the transcript follows playback and seeks when used.
"use strict";

const store = {
  get(key) { try { return window.localStorage.getItem("briefing:" + key); } catch (e) { return null; } },
  set(key, value) { try { window.localStorage.setItem("briefing:" + key, value); } catch (e) { /* private mode */ } },
  drop(key) { try { window.localStorage.removeItem("briefing:" + key); } catch (e) { /* private mode */ } },
};

const briefings = Array.from(document.querySelectorAll("article.briefing"));
const audios = briefings.map((article) => article.querySelector("audio"));
let current = null; // the briefing last played: what Space and the arrows control
// Players whose start has been handled. Two started in quick succession queue their "play"
// events; the earlier one's handler must not pause the later one, whose event is still to come.
const sounding = new Set();

function parseTime(text) {
  return text.trim().split(":").map(Number).reduce((total, part) => total * 60 + part, 0);
}

function parseVtt(text) {
  const cues = [];
  for (const block of text.replace(/\r/g, "").split("\n\n")) {
    const lines = block.split("\n");
    const timing = lines.findIndex((line) => line.includes("-->"));
    if (timing < 0) continue;
    const [start, end] = lines[timing].split("-->").map((t) => parseTime(t.split(" ").filter(Boolean)[0]));
    const raw = lines.slice(timing + 1).join(" ");
    const voice = raw.match(/^<v ([^>]+)>/);
    const words = raw.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    cues.push({ start, end, speaker: voice ? voice[1] : null, text: words });
  }
  return cues;
}

function clock(seconds) {
  const total = Math.max(0, Math.floor(seconds));
  const m = Math.floor(total / 60), s = String(total % 60).padStart(2, "0");
  return m + ":" + s;
}

function seek(audio, seconds) {
  const end = Number.isFinite(audio.duration) ? audio.duration : Infinity;
  audio.currentTime = Math.min(Math.max(0, seconds), end);
}

function play(audio) {
  audio.play().catch(() => {});
}

function speed() {
  const value = Number(store.get("speed"));
  return value >= 0.5 && value <= 3 ? value : 1;
}

function loadTranscript(article, audio) {
  const list = article.querySelector(".transcript");
  if (!list || !article.dataset.vtt) return [];
  const items = [];
  fetch(article.dataset.vtt).then((r) => (r.ok ? r.text() : "")).then((text) => {
    const cues = parseVtt(text);
    if (!cues.length) return;
    list.textContent = "";
    for (const cue of cues) {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "cue";
      button.setAttribute("aria-label", clock(cue.start) + ", " + (cue.speaker ? cue.speaker + ": " : "") + cue.text);
      if (cue.speaker) {
        const who = document.createElement("span");
        who.className = "speaker";
        who.textContent = cue.speaker + ":";
        button.appendChild(who);
      }
      button.appendChild(document.createTextNode(cue.text));
      button.addEventListener("click", () => { seek(audio, cue.start); play(audio); });
      li.appendChild(button);
      list.appendChild(li);
      items.push({ cue, li });
    }
  }).catch(() => {});
  return items;
}

function follow(list, items, now) {
  for (const { cue, li } of items) {
    const on = now >= cue.start && now < cue.end;
    if (on && !li.classList.contains("current") && list.closest("details").open) {
      // Scroll the transcript box only, never the window.
      const top = li.offsetTop - list.clientHeight / 3;
      list.scrollTo({ top: Math.max(0, top), behavior: "smooth" });
    }
    li.classList.toggle("current", on);
  }
}

function setUpBriefing(article, index) {
  const audio = audios[index];
  const key = "pos:" + audio.getAttribute("src");
  audio.defaultPlaybackRate = audio.playbackRate = speed();
  const controls = article.querySelector(".controls");
  if (controls) controls.hidden = false;
  for (const button of article.querySelectorAll("button[data-skip]")) {
    button.addEventListener("click", () => seek(audio, audio.currentTime + Number(button.dataset.skip)));
  }
  const chapterLinks = Array.from(article.querySelectorAll(".chapters a[data-start]"));
  for (const link of chapterLinks) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      seek(audio, Number(link.dataset.start));
      play(audio);
    });
  }
  const list = article.querySelector(".transcript");
  const items = loadTranscript(article, audio);

  audio.addEventListener("loadedmetadata", () => {
    const saved = Number(store.get(key));
    if (saved > 5 && saved < audio.duration - 10 && audio.currentTime < 1) audio.currentTime = saved;
  });
  audio.addEventListener("play", () => {
    current = audio;
    audio.playbackRate = speed();
    for (const other of sounding) if (other !== audio) other.pause();
    sounding.add(audio);
  });
  let saved = 0;
  audio.addEventListener("timeupdate", () => {
    const now = audio.currentTime;
    if (Math.abs(now - saved) >= 5) { store.set(key, String(Math.floor(now))); saved = now; }
    for (const link of chapterLinks) {
      const on = now >= Number(link.dataset.start) && now < Number(link.dataset.end);
      link.classList.toggle("current", on);
      if (on) link.setAttribute("aria-current", "true"); else link.removeAttribute("aria-current");
    }
    if (list) follow(list, items, now);
  });
  audio.addEventListener("pause", () => {
    sounding.delete(audio);
    if (!audio.ended) store.set(key, String(Math.floor(audio.currentTime)));
  });
  audio.addEventListener("ended", () => {
    sounding.delete(audio);
    store.drop(key);
    const next = audios[index + 1];
    const autonext = document.getElementById("autonext");
    if (next && (!autonext || autonext.checked)) { next.currentTime = 0; play(next); }
  });
}

function setUpSettings() {
  const settings = document.querySelector(".settings");
  if (!settings) return;
  settings.hidden = false;
  const select = document.getElementById("speed");
  const value = speed();
  if (!Array.from(select.options).some((o) => Number(o.value) === value)) select.add(new Option(value + "×", String(value)));
  for (const option of select.options) option.selected = Number(option.value) === value;
  select.addEventListener("change", () => {
    store.set("speed", select.value);
    for (const audio of audios) audio.defaultPlaybackRate = audio.playbackRate = Number(select.value);
  });
  const autonext = document.getElementById("autonext");
  autonext.checked = store.get("autonext") !== "no";
  autonext.addEventListener("change", () => store.set("autonext", autonext.checked ? "yes" : "no"));
}

document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || !audios.length) return;
  // Controls keep their own keys: buttons and links activate, selects and players use arrows.
  if (event.target.closest("audio, button, a, input, select, textarea, summary")) return;
  const audio = current || audios[0];
  if (event.code === "Space") {
    event.preventDefault();
    if (audio.paused) play(audio); else audio.pause();
  } else if (event.code === "ArrowLeft" || event.code === "ArrowRight") {
    event.preventDefault();
    seek(audio, audio.currentTime + (event.code === "ArrowLeft" ? -15 : 30));
  }
});

function watchFeed() {
  let last = null;
  const check = () => {
    const busy = audios.some((a) => !a.paused);
    fetch("feed.xml", { cache: "no-store" }).then((r) => (r.ok ? r.text() : null)).then((text) => {
      if (text === null) return;
      const items = (text.match(/<guid[^>]*>[^<]*<\/guid>/g) || []).join();
      if (last !== null && items !== last && !busy) window.location.reload();
      last = items;
    }).catch(() => {});
  };
  check();
  setInterval(check, 30000);
}

setUpSettings();
briefings.forEach(setUpBriefing);
watchFeed();
