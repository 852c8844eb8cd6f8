// The console's only script besides Blazor's: the browser's time zone and the clipboard.
window.qrConsole = {
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
  copy: async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  },
};
