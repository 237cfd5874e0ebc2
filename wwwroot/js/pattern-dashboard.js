// Small browser helpers the Blazor components call through JS interop (as patternDashboard.*).
window.patternDashboard = (() => {
  // Offers text as a file download, e.g. an exported event log.
  function downloadFile(name, mime, text) {
    const url = URL.createObjectURL(new Blob([text], { type: mime }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // Puts text on the clipboard; false when the browser refuses (no permission, not a secure page).
  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  }

  function isTyping(element) {
    if (!element) return false;
    const tag = element.tagName;
    return element.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }

  // Space already presses a focused button, link or switch: the shortcut must not press it twice.
  function ownsSpace(element) {
    return !!element && !!element.closest && !!element.closest("button, a, [role=button], [role=switch], [role=menuitem]");
  }

  // Page-wide shortcuts: Space = play/pause, S = step, B = bookmark this moment. Returns an object whose dispose() removes them.
  function registerShortcuts(dotNetRef) {
    const onKeyDown = (event) => {
      if (event.ctrlKey || event.altKey || event.metaKey || isTyping(event.target)) return;
      if (event.key === " " && !ownsSpace(event.target)) {
        event.preventDefault();
        dotNetRef.invokeMethodAsync("OnShortcut", "toggle");
      } else if (event.key === "s" || event.key === "S") {
        event.preventDefault();
        dotNetRef.invokeMethodAsync("OnShortcut", "step");
      } else if (event.key === "b" || event.key === "B") {
        event.preventDefault();
        dotNetRef.invokeMethodAsync("OnShortcut", "bookmark");
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return { dispose: () => document.removeEventListener("keydown", onKeyDown) };
  }

  // SVG nodes act as buttons: Space must open them, not scroll the page.
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.key === " " && target instanceof SVGElement && target.getAttribute("role") === "button") {
      event.preventDefault();
    }
  });

  // A room's instructor key, kept per tab so a reload keeps control without the key in the address.
  function rememberRoomKey(code, key) {
    sessionStorage.setItem("pd-room-key:" + code, key);
  }

  function roomKey(code) {
    return sessionStorage.getItem("pd-room-key:" + code);
  }

  // Presenter mode: the page styles itself for a projector (app.css, html.presenter).
  function setPresenter(on) {
    document.documentElement.classList.toggle("presenter", !!on);
  }

  // Tells the page whether part of it (the first match of selector inside element, or element) is on screen, so
  // content nobody can see skips its renders. Returns an object whose dispose() stops watching.
  function watchOnScreen(element, selector, dotNetRef, method) {
    const target = (selector && element.querySelector(selector)) || element;
    const observer = new IntersectionObserver((entries) => {
      dotNetRef.invokeMethodAsync(method, entries[entries.length - 1].isIntersecting);
    });
    observer.observe(target);
    return { dispose: () => observer.disconnect() };
  }

  // Set once the layout has rendered interactively ("Server" or "WebAssembly"), for people's tools and the browser tests.
  function markInteractive(mode) {
    document.body.dataset.interactive = mode;
  }

  return { downloadFile, registerShortcuts, rememberRoomKey, roomKey, setPresenter, copyText, markInteractive, watchOnScreen };
})();
