// Chapter links seek the player, the transcript follows playback, and new briefings appear.
"use strict";

function parseTime(text) {
  const parts = text.trim().split(":").map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
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

function setUpBriefing(article) {
  const audio = article.querySelector("audio");
  const chapterLinks = Array.from(article.querySelectorAll(".chapters a[data-start]"));
  for (const link of chapterLinks) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      audio.currentTime = Number(link.dataset.start);
      audio.play().catch(() => {});
    });
  }
  const list = article.querySelector(".transcript");
  let items = [];
  if (list && article.dataset.vtt) {
    fetch(article.dataset.vtt).then((r) => (r.ok ? r.text() : "")).then((text) => {
      list.textContent = "";
      items = parseVtt(text).map((cue) => {
        const li = document.createElement("li");
        if (cue.speaker) {
          const who = document.createElement("span");
          who.className = "speaker";
          who.textContent = cue.speaker + ":";
          li.appendChild(who);
        }
        li.appendChild(document.createTextNode(cue.text));
        li.addEventListener("click", () => { audio.currentTime = cue.start; });
        list.appendChild(li);
        return { cue, li };
      });
    }).catch(() => {});
  }
  audio.addEventListener("timeupdate", () => {
    const now = audio.currentTime;
    for (const link of chapterLinks) {
      const start = Number(link.dataset.start);
      const end = Number(link.dataset.end);
      link.classList.toggle("current", now >= start && now < end);
    }
    for (const { cue, li } of items) {
      const on = now >= cue.start && now < cue.end;
      if (on && !li.classList.contains("current")) li.scrollIntoView({ block: "nearest" });
      li.classList.toggle("current", on);
    }
  });
}

function watchFeed() {
  let last = null;
  const check = () => {
    const playing = Array.from(document.querySelectorAll("audio")).some((a) => !a.paused);
    fetch("feed.xml", { cache: "no-store" }).then((r) => (r.ok ? r.text() : null)).then((text) => {
      if (text === null) return;
      const items = (text.match(/<guid[^>]*>[^<]*<\/guid>/g) || []).join();
      if (last !== null && items !== last && !playing) window.location.reload();
      last = items;
    }).catch(() => {});
  };
  check();
  setInterval(check, 30000);
}

document.addEventListener("keydown", (event) => {
  if (event.code !== "Space" || event.target.closest("audio, button, a, input, textarea, summary")) return;
  const audio = document.querySelector("article.briefing audio");
  if (!audio) return;
  event.preventDefault();
  if (audio.paused) audio.play().catch(() => {}); else audio.pause();
});

document.querySelectorAll("article.briefing").forEach(setUpBriefing);
watchFeed();
